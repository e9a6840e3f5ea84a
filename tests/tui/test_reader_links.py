"""A learner follows links between modules, to a quiz and to the policy inside the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.content.conftest import MINI_COURSE
from tests.tui.conftest import AppFactory, load
from tests.tui.journey import sign_in
from trainer.content.course_links import CourseLinkTarget, anchor, course_link_target
from trainer.tui.app import TrainerApp
from trainer.tui.screens.page_links import PageLinksScreen
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.screens.reader import ReaderScreen

LINKS = (
    "See [hashtags](02-first-post.en.md#hashtags), the [policy](../policy/social-media.en.md), "
    "the [quiz](../quizzes/basics-quiz.en.md), [this page](#what-you-gain) "
    "and [the web](https://example.com)."
)


def test_links_to_course_files_resolve_to_what_they_open() -> None:
    course = load(MINI_COURSE)
    here = "modules/01-welcome.en.md"
    assert course_link_target(course, here, "02-first-post.en.md#hashtags") == CourseLinkTarget(
        "module", "first-post", 1
    )
    assert course_link_target(course, here, "02-first-post.md") == CourseLinkTarget(
        "module", "first-post", None
    )
    assert course_link_target(course, here, "../policy/social-media.md") == CourseLinkTarget(
        "policy", "social-media"
    )
    assert course_link_target(course, here, "../quizzes/basics-quiz.en.md") == CourseLinkTarget(
        "quiz", "basics-quiz"
    )
    assert course_link_target(course, here, "#what-you-gain") == CourseLinkTarget(
        "module", "welcome", 1
    )
    assert course_link_target(course, here, "../images/x.png") == CourseLinkTarget(
        "file", "images/x.png"
    )
    assert course_link_target(course, here, "https://example.com/a.md") is None
    assert course_link_target(course, here, "mailto:a@b.pl") is None
    assert anchor("Co zyskujesz?") == "co-zyskujesz"


@pytest.fixture
def linked_course(mini_course_dir: Path) -> Path:
    """The welcome module's opening page links to the next module, the policy and the quiz."""
    welcome = mini_course_dir / "modules" / "01-welcome.en.md"
    text = welcome.read_text(encoding="utf-8")
    opening = "The ambassador program helps you share what you know about the company."
    welcome.write_text(text.replace(opening, opening + "\n\n" + LINKS), encoding="utf-8")
    return mini_course_dir


async def links_of_opening_page(pilot: Pilot[int]) -> PageLinksScreen:
    from trainer.tui.navigation import open_module

    assert isinstance(pilot.app, TrainerApp)
    await open_module(pilot.app, "welcome", 0)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PageLinksScreen)
    screen.query_one("#page-links").focus()
    return screen


async def choose(pilot: Pilot[int], index: int) -> None:
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_policy_link_opens_the_policy_screen(
    make_learner_app: AppFactory, linked_course: Path
) -> None:
    app = make_learner_app("en", linked_course)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sales")
        screen = await links_of_opening_page(pilot)
        shown = [str(o.prompt) for o in screen.query_one("#page-links").options]  # type: ignore[attr-defined]
        assert shown[0].endswith("→ opens here")
        assert shown[4].endswith("https://example.com")
        await choose(pilot, 1)
        assert isinstance(app.screen, PolicyScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)  # back where the learner was reading


async def test_a_locked_module_says_what_comes_first(
    make_learner_app: AppFactory, linked_course: Path
) -> None:
    app = make_learner_app("en", linked_course)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sales")
        await links_of_opening_page(pilot)
        reader_before = app.screen_stack[-2]
        await choose(pilot, 0)  # first-post requires welcome, not yet done
        assert app.screen is reader_before
        assert any("Welcome to the program" in str(n.message) for n in app._notifications)


async def test_a_link_within_the_module_turns_the_page(
    make_learner_app: AppFactory, linked_course: Path
) -> None:
    app = make_learner_app("en", linked_course)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sales")
        await links_of_opening_page(pilot)
        await choose(pilot, 3)  # [this page](#what-you-gain)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert (screen.module.id, screen.page) == ("welcome", 1)


async def test_a_module_link_opens_the_module_at_its_page_once_unlocked(
    make_learner_app: AppFactory, linked_course: Path
) -> None:
    app = make_learner_app("en", linked_course)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sales")
        session = app.session
        assert session is not None
        for page in range(3):
            session.visit_page("welcome", page)  # the welcome module is done
        await links_of_opening_page(pilot)
        await choose(pilot, 0)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert (screen.module.id, screen.page) == ("first-post", 1)
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.module.id == "welcome"
