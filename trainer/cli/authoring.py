"""For trainers: validate a course, preview files as learners see them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainer.cli.options import LANG_OPTION, resolve_course

if TYPE_CHECKING:
    from trainer.content.report import ReportFormat


@click.command()
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="`json` for your CI: counts plus every problem with path, line, column and code.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Warnings fail too (exit 1), for CI that keeps a course free of warnings.",
)
@click.pass_context
def validate(ctx: click.Context, target: Path | None, report_format: str, strict: bool) -> None:
    """Check every file of a course, or one file; exit 1 if there is any error.

    TARGET is a course folder, or one module, quiz or policy file: it is then checked in
    the context of its course (ids, prerequisites, translations) and only its own problems
    are listed. It defaults to `trainer --course` / TRAINER_COURSE, else the current folder if
    it holds course.yml, else the bundled sample course.
    """
    from trainer.content.report import validate_target, validation_report

    if target is not None and not target.exists():
        raise click.BadParameter(f"{target} does not exist", param_hint="TARGET")
    if target is None or target.is_dir():
        target = resolve_course(target)
    outcome = validate_target(target.resolve())
    fmt: ReportFormat = "json" if report_format == "json" else "text"
    click.echo(validation_report(outcome.result, fmt, strict=strict, scope=outcome.scope))
    raise SystemExit(0 if outcome.result.passes(strict=strict) else 1)


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@LANG_OPTION
def preview(path: Path, lang: str | None) -> None:
    """Preview a module, quiz or policy file (or a course folder) live, as learners see it.

    Reloads within a second of each save; shows validation messages while the file is
    broken. Nothing is stored.
    """
    from trainer.tui.launch import run_preview

    raise SystemExit(run_preview(path.resolve(), lang))
