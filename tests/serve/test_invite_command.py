from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from tests.serve.conftest import invite
from trainer.cli import main
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.store.folder import DataFolder


def test_codes_for_everyone_invited_go_to_a_csv_the_coordinator_sends(
    data_dir: Path, tmp_path: Path
) -> None:
    for email, name in [("anna@firma.pl", "Anna Nowak"), ("=cmd@firma.pl", "=HYPERLINK(1)")]:
        invite(data_dir, email, name)
    out = tmp_path / "codes.csv"
    result = CliRunner().invoke(
        main, ["invite", "--all-invited", "--codes-out", str(out), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "2 invite code(s) written" in result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {row["email"] for row in rows} == {"anna@firma.pl", "'=cmd@firma.pl"}
    assert all(not row["name"].startswith("=") for row in rows)
    anna = next(row for row in rows if row["email"] == "anna@firma.pl")
    gate = ServedSignIn(DataFolder(data_dir))
    assert gate.check_invite("anna@firma.pl", anna["invite_code"]).verdict == Verdict.INVITE_VALID
    again = CliRunner().invoke(
        main, ["invite", "--all-invited", "--codes-out", str(out), "--data-dir", str(data_dir)]
    )
    assert again.exit_code == 1 and "exists" in again.output


def test_unknown_addresses_are_named_and_fail_the_command(data_dir: Path) -> None:
    invite(data_dir, "anna@firma.pl", "Anna Nowak")
    result = CliRunner().invoke(
        main, ["invite", "anna@firma.pl", "nobody@firma.pl", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "not a learner" in result.output and "nobody@firma.pl" in result.output
    assert result.output.startswith("not a learner") or "anna@firma.pl\t" in result.output


def test_roster_import_can_write_the_invite_codes_at_once(tmp_path: Path, data_dir: Path) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text(
        "imię;nazwisko;e-mail;zespół;język\nAnna;Nowak;anna@firma.pl;Sprzedaż;pl\n"
        "Piotr;Zieliński;piotr@firma.pl;Marketing;en\n",
        encoding="utf-8",
    )
    codes = tmp_path / "codes.csv"
    course = Path(__file__).resolve().parents[1] / "fixtures" / "mini_course"
    result = CliRunner().invoke(
        main,
        [
            "roster",
            "import",
            str(roster),
            "--codes-out",
            str(codes),
            "--course",
            str(course),
            "--data-dir",
            str(data_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2 invite code(s) written" in result.output
    rows = list(csv.DictReader(codes.read_text(encoding="utf-8-sig").splitlines()))
    assert [row["email"] for row in rows] == ["anna@firma.pl", "piotr@firma.pl"]
    gate = ServedSignIn(DataFolder(data_dir))
    outcome = gate.accept_invite(
        "piotr@firma.pl", rows[1]["invite_code"], "ten letters!", "ten letters!"
    )
    assert outcome.verdict == Verdict.SIGNED_IN
