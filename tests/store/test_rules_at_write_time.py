"""Learning rules hold even when one learner uses several windows, or several programs race.

Each window (a browser tab, a terminal) works from the record it read earlier. The store
re-applies the rule to the record as saved, under the learner's lock, so a window that is
behind cannot start a fourth attempt of a three-attempt quiz, replace an answer whose verdict
was shown elsewhere, score an attempt from answers it never saw, or decide the policy again
on a screen shown before another window decided.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import shutil
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.responses import correct_response, wrong_response
from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.learning.errors import (
    AttemptAlreadyFinished,
    AttemptsExhausted,
    QuestionAlreadyAnswered,
    RecordChanged,
)
from trainer.session import LearnerSession, SignInDetails
from trainer.store import DataFolder
from trainer.store.errors import RuleRefusedError

QUIZ = "basics-quiz"  # allows 3 attempts
WINDOWS = 8
FORK = mp.get_context("fork")
OLA = SignInDetails(email="ola@firma.pl", name="Ola Kowalska", team="Sales")


@pytest.fixture
def course(tmp_path: Path) -> Course:
    shutil.copytree(FIXTURES / "mini_course", tmp_path / "course")
    loaded = load_course(tmp_path / "course").course
    assert loaded is not None
    assert loaded.quizzes[QUIZ].attempts == 3
    return loaded


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


def windows(course: Course, data: DataFolder, count: int) -> list[LearnerSession]:
    """`count` windows of the same learner, all opened before any of them is used."""
    return [LearnerSession.sign_in(course, data, OLA, "en") for _ in range(count)]


def saved(data: DataFolder) -> Any:
    learner_id = data.find_learner_by_email(OLA.email)
    assert learner_id is not None
    return data.learner(learner_id).read()


def question(session: LearnerSession, attempt_id: str, index: int) -> Any:
    attempt = session.attempt(attempt_id)
    assert attempt is not None
    quiz = session.course.quizzes[attempt.quiz_id]
    return quiz.text(attempt.language).question(attempt.question_ids[index])


# --- stale windows in one process ----------------------------------------------------------------


def test_five_windows_used_in_turn_get_no_more_attempts_than_the_quiz_allows(
    course: Course, data: DataFolder
) -> None:
    refused = 0
    for window in windows(course, data, 5):
        try:
            attempt = window.begin_quiz(QUIZ)
        except AttemptsExhausted:
            refused += 1
            continue
        window.finish_quiz(attempt.attempt_id)

    assert [a.number for a in saved(data).attempts] == [1, 2, 3]
    assert refused == 2


def test_a_second_window_resumes_the_attempt_the_first_one_started(
    course: Course, data: DataFolder
) -> None:
    first, second = windows(course, data, 2)
    started = first.begin_quiz(QUIZ)

    assert second.begin_quiz(QUIZ).attempt_id == started.attempt_id
    assert len(saved(data).attempts) == 1


def test_an_answer_whose_verdict_was_shown_in_one_tab_cannot_be_replaced_in_another(
    course: Course, data: DataFolder
) -> None:
    tab_a, tab_b = windows(course, data, 2)
    attempt = tab_a.begin_quiz(QUIZ)
    tab_b.begin_quiz(QUIZ)
    first = question(tab_a, attempt.attempt_id, 0)
    tab_a.answer(attempt.attempt_id, first.id, wrong_response(first), False)  # verdict: wrong

    with pytest.raises(RuleRefusedError) as refusal:
        tab_b.answer(attempt.attempt_id, first.id, correct_response(first), False)

    assert isinstance(refusal.value.refused, QuestionAlreadyAnswered)
    answers = saved(data).attempts[0].answers
    assert [(a.question_id, a.correct) for a in answers] == [(first.id, False)]
    assert tab_b.attempt(attempt.attempt_id) == saved(data).attempts[0]  # tab B shows the truth


def test_a_window_that_finishes_scores_the_answers_given_in_another(
    course: Course, data: DataFolder
) -> None:
    answering, finishing = windows(course, data, 2)
    attempt = answering.begin_quiz(QUIZ)
    finishing.begin_quiz(QUIZ)
    for index in range(len(attempt.question_ids)):
        asked = question(answering, attempt.attempt_id, index)
        answering.answer(attempt.attempt_id, asked.id, correct_response(asked), False)

    finished = finishing.finish_quiz(attempt.attempt_id)

    assert finished.passed is True
    assert finished.score == finished.max_score
    with pytest.raises(RuleRefusedError) as refusal:
        answering.finish_quiz(attempt.attempt_id)
    assert isinstance(refusal.value.refused, AttemptAlreadyFinished)
    assert saved(data).attempts[0].finished_at == finished.finished_at


def test_the_policy_cannot_be_decided_on_a_screen_shown_before_another_window_decided(
    course: Course, data: DataFolder
) -> None:
    accepting, declining = windows(course, data, 2)
    accepting.decide_policy("accepted", typed_name=OLA.name, scrolled_to_end=True, box_checked=True)

    with pytest.raises(RuleRefusedError) as refusal:
        declining.decide_policy("declined", typed_name="", scrolled_to_end=True, box_checked=True)

    assert isinstance(refusal.value.refused, RecordChanged)
    assert [d.decision for d in saved(data).policy_decisions] == ["accepted"]
    assert declining.policy_state() == "accepted_current"  # the window now shows what is saved


# --- 8 programs racing ------------------------------------------------------------------------


def _race(sessions: list[LearnerSession], act: Callable[[LearnerSession], str]) -> list[str]:
    """Run `act` in one forked process per session, all released at once; their outcomes."""
    start = FORK.Barrier(len(sessions))
    results: Queue[str] = FORK.Queue()

    def run(session: LearnerSession, start: Barrier) -> None:
        start.wait()
        try:
            results.put(act(session))
        except RuleRefusedError as refusal:
            results.put(f"refused:{type(refusal.refused).__name__}")
        except AttemptsExhausted:
            results.put("refused:AttemptsExhausted")

    processes = [FORK.Process(target=run, args=(s, start)) for s in sessions]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(30)
    assert [p.exitcode for p in processes] == [0] * len(processes)
    return outcomes


@pytest.mark.slow
def test_eight_programs_starting_the_quiz_at_once_share_one_attempt(
    course: Course, data: DataFolder
) -> None:
    outcomes = _race(windows(course, data, WINDOWS), lambda s: s.begin_quiz(QUIZ).attempt_id)

    attempts = saved(data).attempts
    assert len(attempts) == 1
    assert outcomes == [attempts[0].attempt_id] * WINDOWS


@pytest.mark.slow
def test_eight_programs_taking_the_quiz_again_and_again_get_three_attempts(
    course: Course, data: DataFolder
) -> None:
    def take_until_refused(session: LearnerSession) -> str:
        taken = 0
        while True:
            try:
                attempt = session.begin_quiz(QUIZ)
            except AttemptsExhausted:
                return str(taken)
            with contextlib.suppress(RuleRefusedError):  # another one finished it first
                session.finish_quiz(attempt.attempt_id)
            taken += 1

    _race(windows(course, data, WINDOWS), take_until_refused)

    assert [a.number for a in saved(data).attempts] == [1, 2, 3]
    assert all(a.finished for a in saved(data).attempts)


@pytest.mark.slow
def test_eight_programs_answering_one_question_at_once_keep_one_answer(
    course: Course, data: DataFolder
) -> None:
    sessions = windows(course, data, WINDOWS)
    attempt = sessions[0].begin_quiz(QUIZ)
    for session in sessions[1:]:
        session.reload()
    first = question(sessions[0], attempt.attempt_id, 0)

    outcomes = _race(
        sessions,
        lambda s: s.answer(
            attempt.attempt_id, first.id, correct_response(first), False
        ).answered_at.isoformat(),
    )

    answers = saved(data).attempts[0].answers
    assert len(answers) == 1
    assert sorted(o for o in outcomes if o.startswith("refused:")) == [
        "refused:QuestionAlreadyAnswered"
    ] * (WINDOWS - 1)


@pytest.mark.slow
def test_eight_programs_finishing_at_once_score_the_answers_as_saved(
    course: Course, data: DataFolder
) -> None:
    sessions = windows(course, data, WINDOWS + 1)
    answering, racers = sessions[0], sessions[1:]
    attempt = answering.begin_quiz(QUIZ)
    for session in racers:
        session.reload()  # they know the attempt, not the answers given next
    for index in range(len(attempt.question_ids)):
        asked = question(answering, attempt.attempt_id, index)
        answering.answer(attempt.attempt_id, asked.id, correct_response(asked), False)

    outcomes = _race(racers, lambda s: f"score:{s.finish_quiz(attempt.attempt_id).score}")

    finished = saved(data).attempts[0]
    assert finished.score == finished.max_score
    assert outcomes.count(f"score:{finished.score}") == 1
    assert outcomes.count("refused:AttemptAlreadyFinished") == WINDOWS - 1


@pytest.mark.slow
def test_eight_programs_accepting_the_policy_at_once_record_one_acceptance(
    course: Course, data: DataFolder
) -> None:
    outcomes = _race(
        windows(course, data, WINDOWS),
        lambda s: (
            s.decide_policy(
                "accepted", typed_name=OLA.name, scrolled_to_end=True, box_checked=True
            ).decision
        ),
    )

    assert [d.decision for d in saved(data).policy_decisions] == ["accepted"]
    assert sorted(outcomes) == ["accepted"] + ["refused:RecordChanged"] * (WINDOWS - 1)
