"""The `trainer` command. Thin: each command parses options and calls down into the layers."""

from __future__ import annotations

from pathlib import Path

import click

from trainer import __version__
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
def run(course_dir: Path | None, data_dir: Path | None, lang: str | None) -> None:
    """Open the learner app."""
    from trainer.tui.launch import run_learner_app

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
def validate(course_dir: Path | None, report_format: str) -> None:
    """Check every file of a course; exit 1 if there is any error."""
    from trainer.content.loader import load_course
    from trainer.content.report import validation_report

    result = load_course(resolve_course(course_dir))
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
