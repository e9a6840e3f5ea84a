"""What coordinator commands share: the data folder, the course, the learners they read."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainer.cli.options import resolve_course, resolve_data

if TYPE_CHECKING:
    from trainer.content.models import Course
    from trainer.export.selection import LearnerSelection, LearnerSource


def coordinator_data(data_dir: Path | None) -> Path:
    """`--data-dir` given after the command, else before it (`trainer --data-dir X export`)."""
    return resolve_data(data_dir)


def load_course_for_coordinator(course_dir: Path | None) -> Course:
    from trainer.content.loader import load_course
    from trainer.plain_text import single_line

    root = resolve_course(course_dir)
    result = load_course(root)
    if result.course is None:
        for diagnostic in result.errors[:10]:
            click.echo(single_line(diagnostic.format()), err=True)
        raise click.ClickException(
            f"The course in {single_line(str(root))} has errors (see `trainer validate`)."
        )
    return result.course


def course_language(course_dir: Path | None) -> str | None:
    """The course's default language for commands that work without the course (`invite`):
    None when there is no readable course, so a broken course never stops an invitation."""
    from trainer.content.loader import load_course

    try:
        result = load_course(resolve_course(course_dir))
    except OSError:
        return None
    return result.course.config.default_language if result.course is not None else None


def parse_since(value: str | None) -> dt.datetime | None:
    """`2026-03-01` (midnight UTC) or a full ISO 8601 time; a time without offset is UTC."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date such as 2026-03-01 or 2026-03-01T08:00+01:00",
            param_hint="--since",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@contextlib.contextmanager
def learner_source(
    data_dir: Path | None,
    selection: LearnerSelection,
    skip_unreadable: bool,
    course: Course | None = None,
) -> Iterator[LearnerSource]:
    """A `LearnerSource` with a progress bar on stderr when stderr is a terminal."""
    from trainer.export.selection import LearnerSource
    from trainer.store.folder import DataFolder

    source = LearnerSource(
        DataFolder(coordinator_data(data_dir)),
        selection,
        skip_unreadable=skip_unreadable,
        course=course,
    )
    if not sys.stderr.isatty():
        yield source
        return
    with click.progressbar(length=len(source), label="Reading learners", file=sys.stderr) as bar:
        source.on_learner = lambda: bar.update(1)
        yield source


def report_unreadable(source: LearnerSource) -> None:
    from trainer.plain_text import single_line

    for error in source.unreadable:
        path = getattr(error, "path", None)
        where = f"{single_line(str(path))}: " if path is not None else ""
        click.echo(f"Skipped (unreadable): {where}{single_line(str(error))}", err=True)
    if source.unreadable:
        click.echo(
            f"The output is complete except for {len(source.unreadable)} unreadable learner "
            "file(s) listed above (exit status 3).",
            err=True,
        )
        raise SystemExit(3)


def coordinator_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is written for the coordinator: shown as is, without a traceback."""
    from trainer.export.destination import ExportWriteError
    from trainer.export.selection import UnknownTeamError, UnreadableLearnerError
    from trainer.store.errors import StoreError

    return (UnknownTeamError, UnreadableLearnerError, StoreError, ExportWriteError)


def log_action(data: Path, action: str, details: dict[str, object]) -> None:
    """Add the finished action to the audit trail; a trail that cannot be written is an error."""
    from trainer.audit import default_actor, record
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError

    try:
        record(data, default_actor(), action, details)
    except StoreError as error:
        raise click.ClickException(
            f"The {action} was done, but the audit trail could not record it: "
            f"{single_line(str(error))}"
        ) from None


def selection_from_options(
    team: str | None, status: str | None, search: str, since: dt.datetime | None = None
) -> LearnerSelection:
    """The filters of `filter_options` as a `LearnerSelection`."""
    from trainer.export.learner_filter import STATUS_OPTIONS
    from trainer.export.selection import LearnerSelection

    return LearnerSelection(
        team=team,
        since=since,
        status=STATUS_OPTIONS[status] if status else None,
        search=search,
    )
