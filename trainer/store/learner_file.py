"""Reading and writing one learner file as a whole version: bytes <-> tables <-> `LearnerRecord`.

Parsing is strict on purpose: an empty, truncated, NUL-filled or otherwise damaged file raises
`CorruptFileError` and is never taken for "no data yet" (plain TinyDB reads a zero-byte file as
an empty database and the next save would make the loss permanent).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
from pydantic import ValidationError

from trainer.learning.records import (
    LearnerRecord,
)
from trainer.store.errors import CorruptFileError, StoreError, UnknownLearnerError
from trainer.store.schema import (
    ANSWERS,
    ATTEMPTS,
    META,
    MODULES,
    POLICY,
    POSITION,
    POSTS,
    PROFILE,
    Document,
    SchemaTooNewError,
    Table,
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


def parse_tables(data: bytes, path: Path | str) -> Tables:
    """Decode a learner file, check its shape and migrate it to the current schema."""
    if not data:
        raise CorruptFileError(f"{Path(path).name} is empty (zero bytes).", Path(path))
    if b"\x00" in data:
        raise CorruptFileError(
            f"{Path(path).name} contains NUL bytes (damaged by a crash).", Path(path)
        )
    try:
        tables = orjson.loads(data)
    except (orjson.JSONDecodeError, RecursionError) as error:
        raise CorruptFileError(
            f"{Path(path).name} is not complete, valid JSON ({error}).", Path(path)
        ) from None
    # orjson makes exact dicts, so comparing types is `isinstance` at C speed (every file is read
    # whole on each export).
    if type(tables) is not dict or not all(
        type(table) is dict and set(map(type, table.values())) <= _ONLY_DICTS
        for table in tables.values()
    ):
        raise CorruptFileError(
            f"{Path(path).name} does not have the layout of a learner file.", Path(path)
        )
    try:
        return migrate(tables)
    except SchemaTooNewError as error:
        raise StoreError(
            f"{Path(path).name} was written by a newer version of trainer "
            f"(schema {error.version}); "
            "update trainer to open it. The file was left untouched."
        ) from None
    except ValueError as error:
        raise CorruptFileError(f"{Path(path).name} cannot be read: {error}.", Path(path)) from None


_ONLY_DICTS = {dict}


def _in_order(table: Table) -> list[Document]:
    """`schema.ordered`, with the usual all-numeric document ids sorted by `int` itself."""
    if len(table) < 2:  # most tables (profile, meta, position) hold one document
        return list(table.values())
    try:
        return [table[key] for key in sorted(table, key=int)]
    except ValueError:
        return ordered(table)


def load_tables(path: Path, learner_id: str) -> Tables:
    return parse_tables(read_bytes(path, learner_id), path)


def read_record(path: Path, learner_id: str) -> LearnerRecord:
    """The learner's whole record as last saved (readers take no lock)."""
    tables = load_tables(path, learner_id)
    check_owner(tables, path, learner_id)
    return build_record(tables, path)


def read_record_unless(
    location: str, learner_id: str, passed_over: Callable[[Document], bool]
) -> LearnerRecord | None:
    """`read_record`, or None when `passed_over(stored profile)` says this learner is not
    wanted: the file is still read, decoded and checked for its owner, but the record is not
    validated and built (most of the cost of reading it) for a learner an export leaves out.

    `location` is the file's path as text: an export over every learner file builds a `Path`
    only when it has an error to report (making 10,000 of them was a tenth of a filtered
    export's reading)."""
    try:
        with open(location, "rb", buffering=0) as file:  # one read of the whole file
            data = file.readall()
    except OSError:
        data = read_bytes(Path(location), learner_id)  # raises the store's error for it
    tables = parse_tables(data, location)
    profile = check_owner(tables, location, learner_id)
    if profile is not None and passed_over(profile):
        return None
    return build_record(tables, Path(location))


def check_owner(tables: Tables, path: Path | str, learner_id: str) -> Document | None:
    """Refuse, as damaged, a file whose profile or meta names another learner than its name;
    return the learner's stored profile document (None if the file has none).

    Two swapped files would otherwise open the wrong person's record (and save into it).
    """
    profiles = _in_order(tables.get(PROFILE, {}))
    profile = profiles[-1] if profiles else None
    owner = profile.get("learner_id") if profile is not None else None
    meta = next(iter(tables.get(META, {}).values()), {})
    meta_owner = meta.get("learner_id", learner_id)
    if owner != learner_id or meta_owner != learner_id:
        other = owner if owner != learner_id else meta_owner
        raise CorruptFileError(
            f"{Path(path).name} holds the record of another learner ({other!r}): it was renamed, "
            "copied or swapped by hand.",
            Path(path),
        )
    return profile


def encode_tables(tables: Tables) -> bytes:
    """Compact UTF-8 JSON, readable by TinyDB's own JSONStorage and any JSON tool."""
    return orjson.dumps(tables)


def build_record(tables: Tables, path: Path) -> LearnerRecord:
    """Assemble the `LearnerRecord`; a document that fails validation makes the file corrupt.

    The whole record is validated in one pydantic call (exports read every learner, and one
    call costs a fraction of one per document).
    """
    try:
        profiles = _in_order(tables[PROFILE])
        if not profiles:
            raise CorruptFileError(f"{path.name} has no learner profile.", path)
        answers: dict[str, list[dict[str, object]]] = {}
        for doc in _in_order(tables[ANSWERS]):
            fields = dict(doc)
            answers.setdefault(str(fields.pop("attempt_id", None)), []).append(fields)
        attempts = []
        for doc in _in_order(tables[ATTEMPTS]):
            extra = answers.get(str(doc.get("attempt_id")))
            attempts.append({**doc, "answers": [*doc.get("answers", []), *extra]} if extra else doc)
        positions = _in_order(tables[POSITION])
        return LearnerRecord.model_validate(
            {
                "profile": profiles[-1],
                "modules": {doc.get("module_id"): doc for doc in _in_order(tables[MODULES])},
                "attempts": attempts,
                "policy_decisions": _in_order(tables[POLICY]),
                "position": positions[-1] if positions else None,
                "posts": _in_order(tables.get(POSTS, {})),
            }
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise CorruptFileError(f"{path.name} has a damaged record ({error}).", path) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CorruptFileError(
            f"{path.name} holds data this version cannot use ({where}: {first['msg']}).", path
        ) from None
