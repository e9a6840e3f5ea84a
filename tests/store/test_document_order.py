"""A learner file's documents are read in the order they were inserted, whatever the JSON order.

TinyDB numbers documents 1, 2, 3...; a file edited by hand or merged may list them in another
order or carry an id that is not a number. The fast path that sorts ids with `int` and the
general rule (`schema.ordered`, where a non-numeric id counts as 0) must give the same record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.store.sample_records import T0, profile
from trainer.store.errors import CorruptFileError
from trainer.store.learner_file import build_record, parse_tables
from trainer.store.schema import MODULES, PROFILE, new_tables


def _module(module_id: str, minutes: int) -> dict[str, Any]:
    moment = f"2026-03-02T09:{minutes:02d}:00Z"
    return {"module_id": module_id, "started_at": moment, "updated_at": moment}


def _file(modules: dict[str, dict[str, Any]]) -> bytes:
    tables = new_tables("anna-k")
    tables[PROFILE]["1"] = profile().model_dump(mode="json")
    tables[MODULES] = modules
    return orjson.dumps(tables)


def _read(data: bytes) -> Any:
    path = Path("anna-k.json")
    return build_record(parse_tables(data, path), path)


def test_numeric_ids_are_ordered_as_numbers_not_as_written() -> None:
    record = _read(_file({"10": _module("c", 3), "2": _module("b", 2), "1": _module("a", 1)}))
    assert list(record.modules) == ["a", "b", "c"]
    assert record.modules["a"].started_at == T0.replace(minute=1)


def test_a_non_numeric_id_counts_as_zero_and_keeps_its_place_among_equals() -> None:
    record = _read(_file({"2": _module("b", 2), "x": _module("x", 0), "1": _module("a", 1)}))
    assert list(record.modules) == ["x", "a", "b"]


def test_the_later_document_of_one_module_wins() -> None:
    record = _read(_file({"3": _module("a", 9), "1": _module("a", 1), "2": _module("b", 2)}))
    assert list(record.modules) == ["a", "b"]
    assert record.modules["a"].started_at == T0.replace(minute=9)


@pytest.mark.parametrize(
    "damage",
    [b"[1, 2]", b'{"meta": [1]}', b'{"meta": {"1": {"schema_version": 1}}, "profile": {"1": 5}}'],
)
def test_a_file_without_the_table_layout_is_corrupt(damage: bytes) -> None:
    with pytest.raises(CorruptFileError, match="does not have the layout of a learner file"):
        parse_tables(damage, Path("anna-k.json"))
