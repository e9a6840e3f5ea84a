"""Start the learner app from the command line: load and check the course first."""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.content.diagnostics import Diagnostic
from trainer.content.models import Course
from trainer.locations import default_cache_dir, language_from_environment
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


def open_course(course_dir: Path) -> tuple[Course | None, list[Diagnostic]]:
    """The validated course: from the cache when no file changed, else loaded and checked."""
    from trainer.content.cache import cached_course, remember_course

    cache_dir = default_cache_dir()
    course = cached_course(course_dir, cache_dir)
    if course is not None:
        return course, []
    from trainer.content.loader import load_course  # parsing stack only when needed

    result = load_course(course_dir)
    if result.course is not None:
        remember_course(result.course, cache_dir)
    return result.course, result.diagnostics


def run_learner_app(course_dir: Path, data_dir: Path, lang: str | None) -> int:
    """Open the app; a broken course prints its validation report instead (exit 1)."""
    course, diagnostics = open_course(course_dir)
    if course is None:
        print_course_errors(course_dir, diagnostics)
        return 1
    from trainer.tui.app import make_app

    app = make_app(course, data_dir, lang)
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
    from trainer.user_settings import settings_path

    services = AppServices(
        placeholder_course(root, language),
        language,
        None,
        preview_path=target,
        settings_file=settings_path(),
    )
    return TrainerApp(services).run() or 0
