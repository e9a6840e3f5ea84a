"""Starting an attempt (shuffle, draw, limits), answering it and finishing it."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.learning.course_factory import T0, at, multiple, ordering, quiz, single, take_quiz
from trainer.content.models import Quiz, Shuffle
from trainer.learning.attempts import (
    answer_question,
    finish,
    new_attempt,
    resume_question,
    scrambled,
    with_answer,
)
from trainer.learning.errors import (
    AttemptAlreadyFinished,
    AttemptInProgress,
    AttemptsExhausted,
    InvalidResponse,
    QuestionAlreadyAnswered,
    QuestionNotInAttempt,
)
from trainer.learning.records import QuizAttempt


def pool_quiz(size: int = 8, **options: object) -> Quiz:
    questions = [multiple(f"q{i}", correct=(0,), count=5) for i in range(size)]
    return quiz("pool", [*questions, ordering("steps", "a", "b", "c", "d")], **options)  # type: ignore[arg-type]


def test_the_same_seed_gives_the_same_attempt() -> None:
    the_quiz = pool_quiz(shuffle="both", draw=5)
    first = new_attempt(the_quiz, [], lang="pl", seed=42, now=T0)
    again = new_attempt(the_quiz, [], lang="pl", seed=42, now=T0)
    assert first.question_ids == again.question_ids
    assert first.choice_orders == again.choice_orders
    assert first.seed == 42


def test_different_seeds_give_different_orders() -> None:
    the_quiz = pool_quiz(shuffle="both")
    orders = {
        (tuple(a.question_ids), tuple(map(tuple, a.choice_orders.values())))
        for a in (new_attempt(the_quiz, [], lang="pl", seed=s) for s in range(20))
    }
    assert len(orders) > 15


def test_without_shuffle_questions_and_choices_keep_the_written_order() -> None:
    the_quiz = pool_quiz(shuffle="none")
    attempt = new_attempt(the_quiz, [], lang="pl", seed=7)
    assert attempt.question_ids == list(the_quiz.question_ids)
    assert attempt.choice_orders["q0"] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("shuffle", "questions_move", "answers_move"),
    [("questions", True, False), ("answers", False, True), ("both", True, True)],
)
def test_shuffle_setting_decides_what_moves(
    shuffle: Shuffle, questions_move: bool, answers_move: bool
) -> None:
    the_quiz = pool_quiz(shuffle=shuffle)
    attempts = [new_attempt(the_quiz, [], lang="pl", seed=s) for s in range(10)]
    written = list(the_quiz.question_ids)
    assert any(a.question_ids != written for a in attempts) is questions_move
    assert any(a.choice_orders["q0"] != [0, 1, 2, 3, 4] for a in attempts) is answers_move


def test_ordering_items_are_always_scrambled_even_without_shuffle() -> None:
    the_quiz = pool_quiz(shuffle="none")
    for seed in range(50):
        order = new_attempt(the_quiz, [], lang="pl", seed=seed).choice_orders["steps"]
        assert sorted(order) == [0, 1, 2, 3]
        assert order != [0, 1, 2, 3]


def test_two_ordering_items_are_always_shown_swapped() -> None:
    assert all(scrambled(2, random.Random(seed)) == [1, 0] for seed in range(30))
    assert scrambled(1, random.Random(0)) == [0]


@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(1, 12),
    draw=st.one_of(st.none(), st.integers(1, 12)),
    shuffle=st.sampled_from(["none", "questions", "answers", "both"]),
)
def test_every_attempt_shows_a_permutation_of_distinct_questions_and_choices(
    seed: int, size: int, draw: int | None, shuffle: Shuffle
) -> None:
    the_quiz = pool_quiz(size, shuffle=shuffle, draw=draw)
    attempt = new_attempt(the_quiz, [], lang="pl", seed=seed)
    pool = set(the_quiz.question_ids)
    assert len(set(attempt.question_ids)) == len(attempt.question_ids)
    assert set(attempt.question_ids) <= pool
    assert len(attempt.question_ids) == min(draw or len(pool), len(pool))
    for question_id, order in attempt.choice_orders.items():
        question = the_quiz.text("pl").question(question_id)
        count = len(getattr(question, "choices", ())) or len(getattr(question, "items", ()))
        assert sorted(order) == list(range(count))


def test_draw_prefers_questions_not_seen_in_earlier_attempts() -> None:
    the_quiz = pool_quiz(8, draw=3, attempts=None)
    attempts: list[QuizAttempt] = []
    for n in range(3):
        attempts.append(take_quiz(the_quiz, attempts, {}, seed=100 + n, when=at(n)))
    seen = [set(a.question_ids) for a in attempts]
    # 9 questions, 3 per attempt: three attempts see every question exactly once.
    assert seen[0].isdisjoint(seen[1]) and seen[1].isdisjoint(seen[2])
    assert seen[0].isdisjoint(seen[2])


def test_once_all_are_seen_the_least_recently_seen_come_back_first() -> None:
    the_quiz = pool_quiz(5, draw=4)  # 6 questions in the pool, 4 drawn each time
    first = take_quiz(the_quiz, [], {}, seed=1, when=at(0))
    second = take_quiz(the_quiz, [first], {}, seed=2, when=at(1))
    assert set(the_quiz.question_ids) - set(first.question_ids) <= set(second.question_ids)
    third = new_attempt(the_quiz, [first, second], lang="pl", seed=3)
    # The two questions last seen in the first attempt beat all four from the second.
    only_in_first = set(first.question_ids) - set(second.question_ids)
    assert len(only_in_first) == 2
    assert only_in_first <= set(third.question_ids)


def test_drawn_questions_keep_the_written_order_when_questions_are_not_shuffled() -> None:
    the_quiz = pool_quiz(8, draw=4, shuffle="answers")
    attempt = new_attempt(the_quiz, [], lang="pl", seed=5)
    written = list(the_quiz.question_ids)
    assert attempt.question_ids == sorted(attempt.question_ids, key=written.index)


def test_attempts_are_numbered_and_refused_once_the_limit_is_used() -> None:
    the_quiz = pool_quiz(attempts=2)
    first = take_quiz(the_quiz, [], {}, when=at(0))
    second = take_quiz(the_quiz, [first], {}, when=at(10))
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(AttemptsExhausted):
        new_attempt(the_quiz, [first, second], lang="pl")


def test_a_second_attempt_cannot_start_while_one_is_unfinished() -> None:
    the_quiz = pool_quiz()
    open_attempt = new_attempt(the_quiz, [], lang="pl", seed=1)
    with pytest.raises(AttemptInProgress):
        new_attempt(the_quiz, [open_attempt], lang="pl")


def test_attempt_records_the_language_actually_shown() -> None:
    the_quiz = pool_quiz()
    assert new_attempt(the_quiz, [], lang="en").language == "en"
    assert new_attempt(the_quiz, [], lang="de").language == "pl"  # falls back to the default


def test_a_crash_mid_quiz_resumes_on_the_first_unanswered_question() -> None:
    the_quiz = quiz("q", [single("a"), single("b"), single("c")], shuffle="questions")
    attempt = new_attempt(the_quiz, [], lang="pl", seed=9, now=T0)
    assert resume_question(attempt) == 0
    first_id = attempt.question_ids[0]
    attempt = with_answer(attempt, answer_question(attempt, the_quiz, first_id, 0, now=at(1)))
    assert resume_question(attempt) == 1
    for question_id in attempt.question_ids[1:]:
        attempt = with_answer(attempt, answer_question(attempt, the_quiz, question_id, 1))
    assert resume_question(attempt) == 3  # all answered: only finishing is left


def test_an_answer_is_graded_and_keeps_the_hint_and_time() -> None:
    the_quiz = quiz("q", [single("a", correct=2, points=3)])
    attempt = new_attempt(the_quiz, [], lang="pl", seed=1)
    when = dt.datetime(2026, 3, 2, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    answer = answer_question(attempt, the_quiz, "a", 2, hint_used=True, now=when)
    assert (answer.points, answer.max_points, answer.correct, answer.hint_used) == (
        3,
        3,
        True,
        True,
    )
    assert answer.answered_at == at(0)  # 11:00+02:00 is 09:00 UTC
    assert answer.answered_at.tzinfo == dt.UTC


def test_answers_are_refused_twice_for_foreign_questions_and_after_finishing() -> None:
    the_quiz = quiz("q", [single("a"), single("b"), single("c")], draw=2)
    attempt = new_attempt(the_quiz, [], lang="pl", seed=1)
    left_out = next(q for q in the_quiz.question_ids if q not in attempt.question_ids)
    with pytest.raises(QuestionNotInAttempt):
        answer_question(attempt, the_quiz, left_out, 0)
    with pytest.raises(InvalidResponse):
        answer_question(attempt, the_quiz, attempt.question_ids[0], [0])
    answered = with_answer(attempt, answer_question(attempt, the_quiz, attempt.question_ids[0], 0))
    with pytest.raises(QuestionAlreadyAnswered):
        answer_question(answered, the_quiz, attempt.question_ids[0], 1)
    finished = finish(answered, the_quiz, now=at(5)).applied_to(answered)
    with pytest.raises(AttemptAlreadyFinished):
        answer_question(finished, the_quiz, attempt.question_ids[1], 0)
    with pytest.raises(AttemptAlreadyFinished):
        finish(finished, the_quiz)


def test_finishing_sets_the_score_the_maximum_and_the_verdict() -> None:
    the_quiz = quiz("q", [single("a"), single("b"), single("c")], pass_mark=0.6)
    attempt = take_quiz(the_quiz, [], {"a": 0, "b": 0, "c": 1}, when=T0)
    assert (attempt.score, attempt.max_score, attempt.passed) == (2, 3, True)
    assert attempt.finished_at == at(5)
