"""A Polish HR team's lists: filters with the dashboard's meaning, Polish order and words,
due dates from the roster, per team and per person, and who is overdue."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tests.coordination.cli_runner import POLISH_ROSTER, coordinator_env, run
from trainer.audit import read_entries
from trainer.export.collation import fold, sort_key, team_key
from trainer.store.folder import DataFolder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = coordinator_env(tmp_path)
    roster = tmp_path / "lista.csv"
    roster.write_text(POLISH_ROSTER, encoding="utf-8", newline="")
    code, out, _ = run(env, "roster", "import", str(roster))
    assert code == 0, out
    return env


def _csv(text: str, delimiter: str = ";") -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def test_polish_letters_sort_where_polish_readers_expect() -> None:
    names = ["Żak", "Zawada", "Śliwa", "Sznur", "Łoś", "Lis", "Ćma", "Cyran", "Źrebiec"]
    assert sorted(names, key=sort_key("pl")) == [
        "Cyran",
        "Ćma",
        "Lis",
        "Łoś",
        "Sznur",
        "Śliwa",
        "Zawada",
        "Źrebiec",
        "Żak",
    ]


def test_search_and_teams_ignore_case_and_diacritics() -> None:
    assert "brzecz" in fold("Grzegorz Brzęczyszczykiewicz")
    assert team_key("Sprzedaz") == team_key(" sprzedaż ") == team_key("SPRZEDAŻ")
    assert fold("Łódź") == "lodz"


def test_the_roster_termin_column_is_each_persons_due_date(env: dict[str, str]) -> None:
    folder = DataFolder(Path(env["TRAINER_DATA_DIR"]))
    lucja = folder.learner(folder.find_learner_by_email("lucja@firma.pl") or "").read()
    assert lucja.profile.due == dt.date(2030, 12, 15)
    grzegorz = folder.learner(folder.find_learner_by_email("grzegorz@firma.pl") or "").read()
    assert grzegorz.profile.due is None


def test_a_bad_termin_is_a_bad_row_with_its_line(tmp_path: Path) -> None:
    env = coordinator_env(tmp_path)
    roster = tmp_path / "lista.csv"
    roster.write_text(
        "imię;nazwisko;e-mail;termin\r\nAnna;Nowak;anna@firma.pl;31.02.2026\r\n", encoding="utf-8"
    )
    code, out, _ = run(env, "roster", "import", str(roster))
    assert code == 1
    assert "lista.csv:line 2: due date: '31.02.2026' is not a date" in out


def test_search_finds_brzeczyszczykiewicz_without_diacritics(env: dict[str, str]) -> None:
    code, out, _ = run(env, "export", "--format", "people", "--search", "brzecz")
    assert code == 0
    rows = _csv(out)
    assert [r["imię i nazwisko"] for r in rows] == ["Grzegorz Brzęczyszczykiewicz"]


def test_team_without_diacritics_is_the_polish_team(env: dict[str, str]) -> None:
    code, out, _ = run(env, "export", "--format", "people", "--team", "Sprzedaz")
    assert code == 0
    rows = _csv(out)
    assert sorted(r["e-mail"] for r in rows) == ["grzegorz@firma.pl", "lucja@firma.pl"]
    assert {r["zespół"] for r in rows} == {"Sprzedaż"}


def test_invited_never_signed_in_for_a_mail_merge(env: dict[str, str]) -> None:
    code, out, _ = run(env, "export", "--format", "people", "--status", "invited", "--lang", "en")
    assert code == 0
    rows = _csv(out, ",")
    assert len(rows) == 5
    assert list(rows[0]) == [
        "name",
        "email",
        "team",
        "language",
        "status",
        "progress_percent",
        "policy_decision",
        "due_date",
        "overdue",
        "invite_expires",
        "last_sign_in",
        "last_activity",
    ]
    assert {r["status"] for r in rows} == {"invited"}
    assert {r["last_sign_in"] for r in rows} == {""}


def test_invite_expiry_is_a_column_in_local_time(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "invite", "anna@firma.pl", "--codes-out", str(tmp_path / "c.csv"))[0] == 0
    code, out, _ = run(env, "export", "--format", "people", "--search", "anna@")
    assert code == 0
    (row,) = _csv(out)
    expires = dt.datetime.strptime(row["zaproszenie ważne do"], "%Y-%m-%d %H:%M")
    assert expires.date() == dt.date.today() + dt.timedelta(days=14)


def test_team_deadline_makes_its_late_members_overdue_everywhere(env: dict[str, str]) -> None:
    code, out, _ = run(env, "deadline", "set", "--team", "sprzedaz", "2026-01-15")
    assert code == 0 and "due 2026-01-15 (2 learner(s) in the team now)" in out
    # Łucja's own date (15 December 2030, from the roster) wins over her team's.
    code, out, _ = run(env, "export", "--format", "people", "--status", "overdue")
    assert code == 0
    rows = _csv(out)
    assert [(r["e-mail"], r["termin"], r["po terminie"]) for r in rows] == [
        ("grzegorz@firma.pl", "2026-01-15", "tak")
    ]
    code, out, _ = run(env, "export", "--status", "overdue")
    assert {r["identyfikator"].split("-")[0] for r in _csv(out)} == {"grzegorz"}
    code, out, _ = run(env, "report", "--format", "json", "--team", "Sprzedaż")
    assert json.loads(out)["funnel"]["overdue"] == 1
    code, out, _ = run(env, "report", "--lang", "pl")
    assert "po terminie (termin minął, szkolenie nieukończone)" in out
    actions = [e.action for e in read_entries(Path(env["TRAINER_DATA_DIR"]))]
    assert "deadline.set" in actions


def test_invite_due_sets_a_persons_own_date(env: dict[str, str], tmp_path: Path) -> None:
    code, _, _ = run(
        env, "invite", "zenon@firma.pl", "--due", "01.02.2026", "--codes-out", str(tmp_path / "c")
    )
    assert code == 0
    code, out, _ = run(env, "export", "--format", "people", "--status", "overdue")
    assert [r["e-mail"] for r in _csv(out)] == ["zenon@firma.pl"]


def test_report_speaks_polish_with_plural_forms_and_polish_team_order(
    env: dict[str, str],
) -> None:
    code, out, _ = run(env, "report", "--by", "team", "--lang", "pl")
    assert code == 0
    assert out.startswith("Lejek (5 osób)\n  zaproszone osoby")
    assert "Według zespołów" in out
    teams = [line.split()[0] for line in out.split("Według zespołów\n")[1].splitlines()[1:]]
    assert teams == ["IT", "Marketing", "Sprzedaż"]
    code, out, _ = run(env, "report", "--by", "team", "--lang", "en")
    assert out.startswith("Funnel (5 learners)\n  invited")


def test_report_csv_is_polish_with_semicolons_by_default(env: dict[str, str]) -> None:
    code, out, _ = run(env, "report", "--by", "team", "--format", "csv")
    assert code == 0
    rows = _csv(out)
    assert list(rows[0])[:2] == ["zespół", "osoby"]
    assert [r["zespół"] for r in rows] == ["IT", "Marketing", "Sprzedaż"]


def test_status_filter_has_the_dashboards_words(env: dict[str, str]) -> None:
    code, _, err = run(env, "export", "--status", "asleep")
    assert code == 2 and "invited" in err and "overdue" in err
    code, out, err = run(env, "export", "--status", "complete")
    assert code == 0 and _csv(out) == []
    assert "Exported 0 learner(s)" in err
