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
from trainer.store.errors import CorruptFileError
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


def test_a_team_export_reads_every_file_but_validates_only_the_teams_records(
    folder: DataFolder,
) -> None:
    """Jan (IT) has an attempt no reader can validate. The whole export stops on it; the
    export of Sprzedaż leaves him out by his stored profile, with the same rows as before,
    and still knows his team. A file that cannot even be decoded stops every export."""
    path = folder.learners_dir / "jan.json"
    tables = json.loads(path.read_bytes())
    tables["attempts"] = {"1": {"attempt_id": "x", "quiz_id": 7, "number": "not a number"}}
    path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(UnreadableLearnerError, match=r"jan\.json"):
        _csv(LearnerSource(folder))
    rows = _csv(LearnerSource(folder, LearnerSelection(team="sprzedaz")))
    assert [(r["learner_id"], r["module_id"]) for r in rows] == [
        ("anna", "program"),
        ("anna", "zasady"),
        ("ola", "program"),
        ("ola", "zasady"),
    ]
    with pytest.raises(UnknownTeamError, match=r"Known teams: 'IT', 'Sprzedaż'\."):
        _csv(LearnerSource(folder, LearnerSelection(team="Marketing")))
    searched = _csv(LearnerSource(folder, LearnerSelection(search="zak")))
    assert {r["learner_id"] for r in searched} == {"ola"}

    path.write_bytes(b'{"meta": {"1": ')
    with pytest.raises(UnreadableLearnerError, match=r"jan\.json"):
        _csv(LearnerSource(folder, LearnerSelection(team="sprzedaz")))


def test_the_stored_profile_rules_out_only_what_the_filters_would() -> None:
    selection = LearnerSelection(team="Sprzedaz", search="nowak")
    assert selection.rules_out({"team": "IT", "name": "Anna Nowak", "email": "a@x.pl"})
    assert selection.rules_out({"team": "sprzedaż", "name": "Jan Kos", "email": "j@x.pl"})
    assert not selection.rules_out({"team": " SPRZEDAŻ", "name": "Anna Nowak", "email": "a@x"})
    # What does not look like a profile is read in full, so that the reader reports it.
    assert not selection.rules_out({"team": 3, "name": "Jan Kos", "email": "j@x.pl"})
    assert not selection.rules_out({"team": "Sprzedaż", "name": None, "email": "j@x.pl"})
    assert not LearnerSelection().rules_out({"team": "IT", "name": "Jan", "email": "j@x.pl"})


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


def test_a_team_export_still_refuses_another_learners_file_naming_its_path(
    folder: DataFolder,
) -> None:
    """A copy of Jan's file saved as Zed's (another team than the export's) is not Zed's
    record: the Sprzedaż export stops on it, or with --skip-unreadable lists it with the
    file's path, exactly as an export of everyone does."""
    copied = folder.learners_dir / "zed.json"
    copied.write_bytes((folder.learners_dir / "jan.json").read_bytes())
    with pytest.raises(UnreadableLearnerError, match=r"zed\.json holds the record of another"):
        _csv(LearnerSource(folder, LearnerSelection(team="sprzedaz")))
    source = LearnerSource(folder, LearnerSelection(team="sprzedaz"), skip_unreadable=True)
    rows = _csv(source)
    assert {r["learner_id"] for r in rows} == {"anna", "ola"}
    [error] = source.unreadable
    assert isinstance(error, CorruptFileError) and error.path == copied


def test_a_team_export_skips_a_learner_removed_while_it_runs(folder: DataFolder) -> None:
    """Erasure during an export: a learner listed but gone by the time their file is read
    is left out without an error (Jan's file goes while Anna's row is being written)."""
    jan = folder.learners_dir / "jan.json"
    source = LearnerSource(
        folder,
        LearnerSelection(team="sprzedaz"),
        on_learner=lambda: jan.unlink(missing_ok=True),
    )
    rows = _csv(source)
    assert [r["learner_id"] for r in rows] == ["anna", "anna", "ola", "ola"]
    assert not jan.exists() and source.unreadable == []
