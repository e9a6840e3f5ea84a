"""For trainers: validate a course, preview files as learners see them."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.cli.options import LANG_OPTION, resolve_course


@click.command()
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
