"""One learner's file: every change is one locked, atomic, durable transaction.

A transaction takes the learner's lock, reads the whole file, runs TinyDB on an in-memory
`TransactionStorage`, and writes the result with `write_atomically`. The method returns only
after the new version is on disk. No TinyDB object outlives its transaction, so a process never
works from a stale copy, and reads need no lock because the file is always a whole version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    Position,
    QuizAttempt,
    UtcTime,
)
from trainer.store import chain
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.learner_file import encode_tables, load_tables, read_record
from trainer.store.locking import exclusive
from trainer.store.schema import (
    ANSWERS,
    ATTEMPTS,
    MODULES,
    POLICY,
    POSITION,
    PROFILE,
    Tables,
    meta_document,
    ordered,
)

if TYPE_CHECKING:
    from trainer.store.folder import DataFolder


class TransactionStorage(Storage):
    """A TinyDB storage holding one transaction's tables in memory; the caller commits them."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.changed = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.changed = True


class LearnerStore:
    """Reads and saves one learner's record. Obtain it from `DataFolder.learner`."""

    def __init__(self, folder: DataFolder, learner_id: str) -> None:
        self.folder = folder
        self.learner_id = learner_id
        self.path: Path = folder.learner_path(learner_id)
        self.lock_path: Path = folder.learner_lock_path(learner_id)

    def __repr__(self) -> str:
        return f"LearnerStore({self.path})"

    def read(self) -> LearnerRecord:
        """The whole record as saved by the last finished transaction (no lock needed)."""
        return read_record(self.path, self.learner_id)

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A TinyDB over this learner's file; its changes are saved when the block ends cleanly."""
        with exclusive(self.lock_path, f"the progress of {self.learner_id!r}"):
            storage = TransactionStorage(load_tables(self.path, self.learner_id))
            yield TinyDB(storage=lambda: storage)
            if storage.changed:
                if self.folder.outbox is not None:  # forwarding: the step's statements too
                    self.folder.outbox(self.learner_id, self.path, storage.tables)
                write_atomically(self.path, encode_tables(storage.tables))

    def update_profile(self, profile: LearnerProfile) -> None:
        """Replace the profile; a changed e-mail address must stay unique in the folder."""
        if profile.learner_id != self.learner_id:
            raise StoreError(
                f"The profile belongs to {profile.learner_id!r}, not to {self.learner_id!r}."
            )
        self.folder.change_profile(self, profile)

    def _write_profile(self, profile: LearnerProfile) -> str | None:
        """Save `profile` (caller holds the folder lock); return the e-mail it replaced."""
        with self.transaction() as db:
            table = db.table(PROFILE)
            old = table.all()
            table.truncate()
            table.insert(profile.model_dump(mode="json"))
            return str(old[-1]["email"]) if old else None

    def save_module_progress(self, progress: ModuleProgress) -> None:
        """Insert or replace the progress document of `progress.module_id`."""
        with self.transaction() as db:
            db.table(MODULES).upsert(
                progress.model_dump(mode="json"), Query().module_id == progress.module_id
            )

    def update_module_progress(
        self, module_id: str, change: Callable[[ModuleProgress | None], ModuleProgress]
    ) -> ModuleProgress:
        """Read, change and save one module's progress in a single transaction.

        Two windows of the same learner (two browser tabs) each apply their change to what the
        other saved, so neither overwrites the other's pages.
        """
        with self.transaction() as db:
            table = db.table(MODULES)
            found = table.search(Query().module_id == module_id)
            current = ModuleProgress.model_validate(found[-1]) if found else None
            updated = change(current)
            table.upsert(updated.model_dump(mode="json"), Query().module_id == module_id)
        return updated

    def save_position(self, position: Position) -> None:
        with self.transaction() as db:
            table = db.table(POSITION)
            table.truncate()
            table.insert(position.model_dump(mode="json"))

    def start_attempt(self, attempt: QuizAttempt) -> None:
        """Append a new attempt; its answers (normally none yet) go to the answers table."""
        with self.transaction() as db:
            attempts = db.table(ATTEMPTS)
            if attempts.contains(Query().attempt_id == attempt.attempt_id):
                raise StoreError(f"Quiz attempt {attempt.attempt_id} was already started.")
            attempts.insert(attempt.model_dump(mode="json", exclude={"answers"}))
            answers = db.table(ANSWERS)
            for answer in attempt.answers:
                answers.insert(_answer_document(attempt.attempt_id, answer))

    def record_answer(self, attempt_id: str, answer: AnswerRecord) -> None:
        """Append one answer to an unfinished attempt (one transaction per answer)."""
        with self.transaction() as db:
            self._open_attempt(db, attempt_id)
            db.table(ANSWERS).insert(_answer_document(attempt_id, answer))

    def finish_attempt(
        self,
        attempt_id: str,
        *,
        finished_at: dt.datetime,
        score: float,
        max_score: int,
        passed: bool,
    ) -> None:
        """Close an attempt with its result; a finished attempt is never changed again."""
        with self.transaction() as db:
            self._open_attempt(db, attempt_id)
            if finished_at.tzinfo is None:
                raise StoreError("finished_at must carry a UTC offset.")
            db.table(ATTEMPTS).update(
                {
                    "finished_at": _json_time(finished_at),
                    "score": score,
                    "max_score": max_score,
                    "passed": passed,
                },
                Query().attempt_id == attempt_id,
            )

    def record_policy_decision(self, decision: PolicyDecision) -> PolicyDecision:
        """Append an acceptance or decline to the learner's hash chain; return it sealed."""
        if decision.learner_id != self.learner_id:
            raise StoreError(
                f"The decision belongs to {decision.learner_id!r}, not to {self.learner_id!r}."
            )
        with self.transaction() as db:
            previous = ordered(_tables(db)[POLICY])
            prev_hash = str(previous[-1].get("record_hash")) if previous else chain.GENESIS_HASH
            document = chain.seal(decision.model_dump(mode="json"), prev_hash)
            db.table(POLICY).insert(document)
            tables = _tables(db)
            meta = meta_document(tables)
            meta["policy_chain_length"] = len(previous) + 1
            meta["policy_chain_head"] = document["record_hash"]
            db.storage.write(tables)
        return PolicyDecision.model_validate(document)

    @staticmethod
    def _open_attempt(db: TinyDB, attempt_id: str) -> dict[str, Any]:
        found = db.table(ATTEMPTS).get(Query().attempt_id == attempt_id)
        if found is None:
            raise StoreError(f"There is no quiz attempt {attempt_id} to record into.")
        if found.get("finished_at") is not None:
            raise StoreError(f"Quiz attempt {attempt_id} is already finished.")
        return dict(found)


def _tables(db: TinyDB) -> Tables:
    storage = db.storage
    assert isinstance(storage, TransactionStorage)
    return storage.tables


def _answer_document(attempt_id: str, answer: AnswerRecord) -> dict[str, Any]:
    return {"attempt_id": attempt_id, **answer.model_dump(mode="json")}


_UTC_TIME: TypeAdapter[dt.datetime] = TypeAdapter(UtcTime)


def _json_time(value: dt.datetime) -> Any:
    """The same JSON form pydantic gives the record models' times."""
    return _UTC_TIME.dump_python(_UTC_TIME.validate_python(value), mode="json")
