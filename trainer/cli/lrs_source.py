"""`trainer report --from-lrs`: the learners rebuilt from an LRS's statements."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainer.cli.coordinator_data import coordinator_data
from trainer.cli.forwarding import lrs_password

if TYPE_CHECKING:
    from trainer.content.models import Course
    from trainer.export.selection import LearnerSelection, LearnerSource

SHOWN_PROBLEMS = 10


def chosen_base_iri(data_dir: Path, base_iri: str | None) -> str:
    """--base-iri, else the one this data folder forwards with, else the placeholder."""
    from trainer.export.xapi import DEFAULT_BASE_IRI, checked_base_iri
    from trainer.forwarding.config import read_config
    from trainer.store.folder import DataFolder

    if base_iri is not None:
        return checked_base_iri(base_iri)
    config = read_config(DataFolder(data_dir)) if data_dir.is_dir() else None
    if config is not None:
        return config.base_iri
    click.echo(
        f"note: looking for activity ids under the placeholder {DEFAULT_BASE_IRI}; set "
        "--base-iri to the address the hosts forward with.",
        err=True,
    )
    return DEFAULT_BASE_IRI


@contextmanager
def lrs_learner_source(
    endpoint: str,
    user: str | None,
    base_iri: str | None,
    data_dir: Path | None,
    selection: LearnerSelection,
    course: Course,
) -> Iterator[tuple[LearnerSource, list[str]]]:
    """The learners as the LRS knows them, and what could not be used (for the exit status).

    The data folder (if any) gives the team deadlines for the overdue count."""
    from trainer.export.lrs_query import query_statements
    from trainer.export.selection import LearnerSource
    from trainer.export.statement_records import StatementReader
    from trainer.export.xapi import XapiStatements
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    if not user:
        raise click.UsageError("--from-lrs needs --lrs-user (the LRS key or user name).")
    folder = DataFolder(coordinator_data(data_dir))
    iri = chosen_base_iri(folder.root, base_iri)
    password = lrs_password()
    reader = StatementReader(course, iri)
    activity = XapiStatements(course, iri).course_id
    pages = 0

    def page_read(count: int) -> None:
        nonlocal pages
        pages += 1
        if sys.stderr.isatty():
            click.echo(
                f"\rReading statements: {reader.result.statements + count}", nl=False, err=True
            )

    for statement in query_statements(
        endpoint, user=user, password=password, activity=activity, on_page=page_read
    ):
        reader.add(statement)
    result = reader.records()
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(
        f"Read {result.statements} statement(s) about {activity} in {pages} page(s): "
        f"{len(result.records)} learner(s).",
        err=True,
    )
    problems: list[str] = []
    if result.without_registration:
        problems.append(
            f"{result.without_registration} learner(s) have no enrolment (`registered`) "
            "statement in the LRS: their team and status are unknown (forward from a version "
            "that sends them, or run `trainer forward` on their host once)."
        )
    for reason in result.unusable[:SHOWN_PROBLEMS]:
        problems.append(f"Statement not understood: {single_line(reason)}")
    if len(result.unusable) > SHOWN_PROBLEMS:
        problems.append(f"... and {len(result.unusable) - SHOWN_PROBLEMS} more not understood.")
    if result.skipped_posts:
        click.echo(
            f"note: {result.skipped_posts} content-studio statement(s) are not counted: the "
            "studio's figures need the data folders (drafts never leave them).",
            err=True,
        )
    source = LearnerSource(folder, selection, course=course, given=result.records)
    yield source, problems
