"""The data folder: every learner's file, the small app-state files, policy snapshots, recovery.

Layout (see docs/operations.md)::

    <root>/learners/<learner-id>.json    one TinyDB file per learner
    <root>/learners/<learner-id>.lock    its lock file (empty; never deleted)
    <root>/policies/<sha256>.txt         the exact text of every policy version shown
    <root>/state.json                    last learner on this machine, backups made
    <root>/emails.json                   e-mail -> learner id index (rebuilt by `recover`)
    <root>/set-aside.json                learners whose damaged file was set aside, unrestored
    <root>/ledger.jsonl                  the acceptance ledger (`trainer.store.ledger`)
    <root>/folder.lock                   lock for creating learners and the small files

Lock order is always folder lock, then a learner's lock, so two processes never wait on each
other in a circle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.learning.records import LearnerProfile, LearnerRecord
from trainer.store import ledger
from trainer.store.atomic import is_temporary_name, make_private_folder, write_atomically
from trainer.store.errors import (
    CorruptFileError,
    LearnerExistsError,
    SetAsideError,
    StoreError,
    UnknownLearnerError,
)
from trainer.store.learner import LearnerStore
from trainer.store.learner_file import (
    build_record,
    check_owner,
    encode_tables,
    load_tables,
    parse_tables,
    read_record,
    read_record_unless,
)
from trainer.store.locking import exclusive
from trainer.store.schema import (
    POLICY,
    PROFILE,
    Document,
    Tables,
    meta_document,
    new_tables,
    ordered,
)

OutboxWriter = Callable[[str, Path, Tables], None]
"""(learner id, learner file, the transaction's tables): add new statements to the tables."""

LEARNER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
LEARNERS = "learners"
POLICIES = "policies"
IDENTITY = "identity"  # sign-in details of served mode, kept by trainer.identity
CERTIFICATES = "certificates"  # certificate secret and register, kept by trainer.certificates
STATE_FILE = "state.json"
EMAIL_INDEX = "emails.json"
SET_ASIDE = "set-aside.json"
FOLDER_LOCK = "folder.lock"
CORRUPT_MARK = ".corrupt-"
MAX_BACKUPS_REMEMBERED = 20

ErrorCallback = Callable[[StoreError], None]


@dataclass(frozen=True)
class RecoveryNotice:
    """Something start-up repaired that a person should hear about."""

    path: Path
    quarantined_as: Path | None
    restored_from: Path | None
    message: str


def normalised_email(email: str) -> str:
    return email.strip().casefold()


def validate_learner_id(learner_id: str) -> str:
    """Refuse anything that is not a plain learner id (no `..`, slashes or hidden names)."""
    if not isinstance(learner_id, str) or not LEARNER_ID.fullmatch(learner_id):
        raise UnknownLearnerError(f"{learner_id!r} is not a valid learner id.")
    return learner_id


class DataFolder:
    """All learners' data under one folder. Creating it does no I/O; folders appear on save."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        # Called inside every learner transaction that changes something, before it is
        # written: adds that learner's new xAPI statements to the file's outbox table.
        self.outbox: OutboxWriter | None = None

    def __repr__(self) -> str:
        return f"DataFolder({self.root})"

    # -- paths ---------------------------------------------------------------------------------

    @property
    def learners_dir(self) -> Path:
        return self.root / LEARNERS

    @property
    def policies_dir(self) -> Path:
        return self.root / POLICIES

    @property
    def folder_lock_path(self) -> Path:
        return self.root / FOLDER_LOCK

    def learner_path(self, learner_id: str) -> Path:
        return self.learners_dir / f"{validate_learner_id(learner_id)}.json"

    def learner_lock_path(self, learner_id: str) -> Path:
        return self.learners_dir / f"{validate_learner_id(learner_id)}.lock"

    def _ensure_folders(self) -> None:
        try:
            make_private_folder(self.learners_dir)
            make_private_folder(self.policies_dir)
        except OSError as error:
            raise StoreError(
                f"Could not create the data folder {self.root} ({error.strerror or error})."
            ) from error

    def _folder_lock(self) -> AbstractContextManager[None]:
        self._ensure_folders()
        return exclusive(self.folder_lock_path, "the data folder's index")

    # -- learners ------------------------------------------------------------------------------

    def learner_ids(self) -> list[str]:
        """Ids of every learner with a file, sorted."""
        try:
            names = os.listdir(self.learners_dir)
        except FileNotFoundError:
            return []
        ids = (name.removesuffix(".json") for name in names if name.endswith(".json"))
        return sorted(i for i in ids if LEARNER_ID.fullmatch(i))

    def learner(self, learner_id: str) -> LearnerStore:
        """The learner's store; `SetAsideError` if their file was damaged and set aside."""
        path = self.learner_path(learner_id)
        if not path.exists():
            aside = self.set_aside().get(learner_id)
            if aside is not None:
                raise aside
            raise UnknownLearnerError(f"There is no learner {learner_id!r} in this data folder.")
        return LearnerStore(self, learner_id)

    # -- learners set aside ----------------------------------------------------------------------
    # A damaged file that no backup could replace is moved aside, but the learner is not
    # forgotten: `set-aside.json` keeps them (id, e-mail, when, where the file went) and every
    # reader names them until `trainer restore` resolves it.

    def set_aside(self) -> dict[str, SetAsideError]:
        """Learners whose file is set aside and not restored yet, by id (read without a lock)."""
        found: dict[str, SetAsideError] = {}
        for learner_id, entry in (self._read_json(SET_ASIDE) or {}).items():
            if not LEARNER_ID.fullmatch(learner_id) or not isinstance(entry, dict):
                continue
            email = entry.get("email")
            moved_to = entry.get("moved_to")
            found[learner_id] = SetAsideError(
                learner_id,
                email if isinstance(email, str) else None,
                str(entry.get("set_aside_at", "")),
                moved_to if isinstance(moved_to, str) else None,
            )
        return found

    def _set_learner_aside(self, learner_id: str, moved: Path) -> None:
        """Remember a learner whose file was moved aside (caller holds the folder lock)."""
        index = self._read_json(EMAIL_INDEX) or {}
        email = next((key for key, owner in index.items() if owner == learner_id), None)
        entries = self._read_json(SET_ASIDE) or {}
        entries[learner_id] = {
            "email": email,
            "set_aside_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "moved_to": moved.name,
        }
        self._write_json(SET_ASIDE, entries)

    def _forget_set_aside(self, learner_id: str) -> None:
        """The learner's record is back (caller holds the folder lock)."""
        entries = self._read_json(SET_ASIDE) or {}
        if entries.pop(learner_id, None) is not None:
            self._write_json(SET_ASIDE, entries)

    def _set_aside_emails(self) -> dict[str, str]:
        return {
            normalised_email(aside.email): learner_id
            for learner_id, aside in self.set_aside().items()
            if aside.email is not None and not self.learner_path(learner_id).exists()
        }

    def create_learner(self, profile: LearnerProfile) -> LearnerStore:
        """Register a new learner; the id and the e-mail address (any case) must be unused."""
        with self._folder_lock():
            store = LearnerStore(self, validate_learner_id(profile.learner_id))
            if store.path.exists() or profile.learner_id in self.set_aside():
                raise LearnerExistsError(f"A learner with the id {profile.learner_id!r} exists.")
            owner = self._email_owner(profile.email)
            if owner is not None:
                raise LearnerExistsError(
                    f"The e-mail address {profile.email} is already used by learner {owner!r}."
                )
            self._index_email(profile.email, profile.learner_id)
            tables = new_tables(profile.learner_id)
            tables[PROFILE]["1"] = profile.model_dump(mode="json")
            if self.outbox is not None:  # forwarding: the enrolment's statement with the file
                self.outbox(profile.learner_id, store.path, tables)
            with exclusive(store.lock_path, f"the progress of {profile.learner_id!r}"):
                write_atomically(store.path, encode_tables(tables))
        return store

    def new_learner_id(self, name: str, email: str) -> str:
        """A fresh, valid id such as `anna-kowalska-3f9a` from the e-mail's local part."""
        base = _slug(email.split("@", 1)[0]) or _slug(name) or "learner"
        base = base[:40].rstrip("-_") or "learner"
        aside = self.set_aside()  # their ids stay theirs until they are restored
        while True:
            candidate = f"{base}-{secrets.token_hex(2)}"
            if not self.learner_path(candidate).exists() and candidate not in aside:
                return candidate

    def find_learner_by_email(self, email: str) -> str | None:
        """The id of the learner registered with `email` (case-insensitive), if any."""
        if not self.learners_dir.is_dir():
            return None
        if self._read_json(EMAIL_INDEX) is None:  # rebuild it without racing a new learner
            with self._folder_lock():
                return self._email_owner(email)
        return self._email_owner(email)

    def read_all(
        self,
        on_error: ErrorCallback | None = None,
        passed_over: Callable[[Document], bool] | None = None,
    ) -> Iterator[LearnerRecord]:
        """Every learner's record, one at a time, in id order (for exports).

        A file that cannot be read raises its `StoreError` (the message names the file) unless
        `on_error` is given: then `on_error(error)` is called and the learner is skipped. A
        learner whose file is set aside counts as unreadable (`SetAsideError`), in id order.
        A learner removed while the export runs is skipped silently. `passed_over(profile)`,
        given the stored profile document, may leave a learner out before their record is
        validated (an export filtered by team); their file is still read and checked.
        """
        aside = self.set_aside()
        files = self.learner_ids()
        folder = self.learners_dir  # ids come from its listing, checked by learner_ids()
        prefix = f"{folder}{os.sep}"
        for learner_id in sorted({*files, *aside}) if aside else files:
            if learner_id in aside and not self.learner_path(learner_id).exists():
                if on_error is None:
                    raise aside[learner_id]
                on_error(aside[learner_id])
                continue
            try:
                if passed_over is None:
                    yield read_record(folder / f"{learner_id}.json", learner_id)
                else:
                    record = read_record_unless(
                        f"{prefix}{learner_id}.json", learner_id, passed_over
                    )
                    if record is not None:
                        yield record
            except UnknownLearnerError:
                continue
            except StoreError as error:
                if on_error is None:
                    raise
                on_error(error)

    def remove_learner(self, learner_id: str) -> list[Path]:
        """Delete everything under `learners/` that is this learner's, for an erasure request:
        their file, copies set aside as damaged, unfinished saves, their e-mail index entry
        and the "last learner" pointer. Returns the files removed."""
        validate_learner_id(learner_id)
        removed: list[Path] = []
        with self._folder_lock():
            with exclusive(self.learner_lock_path(learner_id), f"the progress of {learner_id!r}"):
                own = f"{learner_id}.json"
                for path in sorted(self.learners_dir.iterdir()):
                    name = path.name
                    ours = name == own or name.startswith(own + CORRUPT_MARK)
                    if ours or is_temporary_name(name, own):
                        path.unlink(missing_ok=True)
                        removed.append(path)
            index = self._read_json(EMAIL_INDEX)
            if index is not None:
                kept = {k: v for k, v in index.items() if v != learner_id}
                if kept != index:
                    self._write_json(EMAIL_INDEX, kept)
            state = self._read_json(STATE_FILE)
            if state is not None and state.get("last_learner_id") == learner_id:
                state["last_learner_id"] = None
                self._write_json(STATE_FILE, state)
        self.learner_lock_path(learner_id).unlink(missing_ok=True)
        return removed

    def change_profile(self, store: LearnerStore, profile: LearnerProfile) -> None:
        """Save `profile`, keeping e-mail addresses unique (for `LearnerStore.update_profile`)."""
        with self._folder_lock():
            owner = self._email_owner(profile.email)
            if owner is not None and owner != store.learner_id:
                raise LearnerExistsError(
                    f"The e-mail address {profile.email} is already used by learner {owner!r}."
                )
            self._index_email(profile.email, store.learner_id)
            old_email = store._write_profile(profile)
            if old_email is not None and normalised_email(old_email) != normalised_email(
                profile.email
            ):
                index = self._read_json(EMAIL_INDEX) or {}
                index.pop(normalised_email(old_email), None)
                self._write_json(EMAIL_INDEX, index)

    # -- e-mail index ----------------------------------------------------------------------------
    # The index may hold stale entries (a crash between its save and the learner's), never miss
    # a live one: an entry is written before the profile and trusted only if the profile agrees.

    def _email_owner(self, email: str) -> str | None:
        """Look `email` up; rebuilds a missing index, so callers hold the folder lock then."""
        key = normalised_email(email)
        index = self._read_json(EMAIL_INDEX)
        if index is None:
            index = self._rebuild_email_index()
        learner_id = index.get(key)
        if not isinstance(learner_id, str) or not LEARNER_ID.fullmatch(learner_id):
            return None
        try:
            tables = load_tables(self.learner_path(learner_id), learner_id)
        except UnknownLearnerError:
            return learner_id if learner_id in self.set_aside() else None  # still theirs
        except CorruptFileError:
            return learner_id  # unreadable, but the address stays taken until recovery
        profiles = ordered(tables[PROFILE])
        if profiles and normalised_email(str(profiles[-1].get("email", ""))) == key:
            return learner_id
        return None

    def _index_email(self, email: str, learner_id: str) -> None:
        index = self._read_json(EMAIL_INDEX) or {}
        index[normalised_email(email)] = learner_id
        self._write_json(EMAIL_INDEX, index)

    def _rebuild_email_index(self, known: dict[str, str] | None = None) -> dict[str, Any]:
        index: dict[str, Any] = self._set_aside_emails()
        if known is not None:
            index.update(known)
        else:
            for learner_id in self.learner_ids():
                try:
                    tables = load_tables(self.learner_path(learner_id), learner_id)
                except StoreError:
                    continue
                profiles = ordered(tables[PROFILE])
                if profiles:
                    index[normalised_email(str(profiles[-1].get("email", "")))] = learner_id
        if self.root.exists():
            self._write_json(EMAIL_INDEX, index)
        return index

    # -- small app-state files ---------------------------------------------------------------

    def _read_json(self, name: str) -> dict[str, Any] | None:
        """A small JSON file; `None` if missing or unreadable (`recover` reports the latter)."""
        try:
            value = json.loads((self.root / name).read_bytes())
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def _write_json(self, name: str, value: dict[str, Any]) -> None:
        self._ensure_folders()
        data = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        write_atomically(self.root / name, data)

    def last_learner_id(self) -> str | None:
        """Who used the app last on this machine (so it can offer "Continue as ...")."""
        value = (self._read_json(STATE_FILE) or {}).get("last_learner_id")
        return value if isinstance(value, str) and LEARNER_ID.fullmatch(value) else None

    def set_last_learner_id(self, learner_id: str | None) -> None:
        if learner_id is not None:
            validate_learner_id(learner_id)
        with self._folder_lock():
            state = self._read_json(STATE_FILE) or {}
            state["last_learner_id"] = learner_id
            self._write_json(STATE_FILE, state)

    def remember_backup(self, backup: Path) -> None:
        """Note a finished backup so `recover` can restore a damaged file from it."""
        with self._folder_lock():
            state = self._read_json(STATE_FILE) or {}
            known = [str(p) for p in state.get("backups", []) if str(p) != str(backup)]
            state["backups"] = [*known, str(backup)][-MAX_BACKUPS_REMEMBERED:]
            self._write_json(STATE_FILE, state)

    def known_backups(self) -> list[Path]:
        """Backups made of this folder, newest first."""
        entries = (self._read_json(STATE_FILE) or {}).get("backups", [])
        return [Path(str(entry)) for entry in reversed(entries) if isinstance(entry, str)]

    # -- policy snapshots ----------------------------------------------------------------------

    def policy_snapshot_path(self, sha256: str) -> Path:
        if not SHA256_HEX.fullmatch(sha256):
            raise StoreError(f"{sha256!r} is not a SHA-256 hex digest.")
        return self.policies_dir / f"{sha256}.txt"

    def save_policy_snapshot(self, sha256: str, text: str) -> None:
        """Keep the exact text a learner was shown; `text` must hash (as UTF-8) to `sha256`."""
        path = self.policy_snapshot_path(sha256)
        data = text.encode("utf-8")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreError(
                "The policy text does not match its SHA-256 (it must be the file's exact UTF-8 "
                "text, without newline conversion); the snapshot was not saved."
            )
        if path.exists() and path.read_bytes() == data:
            return
        self._ensure_folders()
        write_atomically(path, data)

    def policy_snapshot(self, sha256: str) -> str | None:
        try:
            return self.policy_snapshot_path(sha256).read_bytes().decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"Could not read the policy snapshot {sha256} ({error}).") from error

    # -- start-up recovery -----------------------------------------------------------------------

    def recover(self) -> list[RecoveryNotice]:
        """Repair what a crash or damage left behind, before the app reads anything.

        Removes temporary files of saves that never finished (silently: the saved version is
        intact), moves every learner file that does not parse aside as
        `<name>.corrupt-<timestamp>` and restores it from the newest backup that holds a good
        copy. Returns one notice per damaged file, for the person at the keyboard.

        To keep start-up fast with thousands of learners this checks that each file parses
        and has the layout of a learner file; a file that parses but no longer fits the record
        models (a bad hand edit) raises `CorruptFileError` on `read`, and
        `recover_learner` then handles that one learner the same way.
        """
        if not self.learners_dir.exists() or self._nothing_to_recover():
            return []
        notices: list[RecoveryNotice] = []
        emails: dict[str, str] = {}
        with self._folder_lock():
            _remove_temporaries(self.root, STATE_FILE, EMAIL_INDEX)
            _remove_temporaries(self.policies_dir, None)
            notices.extend(self._recover_small_file(STATE_FILE))
            temporaries = self._temporaries_by_learner()
            for learner_id in sorted({*self.learner_ids(), *temporaries}):
                notice, email = self._recover_one(
                    learner_id, temporaries.get(learner_id, []), thorough=False
                )
                if notice is not None:
                    notices.append(notice)
                if email is not None:
                    emails[email] = learner_id
            self._rebuild_email_index(emails)
        return notices

    def _nothing_to_recover(self) -> bool:
        """Whether `recover` would change nothing, found without a lock and without writing.

        That is the usual start-up, and then it costs only reads: no lock (taking one is a
        write), no rewritten e-mail index (a durable write is an fsync). Anything found to
        repair sends `recover` down its locked path, which checks everything again.
        """
        for folder, targets in (
            (self.root, (STATE_FILE, EMAIL_INDEX)),
            (self.policies_dir, (None,)),
        ):
            try:
                names = [path.name for path in folder.iterdir()]
            except FileNotFoundError:
                continue
            if any(is_temporary_name(name, target) for name in names for target in targets):
                return False
        if (self.root / STATE_FILE).exists() and self._read_json(STATE_FILE) is None:
            return False
        if self._temporaries_by_learner():
            return False
        emails: dict[str, str] = self._set_aside_emails()
        for learner_id in self.learner_ids():
            try:
                emails[_checked_email(LearnerStore(self, learner_id), thorough=False)] = learner_id
            except StoreError:
                return False
        return self._read_json(EMAIL_INDEX) == emails

    def recover_learner(self, learner_id: str) -> RecoveryNotice | None:
        """Fully check one learner's file (every record) and repair it like `recover` does."""
        with self._folder_lock():
            stale = self._temporaries_by_learner().get(validate_learner_id(learner_id), [])
            notice, email = self._recover_one(learner_id, stale, thorough=True)
            if email is not None:
                self._index_email(email, learner_id)
        return notice

    def _recover_one(
        self, learner_id: str, stale: list[Path], *, thorough: bool
    ) -> tuple[RecoveryNotice | None, str | None]:
        """Check one learner; return a notice if it was repaired, and its e-mail key.

        A file with nothing to clean up that reads fine needs no lock (readers never do); the
        learner's lock is taken only to remove or repair something, and the check is redone
        under it.
        """
        store = LearnerStore(self, learner_id)
        if not stale:
            try:
                return None, _checked_email(store, thorough=thorough)
            except UnknownLearnerError:
                return None, None
            except StoreError:
                pass
        with exclusive(store.lock_path, f"the progress of {learner_id!r}"):
            for path in stale:
                path.unlink(missing_ok=True)
            if not store.path.exists():
                return None, None
            notice = None
            try:
                email = _checked_email(store, thorough=thorough)
            except CorruptFileError as error:
                notice = self._quarantine_and_restore(learner_id, str(error))
                if notice.restored_from is None:
                    return notice, None
                email = _checked_email(store, thorough=True)
            except StoreError as error:  # e.g. written by a newer version: leave it be
                return RecoveryNotice(store.path, None, None, str(error)), None
        return notice, email

    def _temporaries_by_learner(self) -> dict[str, list[Path]]:
        """Temporary files in `learners/`, grouped by the learner whose save left them."""
        found: dict[str, list[Path]] = {}
        for path in self.learners_dir.iterdir():
            if is_temporary_name(path.name):
                target = path.name[1:].rsplit(".", 2)[0]
                learner_id = target.removesuffix(".json")
                if LEARNER_ID.fullmatch(learner_id):
                    found.setdefault(learner_id, []).append(path)
        return found

    def _recover_small_file(self, name: str) -> list[RecoveryNotice]:
        path = self.root / name
        if not path.exists() or self._read_json(name) is not None:
            return []
        moved = _quarantine(path)
        return [
            RecoveryNotice(
                path,
                moved,
                None,
                f"The app-state file {name} was damaged and was moved aside as {moved.name}; "
                "the app starts without remembering the last learner. No progress was lost.",
            )
        ]

    def _quarantine_and_restore(self, learner_id: str, reason: str) -> RecoveryNotice:
        path = self.learner_path(learner_id)
        moved = _quarantine(path)
        for backup in self.known_backups():
            candidate = backup / LEARNERS / path.name
            try:
                data = candidate.read_bytes()
                record = build_record(parse_tables(data, candidate), candidate)
            except (OSError, StoreError):
                continue
            if record.profile.learner_id != learner_id:
                continue
            write_atomically(path, data)
            tables = parse_tables(data, candidate)
            file_id = meta_document(tables).get("file_id")
            ledger.append_restore(
                self.root,
                learner_id,
                file_id if isinstance(file_id, str) else None,
                [str(doc.get("record_hash")) for doc in ordered(tables[POLICY])],
                str(backup),
            )
            return RecoveryNotice(
                path,
                moved,
                candidate,
                f"The progress file of learner {learner_id!r} was damaged ({reason}). It was "
                f"moved aside as {moved.name} and restored from the backup in {backup}; anything "
                "done after that backup must be done again.",
            )
        self._set_learner_aside(learner_id, moved)
        return RecoveryNotice(
            path,
            moved,
            None,
            f"The progress file of learner {learner_id!r} was damaged ({reason}). It was moved "
            f"aside as {moved.name}; no backup holds this learner, so their progress could not "
            "be restored. They stay listed as set aside (verify, exports, the dashboard) until "
            "a coordinator runs `trainer restore`; see 'Restoring a learner' in "
            "docs/operations.md.",
        )


def _checked_email(store: LearnerStore, *, thorough: bool) -> str:
    """The learner's e-mail key, after checking the file parses (and validates, if thorough)."""
    if thorough:
        return normalised_email(store.read().profile.email)
    tables = load_tables(store.path, store.learner_id)
    check_owner(tables, store.path, store.learner_id)
    profiles = ordered(tables[PROFILE])
    if not profiles or not isinstance(profiles[-1].get("email"), str):
        raise CorruptFileError(f"{store.path.name} has no learner profile.", store.path)
    return normalised_email(profiles[-1]["email"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-_")


def _remove_temporaries(folder: Path, *target_names: str | None) -> None:
    """Delete temporary files of unfinished saves (caller holds the lock of their targets)."""
    try:
        paths = list(folder.iterdir())
    except FileNotFoundError:
        return
    for path in paths:
        if any(is_temporary_name(path.name, target) for target in target_names):
            path.unlink(missing_ok=True)


def _quarantine(path: Path) -> Path:
    """Rename a damaged file to `<name>.corrupt-<UTC timestamp>` (never overwriting one)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{counter}")
    path.rename(target)
    return target
