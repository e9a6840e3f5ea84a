"""The CSV a coordinator opens in Excel: BOM, Polish letters, `;`, no live formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pydantic import TypeAdapter

from tests.export.course_factory import complete_learner, make_course
from trainer.export.csv_table import CSV_COLUMNS, CsvTable, iso_time
from trainer.export.learner_summary import summarise_learner
from trainer.export.spreadsheet import neutralise_cell
from trainer.learning.records import UtcTime


def _export(delimiter: str = ",", name: str = "Łucja Żółkiewska") -> bytes:
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    table = CsvTable(text, delimiter=delimiter)
    table.write_learner(summarise_learner(complete_learner(name=name), make_course()))
    text.flush()
    return buffer.getvalue()


def test_file_starts_with_bom_and_polish_letters_round_trip() -> None:
    data = _export()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["name"] for r in rows] == ["Łucja Żółkiewska"] * 2
    assert rows[1]["module_title"] == "Zasady żółtej kartki"


def test_one_row_per_learner_and_module_with_the_issue_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(_export().decode("utf-8-sig"))))
    first = rows[0]
    assert first["module_id"] == "program"
    assert first["started_at"] == "2026-03-02T09:00:00+00:00"
    assert first["completed_at"] == "2026-03-02T09:06:00+00:00"
    assert first["time_spent_seconds"] == "360"
    assert (first["quiz_id"], first["best_score_percent"], first["attempts"]) == (
        "program-quiz",
        "75",
        "2",
    )
    assert (first["quiz_passed"], first["policy_current"], first["course_complete"]) == (
        "yes",
        "yes",
        "yes",
    )
    assert first["policy_version_accepted"] == "2.0"
    assert first["policy_sha256"] == "a" * 64
    assert rows[1]["quiz_id"] == "" and rows[1]["quiz_passed"] == ""


def test_semicolon_delimiter_uses_decimal_comma_for_polish_excel() -> None:
    record = complete_learner()
    record.attempts[1].score = 2.5
    buffer = io.StringIO()
    CsvTable(buffer, delimiter=";").write_learner(summarise_learner(record, make_course()))
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[0]["best_score_percent"] == "62,5"


def test_formula_in_a_name_is_written_as_inert_text() -> None:
    rows = list(
        csv.DictReader(io.StringIO(_export(name='=HYPERLINK("http://x","y")').decode("utf-8-sig")))
    )
    assert rows[0]["name"] == '\'=HYPERLINK("http://x","y")'


def test_every_formula_trigger_is_neutralised() -> None:
    for trigger in ("=", "+", "-", "@", "\t", "\r", "\n"):
        cell = neutralise_cell(f"{trigger}1+1")
        assert cell.startswith("'"), repr(trigger)
    assert neutralise_cell("Anna-Maria") == "Anna-Maria"
    assert neutralise_cell("-5") == "'-5"
    assert neutralise_cell("Ala\x1b]8;;http://x\x07 Ma") == "Ala]8;;http://x Ma"
    assert neutralise_cell("a\nb") == "a b"


def test_times_are_utc_to_the_second_whatever_tzinfo_they_carry() -> None:
    """`iso_time` writes parsed UTC times itself: it must agree with `isoformat` everywhere."""
    parsed = TypeAdapter(UtcTime)
    warsaw = dt.timezone(dt.timedelta(hours=2))
    cases = [
        (parsed.validate_python("2026-03-02T09:05:07.999999Z"), "2026-03-02T09:05:07+00:00"),
        (parsed.validate_python("0999-12-31T23:59:59+00:00"), "0999-12-31T23:59:59+00:00"),
        (parsed.validate_python("2026-03-02T11:05:07+02:00"), "2026-03-02T09:05:07+00:00"),
        (dt.datetime(2026, 3, 2, 9, 5, 7, 1, tzinfo=dt.UTC), "2026-03-02T09:05:07+00:00"),
        (dt.datetime(2026, 1, 1, 1, 0, tzinfo=warsaw), "2025-12-31T23:00:00+00:00"),
    ]
    for value, expected in cases:
        assert iso_time(value) == expected == value.astimezone(dt.UTC).isoformat("T", "seconds")
    assert iso_time(None) == ""
