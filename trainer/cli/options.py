"""Options shared by every command, and where course and data folders come from."""

from __future__ import annotations

from pathlib import Path

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


def resolve_course(course_dir: Path | None) -> Path:
    return (course_dir or default_course_dir()).resolve()


def resolve_data(data_dir: Path | None) -> Path:
    return (data_dir or default_data_dir()).resolve()
