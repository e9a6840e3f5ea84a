"""The `trainer` command. Thin: each command parses options and calls down into the layers."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import click

from trainer import __version__
from trainer.locations import default_course_dir, default_data_dir

if TYPE_CHECKING:
    from trainer.content.models import Course
    from trainer.export.selection import LearnerSource
    from trainer.store.folder import DataFolder

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


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trainer")
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
@click.pass_context
def main(
    ctx: click.Context, course_dir: Path | None, data_dir: Path | None, lang: str | None
) -> None:
    """Onboarding for employee-advocacy ambassadors. Without a command: open the learner app."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(run, course_dir=course_dir, data_dir=data_dir, lang=lang)


@main.command()
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
@click.option("--served", is_flag=True, hidden=True, help="One browser tab of `trainer serve`.")
@click.option("--served-dashboard", is_flag=True, hidden=True, help="A `serve --dashboard` tab.")
def run(
    course_dir: Path | None,
    data_dir: Path | None,
    lang: str | None,
    served: bool = False,
    served_dashboard: bool = False,
) -> None:
    """Open the learner app."""
    from trainer.tui.launch import run_learner_app

    if served or served_dashboard:
        from trainer.serve.tab import run_served_tab

        raise SystemExit(
            run_served_tab(
                resolve_course(course_dir),
                resolve_data(data_dir),
                lang,
                dashboard=served_dashboard,
            )
        )
    raise SystemExit(run_learner_app(resolve_course(course_dir), resolve_data(data_dir), lang))


# --- data folder care: backup and verify (logic in trainer/store/) -----------------------------


@main.command()
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@DATA_OPTION
def backup(destination: Path, data_dir: Path | None) -> None:
    """Write a consistent copy of the data folder into DESTINATION (safe while people learn)."""
    from trainer.plain_text import single_line
    from trainer.store.backup import backup_data_folder
    from trainer.store.errors import StoreError

    skipped: list[str] = []

    def report_skip(error: StoreError) -> None:
        skipped.append(single_line(str(error)))
        click.echo(f"Skipped (unreadable): {single_line(str(error))}", err=True)

    try:
        made = backup_data_folder(resolve_data(data_dir), destination.resolve(), report_skip)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    click.echo(f"Backup written to {single_line(str(made))}")
    if skipped:
        click.echo(f"{len(skipped)} damaged file(s) were not backed up; see above.", err=True)
        raise SystemExit(1)


@main.command()
@DATA_OPTION
def verify(data_dir: Path | None) -> None:
    """Check every learner file and policy hash chain; exit 1 if anything was altered."""
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.verify import verify_data_folder

    try:
        report = verify_data_folder(resolve_data(data_dir))
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    for finding in report.findings:
        click.echo(f"ALTERED [{finding.kind}] {single_line(finding.message)}")
    for note in report.notes:
        click.echo(f"note: {single_line(note)}")
    click.echo(single_line(report.summary()))
    if report.altered:
        raise SystemExit(1)


# --- content: trainer validate (issue 2) ----------------------------------------------------


@main.command()
@click.argument(
    "course_dir",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="`json` for your CI: counts plus every problem with path, line, column and code.",
)
@click.pass_context
def validate(ctx: click.Context, course_dir: Path | None, report_format: str) -> None:
    """Check every file of a course; exit 1 if there is any error.

    COURSE_DIR defaults to `trainer --course` / TRAINER_COURSE, else the current folder if it
    holds course.yml, else the bundled sample course.
    """
    from trainer.content.loader import load_course
    from trainer.content.report import validation_report

    result = load_course(resolve_course(course_dir or ctx.find_root().params.get("course_dir")))
    click.echo(validation_report(result, "json" if report_format == "json" else "text"))
    raise SystemExit(0 if result.ok else 1)


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@LANG_OPTION
def preview(path: Path, lang: str | None) -> None:
    """Preview a module, quiz or policy file (or a course folder) live, as learners see it.

    Reloads within a second of each save; shows validation messages while the file is
    broken. Nothing is stored.
    """
    from trainer.tui.launch import run_preview

    raise SystemExit(run_preview(path.resolve(), lang))


# --- coordinator tools: roster, export, import, report (logic in trainer/roster/, export/) ---


def _coordinator_data(data_dir: Path | None) -> Path:
    """`--data-dir` given after the command, else before it (`trainer --data-dir X export`)."""
    return resolve_data(data_dir or click.get_current_context().find_root().params.get("data_dir"))


def _load_course_for_coordinator(course_dir: Path | None) -> Course:
    from trainer.content.loader import load_course
    from trainer.plain_text import single_line

    root = resolve_course(
        course_dir or click.get_current_context().find_root().params.get("course_dir")
    )
    result = load_course(root)
    if result.course is None:
        for diagnostic in result.errors[:10]:
            click.echo(single_line(diagnostic.format()), err=True)
        raise click.ClickException(
            f"The course in {single_line(str(root))} has errors (see `trainer validate`)."
        )
    return result.course


def _parse_since(value: str | None) -> dt.datetime | None:
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
def _learner_source(
    data_dir: Path | None, team: str | None, since: dt.datetime | None, skip_unreadable: bool
) -> Iterator[LearnerSource]:
    """A `LearnerSource` with a progress bar on stderr when stderr is a terminal."""
    from trainer.export.selection import LearnerSelection, LearnerSource
    from trainer.store.folder import DataFolder

    source = LearnerSource(
        DataFolder(_coordinator_data(data_dir)),
        LearnerSelection(team=team, since=since),
        skip_unreadable=skip_unreadable,
    )
    if not sys.stderr.isatty():
        yield source
        return
    with click.progressbar(length=len(source), label="Reading learners", file=sys.stderr) as bar:
        source.on_learner = lambda: bar.update(1)
        yield source


def _report_unreadable(source: LearnerSource) -> None:
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


def _coordinator_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is written for the coordinator: shown as is, without a traceback."""
    from trainer.export.selection import UnknownTeamError, UnreadableLearnerError
    from trainer.store.errors import StoreError

    return (UnknownTeamError, UnreadableLearnerError, StoreError)


@main.group()
def roster() -> None:
    """Invite ambassadors in bulk from a spreadsheet."""


@roster.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Invite the good rows even if some rows are bad.")
@click.option("--dry-run", is_flag=True, help="Check the file against the data folder only.")
@click.option(
    "--codes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also issue one-time invite codes (served sign-in) into this new CSV file.",
)
@COURSE_OPTION
@DATA_OPTION
def roster_import(
    csv_file: Path,
    skip_bad: bool,
    dry_run: bool,
    course_dir: Path | None,
    data_dir: Path | None,
    codes_out: Path | None = None,
) -> None:
    """Invite everyone in CSV_FILE (first name, last name, e-mail, team, language).

    Headers may be Polish or English (imię, nazwisko, e-mail, zespół/dział, język), separated
    by `,` or `;`, in UTF-8 with or without BOM. With any bad row nothing changes unless
    --skip-bad; people who already are learners are skipped and listed.
    """
    from trainer.plain_text import single_line
    from trainer.roster.invitation import invite_roster
    from trainer.roster.sheet import RosterFileError, decode_roster, read_roster
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    course = _load_course_for_coordinator(course_dir)
    name = single_line(csv_file.name)
    if codes_out is not None and codes_out.exists():
        raise click.ClickException(
            f"{single_line(str(codes_out))} exists; codes are never overwritten."
        )
    try:
        sheet = read_roster(decode_roster(csv_file.read_bytes(), name), course.config.languages)
        outcome = invite_roster(
            DataFolder(_coordinator_data(data_dir)), sheet, skip_bad=skip_bad, dry_run=dry_run
        )
    except (RosterFileError, StoreError) as error:
        raise click.ClickException(f"{name}: {single_line(str(error))}") from None
    separator = {";": "';'", ",": "','", "\t": "tab"}[sheet.delimiter]
    rows = len(sheet.entries) + len(sheet.problems)
    click.echo(f"{name}: {rows} row(s), separator {separator}")
    if sheet.ignored_columns:
        ignored = ", ".join(repr(c) for c in sheet.ignored_columns)
        click.echo(f"note: columns ignored: {ignored}")
    for problem in sorted([*outcome.errors, *outcome.already_learners], key=lambda p: p.line):
        click.echo(f"{name}:{single_line(problem.format())}")
    good = len(outcome.to_invite)
    if dry_run:
        click.echo(f"Dry run: {good} learner(s) would be invited; nothing was changed.")
    elif outcome.errors and not skip_bad:
        click.echo(
            f"Nothing was changed: fix the {len(outcome.errors)} problem(s) above, or run again "
            f"with --skip-bad to invite the {good} good row(s)."
        )
    else:
        for entry, learner_id in outcome.invited:
            click.echo(f"invited {learner_id}: {single_line(entry.name)} <{entry.email}>")
        skipped = f"; {len(outcome.errors)} bad row(s) left out" if outcome.errors else ""
        click.echo(f"Invited {len(outcome.invited)} learner(s){skipped}.")
        if codes_out is not None and outcome.invited:
            from trainer.identity.invitations import issue_codes_into

            try:
                written = issue_codes_into(
                    DataFolder(_coordinator_data(data_dir)),
                    [learner_id for _entry, learner_id in outcome.invited],
                    codes_out,
                )
            except StoreError as error:
                raise click.ClickException(
                    f"invite codes: {single_line(str(error))} (use `trainer invite`)"
                ) from None
            click.echo(f"{written} invite code(s) written to {single_line(str(codes_out))}")
    if outcome.store_error:
        raise click.ClickException(
            f"{single_line(outcome.store_error)} ({len(outcome.invited)} invited before that)"
        )
    if outcome.errors and not (skip_bad and not dry_run):
        raise SystemExit(1)


@main.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["csv", "jsonl", "xapi"]),
    default="csv",
    show_default=True,
    help="csv for spreadsheets, jsonl for archives and `trainer import`, xapi for an LRS.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here (created only when the export succeeds); default: standard output.",
)
@click.option("--since", default=None, help="Only activity at or after this date (ISO 8601).")
@click.option("--team", default=None, help="Only this team (case-insensitive).")
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    default=",",
    show_default=True,
    help="CSV separator; ';' (with decimal commas) for Polish-locale Excel.",
)
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
    delimiter: str,
    base_iri: str | None,
    skip_unreadable: bool,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Export progress, attempts and policy acceptances, one learner at a time."""
    from trainer.export.destination import export_destination
    from trainer.export.exporting import export_csv, export_jsonl, export_xapi
    from trainer.export.xapi import DEFAULT_BASE_IRI, checked_base_iri
    from trainer.plain_text import single_line

    course = _load_course_for_coordinator(course_dir)
    since_time = _parse_since(since)
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
            _learner_source(data_dir, team, since_time, skip_unreadable) as source,
            export_destination(output) as out,
        ):
            if export_format == "csv":
                outcome = export_csv(
                    source, course, out, delimiter="\t" if delimiter == "tab" else delimiter
                )
            elif export_format == "jsonl":
                outcome = export_jsonl(source, course, out)
            else:
                outcome = export_xapi(source, course, out, base_iri=iri)
    except _coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    where = single_line(str(output)) if output else "standard output"
    click.echo(
        f"Exported {outcome.learners} learner(s), {outcome.lines} {export_format} line(s) "
        f"to {where}.",
        err=True,
    )
    _report_unreadable(source)


def _checked_lrs_endpoint(endpoint: str) -> str:
    """Refuse a bad LRS address before the password is asked for."""
    from trainer.export.lrs import LrsError, statements_url

    try:
        statements_url(endpoint)
    except LrsError as error:
        raise click.BadParameter(str(error)) from None
    return endpoint


@main.command("send-xapi")
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
        f"in {outcome.batches} batch(es).",
        err=True,
    )


@main.command("import")
@click.argument("jsonl_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
def import_command(jsonl_file: Path, data_dir: Path | None) -> None:
    """Merge a `trainer export --format jsonl` file into the data folder (safe to repeat)."""
    from trainer.export.merge import import_file
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    report = import_file(DataFolder(_coordinator_data(data_dir)), jsonl_file)
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


@main.command("report")
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
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--team", default=None, help="Only this team (case-insensitive).")
@click.option("--skip-unreadable", is_flag=True, help="Leave out unreadable learner files.")
@COURSE_OPTION
@DATA_OPTION
def report_command(
    view: str,
    report_format: str,
    output: Path | None,
    team: str | None,
    skip_unreadable: bool,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Funnel, completion by module or team, score distributions and question statistics."""
    import json

    from trainer.export.course_report import build_report
    from trainer.export.destination import export_destination
    from trainer.export.report_output import (
        ReportView,
        render_text,
        report_document,
        write_csv,
    )
    from trainer.plain_text import single_line

    course = _load_course_for_coordinator(course_dir)
    try:
        with _learner_source(data_dir, team, None, skip_unreadable) as source:
            report = build_report(source.records(), course)
        with export_destination(output) as out:
            if report_format == "text":
                out.write(render_text(report, cast(ReportView, view)))
            elif report_format == "csv":
                write_csv(report, cast(ReportView, view), out)
            else:
                json.dump(report_document(report), out, ensure_ascii=False, indent=2)
                out.write("\n")
    except _coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    _report_unreadable(source)


# --- coordinator dashboard: trainer coordinator (logic in trainer/tui/coordinator/) ---------
# A group so that role management (`trainer coordinator add EMAIL`, served mode) can join it.


@main.group("coordinator", invoke_without_command=True)
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
@click.pass_context
def coordinator(
    ctx: click.Context, course_dir: Path | None, data_dir: Path | None, lang: str | None
) -> None:
    """Coordinator tools. Without a command: open the dashboard (learners, charts, exports)."""
    if ctx.invoked_subcommand is not None:
        return
    from trainer.tui.coordinator.launch import run_coordinator_app

    raise SystemExit(run_coordinator_app(resolve_course(course_dir), resolve_data(data_dir), lang))


# --- served mode: trainer serve, invite codes (logic in trainer/serve/, trainer/identity/) ------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public-url",
    default=None,
    help="The address people open, when behind a reverse proxy (e.g. https://training.firma.pl).",
)
@click.option(
    "--dashboard",
    is_flag=True,
    help="Serve the coordinator dashboard instead (sign-in requires the coordinator role).",
)
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
def serve(
    host: str,
    port: int,
    public_url: str | None,
    dashboard: bool,
    course_dir: Path | None,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Serve the learner app to browsers: one app process per tab, sign-in with a passphrase.

    Listens on loopback by default; see docs/operations.md for HTTPS and systemd. Run a
    second one with --dashboard (on another port) for coordinators.
    """
    from trainer.serve.server import serve as serve_app

    raise SystemExit(
        serve_app(
            resolve_course(course_dir),
            resolve_data(data_dir),
            lang,
            host=host,
            port=port,
            public_url=public_url,
            dashboard=dashboard,
        )
    )


@main.command()
@click.argument("emails", nargs=-1)
@click.option(
    "--all-invited", is_flag=True, help="Every learner who has not signed in yet (after a roster)."
)
@click.option(
    "--codes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write e-mail, name, code, expiry to this new CSV file instead of printing codes.",
)
@click.option("--valid-days", default=14, show_default=True, type=click.IntRange(1, 365))
@DATA_OPTION
def invite(
    emails: tuple[str, ...],
    all_invited: bool,
    codes_out: Path | None,
    valid_days: int,
    data_dir: Path | None,
) -> None:
    """Issue one-time invite codes for served sign-in (also resets a forgotten passphrase).

    Each code works once, for its own e-mail address, until it expires; a new code replaces
    the previous one. Send each person their code; they sign in with e-mail + code and choose
    a passphrase.
    """
    import datetime as dt

    from trainer.identity.invitations import (
        invited_learner_ids,
        issue_invite,
        issue_invites_by_email,
        write_invite_codes,
    )
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    if not emails and not all_invited:
        raise click.UsageError("Give e-mail addresses, or --all-invited.")
    data = DataFolder(resolve_data(data_dir))
    valid_for = dt.timedelta(days=valid_days)
    try:
        issued, unknown = issue_invites_by_email(data, list(emails), valid_for=valid_for)
        if all_invited:
            done = {i.learner_id for i in issued}
            for learner_id in invited_learner_ids(data):
                if learner_id not in done:
                    issued.append(issue_invite(data, learner_id, valid_for=valid_for))
        if codes_out is not None:
            write_invite_codes(codes_out, issued)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    for email in unknown:
        click.echo(
            f"not a learner (import them with `trainer roster import`): {single_line(email)}"
        )
    if codes_out is not None:
        click.echo(f"{len(issued)} invite code(s) written to {single_line(str(codes_out))}")
    else:
        for item in issued:
            click.echo(f"{single_line(item.email)}\t{item.code}\t{item.expires_at:%Y-%m-%d}")
        click.echo(f"{len(issued)} invite code(s), valid for {valid_days} day(s).", err=True)
    if unknown:
        raise SystemExit(1)


def _learner_for_role(data_dir: Path | None, email: str) -> tuple[DataFolder, str]:
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    ctx = click.get_current_context()
    parent = ctx.parent.params.get("data_dir") if ctx.parent else None
    data = DataFolder(resolve_data(data_dir or parent))
    learner_id = data.find_learner_by_email(email)
    if learner_id is None:
        raise click.ClickException(
            f"{single_line(email)} is not a learner in {data.root}. Add them with "
            "`trainer roster import`, then give them an invite code with `trainer invite`."
        )
    return data, learner_id


@coordinator.command("add")
@click.argument("email")
@DATA_OPTION
def coordinator_add(email: str, data_dir: Path | None) -> None:
    """Give EMAIL the coordinator role: the served dashboard and its exports."""
    from trainer.identity.roles import grant
    from trainer.plain_text import single_line

    data, learner_id = _learner_for_role(data_dir, email)
    granted = grant(data, learner_id)
    state = "is now" if granted else "already was"
    click.echo(f"{single_line(email)} ({learner_id}) {state} a coordinator.")


@coordinator.command("remove")
@click.argument("email")
@DATA_OPTION
def coordinator_remove(email: str, data_dir: Path | None) -> None:
    """Take the coordinator role from EMAIL (open dashboard tabs keep it until closed)."""
    from trainer.identity.roles import revoke
    from trainer.plain_text import single_line

    data, learner_id = _learner_for_role(data_dir, email)
    revoked = revoke(data, learner_id)
    state = "is no longer" if revoked else "was not"
    click.echo(f"{single_line(email)} ({learner_id}) {state} a coordinator.")
