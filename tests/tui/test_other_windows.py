"""Two windows of one learner: the one that is behind is told, and shows what was saved."""

from __future__ import annotations

from pathlib import Path

from tests.responses import correct_response, wrong_response
from tests.tui.conftest import AppFactory, load
from tests.tui.journey import give_answer, sign_in
from trainer.session import LearnerSession, SignInDetails
from trainer.store.folder import DataFolder
from trainer.tui.screens.quiz import QuizScreen, open_quiz

OLA = SignInDetails(email="ola@firma.pl", name="Ola Kowalska", team="Sales")


async def test_an_answer_given_in_another_window_is_the_one_shown_and_kept(
    make_learner_app: AppFactory, mini_course_dir: Path, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, OLA.email, OLA.name, OLA.team)
        session = app.session
        assert session is not None
        for module in session.course.modules:  # the quiz opens once its module is read
            for page in range(len(module.text("en").pages)):
                session.visit_page(module.id, page)
        await open_quiz(app, "basics-quiz")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        question = screen.question

        other = LearnerSession.sign_in(load(mini_course_dir), DataFolder(data_dir), OLA, "en")
        attempt = other.begin_quiz("basics-quiz")  # the same attempt, resumed there
        assert attempt.attempt_id == screen.attempt.attempt_id
        other.answer(attempt.attempt_id, question.id, wrong_response(question), False)

        await give_answer(pilot, correct_response(question))

        messages = " ".join(n.message for n in app._notifications)
        assert "already answered in another window" in messages
        assert screen.answered is not None and screen.answered.correct is False
    saved = DataFolder(data_dir).learner(session.record.profile.learner_id).read()
    assert [a.correct for a in saved.attempts[0].answers] == [False]
