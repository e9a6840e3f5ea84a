"""`trainer preview`: the trainer's file in the learner's screens, reloaded on save."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual.widgets import Static

from trainer.tui.app import AppServices, TrainerApp
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.screens.preview import PreviewScreen, placeholder_course
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.reader import ReaderScreen
from trainer.tui.widgets.page_view import PageView


def preview_app(target: Path) -> TrainerApp:
    root = target if target.is_dir() else target.parent
    services = AppServices(placeholder_course(root, "en"), "en", None, preview_path=target)
    return TrainerApp(services)


async def wait_until(pilot, condition, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until `condition` holds; generous, because a loaded CI machine reloads slowly."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("the preview did not update in time")


async def test_module_preview_reloads_on_save_and_keeps_the_page(mini_course_dir: Path) -> None:
    module = mini_course_dir / "modules" / "01-welcome.en.md"
    app = preview_app(module)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("right")
        await pilot.pause()
        module.write_text(
            module.read_text(encoding="utf-8").replace("personal", "PERSONAL"), encoding="utf-8"
        )
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, ReaderScreen)
                and "PERSONAL" in app.screen.query_one(PageView).markdown
            ),
            seconds=1.5,
        )
        assert app.screen.page == 1


async def test_broken_file_shows_its_errors_then_recovers(mini_course_dir: Path) -> None:
    module = mini_course_dir / "modules" / "01-welcome.md"
    good = module.read_text(encoding="utf-8")
    app = preview_app(module)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        module.write_text(good.replace("minutes: 5", "minutes: five"), encoding="utf-8")
        await wait_until(pilot, lambda: isinstance(app.screen, PreviewScreen), seconds=1.5)
        errors = str(app.screen.query_one("#preview-errors", Static).render())
        assert "modules/01-welcome.md:5:1: error:" in errors
        assert "whole number" in errors
        module.write_text(good, encoding="utf-8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), seconds=1.5)


async def test_quiz_and_policy_previews_open_their_screens(mini_course_dir: Path) -> None:
    app = preview_app(mini_course_dir / "quizzes" / "basics-quiz.en.md")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert app.screen.quiz.id == "basics-quiz"
    app = preview_app(mini_course_dir / "policy" / "social-media.en.md")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PolicyScreen))


async def test_preview_stores_nothing(mini_course_dir: Path, tmp_path: Path) -> None:
    app = preview_app(mini_course_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.session is not None)
        assert app.services.data is None
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right")
        await app.workers.wait_for_complete()
        assert app.session is not None
        assert app.session.record.modules  # progress is kept in memory only
    assert not any(p.suffix == ".json" for p in mini_course_dir.rglob("*"))


async def test_a_broken_save_does_not_lose_the_page_being_read(mini_course_dir: Path) -> None:
    module = mini_course_dir / "modules" / "01-welcome.en.md"
    good = module.read_text(encoding="utf-8")
    app = preview_app(module)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("right", "right")
        await pilot.pause()
        module.write_text(good.replace("id: welcome", "id: [welcome"), encoding="utf-8")
        await wait_until(pilot, lambda: isinstance(app.screen, PreviewScreen), seconds=1.5)
        module.write_text(good.replace("personal", "PERSONAL"), encoding="utf-8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), seconds=1.5)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.page == 2  # still the third page, as before the broken save


async def test_the_module_preview_opens_its_quiz(mini_course_dir: Path) -> None:
    from trainer.tui.screens.quiz import QuizScreen

    module = mini_course_dir / "modules" / "02-first-post.en.md"
    app = preview_app(module)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.module.quiz == "basics-quiz"
        await pilot.press("right")
        await app.workers.wait_for_complete()
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert app.screen.quiz.text("en").title == "Basics quiz"


async def test_the_preview_lists_every_problem_of_the_course_live(mini_course_dir: Path) -> None:
    module = mini_course_dir / "modules" / "01-welcome.en.md"
    other = mini_course_dir / "quizzes" / "basics-quiz.md"
    app = preview_app(module)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        other.write_text(other.read_text(encoding="utf-8").replace("pass: 0.75", "pass: 5"))
        preview = app.screen_stack[1]
        assert isinstance(preview, PreviewScreen)

        def listed() -> str:
            return str(preview.query_one("#preview-errors", Static).render())

        await wait_until(pilot, lambda: "quizzes/basics-quiz.md:4:1: error:" in listed())
        assert "Elsewhere in the course:" in listed()
        assert "modules/01-welcome.md:2:1: warning: this module has no quiz" in listed()
        assert isinstance(app.screen, ReaderScreen)  # the module itself is fine: still shown
        assert any("problems in the course" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is preview


async def test_the_course_preview_map_goes_back_to_the_problems(mini_course_dir: Path) -> None:
    from trainer.tui.screens.course_map import CourseMapScreen

    app = preview_app(mini_course_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CourseMapScreen))
        preview = app.screen_stack[1]
        assert isinstance(preview, PreviewScreen)
        await wait_until(
            pilot,
            lambda: (
                "this module has no quiz"
                in str(preview.query_one("#preview-errors", Static).render())
            ),
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is preview
