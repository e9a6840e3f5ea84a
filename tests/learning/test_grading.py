"""How a single answer is scored, for every question type."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.learning.course_factory import at, multiple, ordering, quiz, short, single, take_quiz
from trainer.learning.errors import InvalidResponse
from trainer.learning.grading import grade_answer, quiz_grade, quiz_result
from trainer.learning.records import QuizAttempt


def test_single_choice_earns_the_points_only_for_the_correct_choice() -> None:
    question = single("where", correct=1, points=2)
    assert grade_answer(question, 1, scoring="all-or-nothing").points == 2
    wrong = grade_answer(question, 0, scoring="all-or-nothing")
    assert (wrong.points, wrong.max_points, wrong.correct) == (0, 2, False)


def test_chosen_answers_with_feedback_are_returned_for_display() -> None:
    question = single("where", correct=0, feedback={1: "Not in the comments."})
    assert grade_answer(question, 1, scoring="all-or-nothing").feedback_indices == (1,)
    assert grade_answer(question, 0, scoring="all-or-nothing").feedback_indices == ()


@pytest.mark.parametrize("response", [3, -1, [0], "0", True])
def test_single_choice_refuses_a_response_that_is_not_one_of_its_choices(response: object) -> None:
    with pytest.raises(InvalidResponse):
        grade_answer(single("where"), response, scoring="all-or-nothing")  # type: ignore[arg-type]


def test_multiple_choice_all_or_nothing_needs_exactly_the_correct_set() -> None:
    question = multiple("which", correct=(0, 2), count=4)
    assert grade_answer(question, [2, 0], scoring="all-or-nothing").correct
    assert grade_answer(question, [0], scoring="all-or-nothing").points == 0
    assert grade_answer(question, [0, 1, 2], scoring="all-or-nothing").points == 0


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        ([0, 1, 2], 4.0),  # all three right
        ([0, 1], 4 * 2 / 3),  # two of three right
        ([0, 1, 2, 3], 4 * 2 / 3),  # all right, one wrong: (3 - 1) / 3
        ([0, 3], 0.0),  # one right, one wrong
        ([3, 4], 0.0),  # only wrong ones: floored at 0, never negative
        ([], 0.0),
    ],
)
def test_partial_scoring_gives_right_minus_wrong_over_correct_total(
    picked: list[int], expected: float
) -> None:
    question = multiple("which", correct=(0, 1, 2), count=5, points=4)
    graded = grade_answer(question, picked, scoring="partial")
    assert graded.points == pytest.approx(expected)
    assert graded.correct == (sorted(picked) == [0, 1, 2])


def test_canvas_documented_example_for_partial_credit_with_penalty() -> None:
    """4 points, 2 correct answers; both correct and one incorrect selected -> 2 points."""
    question = multiple("which", correct=(0, 1), count=4, points=4)
    assert grade_answer(question, [0, 1, 3], scoring="partial").points == 2


def test_multiple_choice_refuses_duplicates_and_unknown_choices() -> None:
    question = multiple("which")
    for response in ([0, 0], [9], 0, "0, 2"):
        with pytest.raises(InvalidResponse):
            grade_answer(question, response, scoring="partial")


@given(st.lists(st.integers(0, 5), unique=True), st.sampled_from(["partial", "all-or-nothing"]))
def test_any_multiple_choice_score_stays_between_zero_and_the_points(
    picked: list[int], scoring: str
) -> None:
    question = multiple("which", correct=(1, 4), count=6, points=3)
    graded = grade_answer(question, picked, scoring=scoring)  # type: ignore[arg-type]
    assert 0 <= graded.points <= graded.max_points == 3
    assert graded.correct == (graded.points == 3)


@pytest.mark.parametrize(
    "typed",
    ["źródło", "ŹRÓDŁO", "  Źródło  ", "źródło\t", unicodedata.normalize("NFD", "źródło")],
)
def test_short_answer_ignores_case_spacing_and_unicode_composition(typed: str) -> None:
    assert grade_answer(short("word", "źródło"), typed, scoring="all-or-nothing").correct


def test_short_answer_collapses_inner_whitespace_of_several_words() -> None:
    question = short("tag", "employee advocacy")
    assert grade_answer(question, "Employee \u00a0  advocacy", scoring="all-or-nothing").correct


@pytest.mark.parametrize("typed", ["zrodlo", "źrodło", "zródło", "", "   ", "źródła"])
def test_short_answer_diacritics_and_letters_matter(typed: str) -> None:
    assert not grade_answer(short("word", "źródło"), typed, scoring="all-or-nothing").correct


def test_short_answer_accepts_any_of_the_alternatives() -> None:
    question = short("disclosure", "#ad", "#reklama", points=2)
    graded = grade_answer(question, "#Reklama", scoring="all-or-nothing")
    assert (graded.points, graded.correct) == (2, True)


def test_short_answer_refuses_a_non_text_response() -> None:
    with pytest.raises(InvalidResponse):
        grade_answer(short("word", "x"), [0], scoring="all-or-nothing")


def test_ordering_is_correct_only_in_the_written_order() -> None:
    question = ordering("steps", "draft", "review", "publish")
    assert grade_answer(question, [0, 1, 2], scoring="all-or-nothing").correct
    nearly = grade_answer(question, [0, 2, 1], scoring="partial")
    assert (nearly.points, nearly.correct) == (0, False)


@pytest.mark.parametrize("response", [[0, 1], [0, 1, 1], [0, 1, 3], 0, "012"])
def test_ordering_refuses_anything_but_a_permutation_of_the_items(response: object) -> None:
    with pytest.raises(InvalidResponse):
        grade_answer(ordering("steps"), response, scoring="all-or-nothing")  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    answers=st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), max_size=5),
    grading=st.sampled_from(["last", "average", "highest", "first"]),
)
def test_the_exports_verdict_is_quiz_results_verdict(
    answers: list[tuple[bool, bool, bool]], grading: str
) -> None:
    """Exports grade with `quiz_grade`: score, attempts, pass and its moment as `quiz_result`."""
    the_quiz = quiz("q1", [single("a"), single("b")], pass_mark=0.5, grading=grading)  # type: ignore[arg-type]
    attempts: list[QuizAttempt] = []
    for n, (first_right, second_right, finished) in enumerate(answers):
        responses = {"a": 0 if first_right else 1, "b": 0 if second_right else 1}
        attempts.append(
            take_quiz(
                the_quiz,
                attempts,
                responses,
                when=at(10 * n),
                finished=finished or n < len(answers) - 1,  # only the last may be open
            )
        )
    shuffled = attempts[::-1]  # stored order need not be attempt order
    result = quiz_result(shuffled, the_quiz)
    assert quiz_grade(shuffled, the_quiz) == (
        result.score,
        result.attempts_used,
        result.attempts_finished,
        result.passed,
        result.passed_at,
    )
