"""The outbox: each learner's statements, in the learner's own file, in order.

`StatementOutbox` is the store's outbox hook. Inside a transaction it builds the learner's
statements from the record as it is about to be saved and appends those whose id is not in the
outbox yet, numbered in order (`seq` 1, 2, 3, ...). Statements are derived from the record
(deterministic ids), so a step taken while forwarding was off is picked up by the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.content.models import Course
from trainer.export.xapi import XapiStatements
from trainer.forwarding.config import read_config
from trainer.store.folder import DataFolder
from trainer.store.learner import TransactionStorage
from trainer.store.learner_file import build_record, load_tables
from trainer.store.schema import OUTBOX, Tables, ordered

Statement = dict[str, Any]


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    statement: Statement


class StatementOutbox:
    """Adds a learner's new statements to the transaction's tables (see DataFolder.outbox)."""

    def __init__(self, course: Course, base_iri: str) -> None:
        self.statements = XapiStatements(course, base_iri)

    def __call__(self, learner_id: str, path: Path, tables: Tables) -> None:
        record = build_record(tables, path)
        outbox = tables.setdefault(OUTBOX, {})
        known = {str(doc["statement"]["id"]) for doc in outbox.values()}
        seq = max((int(doc["seq"]) for doc in outbox.values()), default=0)
        for statement in self.statements.learner_statements(record):
            if statement["id"] in known:
                continue
            seq += 1
            outbox[str(seq)] = {"seq": seq, "statement": statement}


def attach_outbox(data: DataFolder, course: Course) -> bool:
    """Make `data`'s transactions fill outboxes when the folder forwards to an LRS."""
    config = read_config(data)
    if config is None:
        return False
    data.outbox = StatementOutbox(course, config.base_iri)
    return True


def outbox_entries(data: DataFolder, learner_id: str) -> list[OutboxEntry]:
    """The learner's outbox as last saved (no lock: files are always whole versions)."""
    tables = load_tables(data.learner_path(learner_id), learner_id)
    return [
        OutboxEntry(int(doc["seq"]), doc["statement"]) for doc in ordered(tables.get(OUTBOX, {}))
    ]


def backfill(data: DataFolder, learner_id: str) -> None:
    """Put statements of steps taken before forwarding was on into the outbox (one transaction)."""
    assert isinstance(data.outbox, StatementOutbox)
    path = data.learner_path(learner_id)
    tables = load_tables(path, learner_id)  # lock-free look first: most need nothing
    known = {str(doc["statement"]["id"]) for doc in tables.get(OUTBOX, {}).values()}
    wanted = data.outbox.statements.learner_statements(build_record(tables, path))
    if all(statement["id"] in known for statement in wanted):
        return
    store = data.learner(learner_id)
    with store.transaction() as db:
        storage = db.storage
        assert isinstance(storage, TransactionStorage)
        storage.changed = True  # nothing else changes: the outbox hook runs on commit


class ChangedLearners:
    """Backfills the learners whose files changed since it last looked (by size and mtime).

    Steps taken in a process that does not forward (a coordinator inviting people or changing
    a team from the command line) reach the outbox on the forwarder's next pass."""

    def __init__(self, data: DataFolder) -> None:
        self.data = data
        self._seen: dict[str, tuple[int, int]] = {}

    def __call__(self) -> None:
        for learner_id in self.data.learner_ids():
            try:
                stat = self.data.learner_path(learner_id).stat()
            except OSError:
                continue
            mark = (stat.st_mtime_ns, stat.st_size)
            if self._seen.get(learner_id) == mark:
                continue
            backfill(self.data, learner_id)
            stat = self.data.learner_path(learner_id).stat()
            self._seen[learner_id] = (stat.st_mtime_ns, stat.st_size)


def pending(data: DataFolder, delivered: dict[str, int]) -> Iterator[tuple[str, OutboxEntry]]:
    """Every statement not delivered yet, learner by learner, each learner's in order."""
    for learner_id in sorted(data.learner_ids()):
        for entry in outbox_entries(data, learner_id):
            if entry.seq > delivered.get(learner_id, 0):
                yield learner_id, entry
