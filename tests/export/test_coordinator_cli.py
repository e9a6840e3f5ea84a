"""The coordinator's commands end to end, on the sample course and a real data folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.export.xapi import DEFAULT_BASE_IRI
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder

ROSTER = (
    "\ufeffImię;Nazwisko;E-mail;Zespół;Język\r\n"
    "Łucja;Żółkiewska;lucja@firma.pl;Sprzedaż;polski\r\n"
    "John;Smith;john@firma.pl;IT;en\r\n"
    "Jan;Nowak;jan(at)firma.pl;IT;pl\r\n"
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"TRAINER_DATA_DIR": str(tmp_path / "data"), "TRAINER_COURSE": str(bundled_course_dir())}


def _run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _roster(tmp_path: Path, text: str = ROSTER) -> str:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def test_roster_with_a_bad_row_changes_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    code, out, _ = _run(env, "roster", "import", _roster(tmp_path))
    assert code == 1
    assert "people.csv:line 4: invalid e-mail 'jan(at)firma.pl'" in out
    assert "Nothing was changed" in out
    assert DataFolder(Path(env["TRAINER_DATA_DIR"])).learner_ids() == []


def test_skip_bad_invites_the_good_rows_who_can_then_sign_in_by_email(
    tmp_path: Path, env: dict[str, str]
) -> None:
    code, out, _ = _run(env, "roster", "import", "--skip-bad", _roster(tmp_path))
    assert code == 0, out
    assert "Invited 2 learner(s); 1 bad row(s) left out." in out
    folder = DataFolder(Path(env["TRAINER_DATA_DIR"]))
    learner_id = folder.find_learner_by_email("Lucja@Firma.pl")
    assert learner_id is not None
    invited = folder.learner(learner_id).read().profile
    assert (invited.name, invited.team, invited.language, invited.status) == (
        "Łucja Żółkiewska",
        "Sprzedaż",
        "pl",
        "invited",
    )
    code, out, _ = _run(env, "roster", "import", "--skip-bad", _roster(tmp_path))
    assert "line 2: lucja@firma.pl is already a learner" in out
    assert len(folder.learner_ids()) == 2


def test_dry_run_creates_nobody(tmp_path: Path, env: dict[str, str]) -> None:
    good = "\n".join(ROSTER.splitlines()[:3]) + "\n"
    code, out, _ = _run(env, "roster", "import", "--dry-run", _roster(tmp_path, good))
    assert code == 0 and "2 learner(s) would be invited" in out
    assert DataFolder(Path(env["TRAINER_DATA_DIR"])).learner_ids() == []


def test_roster_in_windows_1250_gets_a_clear_message(tmp_path: Path, env: dict[str, str]) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("imię;nazwisko;email\nŁucja;Ząb;l@x.pl\n".encode("cp1250"))
    code, _, err = _run(env, "roster", "import", str(path))
    assert code == 1
    assert "is not UTF-8" in err and "CSV UTF-8" in err


def _invite(tmp_path: Path, env: dict[str, str]) -> None:
    assert _run(env, "roster", "import", "--skip-bad", _roster(tmp_path))[0] == 0


def test_export_csv_to_a_file_opens_with_polish_letters(
    tmp_path: Path, env: dict[str, str]
) -> None:
    _invite(tmp_path, env)
    target = tmp_path / "out.csv"
    code, _, err = _run(env, "export", "--lang", "en", "--delimiter", ";", "-o", str(target))
    assert code == 0, err
    # stderr is not a terminal here: no progress bar, only the final count
    assert err.splitlines() == [f"Exported 2 learner(s), 8 csv line(s) to {target}."]
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert {r["name"] for r in rows} == {"Łucja Żółkiewska", "John Smith"}
    assert len(rows) == 2 * 4  # the sample course has four modules


def test_unknown_team_lists_known_teams_and_writes_no_file(
    tmp_path: Path, env: dict[str, str]
) -> None:
    _invite(tmp_path, env)
    target = tmp_path / "out.csv"
    code, _, err = _run(env, "export", "--team", "Marketing", "-o", str(target))
    assert code == 1
    assert "Known teams: 'IT', 'Sprzedaż'." in err
    assert not target.exists()
    assert list(tmp_path.glob(".out.csv.*")) == []


def test_unreadable_learner_stops_the_export_or_is_skipped_on_request(
    tmp_path: Path, env: dict[str, str]
) -> None:
    _invite(tmp_path, env)
    folder = DataFolder(Path(env["TRAINER_DATA_DIR"]))
    broken = folder.learner_path(folder.learner_ids()[0])
    broken.write_bytes(b"")
    target = tmp_path / "out.jsonl"
    code, _, err = _run(env, "export", "--format", "jsonl", "-o", str(target))
    assert code == 1 and broken.name in err and "Nothing was written" in err
    assert not target.exists()
    code, _, err = _run(env, "export", "--format", "jsonl", "--skip-unreadable", "-o", str(target))
    assert code == 3 and f"Skipped (unreadable): {broken}" in err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_xapi_without_base_iri_warns_about_the_placeholder(
    tmp_path: Path, env: dict[str, str]
) -> None:
    _invite(tmp_path, env)
    code, out, err = _run(env, "export", "--format", "xapi")
    assert code == 0  # invited learners have done nothing yet but be enrolled
    enrolled = [json.loads(line) for line in out.splitlines()]
    assert {s["verb"]["display"]["en-US"] for s in enrolled} == {"registered"}
    assert {
        s["context"]["extensions"][DEFAULT_BASE_IRI + "extensions/status"] for s in enrolled
    } == {"invited"}
    assert "set --base-iri" in err
    code, _, err = _run(env, "export", "--format", "xapi", "--base-iri", "learning.firma.pl")
    assert code == 2 and "absolute http(s)" in err


def test_bad_since_date_is_a_usage_error(env: dict[str, str]) -> None:
    code, _, err = _run(env, "export", "--since", "yesterday")
    assert code == 2 and "2026-03-01" in err


def test_import_twice_reports_nothing_new(tmp_path: Path, env: dict[str, str]) -> None:
    _invite(tmp_path, env)
    exported = tmp_path / "all.jsonl"
    assert _run(env, "export", "--format", "jsonl", "-o", str(exported))[0] == 0
    other = {**env, "TRAINER_DATA_DIR": str(tmp_path / "other")}
    code, out, _ = _run(other, "import", str(exported))
    assert code == 0 and "2 learner(s) created" in out
    code, out, _ = _run(other, "import", str(exported))
    assert code == 0 and "Nothing new" in out


def test_report_formats(tmp_path: Path, env: dict[str, str]) -> None:
    _invite(tmp_path, env)
    code, out, _ = _run(env, "report", "--by", "team", "--lang", "en")
    assert code == 0 and "Funnel (2 learners)" in out and "Sprzedaż" in out
    code, out, _ = _run(env, "report", "--format", "json")
    assert json.loads(out)["funnel"]["invited"] == 2
    code, out, _ = _run(
        env, "report", "--by", "question", "--format", "csv", "--lang", "en", "--delimiter", ","
    )
    assert out.startswith("\ufeffquiz,question,responses,facility,discrimination,flags")


def test_data_dir_given_before_the_command_is_honoured(tmp_path: Path, env: dict[str, str]) -> None:
    _invite(tmp_path, env)
    only_course = {"TRAINER_COURSE": env["TRAINER_COURSE"], "TRAINER_DATA_DIR": ""}
    result = CliRunner().invoke(
        main,
        ["--data-dir", env["TRAINER_DATA_DIR"], "report", "--format", "json"],
        env=only_course,
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["funnel"]["invited"] == 2
