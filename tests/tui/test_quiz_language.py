"""A quiz attempt keeps the language it was started in; resumed in the other language, it says so,
and what is graded is what the learner saw."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.responses import correct_response
from tests.tui.conftest import AppFactory
from tests.tui.journey import give_answer, sign_in
from tests.tui.screen_marks import screen_lines
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp
from trainer.tui.screens.quiz import QuizScreen, open_quiz
from trainer.tui.screens.quiz_review import QuizReviewScreen

NOTICE = {
    "en": "This attempt was started in Polish: its questions stay in Polish, so that what is "
    "graded is exactly what you see.",
    "pl": "To podejście rozpoczęto w języku: angielski. Pytania zostają w tym języku, aby "
    "oceniane było dokładnie to, co widać na ekranie.",
}

REVIEW_NOTICE = {
    "en": "This attempt was taken in Polish: its questions are shown as they were asked.",
    "pl": "To podejście odbyło się w języku: angielski. Pytania są pokazane tak, jak je zadano.",
}


async def _open_basics_quiz(app: TrainerApp, pilot: Pilot[int]) -> QuizScreen:
    session = app.session
    assert session is not None
    for module in session.course.modules:
        for page in range(len(module.text(session.lang).pages)):
            session.visit_page(module.id, page)
    await open_quiz(app, "basics-quiz")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    return screen


def _shown(app: TrainerApp) -> str:
    return " ".join(" ".join(screen_lines(app)).split())


@pytest.mark.parametrize(("started", "resumed"), [("pl", "en"), ("en", "pl")])
async def test_an_attempt_resumed_in_the_other_language_says_so_and_keeps_its_questions(
    make_learner_app: AppFactory, data_dir: Path, started: str, resumed: str
) -> None:
    first = make_learner_app(started)
    async with first.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        screen = await _open_basics_quiz(first, pilot)
        assert not screen.query_one("#quiz-language", Static).display  # same language: quiet
        await give_answer(pilot, correct_response(screen.question))

    second = make_learner_app(resumed)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await _open_basics_quiz(second, pilot)
        assert screen.attempt.language == started
        assert screen.query_one("#quiz-language", Static).display
        assert NOTICE[resumed] in _shown(second)
        # the next question is the started language's, as is the one already answered
        asked = screen.question
        course = second.session.course  # type: ignore[union-attr]
        quiz_text = course.quizzes["basics-quiz"].text(started)
        assert asked.prompt == quiz_text.question(asked.id).prompt
        await give_answer(pilot, correct_response(asked))
        assert screen.answered is not None and screen.answered.correct
        await second.push_screen(QuizReviewScreen(course.quizzes["basics-quiz"]))
        await pilot.pause()
        review = str(second.screen.query_one("#review-text", Static).render())
        assert REVIEW_NOTICE[resumed] in " ".join(review.split())
        assert quiz_text.question(asked.id).prompt.split("\n")[0] in review
    learners = DataFolder(data_dir)
    (learner_id,) = [p.stem for p in (data_dir / "learners").glob("*.json")]
    attempt = learners.learner(learner_id).read().attempts[0]
    assert attempt.language == started
    assert len(attempt.answers) == 2 and all(a.correct for a in attempt.answers)
