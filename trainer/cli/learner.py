"""For ambassadors: the learner app in the terminal (and one tab of `trainer serve`)."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.cli.options import (
    COURSE_OPTION,
    DATA_OPTION,
    LANG_OPTION,
    resolve_course,
    resolve_data,
    resolve_lang,
)


@click.command()
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
                resolve_lang(lang),
                dashboard=served_dashboard,
            )
        )
    raise SystemExit(
        run_learner_app(resolve_course(course_dir), resolve_data(data_dir), resolve_lang(lang))
    )
