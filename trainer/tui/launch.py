"""Start the learner app from the command line: load and check the course first."""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.content.diagnostics import Diagnostic
from trainer.locations import language_from_environment
from trainer.plain_text import terminal_safe


def choose_language(requested: str | None, course_languages: list[str], default: str) -> str:
    """`--lang`/TRAINER_LANG, else LANG if the course offers it, else the course default."""
    for candidate in (requested, language_from_environment()):
        if candidate and candidate in course_languages:
            return candidate
    return default


def print_course_errors(course_dir: Path, diagnostics: list[Diagnostic]) -> None:
    print(
        terminal_safe(f"The course in {course_dir} has errors and cannot be opened:"),
        file=sys.stderr,
    )
    for d in diagnostics:
        if d.severity == "error":
            print(terminal_safe(d.format()), file=sys.stderr)
    print("Fix them and try again (see `trainer validate`).", file=sys.stderr)


def run_learner_app(course_dir: Path, data_dir: Path, lang: str | None) -> int:
    """Open the app; a broken course prints its validation report instead (exit 1)."""
    from trainer.content.loader import load_course

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    from trainer.tui.app import make_app

    app = make_app(result.course, data_dir, lang)
    return_code = app.run()
    return return_code or 0


def run_preview(target: Path, lang: str | None) -> int:
    """`trainer preview PATH`: live preview of a file or course folder; stores nothing."""
    from trainer.tui.app import AppServices, TrainerApp
    from trainer.tui.screens.preview import placeholder_course

    if not target.exists():
        print(terminal_safe(f"No such file or folder: {target}"), file=sys.stderr)
        return 2
    language = lang or language_from_environment() or "en"
    language = language if language in ("pl", "en") else "en"
    root = target if target.is_dir() else target.parent
    services = AppServices(placeholder_course(root, language), language, None, preview_path=target)
    return TrainerApp(services).run() or 0
