from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from tests.serve.conftest import invite
from trainer.cli import main
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.store.folder import DataFolder

# The coordinator's own locale must not decide what these tests see: only the options and the
# course's language do.
NEUTRAL_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "TRAINER_LANG": None}
MINI_COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_course"


def test_codes_for_everyone_invited_go_to_a_polish_csv_the_coordinator_sends(
    data_dir: Path, tmp_path: Path
) -> None:
    for email, name in [("anna@firma.pl", "Anna Żółć"), ("=cmd@firma.pl", "=HYPERLINK(1)")]:
        invite(data_dir, email, name)
    out = tmp_path / "kody.csv"
    command = ["invite", "--all-invited", "--codes-out", str(out), "--lang", "pl"]
    result = CliRunner(env=NEUTRAL_LOCALE).invoke(main, [*command, "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert "2 invite code(s) written" in result.output
    # Polish-locale Excel: UTF-8 with a BOM, `;` between cells, Polish headers.
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as sheet:
        rows = list(csv.DictReader(sheet, delimiter=";"))
    assert list(rows[0]) == ["e-mail", "imię i nazwisko", "kod zaproszenia", "ważny do"]
    assert {row["e-mail"] for row in rows} == {"anna@firma.pl", "'=cmd@firma.pl"}
    assert all(not row["imię i nazwisko"].startswith("=") for row in rows)
    anna = next(row for row in rows if row["e-mail"] == "anna@firma.pl")
    assert anna["imię i nazwisko"] == "Anna Żółć"
    # The expiry reads like every time people read in our files: local, to the minute.
    expires = dt.datetime.strptime(anna["ważny do"], "%Y-%m-%d %H:%M")
    assert expires.date() == dt.date.today() + dt.timedelta(days=14)
    gate = ServedSignIn(DataFolder(data_dir))
    assert gate.check_invite("anna@firma.pl", anna["kod zaproszenia"]).verdict == (
        Verdict.INVITE_VALID
    )
    again = CliRunner().invoke(main, [*command, "--data-dir", str(data_dir)])
    assert again.exit_code == 1 and "exists" in again.output


def test_codes_follow_the_chosen_language_and_delimiter(data_dir: Path, tmp_path: Path) -> None:
    invite(data_dir, "anna@firma.pl", "Nowak; Anna")
    out = tmp_path / "codes.tsv"
    result = (
        CliRunner(env=NEUTRAL_LOCALE).invoke(
            main,
            [
                "invite",
                "anna@firma.pl",
                "--codes-out",
                str(out),
                "--lang",
                "en",
                "--delimiter",
                "tab",
            ],
            catch_exceptions=False,
            args=None,
        )
        if False
        else CliRunner(env=NEUTRAL_LOCALE).invoke(
            main,
            [
                "invite",
                "anna@firma.pl",
                "--codes-out",
                str(out),
                "--lang",
                "en",
                "--delimiter",
                "tab",
                "--data-dir",
                str(data_dir),
            ],
        )
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as sheet:
        rows = list(csv.DictReader(sheet, delimiter="\t"))
    assert [(row["email"], row["name"]) for row in rows] == [("anna@firma.pl", "Nowak; Anna")]
    assert set(rows[0]) == {"email", "name", "invite_code", "expires_at"}


def test_codes_default_to_polish_with_semicolons_for_a_polish_course(
    data_dir: Path, tmp_path: Path
) -> None:
    invite(data_dir, "anna@firma.pl", "Anna Nowak")
    out = tmp_path / "codes.csv"
    result = CliRunner(env={**NEUTRAL_LOCALE, "TRAINER_DATA_DIR": str(data_dir)}).invoke(
        main,
        ["invite", "anna@firma.pl", "--codes-out", str(out), "--course", str(MINI_COURSE)],
    )
    assert result.exit_code == 0, result.output
    assert (
        out.read_bytes()
        .decode("utf-8-sig")
        .startswith("e-mail;imię i nazwisko;kod zaproszenia;ważny do\r\nanna@firma.pl;Anna Nowak;")
    )


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
    course = MINI_COURSE
    result = CliRunner(env=NEUTRAL_LOCALE).invoke(
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
    # The course is Polish: so is the codes file (`;`, Polish headers), like the exports.
    with codes.open(encoding="utf-8-sig", newline="") as sheet:
        rows = list(csv.DictReader(sheet, delimiter=";"))
    assert [row["e-mail"] for row in rows] == ["anna@firma.pl", "piotr@firma.pl"]
    assert [row["imię i nazwisko"] for row in rows] == ["Anna Nowak", "Piotr Zieliński"]
    gate = ServedSignIn(DataFolder(data_dir))
    outcome = gate.accept_invite(
        "piotr@firma.pl", rows[1]["kod zaproszenia"], "ten letters!", "ten letters!"
    )
    assert outcome.verdict == Verdict.SIGNED_IN
