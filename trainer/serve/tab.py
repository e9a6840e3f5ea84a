"""What runs in each browser tab's process: the learner app in served mode."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from trainer.content.models import Course

if TYPE_CHECKING:
    from textual.app import App


# The warm-up app's parsed CSS (its theme's variables, Textual's parse cache), kept in the fork
# server so that each session's app starts with the rules parsed instead of parsing them again.
_parsed_css: tuple[dict[str, str], Any] | None = None


def make_tab_app(course: Course, data_dir: Path, lang: str | None, *, dashboard: bool) -> App[int]:
    """The learner app (or the coordinator dashboard) for one browser tab.

    Either one starts at the served sign-in screen.
    """
    app: App[int]
    if dashboard:
        from trainer.tui.served_dashboard import make_served_coordinator_app

        app = make_served_coordinator_app(course, data_dir, lang)
    else:
        from trainer.tui.app import make_app

        app = make_app(course, data_dir, lang, served=True)
    reuse_parsed_css(app)
    return app


def remember_parsed_css(app: App[int]) -> None:
    """In the fork server, after the warm-up: keep what its app parsed (see `_parsed_css`)."""
    global _parsed_css
    stylesheet = app.stylesheet
    _parsed_css = (dict(stylesheet._variables), stylesheet._parse_cache)


def reuse_parsed_css(app: App[int]) -> None:
    """Start `app` with the warm-up's parsed rules when its CSS variables are the same.

    Textual caches parsed rules per stylesheet by the CSS text and where it came from, and
    empties the cache whenever the variables change (a theme switch), so the rules are only
    used for the theme they were parsed with. In a session the cache is the session's own
    copy of the fork server's (copy-on-write): nothing is shared between learners."""
    if _parsed_css is None:
        return
    variables, cache = _parsed_css
    if app.stylesheet._variables == variables:
        app.stylesheet._parse_cache = cache


def run_tab_app(course: Course, data_dir: Path, lang: str | None, *, dashboard: bool) -> int:
    app = make_tab_app(course, data_dir, lang, dashboard=dashboard)
    signal.signal(signal.SIGTERM, lambda signum, frame: end_gracefully(app, frame))
    return app.run() or 0


def end_gracefully(app: App[int], frame: FrameType | None) -> None:
    """SIGTERM (the tab was closed, or the server is stopping): end as Ctrl+Q would, so the
    writes still in the pool reach the learner's file (the app waits for them as it ends).

    Dying at once lost the last page of a module read just before the tab closed. A second
    SIGTERM, or one before the app's loop runs, ends the process at once; the server sends
    SIGKILL to sessions that outlive its grace period."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise SystemExit(128 + signal.SIGTERM) from None
    loop.call_soon_threadsafe(app.exit)


def run_served_tab(
    course_dir: Path, data_dir: Path, lang: str | None, *, dashboard: bool = False
) -> int:
    """One tab in its own fresh process (`trainer serve --process-per-tab`): load, then run."""
    from trainer.content.loader import load_course
    from trainer.tui.launch import print_course_errors

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    return run_tab_app(result.course, data_dir, lang, dashboard=dashboard)
