"""A whole attempt against the pass mark, and several attempts under each grading method."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.learning.course_factory import T0, at, multiple, quiz, single, take_quiz
from trainer.content.models import Grading, Quiz
from trainer.learning.grading import attempt_score, meets_pass_mark, quiz_result
from trainer.learning.records import QuizAttempt


def ten_questions(**options: object) -> Quiz:
    return quiz("ten", [single(f"q{i}", correct=0) for i in range(10)], **options)  # type: ignore[arg-type]


def answering(right: int, total: int = 10) -> dict[str, int | list[int] | str]:
    """Responses with `right` correct answers among `total` single-choice questions."""
    return {f"q{i}": 0 if i < right else 1 for i in range(total)}


def test_seven_of_ten_passes_a_pass_mark_of_0_7_exactly() -> None:
    the_quiz = ten_questions(pass_mark=0.7)
    score = attempt_score(take_quiz(the_quiz, [], answering(7)), the_quiz)
    assert (score.points, score.max_points, score.passed) == (7, 10, True)
    assert not attempt_score(take_quiz(the_quiz, [], answering(6)), the_quiz).passed


@pytest.mark.parametrize(
    ("points", "max_points", "pass_mark", "passes"),
    [
        (1, 10, 0.1, True),  # float 0.1 is a hair above 1/10; read as written, it passes
        (3, 10, 0.3, True),
        (2, 3, 0.67, False),
        (2, 3, 0.66, True),
        (2 / 3, 1, 2 / 3, True),  # partial credit of two thirds against a two-thirds mark
        (0, 5, 0.0, True),
        (5, 5, 1.0, True),
        (4.999, 5, 1.0, False),
    ],
)
def test_pass_mark_comparison_is_exact(
    points: float, max_points: int, pass_mark: float, passes: bool
) -> None:
    assert meets_pass_mark(points, max_points, pass_mark) is passes


def test_unanswered_questions_count_as_zero_but_still_count_in_the_maximum() -> None:
    the_quiz = ten_questions(pass_mark=0.5)
    attempt = take_quiz(the_quiz, [], {"q0": 0, "q1": 0})
    assert attempt.score == 2
    assert attempt.max_score == 10
    assert attempt.passed is False


def test_partial_credit_adds_up_across_questions() -> None:
    the_quiz = quiz(
        "mixed",
        [multiple("m1", correct=(0, 1, 2), count=4), multiple("m2", correct=(0, 1, 2), count=4)],
        scoring="partial",
        pass_mark=2 / 3,
    )
    attempt = take_quiz(the_quiz, [], {"m1": [0, 1], "m2": [0, 1]})
    score = attempt_score(attempt, the_quiz)
    assert score.points == pytest.approx(4 / 3)
    assert score.passed  # exactly two thirds


def test_only_the_drawn_questions_make_up_the_maximum() -> None:
    the_quiz = quiz("pool", [single("a", points=2), single("b", points=3), single("c")], draw=2)
    attempt = take_quiz(the_quiz, [], {})
    expected = sum(q.points for q in the_quiz.text("pl").questions if q.id in attempt.question_ids)
    assert attempt_score(attempt, the_quiz).max_points == expected


def series(the_quiz: Quiz, rights: Sequence[int]) -> list[QuizAttempt]:
    """Finished attempts, in order, with the given numbers of right answers out of ten."""
    attempts: list[QuizAttempt] = []
    for n, right in enumerate(rights):
        attempts.append(take_quiz(the_quiz, attempts, answering(right), when=at(60 * n)))
    return attempts


@pytest.mark.parametrize(
    ("grading", "rights", "score", "passed"),
    [
        ("highest", [5, 9, 6], 0.9, True),
        ("last", [5, 9, 6], 0.6, False),
        ("first", [5, 9, 6], 0.5, False),
        ("first", [8, 2], 0.8, True),
        ("average", [5, 9, 6], pytest.approx(2 / 3), False),
        ("average", [6, 8], 0.7, True),
    ],
)
def test_each_grading_method_picks_the_score_that_counts(
    grading: Grading, rights: list[int], score: object, passed: bool
) -> None:
    the_quiz = ten_questions(grading=grading, pass_mark=0.7)
    result = quiz_result(series(the_quiz, rights), the_quiz)
    assert result.score == score
    assert result.passed is passed


def test_highest_counts_as_passed_from_the_first_attempt_that_passed() -> None:
    the_quiz = ten_questions(grading="highest", pass_mark=0.7)
    attempts = series(the_quiz, [4, 7, 10])
    result = quiz_result(attempts, the_quiz)
    assert result.graded_attempt == attempts[2]
    assert result.passed_at == attempts[1].finished_at


def test_with_last_grading_a_worse_retake_loses_the_pass() -> None:
    the_quiz = ten_questions(grading="last", pass_mark=0.7)
    assert quiz_result(series(the_quiz, [9]), the_quiz).passed
    assert not quiz_result(series(the_quiz, [9, 3]), the_quiz).passed


def test_before_any_attempt_there_is_no_score_and_a_first_attempt_may_start() -> None:
    result = quiz_result([], ten_questions(attempts=2))
    assert (result.score, result.passed, result.attempts_used) == (None, False, 0)
    assert (result.attempts_left, result.can_retake) == (2, True)


def test_attempt_limit_counts_down_and_stops_retakes() -> None:
    the_quiz = ten_questions(attempts=2)
    one = quiz_result(series(the_quiz, [3]), the_quiz)
    assert (one.attempts_used, one.attempts_left, one.can_retake) == (1, 1, True)
    two = quiz_result(series(the_quiz, [3, 4]), the_quiz)
    assert (two.attempts_used, two.attempts_left, two.can_retake) == (2, 0, False)


def test_unlimited_attempts_are_reported_as_none_left() -> None:
    the_quiz = ten_questions(attempts=None)
    result = quiz_result(series(the_quiz, [1, 2, 3, 4]), the_quiz)
    assert result.attempts_left is None
    assert result.can_retake


def test_an_unfinished_attempt_uses_a_slot_is_not_graded_and_must_be_resumed() -> None:
    the_quiz = ten_questions(attempts=3)
    done = series(the_quiz, [8])
    open_attempt = take_quiz(the_quiz, done, answering(10), finished=False, when=at(90))
    result = quiz_result([*done, open_attempt], the_quiz)
    assert result.in_progress == open_attempt
    assert (result.attempts_used, result.attempts_finished, result.attempts_left) == (2, 1, 1)
    assert result.score == 0.8
    assert not result.can_retake


def test_attempts_of_other_quizzes_are_ignored() -> None:
    the_quiz = ten_questions()
    other = quiz("other", [single("x")])
    foreign = take_quiz(other, [], {"x": 0}, when=T0)
    assert quiz_result([foreign], the_quiz).attempts_used == 0


@settings(max_examples=60, deadline=None)
@given(
    rights=st.lists(st.integers(0, 10), min_size=0, max_size=4),
    grading=st.sampled_from(["highest", "last", "first", "average"]),
    limit=st.one_of(st.none(), st.integers(4, 6)),
    pass_mark=st.sampled_from([0.0, 0.5, 0.7, 1.0]),
)
def test_any_series_of_attempts_gives_a_consistent_result(
    rights: list[int], grading: Grading, limit: int | None, pass_mark: float
) -> None:
    the_quiz = ten_questions(grading=grading, attempts=limit, pass_mark=pass_mark)
    result = quiz_result(series(the_quiz, rights), the_quiz)
    assert result.attempts_used == result.attempts_finished == len(rights)
    if limit is not None:
        assert result.attempts_left == limit - len(rights)
    if not rights:
        assert result.score is None and not result.passed
    else:
        assert result.score is not None
        assert min(rights) / 10 - 1e-9 <= result.score <= max(rights) / 10 + 1e-9
        assert result.passed is (result.score >= pass_mark - 1e-9)
        assert (result.passed_at is not None) is result.passed
