"""Exports over a real data folder: selection by team and date, unreadable files, formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tests.export.course_factory import (
    T0,
    complete_learner,
    make_course,
    profile,
    store_learner,
)
from trainer.export.exporting import export_csv, export_jsonl, export_xapi
from trainer.export.selection import (
    LearnerSelection,
    LearnerSource,
    UnknownTeamError,
    UnreadableLearnerError,
)
from trainer.learning.records import LearnerRecord
from trainer.store.folder import DataFolder


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    data = DataFolder(tmp_path / "data")
    store_learner(data, complete_learner("anna", "Anna Nowak"))
    store_learner(data, LearnerRecord(profile=profile("jan", "Jan Kowalski", team="IT")))
    store_learner(
        data, LearnerRecord(profile=profile("ola", "Ola Żak", team=" sprzedaż", status="invited"))
    )
    return data


def _csv(source: LearnerSource) -> list[dict[str, str]]:
    out = io.StringIO()
    export_csv(source, make_course(), out)
    return list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))


def test_csv_has_one_row_per_learner_and_module(folder: DataFolder) -> None:
    rows = _csv(LearnerSource(folder))
    assert [(r["learner_id"], r["module_id"]) for r in rows] == [
        ("anna", "program"),
        ("anna", "zasady"),
        ("jan", "program"),
        ("jan", "zasady"),
        ("ola", "program"),
        ("ola", "zasady"),
    ]
    assert rows[4]["learner_status"] == "invited" and rows[4]["name"] == "Ola Żak"


def test_team_filter_ignores_case_and_spacing(folder: DataFolder) -> None:
    rows = _csv(LearnerSource(folder, LearnerSelection(team="SPRZEDAŻ")))
    assert {r["learner_id"] for r in rows} == {"anna", "ola"}


def test_unknown_team_names_the_known_teams_and_writes_nothing(folder: DataFolder) -> None:
    out = io.StringIO()
    with pytest.raises(UnknownTeamError) as caught:
        export_csv(LearnerSource(folder, LearnerSelection(team="Marketing")), make_course(), out)
    assert "'Marketing'" in str(caught.value)
    assert "Known teams: 'IT', 'Sprzedaż'." in str(caught.value)
    assert out.getvalue() == ""


def test_since_keeps_learners_active_at_or_after_the_date(folder: DataFolder) -> None:
    since = T0 + dt.timedelta(hours=1)
    rows = _csv(LearnerSource(folder, LearnerSelection(since=since)))
    assert {r["learner_id"] for r in rows} == {"anna"}


def test_unreadable_learner_file_stops_the_export_naming_the_file(folder: DataFolder) -> None:
    (folder.learners_dir / "jan.json").write_bytes(b'{"meta": {"1": ')
    out = io.StringIO()
    with pytest.raises(UnreadableLearnerError, match=r"jan\.json"):
        export_jsonl(LearnerSource(folder), make_course(), out)


def test_skip_unreadable_exports_everyone_else_and_lists_the_file(folder: DataFolder) -> None:
    (folder.learners_dir / "jan.json").write_bytes(b"\x00" * 64)
    out = io.StringIO()
    outcome = export_jsonl(LearnerSource(folder, skip_unreadable=True), make_course(), out)
    assert outcome.learners == 2
    assert [str(e) for e in outcome.unreadable] == [
        "jan.json contains NUL bytes (damaged by a crash)."
    ]
    ids = [
        json.loads(line)["record"]["profile"]["learner_id"] for line in out.getvalue().splitlines()
    ]
    assert ids == ["anna", "ola"]


def test_jsonl_line_holds_every_attempt_answer_and_sealed_decision(folder: DataFolder) -> None:
    out = io.StringIO()
    export_jsonl(LearnerSource(folder), make_course(), out)
    anna = json.loads(out.getvalue().splitlines()[0])
    assert anna["format"] == "ambassador-trainer/learner"
    assert len(anna["record"]["attempts"]) == 2
    assert len(anna["record"]["attempts"][1]["answers"]) == 4
    decision = anna["record"]["policy_decisions"][0]
    assert len(decision["prev_hash"]) == len(decision["record_hash"]) == 64
    assert anna["summary"]["complete"] is True


def test_xapi_export_writes_one_statement_per_line(folder: DataFolder) -> None:
    out = io.StringIO()
    outcome = export_xapi(LearnerSource(folder), make_course(), out, base_iri="https://x.pl/")
    statements = [json.loads(line) for line in out.getvalue().splitlines()]
    # Anna: registered; 2 modules opened and completed; 2 attempts begun, 8 answers,
    # 2 finished; the policy accepted; the course completed. Jan and Ola: registered.
    assert outcome.lines == len(statements) == (1 + 4 + 12 + 1 + 1) + 2
    enrolled = [s for s in statements if s["verb"]["id"].endswith("/registered")]
    assert [s["actor"]["mbox"] for s in enrolled] == [
        "mailto:anna@firma.pl",
        "mailto:jan@firma.pl",
        "mailto:ola@firma.pl",
    ]
    ola = enrolled[2]["context"]
    assert ola["extensions"]["https://x.pl/extensions/status"] == "invited"
    assert ola["team"]["name"] == "sprzedaż"  # as the learner wrote it, spaces tidied
    others = {s["actor"]["mbox"] for s in statements if s not in enrolled}
    assert others == {"mailto:anna@firma.pl"}
