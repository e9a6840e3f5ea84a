"""At 80x24 every key the key bar offers is on screen and readable, on every screen, in Polish
and in English: F1 (help) and F2 (light/dark) first, and no key cut off at the screen's edge or
hidden under the palette key (keys that do not fit on one row go on to a second)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tests.conftest import FIXTURES
from tests.tui.conftest import load
from tests.tui.coordinator.cohort import fill_cohort, mini_course
from tests.tui.test_snapshots import app_at, read_module, settle, take_quiz
from tests.tui.test_studio import open_writer, studio_app
from trainer.store.folder import DataFolder
from trainer.tui.app import make_app
from trainer.tui.navigation import open_module, open_target

Opening = Callable[[Pilot[Any]], Awaitable[None]]
WIDTH, HEIGHT = 80, 24


async def nothing(pilot: Pilot[Any]) -> None:
    return None


def target(name: str) -> Opening:
    async def go(pilot: Pilot[Any]) -> None:
        await open_target(pilot.app, name)  # type: ignore[arg-type]

    return go


async def reader(pilot: Pilot[Any]) -> None:
    await open_module(pilot.app, "welcome", 0)  # type: ignore[arg-type]


async def question(pilot: Pilot[Any]) -> None:
    pilot.app.session.reload()  # type: ignore[attr-defined]
    await open_target(pilot.app, "quiz:basics-quiz")  # type: ignore[arg-type]


async def feedback(pilot: Pilot[Any]) -> None:
    await question(pilot)
    await settle(pilot)
    await pilot.press("space", "ctrl+s")


async def result(pilot: Pilot[Any]) -> None:
    from trainer.tui.screens.quiz_result import QuizResultScreen

    session = pilot.app.session  # type: ignore[attr-defined]
    attempt = session.last_finished_attempt("basics-quiz")
    await pilot.app.push_screen(QuizResultScreen(session.course.quizzes["basics-quiz"], attempt))


async def review(pilot: Pilot[Any]) -> None:
    await result(pilot)
    await settle(pilot)
    await pilot.press("v")


async def help_screen(pilot: Pilot[Any]) -> None:
    await pilot.press("f1")


async def post_ideas(pilot: Pilot[Any]) -> None:
    from trainer.tui.screens.post_ideas import PostIdeasScreen

    await pilot.app.push_screen(PostIdeasScreen())


async def post_writer(pilot: Pilot[Any]) -> None:
    await open_writer(pilot, "job-offer-data-analyst")


LEARNER_SCREENS: dict[str, tuple[str, Opening]] = {
    # screen: (stored progress, how to get there)
    "sign-in": ("none", nothing),
    "served sign-in": ("served", nothing),
    "map": ("reading", nothing),
    "reader": ("reading", reader),
    "help": ("reading", help_screen),
    "question": ("quiz-open", question),
    "feedback": ("quiz-open", feedback),
    "quiz result": ("quiz", result),
    "review": ("quiz", review),
    "policy": ("quiz", target("policy")),
    "completion": ("done", target("summary")),
    "post ideas": ("studio", post_ideas),
    "post writer": ("studio", post_writer),
}


def learner_app(tmp_path: Path, stage: str, lang: str) -> App[Any]:
    if stage == "studio":
        return studio_app(tmp_path, lang)
    if stage in ("none", "served"):
        course = load(FIXTURES / "mini_course")
        return make_app(course, tmp_path / "empty", lang, served=stage == "served")
    if stage == "quiz-open":
        app = app_at(tmp_path, "reading", lang)
        folder, course = DataFolder(tmp_path / "data"), load(FIXTURES / "mini_course")
        read_module(folder, course, "first-post", 12)
        take_quiz(folder, course, correct=True, finish=False)
        return app
    return app_at(tmp_path, stage, lang)


def assert_every_key_is_readable(app: App[Any], screen: str, lang: str = "en") -> None:
    keys = list(app.screen.query(FooterKey))
    assert keys or not app.screen.query("Footer"), screen
    actions = [key.action for key in keys if key.action != "command_palette"]
    shown = Region(0, 0, WIDTH, HEIGHT)
    for key in keys:
        region = key.region
        label = f"{key.key_display} {key.description}".strip()
        assert region.width > 0, (screen, label)
        # the whole key is on screen, and no other key is drawn over it
        assert shown.contains_region(region), (screen, label, region)
        for other in keys:
            if other is not key:
                assert not region.overlaps(other.region), (screen, label, other.description)
        # key and description are drawn in full, not cut at the edge
        drawn = str(key.render())
        assert key.key_display in drawn and key.description in drawn, (screen, label, drawn)
        assert region.width >= len(label), (screen, label, region)
    if lang == "pl":  # every key described in Polish, Textual's own palette key too
        english = {"help", "quit", "palette", "back", "close"}
        assert not english & {key.description for key in keys}, (screen, actions)
    if app.screen.query("TrainerFooter"):  # the learner app: F1 and F2 lead
        assert actions[:2] == ["help", "toggle_theme"], (screen, actions)


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("screen", list(LEARNER_SCREENS))
async def test_every_key_in_the_bar_is_readable_at_80_columns(
    tmp_path: Path, screen: str, lang: str
) -> None:
    stage, opening = LEARNER_SCREENS[screen]
    app = learner_app(tmp_path, stage, lang)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(pilot)
        await opening(pilot)
        await settle(pilot)
        await pilot.pause()
        assert_every_key_is_readable(app, screen, lang)


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("tab", ["l", "c", "v", "a", "detail"])
async def test_every_key_of_the_dashboard_is_readable_at_80_columns(
    tmp_path: Path, tab: str, lang: str
) -> None:
    from trainer.tui.coordinator.app import make_coordinator_app

    course = mini_course()
    folder = DataFolder(tmp_path / "data")
    fill_cohort(folder, course)
    app = make_coordinator_app(course, folder.root, lang, save_directory=tmp_path)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(pilot)
        if tab == "detail":
            await pilot.press("enter")
        else:
            await pilot.press(tab)
        await settle(pilot)
        await pilot.pause()
        assert_every_key_is_readable(app, tab, lang)


async def test_keys_that_do_not_fit_go_on_to_a_second_row_and_back(tmp_path: Path) -> None:
    app = studio_app(tmp_path, "pl")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(pilot)
        await post_writer(pilot)
        await settle(pilot)
        footer = app.screen.query_one("TrainerFooter")
        assert footer.region.height >= 2
        assert_every_key_is_readable(app, "post writer")
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        await pilot.pause()
        assert app.screen.query_one("TrainerFooter").region.height == 1
