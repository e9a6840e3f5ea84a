"""Options shared by every command, and where course and data folders come from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import click

from trainer.locations import default_course_dir, default_data_dir

COURSE_OPTION = click.option(
    "--course",
    "course_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="TRAINER_COURSE",
    show_envvar=True,
    default=None,
    help="Course folder (default: the current folder if it holds course.yml, else the sample).",
)
DATA_OPTION = click.option(
    "--data-dir",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="TRAINER_DATA_DIR",
    show_envvar=True,
    default=None,
    help="Where learners' progress is kept (default: your user data folder).",
)
LANG_OPTION = click.option(
    "--lang",
    "lang",
    type=click.Choice(["pl", "en"]),
    envvar="TRAINER_LANG",
    show_envvar=True,
    default=None,
    help="Interface and content language (default: from LANG, else the course's).",
)


def given_before_the_command(name: str) -> Any:
    """An option given to `trainer` itself (`trainer --data-dir X export`), else None.

    Every command takes `--course`, `--data-dir` and `--lang` after its name too; either place
    means the same.
    """
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params.get(name) if ctx is not None else None


def resolve_course(course_dir: Path | None) -> Path:
    return (course_dir or given_before_the_command("course_dir") or default_course_dir()).resolve()


def resolve_data(data_dir: Path | None) -> Path:
    return (data_dir or given_before_the_command("data_dir") or default_data_dir()).resolve()


def resolve_lang(lang: str | None) -> str | None:
    """The interface language asked for, if any (else the app decides from LANG and course)."""
    return lang or given_before_the_command("lang")


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--team`, `--status`, `--search`: the dashboard's filters, with the same meaning."""
    from trainer.export.learner_filter import STATUS_OPTIONS

    command = click.option(
        "--search",
        default="",
        help="Part of a name or e-mail address; case and diacritics ignored ('brzecz').",
    )(command)
    command = click.option(
        "--status",
        type=click.Choice(list(STATUS_OPTIONS)),
        default=None,
        help="invited (opened nothing yet; also not-started), started, in-progress, complete, "
        "or overdue (past the due date, not complete).",
    )(command)
    return click.option(
        "--team",
        default=None,
        help="Only this team (case and diacritics ignored: Sprzedaz is Sprzedaż).",
    )(command)


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--lang` and `--delimiter`, the same for every CSV the product writes."""
    command = click.option(
        "--delimiter",
        type=click.Choice([",", ";", "tab"]),
        default=None,
        help="CSV separator (default ';' with decimal commas when the language is Polish, "
        "as Polish-locale Excel expects; else ',').",
    )(command)
    return click.option(
        "--lang",
        "output_lang",
        type=click.Choice(["pl", "en"]),
        default=None,
        help="Language of headers and words in the output (default: --lang of trainer, "
        "TRAINER_LANG or LANG, else the course's language).",
    )(command)


def chosen_output(
    output_lang: str | None, delimiter: str | None, course_language: str | None
) -> tuple[Literal["pl", "en"], str]:
    """The output language and the CSV delimiter: one rule for every command."""
    from trainer.locations import language_from_environment

    language = (
        output_lang or resolve_lang(None) or language_from_environment() or course_language or "en"
    )
    chosen: Literal["pl", "en"] = "pl" if language == "pl" else "en"
    if delimiter is None:
        return chosen, ";" if chosen == "pl" else ","
    return chosen, "\t" if delimiter == "tab" else delimiter
