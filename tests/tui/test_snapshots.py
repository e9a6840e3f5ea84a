"""What the learner's screens look like at 80x24 and 120x36, from fixed, stored progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import FIXTURES
from tests.tui.conftest import load
from trainer.content.models import Course
from trainer.learning import attempts as attempt_rules
from trainer.learning.policy import decide_policy
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.navigation import open_module, open_target
from trainer.tui.screens.quiz import QuizScreen

SIZES = [(80, 24), (120, 36)]
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
NAME = "Ola Kowalska"


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def read_module(folder: DataFolder, course: Course, module_id: str, start: float) -> None:
    pages = len(course.module(module_id).text("en").pages)
    progress = start_module(module_id, now=at(start))
    for page in range(pages):
        progress = mark_page(progress, page, pages, now=at(start + page + 1))
    folder.learner("ola").save_module_progress(progress)


def take_quiz(
    folder: DataFolder, course: Course, *, correct: bool, finish: bool, lang: str = "en"
) -> None:
    store = folder.learner("ola")
    quiz = course.quizzes["basics-quiz"]
    previous = store.read().attempts
    attempt = attempt_rules.new_attempt(
        quiz, previous, lang=lang, seed=7, attempt_id=f"a{len(previous)}", now=at(30)
    )
    store.start_attempt(attempt)
    if not finish:
        return
    from tests.responses import correct_response, wrong_response

    for n, question_id in enumerate(attempt.question_ids):
        question = quiz.text(lang).question(question_id)
        response = correct_response(question) if correct else wrong_response(question)
        answer = attempt_rules.answer_question(attempt, quiz, question_id, response, now=at(31 + n))
        store.record_answer(attempt.attempt_id, answer)
        attempt = attempt_rules.with_answer(attempt, answer)
    done = attempt_rules.finish(attempt, quiz, now=at(40))
    store.finish_attempt(
        attempt.attempt_id,
        finished_at=done.finished_at,
        score=done.score,
        max_score=done.max_score,
        passed=done.passed,
    )


def learner_at(data_dir: Path, course: Course, stage: str) -> None:
    """Stored progress for one learner, with fixed times: `fresh`, `reading`, `quiz`, `done`."""
    folder = DataFolder(data_dir)
    profile = LearnerProfile(
        learner_id="ola", name=NAME, email="ola@firma.pl", team="Sales", created_at=T0
    )
    folder.create_learner(profile)
    folder.set_last_learner_id("ola")
    if stage == "fresh":
        return
    read_module(folder, course, "welcome", 1)
    progress = mark_page(start_module("first-post", now=at(10)), 0, 2, now=at(11))
    folder.learner("ola").save_module_progress(progress)
    if stage == "reading":
        return
    read_module(folder, course, "first-post", 12)
    take_quiz(folder, course, correct=False, finish=True)
    if stage == "quiz":
        return
    take_quiz(folder, course, correct=True, finish=True)
    decision = decide_policy(
        course.policy,
        profile,
        "accepted",
        lang="en",
        scrolled_to_end=True,
        box_checked=True,
        typed_name=NAME,
        now=at(50),
    )
    folder.learner("ola").record_policy_decision(decision)


def app_at(tmp_path: Path, stage: str, lang: str = "en") -> TrainerApp:
    course = load(FIXTURES / "mini_course")
    data_dir = tmp_path / "data"
    learner_at(data_dir, course, stage)
    return make_app(course, data_dir, lang)


async def settle(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_sign_in(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    course = load(FIXTURES / "mini_course")
    app = make_app(course, tmp_path / "empty", "en")
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_course_map(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app_at(tmp_path, "reading"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_reader(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_reader(pilot: Pilot[Any]) -> None:
        await open_module(pilot.app, "welcome", 1)  # type: ignore[arg-type]
        await settle(pilot)

    assert snap_compare(app_at(tmp_path, "reading"), terminal_size=size, run_before=open_reader)


@pytest.mark.parametrize("kind", ["single", "multiple", "short", "ordering"])
@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare: Any, tmp_path: Path, size: tuple[int, int], kind: str) -> None:
    app = app_at(tmp_path, "reading")
    read_module(DataFolder(tmp_path / "data"), load(FIXTURES / "mini_course"), "first-post", 12)
    take_quiz(
        DataFolder(tmp_path / "data"), load(FIXTURES / "mini_course"), correct=True, finish=False
    )

    async def open_question(pilot: Pilot[Any]) -> None:
        app.session.reload()  # type: ignore[union-attr]
        await open_target(pilot.app, "quiz:basics-quiz")  # type: ignore[arg-type]
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        while screen.question.kind != kind:
            screen.index += 1
            screen.show_question()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_question)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_result(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = app_at(tmp_path, "quiz")

    async def open_result(pilot: Pilot[Any]) -> None:
        from trainer.tui.screens.quiz_result import QuizResultScreen

        session = pilot.app.session  # type: ignore[attr-defined]
        attempt = session.last_finished_attempt("basics-quiz")
        await pilot.app.push_screen(
            QuizResultScreen(session.course.quizzes["basics-quiz"], attempt)
        )
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_result)


@pytest.mark.parametrize("size", SIZES)
def test_policy(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_policy(pilot: Pilot[Any]) -> None:
        await open_target(pilot.app, "policy")  # type: ignore[arg-type]
        await settle(pilot)

    assert snap_compare(app_at(tmp_path, "quiz"), terminal_size=size, run_before=open_policy)


@pytest.mark.usefixtures("warsaw_time")  # the summary's times are the learner's local time
@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_completion(snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    """What happens next: the coordinator already sees it, the course's next steps, the record."""

    async def open_summary(pilot: Pilot[Any]) -> None:
        pilot.app.session.clock = lambda: at(60)  # type: ignore[attr-defined]
        await open_target(pilot.app, "summary")  # type: ignore[arg-type]
        await settle(pilot)

    app = app_at(tmp_path, "done", lang)
    # The record shows the certificate's code: a fixed secret keeps it the same in every run.
    secret = tmp_path / "data" / "certificates" / "secret.key"
    secret.parent.mkdir(parents=True)
    secret.write_text("5e" * 32 + "\n", encoding="ascii")
    assert snap_compare(app, terminal_size=size, run_before=open_summary)
