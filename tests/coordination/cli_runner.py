"""Run `trainer` commands as a coordinator would, on the sample course and a real data folder."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main
from trainer.locations import bundled_course_dir

POLISH_ROSTER = (
    "\ufeffImię;Nazwisko;E-mail;Zespół;Język;Termin\r\n"
    "Łucja;Żółkiewska;lucja@firma.pl;Sprzedaż;polski;15.12.2030\r\n"
    "Grzegorz;Brzęczyszczykiewicz;grzegorz@firma.pl;Sprzedaż;pl;\r\n"
    "Anna;Śliwa;anna@firma.pl;Marketing;pl;\r\n"
    "Zenon;Sznur;zenon@firma.pl;IT;pl;\r\n"
    "John;Smith;john@firma.pl;IT;en;\r\n"
)


def coordinator_env(tmp_path: Path) -> dict[str, str]:
    return {
        "TRAINER_DATA_DIR": str(tmp_path / "data"),
        "TRAINER_COURSE": str(bundled_course_dir()),
        "TRAINER_ACTOR": "hr:anna.kowalska",
    }


def run(env: dict[str, str], *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
