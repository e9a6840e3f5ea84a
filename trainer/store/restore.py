"""`trainer restore`: put one learner's record back from a backup or from their set-aside file.

Runs under the folder's lock and the learner's lock, like every writer, so it is safe while
`trainer serve` or learner apps run: the next read anywhere sees the restored record (nothing
caches a record across reads). The copy is checked before anything changes: it must read, hold
this learner's record and have an intact policy chain. A damaged current file is moved aside
first (never deleted); a readable one is refused, since restoring would replace progress.
The restore is noted in the acceptance ledger, so `trainer verify` reports decisions made after
the copy as lost by this restore rather than as deleted by someone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from trainer.store import ledger
from trainer.store.atomic import write_atomically
from trainer.store.errors import CorruptFileError, StoreError, UnknownLearnerError
from trainer.store.folder import (
    CORRUPT_MARK,
    EMAIL_INDEX,
    LEARNERS,
    DataFolder,
    _quarantine,
    normalised_email,
    validate_learner_id,
)
from trainer.store.learner_file import build_record, check_owner, parse_tables, read_record
from trainer.store.locking import exclusive
from trainer.store.schema import POLICY, meta_document, ordered


class RestoreError(StoreError):
    """The restore was refused; nothing was changed. `str(e)` says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    learner_id: str
    email: str
    source: Path
    decisions: int  # policy decisions in the restored record
    moved_aside: Path | None  # the damaged current file, kept under a `.corrupt-` name
    lost: int  # decisions acknowledged in the ledger that the restored copy does not hold


def restore_learner(
    root: Path, who: str, *, backup: Path | None = None, from_quarantine: bool = False
) -> RestoreResult:
    """Restore the learner named by `who` (e-mail address or learner id); see the module doc."""
    if (backup is None) == (not from_quarantine):
        raise RestoreError("Say where to restore from: a backup folder or the set-aside file.")
    folder = DataFolder(root)
    if not folder.learners_dir.is_dir():
        raise RestoreError(f"{root} is not a trainer data folder (it has no '{LEARNERS}' folder).")
    with folder._folder_lock():
        learner_id = _learner_id(folder, who, backup)
        path = folder.learner_path(learner_id)
        source = (
            _backup_copy(backup, path.name, learner_id)
            if backup is not None
            else _newest_set_aside_copy(folder, learner_id)
        )
        data, chain = _checked_copy(source, learner_id)
        with exclusive(folder.learner_lock_path(learner_id), f"the progress of {learner_id!r}"):
            moved = _move_damaged_file_aside(path, learner_id)
            write_atomically(path, data)
            record = read_record(path, learner_id)
            file_id = meta_document(parse_tables(data, path)).get("file_id")
            ledger.append_restore(
                root,
                learner_id,
                file_id if isinstance(file_id, str) else None,
                chain,
                str(source),
            )
        folder._forget_set_aside(learner_id)
        folder._index_email(record.profile.email, learner_id)
    lost = _lost_decisions(root, learner_id, chain)
    return RestoreResult(learner_id, record.profile.email, source, len(chain), moved, lost)


def _learner_id(folder: DataFolder, who: str, backup: Path | None) -> str:
    if "@" not in who:
        try:
            return validate_learner_id(who.strip())
        except UnknownLearnerError:
            raise RestoreError(f"{who!r} is neither an e-mail address nor a learner id.") from None
    found = folder._email_owner(who)  # the index still names set-aside learners
    if found is None and backup is not None:
        found = _backup_email_owner(backup, who)
    if found is None:
        raise RestoreError(
            f"No learner with the e-mail address {who} is known in this data folder"
            + (" or in the backup." if backup is not None else ".")
        )
    return found


def _backup_email_owner(backup: Path, email: str) -> str | None:
    try:
        index = json.loads((backup / EMAIL_INDEX).read_bytes())
    except (OSError, ValueError):
        return None
    owner = index.get(normalised_email(email)) if isinstance(index, dict) else None
    return owner if isinstance(owner, str) else None


def _backup_copy(backup: Path, name: str, learner_id: str) -> Path:
    """The learner's file in `backup`, or in the newest `trainer-backup-*` inside it holding one
    (so the folder `trainer backup` was given works as well as one backup it made)."""
    if not (backup / LEARNERS).is_dir():
        made = sorted(
            (p for p in backup.glob("trainer-backup-*") if (p / LEARNERS / name).is_file()),
            key=lambda p: p.name,
        )
        if made:
            return made[-1] / LEARNERS / name
        raise RestoreError(
            f"{backup} is not a trainer backup (it has no '{LEARNERS}' folder) and holds no "
            f"backup of learner {learner_id!r}."
        )
    candidate = backup / LEARNERS / name
    if not candidate.is_file():
        raise RestoreError(f"The backup in {backup} holds no record of learner {learner_id!r}.")
    return candidate


def _newest_set_aside_copy(folder: DataFolder, learner_id: str) -> Path:
    prefix = f"{learner_id}.json{CORRUPT_MARK}"
    copies = sorted(
        (p for p in folder.learners_dir.iterdir() if p.name.startswith(prefix)),
        key=lambda p: p.stat().st_mtime_ns,
    )
    if not copies:
        raise RestoreError(f"No set-aside file of learner {learner_id!r} is in the data folder.")
    return copies[-1]


def _checked_copy(source: Path, learner_id: str) -> tuple[bytes, list[str]]:
    """The copy's bytes and its decisions' hashes, if it is a whole, untampered record."""
    from trainer.store.verify import chain_findings

    try:
        data = source.read_bytes()
        tables = parse_tables(data, source)
        check_owner(tables, source, learner_id)
        build_record(tables, source)
    except OSError as error:
        raise RestoreError(f"Could not read {source} ({error.strerror or error}).") from error
    except CorruptFileError as error:
        raise RestoreError(
            f"{source} cannot be restored: {error} Nothing was changed; try a backup."
        ) from None
    broken = chain_findings(source, learner_id, tables)
    if broken:
        raise RestoreError(
            f"{source} cannot be restored: its policy evidence was altered "
            f"({broken[0].message}). Nothing was changed."
        )
    return data, [str(doc.get("record_hash")) for doc in ordered(tables[POLICY])]


def _move_damaged_file_aside(path: Path, learner_id: str) -> Path | None:
    if not path.exists():
        return None
    try:
        read_record(path, learner_id)
    except CorruptFileError:
        return _quarantine(path)
    raise RestoreError(
        f"The record of learner {learner_id!r} reads fine: restoring would replace their "
        "progress, so nothing was changed. To go back to a copy anyway, first move their "
        "file out of the learners folder (keep it), then run the restore again."
    )


def _lost_decisions(root: Path, learner_id: str, chain: list[str]) -> int:
    acknowledged = {
        entry.record_hash
        for entry in ledger.read_ledger(root).entries
        if entry.learner_id == learner_id and entry.kind == "decision"
    }
    return len(acknowledged - set(chain))
