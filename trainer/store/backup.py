"""`trainer backup`: a consistent copy of the data folder that is itself a valid data folder.

Each learner file is copied while its lock is held, so the copy is a whole version even while
people are learning. The copy is built under a hidden `.partial` name and renamed only when
complete, so a backup folder that exists is always finished. The backup is remembered in the
data folder so a damaged learner file can be restored from it at the next start-up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from trainer.store.atomic import NEW_FILE_MODE, fsync_folder, make_private_folder
from trainer.store.errors import NO_SPACE_ERRNOS, CorruptFileError, StoreError, StoreFullError
from trainer.store.folder import (
    CERTIFICATES,
    EMAIL_INDEX,
    IDENTITY,
    LEARNERS,
    POLICIES,
    STATE_FILE,
    DataFolder,
)
from trainer.store.learner_file import build_record, parse_tables, read_bytes
from trainer.store.ledger import LEDGER, LEDGER_LOCK
from trainer.store.locking import exclusive

MANIFEST = "manifest.json"
SkipCallback = Callable[[StoreError], None]


def backup_data_folder(root: Path, destination: Path, on_skip: SkipCallback | None = None) -> Path:
    """Copy `root` into a new `trainer-backup-<UTC time>` folder inside `destination`.

    A learner file that cannot be read raises `CorruptFileError` (nothing is kept) unless
    `on_skip` is given: then it is called and the rest is backed up. Returns the new folder.
    """
    folder = DataFolder(root)
    if not folder.learners_dir.is_dir():
        raise StoreError(f"{root} is not a trainer data folder (it has no '{LEARNERS}' folder).")
    if destination.resolve().is_relative_to(folder.learners_dir.resolve()):
        raise StoreError("A backup cannot be written inside the data folder's learners folder.")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    final = destination / f"trainer-backup-{stamp}"
    counter = 1
    while final.exists():
        counter += 1
        final = destination / f"trainer-backup-{stamp}-{counter}"
    partial = destination / f".{final.name}.partial"
    try:
        make_private_folder(destination)
        partial.mkdir(mode=0o700)
        (partial / LEARNERS).mkdir(mode=0o700)
        (partial / POLICIES).mkdir(mode=0o700)
    except OSError as error:
        raise _backup_failure(error, destination) from error
    try:
        _copy_into(folder, partial, stamp, on_skip)
        os.rename(partial, final)
        fsync_folder(destination)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise _backup_failure(error, destination) from error
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    folder.remember_backup(final.resolve())
    return final


def _copy_into(folder: DataFolder, partial: Path, stamp: str, on_skip: SkipCallback | None) -> None:
    root = folder.root
    manifest: dict[str, str] = {}

    def keep(relative: str, data: bytes) -> None:
        _write_durably(partial / relative, data)
        manifest[relative] = hashlib.sha256(data).hexdigest()

    learners = 0
    for learner_id in folder.learner_ids():
        path = folder.learner_path(learner_id)
        with exclusive(folder.learner_lock_path(learner_id), f"the progress of {learner_id!r}"):
            try:
                data = read_bytes(path, learner_id)
                build_record(parse_tables(data, path), path)
            except CorruptFileError as error:
                if on_skip is None:
                    raise
                on_skip(error)
                continue
        keep(f"{LEARNERS}/{path.name}", data)
        learners += 1
    for snapshot in sorted(folder.policies_dir.glob("*.txt")):
        keep(f"{POLICIES}/{snapshot.name}", snapshot.read_bytes())
    copied_identity = _copy_identity(root / IDENTITY, partial / IDENTITY, keep)
    certificates = _copy_certificates(root / CERTIFICATES, partial / CERTIFICATES, keep)
    with exclusive(folder.folder_lock_path, "the data folder's index"):
        for name in (STATE_FILE, EMAIL_INDEX):
            if (root / name).is_file():
                keep(name, (root / name).read_bytes())
    with exclusive(root / LEDGER_LOCK, "the acceptance ledger"):
        if (root / LEDGER).is_file():
            keep(LEDGER, (root / LEDGER).read_bytes())
    summary = {
        "format": "ambassador-trainer backup",
        "created_at": stamp,
        "source": str(root),
        "learners": learners,
        "sha256": manifest,
    }
    _write_durably(partial / MANIFEST, json.dumps(summary, indent=1).encode("utf-8"))
    for sub in (LEARNERS, POLICIES, *([IDENTITY] if copied_identity else []), *certificates, ""):
        fsync_folder(partial / sub)


def _copy_certificates(source: Path, target: Path, keep: Callable[[str, bytes], None]) -> list[str]:
    """The certificate secret and the register of issued codes: without the secret no code
    issued so far could be verified. Both are only ever replaced whole (rename), so a plain
    read gets a complete file. Returns the folders written, for fsync."""
    if not (source / "secret.key").is_file():
        return []
    target.mkdir(mode=0o700)
    (target / "issued").mkdir(mode=0o700)
    keep(f"{CERTIFICATES}/secret.key", (source / "secret.key").read_bytes())
    for path in sorted((source / "issued").glob("*.json")):
        try:
            keep(f"{CERTIFICATES}/issued/{path.name}", path.read_bytes())
        except FileNotFoundError:  # revoked and rewritten since the folder was listed
            continue
    return [CERTIFICATES, f"{CERTIFICATES}/issued"]


def _copy_identity(source: Path, target: Path, keep: Callable[[str, bytes], None]) -> bool:
    """Served mode's sign-in details (passphrase hashes, invite codes, roles), each file read
    under the lock its writer holds (`<name>.lock` beside it), so a restored backup still lets
    everyone sign in. Returns whether there was anything to copy."""
    if not source.is_dir():
        return False
    target.mkdir(mode=0o700)
    for path in sorted(source.glob("*.json")):
        with exclusive(path.with_suffix(".lock"), f"the sign-in details in {path.name}"):
            try:
                data = path.read_bytes()
            except FileNotFoundError:  # removed since the folder was listed
                continue
        keep(f"{IDENTITY}/{path.name}", data)
    return True


def _write_durably(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _backup_failure(error: OSError, destination: Path) -> StoreError:
    if error.errno in NO_SPACE_ERRNOS:
        return StoreFullError(
            f"The disk holding {destination} is full: the backup was not made (the unfinished "
            "copy was removed); the data folder itself is untouched. Free some space and retry."
        )
    return StoreError(
        f"The backup into {destination} failed ({error.strerror or error}); the unfinished copy "
        "was removed and the data folder itself is untouched."
    )
