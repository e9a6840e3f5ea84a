"""Reading and writing one learner file as a whole version: bytes <-> tables <-> `LearnerRecord`.

Parsing is strict on purpose: an empty, truncated, NUL-filled or otherwise damaged file raises
`CorruptFileError` and is never taken for "no data yet" (plain TinyDB reads a zero-byte file as
an empty database and the next save would make the loss permanent).
"""

from __future__ import annotations

from pathlib import Path

import orjson
from pydantic import ValidationError

from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    Position,
    QuizAttempt,
)
from trainer.store.errors import CorruptFileError, StoreError, UnknownLearnerError
from trainer.store.schema import (
    ANSWERS,
    ATTEMPTS,
    MODULES,
    POLICY,
    POSITION,
    PROFILE,
    SchemaTooNewError,
    Tables,
    migrate,
    ordered,
)


def read_bytes(path: Path, learner_id: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnknownLearnerError(
            f"There is no learner {learner_id!r} in this data folder."
        ) from None
    except OSError as error:
        raise StoreError(f"Could not read {path} ({error.strerror or error}).") from error


def parse_tables(data: bytes, path: Path) -> Tables:
    """Decode a learner file, check its shape and migrate it to the current schema."""
    if not data:
        raise CorruptFileError(f"{path.name} is empty (zero bytes).", path)
    if b"\x00" in data:
        raise CorruptFileError(f"{path.name} contains NUL bytes (damaged by a crash).", path)
    try:
        tables = orjson.loads(data)
    except (orjson.JSONDecodeError, RecursionError) as error:
        raise CorruptFileError(
            f"{path.name} is not complete, valid JSON ({error}).", path
        ) from None
    if not isinstance(tables, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in tables.values()
    ):
        raise CorruptFileError(f"{path.name} does not have the layout of a learner file.", path)
    try:
        return migrate(tables)
    except SchemaTooNewError as error:
        raise StoreError(
            f"{path.name} was written by a newer version of trainer (schema {error.version}); "
            "update trainer to open it. The file was left untouched."
        ) from None
    except ValueError as error:
        raise CorruptFileError(f"{path.name} cannot be read: {error}.", path) from None


def load_tables(path: Path, learner_id: str) -> Tables:
    return parse_tables(read_bytes(path, learner_id), path)


def encode_tables(tables: Tables) -> bytes:
    """Compact UTF-8 JSON, readable by TinyDB's own JSONStorage and any JSON tool."""
    return orjson.dumps(tables)


def build_record(tables: Tables, path: Path) -> LearnerRecord:
    """Assemble the `LearnerRecord`; a document that fails validation makes the file corrupt."""
    try:
        profiles = ordered(tables[PROFILE])
        if not profiles:
            raise CorruptFileError(f"{path.name} has no learner profile.", path)
        answers: dict[str, list[AnswerRecord]] = {}
        for doc in ordered(tables[ANSWERS]):
            fields = {k: v for k, v in doc.items() if k != "attempt_id"}
            answers.setdefault(str(doc.get("attempt_id")), []).append(
                AnswerRecord.model_validate(fields)
            )
        attempts = []
        for doc in ordered(tables[ATTEMPTS]):
            attempt = QuizAttempt.model_validate(doc)
            extra = answers.get(attempt.attempt_id, [])
            if extra:
                attempt = attempt.model_copy(update={"answers": [*attempt.answers, *extra]})
            attempts.append(attempt)
        modules = [ModuleProgress.model_validate(doc) for doc in ordered(tables[MODULES])]
        positions = ordered(tables[POSITION])
        return LearnerRecord(
            profile=LearnerProfile.model_validate(profiles[-1]),
            modules={m.module_id: m for m in modules},
            attempts=attempts,
            policy_decisions=[PolicyDecision.model_validate(d) for d in ordered(tables[POLICY])],
            position=Position.model_validate(positions[-1]) if positions else None,
        )
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CorruptFileError(
            f"{path.name} holds data this version cannot use ({where}: {first['msg']}).", path
        ) from None
