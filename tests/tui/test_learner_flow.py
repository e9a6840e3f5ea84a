"""A flow that never strands anyone: pages read to their end, no dead keys, no silent exits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tests.tui.conftest import REPO, AppFactory, load
from tests.tui.journey import answer_all, sign_in
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.navigation import open_module
from trainer.tui.screens.course_map import CourseMapScreen
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.quiz_result import QuizResultScreen
from trainer.tui.screens.reader import ReaderScreen
from trainer.tui.screens.sign_in import SignInScreen
from trainer.tui.screens.switch_learner import ConfirmSwitchLearner
from trainer.tui.widgets.page_view import PageView

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def sample_app(data_dir: Path, lang: str = "en") -> TrainerApp:
    folder = DataFolder(data_dir)
    folder.create_learner(
        LearnerProfile(
            learner_id="ola", name="Ola Nowak", email="ola@firma.pl", team="Sales", created_at=NOW
        )
    )
    folder.set_last_learner_id("ola")
    return make_app(load(REPO), data_dir, lang)


def dead_keys(app: App[object]) -> list[str]:
    """Keys the footer shows that would do nothing on this screen."""
    return [
        active.binding.key
        for active in app.screen.active_bindings.values()
        if active.binding.show and not active.enabled
    ]


async def settle(pilot: Pilot[object]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_long_page_scrolls_before_it_turns_and_the_module_is_read_at_its_very_end(
    data_dir: Path,
) -> None:
    app = sample_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(app, "program", 0)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(PageView)
        pages = len(screen.text.pages)
        assert not view.end_seen, "the sample's first page is longer than 80x24"
        assert "More below" in str(screen.query_one("#page-status").render())
        await pilot.press("right")
        await pilot.pause()
        assert screen.page == 0 and view.scroll_y > 0  # → scrolled instead of skipping
        turns = 0
        while screen.page < pages - 1:
            before = screen.page
            end_seen = view.end_seen
            await pilot.press("space" if turns % 2 else "right")
            await pilot.pause()
            if screen.page != before:
                assert end_seen, f"page {before + 1} turned before its end was on screen"
            turns += 1
            assert turns < 200
        await settle(pilot)
        record = DataFolder(data_dir).learner("ola").read()
        if not view.end_seen:
            assert record.modules["program"].completed_at is None
            assert dead_keys(app) == [] and "q" not in app.screen.active_bindings
        while not view.end_seen:
            await pilot.press("pagedown")
            await pilot.pause()
        await settle(pilot)
        record = DataFolder(data_dir).learner("ola").read()
        assert record.modules["program"].completed_at is not None
        assert "q" in app.screen.active_bindings
        await pilot.press("right")  # on the last page, → offers the quiz
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)


async def test_the_reader_offers_no_key_that_does_nothing(data_dir: Path) -> None:
    app = sample_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_module(app, "program", 0)
        await settle(pilot)
        bindings = app.screen.active_bindings
        assert "q" not in bindings, "quiz before the last page"
        assert "left" not in bindings, "previous on the first page"
        assert dead_keys(app) == []


async def test_switch_learner_asks_first_and_s_is_its_key(data_dir: Path) -> None:
    app = sample_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert dead_keys(app) == []
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmSwitchLearner)
        await pilot.press("escape")  # changed my mind: still signed in, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen) and app.session is not None
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # Enter presses the focused button: "Stay signed in"
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen) and app.session is not None
        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen) and app.session is None


async def test_continue_on_the_quiz_result_goes_straight_to_the_next_step(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        for _ in range(2):  # both modules of the mini course, with keys
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            while not isinstance(app.screen, QuizScreen) and (
                screen.page < len(screen.text.pages) - 1 or not screen.end_seen
            ):
                await pilot.press("space")
                await pilot.pause()
            if screen.module.quiz is None:
                await pilot.press("escape")
                await settle(pilot)
        await pilot.press("right")  # the last page's → offers the quiz
        await settle(pilot)
        await answer_all(pilot, correctly=True)
        assert isinstance(app.screen, QuizResultScreen)
        assert dead_keys(app) == []
        assert app.screen.focused is not None and app.screen.focused.id == "continue"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PolicyScreen)  # the next step, not the map


async def test_after_finishing_the_retake_offer_says_completion_stays(tmp_path: Path) -> None:
    from tests.tui.test_snapshots import app_at

    app = app_at(tmp_path, "done")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None and session.is_complete()
        quiz = session.course.quizzes["basics-quiz"]
        attempt = session.last_finished_attempt("basics-quiz")
        assert attempt is not None
        await app.push_screen(QuizResultScreen(quiz, attempt))
        await settle(pilot)
        notice = str(app.screen.query_one("#retake-keeps-completion").render())
        assert "stays complete" in notice and "cannot take your completion away" in notice
        assert "r" in app.screen.active_bindings and dead_keys(app) == []


async def test_a_question_that_states_the_instruction_itself_does_not_get_it_twice(
    data_dir: Path,
) -> None:
    from tests.tui.screen_marks import screen_lines
    from tests.tui.test_answer_list import open_question, sample_app_with_program_read

    app = sample_app_with_program_read(data_dir, "pl")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(pilot, "program-elements")
        text = "\n".join(screen_lines(app))
        assert text.count("Zaznacz wszystkie poprawne odpowiedzi.") == 1


async def test_the_review_marks_answers_with_the_same_glyphs_as_the_question(
    tmp_path: Path,
) -> None:
    from tests.tui.test_snapshots import app_at
    from trainer.tui.screens.quiz_review import QuizReviewScreen

    app = app_at(tmp_path, "quiz")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.session is not None
        await app.push_screen(QuizReviewScreen(app.session.course.quizzes["basics-quiz"]))
        await settle(pilot)
        text = str(app.screen.query_one("#review-text").render())
        assert "◉" in text and "○" in text  # the single-choice question, one picked
        assert "☑" in text and "☐" in text  # the multiple-choice question
        assert "(x)" not in text and "( )" not in text


async def read_all_but_the_last_page(pilot: Pilot[object]) -> tuple[ReaderScreen, int]:
    """The sample's first module, its pages but the last visited and saved."""
    await open_module(pilot.app, "program", 0)  # type: ignore[arg-type]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    last = len(screen.text.pages) - 1
    for page in range(1, last):
        screen.show_page(page)
        await settle(pilot)
    return screen, last


async def test_the_module_read_is_kept_when_the_tab_closes_at_once(data_dir: Path) -> None:
    """A browser tab closed right after "Module read" stops the app before its workers run;
    the visit was handed to the write pool already, and the app waits for that pool."""
    app = sample_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, last = await read_all_but_the_last_page(pilot)
        screen.record_progress = False  # turn to the last page without recording it yet
        screen.show_page(last)
        await settle(pilot)
        assert DataFolder(data_dir).learner("ola").read().modules["program"].completed_at is None
        screen.record_progress = True
        screen.end_reached()
        app.workers.cancel_all()  # what the app does as it stops, before the worker has run
    record = DataFolder(data_dir).learner("ola").read()
    assert record.modules["program"].completed_at is not None


async def test_module_read_is_only_shown_for_a_visit_already_being_saved(data_dir: Path) -> None:
    """A short last page is at its end as soon as it is shown; the status says "Module read"
    at that moment, so the visit is handed to the store then, not when `ReachedEnd` arrives."""
    app = sample_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, last = await read_all_but_the_last_page(pilot)
        view = screen.query_one(PageView)
        view.styles.height = 200  # the whole last page fits
        await settle(pilot)
        screen.show_page(last)  # no pause: `ReachedEnd` has not been handled yet
        assert "Module read" in str(screen.query_one("#page-status").render())
        assert app.writes, "the status says 'Module read' but nothing is being saved"
    record = DataFolder(data_dir).learner("ola").read()
    assert record.modules["program"].completed_at is not None
