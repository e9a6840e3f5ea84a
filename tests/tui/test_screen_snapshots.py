"""The learner's screens at 80x24 and 120x40, in Polish and English, with the sample course's long
answers and a long Polish name: sign-in (local and served), quiz feedback (right and wrong), the
attempt review, the policy, post ideas and the post writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.responses import correct_response, wrong_response
from tests.tui.conftest import REPO, load
from tests.tui.journey import give_answer
from tests.tui.test_snapshots import settle
from tests.tui.test_studio import TODAY, open_writer
from trainer.content.models import Course
from trainer.learning import attempts as attempt_rules
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import SECRET_FILE
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.navigation import open_target
from trainer.tui.screens.quiz import QuizScreen

SIZES = [(80, 24), (120, 40)]
LANGS = ["pl", "en"]
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
LONG_NAME = "Małgorzata Brzęczyszczykiewicz-Wąsowska"
QUESTION = "data-sources"  # answers that cite sources, two lines and more at 80 columns


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def sample_course() -> Course:
    return load(REPO)


def learner_with_long_name(
    data_dir: Path, course: Course, lang: str, *, quiz: str | None
) -> DataFolder:
    """Małgorzata has read the program module; `quiz` is "open" or "finished" (or None)."""
    folder = DataFolder(data_dir)
    profile = LearnerProfile(
        learner_id="gosia",
        name=LONG_NAME,
        email="malgorzata.brzeczyszczykiewicz-wasowska@przykladowa.pl",
        team="Marketing i komunikacja zewnętrzna",
        created_at=T0,
    )
    folder.create_learner(profile)
    folder.set_last_learner_id("gosia")
    (data_dir / SECRET_FILE).write_text("00" * 32, encoding="ascii")
    store = folder.learner("gosia")
    pages = len(course.module("program").text("pl").pages)
    progress = start_module("program", now=at(0))
    for page in range(pages):
        progress = mark_page(progress, page, pages, now=at(page + 1))
    store.save_module_progress(progress)
    if quiz is None:
        return folder
    program = course.quizzes["program"]
    attempt = attempt_rules.new_attempt(program, [], lang=lang, seed=7, attempt_id="a0", now=at(30))
    store.start_attempt(attempt)
    if quiz == "open":
        return folder
    for n, question_id in enumerate(attempt.question_ids):
        question = program.text(lang).question(question_id)
        wrong = question_id in (QUESTION, "quoting-data")
        response = wrong_response(question) if wrong else correct_response(question)
        answer = attempt_rules.answer_question(
            attempt, program, question_id, response, now=at(31 + n)
        )
        store.record_answer(attempt.attempt_id, answer)
        attempt = attempt_rules.with_answer(attempt, answer)
    done = attempt_rules.finish(attempt, program, now=at(45))
    store.finish_attempt(
        attempt.attempt_id,
        finished_at=done.finished_at,
        score=done.score,
        max_score=done.max_score,
        passed=done.passed,
    )
    return folder


def app_for(tmp_path: Path, lang: str, *, quiz: str | None = None) -> TrainerApp:
    course = sample_course()
    learner_with_long_name(tmp_path / "data", course, lang, quiz=quiz)
    return make_app(course, tmp_path / "data", lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_sign_in_screen(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    app = make_app(sample_course(), tmp_path / "empty", lang)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("step", ["passphrase", "code", "new-passphrase"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_served_sign_in_screen(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str, step: str
) -> None:
    from trainer.tui.screens.served_sign_in import ServedSignInScreen

    async def show_step(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ServedSignInScreen)
        screen.show_mode(step)
        if step == "new-passphrase":
            screen.set_status(screen.say("err.mismatch"))
        await settle(pilot)

    app = make_app(sample_course(), tmp_path / "data", lang, served=True)
    assert snap_compare(app, terminal_size=size, run_before=show_step)


@pytest.mark.parametrize("outcome", ["right", "wrong"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_quiz_feedback(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str, outcome: str
) -> None:
    """Feedback on the question whose answers cite sources (long, wrapping answers)."""

    async def answer(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_target(pilot.app, "quiz:program")  # type: ignore[arg-type]
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        while screen.question.id != QUESTION:
            screen.index += 1
            screen.show_question()
        await settle(pilot)
        pick = correct_response if outcome == "right" else wrong_response
        await give_answer(pilot, pick(screen.question))  # type: ignore[arg-type]
        await settle(pilot)

    app = app_for(tmp_path, lang, quiz="open")
    assert snap_compare(app, terminal_size=size, run_before=answer)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_attempt_review(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    async def review(pilot: Pilot[Any]) -> None:
        from trainer.tui.screens.quiz_review import QuizReviewScreen

        await settle(pilot)
        quiz = pilot.app.services.course.quizzes["program"]  # type: ignore[attr-defined]
        await pilot.app.push_screen(QuizReviewScreen(quiz))
        await settle(pilot)

    app = app_for(tmp_path, lang, quiz="finished")
    assert snap_compare(app, terminal_size=size, run_before=review)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_policy_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    async def policy(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_target(pilot.app, "policy")  # type: ignore[arg-type]
        await settle(pilot)

    assert snap_compare(app_for(tmp_path, lang), terminal_size=size, run_before=policy)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_post_ideas_screen(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    from trainer.tui.screens.post_ideas import PostIdeasScreen

    async def ideas(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(PostIdeasScreen(today=TODAY))
        await settle(pilot)

    assert snap_compare(app_for(tmp_path, lang), terminal_size=size, run_before=ideas)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_post_writer_screen(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    async def write(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_writer(pilot, "job-offer-data-analyst")
        await settle(pilot)

    assert snap_compare(app_for(tmp_path, lang), terminal_size=size, run_before=write)
