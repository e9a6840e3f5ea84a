"""For coordinators: exports, reports, imports and sending statements to an LRS."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO, cast

import click

from trainer.cli.coordinator_data import (
    coordinator_data,
    coordinator_errors,
    learner_source,
    load_course_for_coordinator,
    log_action,
    parse_since,
    report_unreadable,
    selection_from_options,
)
from trainer.cli.options import (
    COURSE_OPTION,
    DATA_OPTION,
    chosen_output,
    filter_options,
    output_options,
)


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["csv", "people", "jsonl", "xapi"]),
    default="csv",
    show_default=True,
    help="csv for spreadsheets, people for a mail merge (one row per learner), jsonl for "
    "archives and `trainer import`, xapi for an LRS.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here (created only when the export succeeds); default: standard output.",
)
@click.option("--since", default=None, help="Only activity at or after this date (ISO 8601).")
@filter_options
@output_options
@click.option(
    "--base-iri",
    default=None,
    help="xAPI: your organisation's address for activity ids, e.g. https://learning.firma.pl/ambassadors/",
)
@click.option(
    "--skip-unreadable",
    is_flag=True,
    help="Export everyone else when a learner file cannot be read (exit status 3).",
)
@COURSE_OPTION
@DATA_OPTION
def export_command(
    export_format: str,
    output: Path | None,
    since: str | None,
    team: str | None,
    status: str | None,
    search: str,
    output_lang: str | None,
    delimiter: str | None,
    base_iri: str | None,
    skip_unreadable: bool,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Export progress, attempts and policy acceptances, one learner at a time.

    csv: one row per learner and module, in the chosen language (UTF-8 with BOM, ';' and
    decimal commas when Polish); people: one row per learner (status, due date, invite
    expiry, last sign-in) for a mail merge.
    """
    from trainer.export.destination import export_destination
    from trainer.export.exporting import export_csv, export_jsonl, export_xapi
    from trainer.export.people import export_people
    from trainer.export.xapi import DEFAULT_BASE_IRI, checked_base_iri
    from trainer.plain_text import single_line

    course = load_course_for_coordinator(course_dir)
    since_time = parse_since(since)
    language, separator = chosen_output(output_lang, delimiter, course.config.default_language)
    selection = selection_from_options(team, status, search, since_time)
    if export_format == "xapi":
        if base_iri is None:
            click.echo(
                f"note: activity ids use the placeholder {DEFAULT_BASE_IRI}; set --base-iri to "
                "an address your organisation owns before sending statements to an LRS.",
                err=True,
            )
        try:
            iri = checked_base_iri(base_iri or DEFAULT_BASE_IRI)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--base-iri") from None
    try:
        with (
            learner_source(data_dir, selection, skip_unreadable, course) as source,
            export_destination(output) as out,
        ):
            if export_format == "csv":
                outcome = export_csv(source, course, out, delimiter=separator, language=language)
            elif export_format == "people":
                outcome = export_people(source, course, out, delimiter=separator, language=language)
            elif export_format == "jsonl":
                outcome = export_jsonl(source, course, out)
            else:
                outcome = export_xapi(source, course, out, base_iri=iri)
    except coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    where = single_line(str(output)) if output else "standard output"
    click.echo(
        f"Exported {outcome.learners} learner(s), {outcome.lines} {export_format} line(s) "
        f"to {where}.",
        err=True,
    )
    log_action(
        coordinator_data(data_dir),
        "export",
        {
            "format": export_format,
            "learners": outcome.learners,
            "to": str(output) if output else "stdout",
            **selection.describe(),
        },
    )
    report_unreadable(source)


def _checked_lrs_endpoint(endpoint: str) -> str:
    """Refuse a bad LRS address before the password is asked for."""
    from trainer.export.lrs import LrsError, statements_url

    try:
        statements_url(endpoint)
    except LrsError as error:
        raise click.BadParameter(str(error)) from None
    return endpoint


@click.command("send-xapi")
@click.argument("statements_file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--lrs",
    "endpoint",
    required=True,
    envvar="TRAINER_LRS_ENDPOINT",
    callback=lambda _ctx, _param, value: _checked_lrs_endpoint(value),
    help="The LRS's xAPI endpoint, e.g. https://lrs.firma.pl/xAPI/ (TRAINER_LRS_ENDPOINT).",
)
@click.option(
    "--user", required=True, envvar="TRAINER_LRS_USER", help="LRS user or key (TRAINER_LRS_USER)."
)
@click.option(
    "--password",
    envvar="TRAINER_LRS_PASSWORD",
    prompt=True,
    hide_input=True,
    help="LRS password or secret (TRAINER_LRS_PASSWORD; asked for when not set).",
)
@click.option(
    "--batch",
    default=100,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Statements per request.",
)
def send_xapi(statements_file: TextIO, endpoint: str, user: str, password: str, batch: int) -> None:
    """Send a `trainer export --format xapi` file to a Learning Record Store.

    Safe to repeat: statement ids are fixed, so the LRS keeps each statement once.
    """
    from trainer.export.lrs import LrsError, read_statements, send_statements
    from trainer.plain_text import single_line

    name = single_line(statements_file.name)
    sent = 0

    def progress(count: int) -> None:
        nonlocal sent
        sent += count
        if sys.stderr.isatty():
            click.echo(f"\r{sent} statement(s) sent", err=True, nl=False)

    try:
        outcome = send_statements(
            read_statements(statements_file, name),
            endpoint,
            user=user,
            password=password,
            batch_size=batch,
            on_batch=progress,
        )
    except LrsError as error:
        raise click.ClickException(str(error)) from None
    finally:
        if sent and sys.stderr.isatty():
            click.echo(err=True)  # end the progress line
    click.echo(
        f"The LRS accepted {outcome.statements} statement(s) from {name} "
        f"in {outcome.batches} batch(es): {outcome.new} new, "
        f"{outcome.already_stored} it already had.",
        err=True,
    )


@click.command("import")
@click.argument("jsonl_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
def import_command(jsonl_file: Path, data_dir: Path | None) -> None:
    """Merge a `trainer export --format jsonl` file into the data folder (safe to repeat)."""
    from trainer.export.merge import import_file
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    report = import_file(DataFolder(coordinator_data(data_dir)), jsonl_file)
    name = single_line(jsonl_file.name)
    for problem in report.problems:
        click.echo(f"{name}:{single_line(problem.format())}", err=True)
    for note in report.notes:
        click.echo(f"note: {name}:{single_line(note.format())}")
    if report.problems and not report.changed_anything:
        click.echo("Nothing was imported.", err=True)
        raise SystemExit(1)
    click.echo(single_line(report.summary()))
    if not report.changed_anything:
        click.echo("Nothing new: everything in the file was already here.")
    if report.problems:
        raise SystemExit(1)


@click.command("report")
@click.option(
    "--by",
    "view",
    type=click.Choice(["module", "team", "question"]),
    default="module",
    show_default=True,
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "csv", "json", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page with charts for management (open, print, e-mail).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@filter_options
@output_options
@click.option("--skip-unreadable", is_flag=True, help="Leave out unreadable learner files.")
@click.option(
    "--from-lrs",
    "from_lrs",
    default=None,
    metavar="URL",
    help="Build the report from this LRS's statements (xAPI query API) instead of the data "
    "folder: every host that forwards to it, in one report. Password: TRAINER_LRS_PASSWORD "
    "or a prompt.",
)
@click.option(
    "--lrs-user", default=None, envvar="TRAINER_LRS_USER", help="With --from-lrs: LRS key or user."
)
@click.option(
    "--base-iri",
    default=None,
    help="With --from-lrs: the base IRI the hosts forward with (default: this data folder's).",
)
@COURSE_OPTION
@DATA_OPTION
def report_command(
    view: str,
    report_format: str,
    output: Path | None,
    team: str | None,
    status: str | None,
    search: str,
    output_lang: str | None,
    delimiter: str | None,
    skip_unreadable: bool,
    from_lrs: str | None,
    lrs_user: str | None,
    base_iri: str | None,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Funnel, completion by module or team, score distributions and question statistics.

    With --from-lrs the learners come from the LRS's statements, so one report covers every
    host forwarding to it; it equals the report over their merged data folders, except the
    content studio's figures (drafts stay in the folders). Exit status 3: some statements
    could not be used (listed on stderr)."""
    import datetime as dt
    import json

    from trainer.export.course_report import build_source_report
    from trainer.export.destination import export_destination
    from trainer.export.report_output import (
        ReportView,
        render_text,
        report_document,
        write_csv,
    )
    from trainer.plain_text import single_line

    course = load_course_for_coordinator(course_dir)
    language, separator = chosen_output(output_lang, delimiter, course.config.default_language)
    selection = selection_from_options(team, status, search)
    problems: list[str] = []
    try:
        if from_lrs is not None:
            from trainer.cli.lrs_source import lrs_learner_source
            from trainer.export.lrs import LrsError
            from trainer.export.xapi import BaseIriError

            try:
                with lrs_learner_source(
                    from_lrs, lrs_user, base_iri, data_dir, selection, course
                ) as (source, problems):
                    report = build_source_report(source, course)
            except (LrsError, BaseIriError) as error:
                raise click.ClickException(single_line(str(error))) from None
        else:
            with learner_source(data_dir, selection, skip_unreadable, course) as source:
                report = build_source_report(source, course)
        with export_destination(output) as out:
            if report_format == "text":
                out.write(render_text(report, cast(ReportView, view), language))
            elif report_format == "csv":
                write_csv(report, cast(ReportView, view), out, separator, language)
            elif report_format == "html":
                from trainer.export.report_html import render_report_html

                scope = [
                    f"{name}: {value}"
                    for name, value in (("team", team), ("status", status), ("search", search))
                    if value
                ]
                out.write(
                    render_report_html(
                        report_document(report),
                        course,
                        lang=language,
                        generated_at=dt.datetime.now(dt.UTC),
                        scope=scope,
                    )
                )
            else:
                json.dump(report_document(report), out, ensure_ascii=False, indent=2)
                out.write("\n")
    except coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    if output is not None:
        log_action(
            coordinator_data(data_dir),
            "report",
            {
                "by": view,
                "format": report_format,
                "to": str(output),
                **({"from_lrs": from_lrs} if from_lrs else {}),
                **selection.describe(),
            },
        )
    report_unreadable(source)
    for problem in problems:
        click.echo(single_line(problem), err=True)
    if problems:
        raise SystemExit(3)
