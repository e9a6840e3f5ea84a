"""Start the dashboard from the command line: load and check the course first."""

from __future__ import annotations

from pathlib import Path

from trainer.tui.launch import print_course_errors


def run_coordinator_app(course_dir: Path, data_dir: Path, lang: str | None) -> int:
    """Open the dashboard; a broken course prints its validation report instead (exit 1)."""
    from trainer.content.loader import load_course

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    from trainer.tui.coordinator.app import make_coordinator_app

    return make_coordinator_app(result.course, data_dir, lang).run() or 0
