"""The layout of a learner file and how older layouts are brought up to date.

A learner file is a TinyDB JSON document: one object per table, each mapping a document id
(a decimal string) to a document. Tables:

- `meta`: one document: `schema_version`, `learner_id`, `file_id` (random, made with the file;
  older files may lack it), `policy_chain_length`, `policy_chain_head`
- `profile`: one document, the `LearnerProfile`
- `modules`: one document per module (`ModuleProgress`), upserted by `module_id`
- `attempts`: one document per quiz attempt (`QuizAttempt` without its answers), append-only
- `answers`: one document per answer (`AnswerRecord` plus `attempt_id`), append-only
- `policy`: one document per acceptance or decline (`PolicyDecision`), append-only, hash-chained
- `position`: at most one document, the `Position` "Continue" returns to
- `posts`: one document per content-studio post (`StudioPost`), upserted by `post_id`; its
  `reviews` list only grows (files without the table read as having no posts)
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Table = dict[str, Document]
Tables = dict[str, Table]

SCHEMA_VERSION = 1

META = "meta"
PROFILE = "profile"
MODULES = "modules"
ATTEMPTS = "attempts"
ANSWERS = "answers"
POLICY = "policy"
POSITION = "position"
POSTS = "posts"
TABLES = (META, PROFILE, MODULES, ATTEMPTS, ANSWERS, POLICY, POSITION, POSTS)
# Statements waiting for (or already handed to) a Learning Record Store, written in the same
# transaction as the step they record (trainer.forwarding). Only present when forwarding is on.
OUTBOX = "outbox"

# MIGRATIONS[n] turns a version-n file into a version-(n + 1) file, in memory. A file is
# migrated when read and saved in the new layout by its next transaction; old versions stay
# readable forever, so a restored old backup still opens.
Migration = Callable[[Tables], Tables]
MIGRATIONS: dict[int, Migration] = {}


class SchemaTooNewError(Exception):
    """The file was written by a newer trainer; it must not be rewritten by this one."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def schema_version(tables: Tables) -> int:
    meta = tables.get(META, {})
    for document in meta.values():
        version = document.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    raise ValueError("the file has no schema version")


def migrate(tables: Tables, migrations: dict[int, Migration] | None = None) -> Tables:
    """Bring `tables` to `SCHEMA_VERSION` (or to the last version `migrations` reaches)."""
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version(tables)
    target = max([SCHEMA_VERSION, *(v + 1 for v in steps)])
    if version > target:
        raise SchemaTooNewError(version)
    while version < target:
        step = steps.get(version)
        if step is None:
            raise ValueError(f"no migration from schema version {version}")
        tables = step(tables)
        version += 1
        _set_meta(tables, schema_version=version)
    for name in TABLES:
        tables.setdefault(name, {})
    return tables


def _set_meta(tables: Tables, **fields: Any) -> None:
    meta = tables.setdefault(META, {})
    if not meta:
        meta["1"] = {}
    next(iter(meta.values())).update(fields)


def meta_document(tables: Tables) -> Document:
    meta = tables.setdefault(META, {})
    if not meta:
        meta["1"] = {"schema_version": SCHEMA_VERSION}
    return next(iter(meta.values()))


def ordered(table: Table) -> list[Document]:
    """Documents in the order they were inserted (TinyDB ids grow by one per insert)."""
    return [table[key] for key in sorted(table, key=_doc_id)]


def _doc_id(key: str) -> int:
    try:
        return int(key)
    except ValueError:
        return 0


def new_file_id() -> str:
    """The identity of one learner file, fixed when it is created (binds its policy chain)."""
    return secrets.token_hex(16)


def new_tables(learner_id: str) -> Tables:
    tables: Tables = {name: {} for name in TABLES}
    tables[META]["1"] = {
        "schema_version": SCHEMA_VERSION,
        "learner_id": learner_id,
        "file_id": new_file_id(),
        "policy_chain_length": 0,
        "policy_chain_head": None,
    }
    return tables
