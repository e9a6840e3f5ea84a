"""The `trainer` group: without a command it opens the learner app."""

from __future__ import annotations

from pathlib import Path

import click

from trainer import __version__
from trainer.cli.learner import run
from trainer.cli.options import COURSE_OPTION, DATA_OPTION, LANG_OPTION


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
