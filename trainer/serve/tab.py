"""What runs in each browser tab's process: the learner app in served mode."""

from __future__ import annotations

from pathlib import Path


def run_served_tab(course_dir: Path, data_dir: Path, lang: str | None) -> int:
    """Open the learner app for one browser tab; it starts at the served sign-in screen."""
    from trainer.content.loader import load_course
    from trainer.tui.launch import print_course_errors

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    from trainer.tui.app import make_app

    return make_app(result.course, data_dir, lang, served=True).run() or 0
