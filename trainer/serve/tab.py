"""What runs in each browser tab's process: the learner app in served mode."""

from __future__ import annotations

from pathlib import Path


def run_served_tab(
    course_dir: Path, data_dir: Path, lang: str | None, *, dashboard: bool = False
) -> int:
    """Open the learner app (or the coordinator dashboard) for one browser tab.

    Either one starts at the served sign-in screen.
    """
    from trainer.content.loader import load_course
    from trainer.tui.launch import print_course_errors

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    if dashboard:
        from trainer.tui.served_dashboard import make_served_coordinator_app

        return make_served_coordinator_app(result.course, data_dir, lang).run() or 0
    from trainer.tui.app import make_app

    return make_app(result.course, data_dir, lang, served=True).run() or 0
