"""Starting, answering and finishing a quiz attempt.

Everything random comes from `random.Random(attempt.seed)`: the same quiz, earlier attempts
and seed give the same attempt. The drawn `question_ids` and the `choice_orders` are stored
with the attempt too, so a review or a resume after a crash shows exactly what the learner
saw, even after the quiz file has been edited.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.content.models import MultipleChoice, Ordering, Quiz, QuizText, SingleChoice
from trainer.learning.errors import (
    AttemptAlreadyFinished,
    AttemptInProgress,
    AttemptsExhausted,
    QuestionAlreadyAnswered,
    QuestionNotInAttempt,
)
from trainer.learning.grading import attempt_score, grade_answer, latest_answers
from trainer.learning.records import AnswerRecord, QuizAttempt, Response, as_utc, utc_now


def new_attempt(
    quiz: Quiz,
    previous_attempts: Sequence[QuizAttempt],
    *,
    lang: str,
    seed: int | None = None,
    attempt_id: str | None = None,
    now: dt.datetime | None = None,
) -> QuizAttempt:
    """A fresh attempt: questions drawn and ordered, choices and ordering items arranged.

    Raises `AttemptInProgress` while an earlier attempt is unfinished and `AttemptsExhausted`
    when the quiz's attempt limit has been used (started attempts count).
    """
    previous = ensure_can_start(quiz, previous_attempts)
    if seed is None:
        seed = secrets.randbits(32)
    text = quiz.text(lang)
    rng = random.Random(seed)
    question_ids = _draw(text, quiz, previous, rng)
    return QuizAttempt(
        attempt_id=attempt_id or uuid.uuid4().hex,
        quiz_id=quiz.id,
        number=(previous[-1].number + 1) if previous else 1,
        seed=seed,
        question_ids=question_ids,
        choice_orders=_arrange(text, question_ids, quiz, rng),
        language=text.lang,
        started_at=as_utc(now) if now else utc_now(),
    )


def ensure_can_start(quiz: Quiz, previous_attempts: Sequence[QuizAttempt]) -> list[QuizAttempt]:
    """The quiz's earlier attempts in order, if another one may start now.

    Raises `AttemptInProgress` or `AttemptsExhausted`. The store applies this again to the
    record as saved when it saves the new attempt (`trainer.session`).
    """
    previous = sorted(
        (a for a in previous_attempts if a.quiz_id == quiz.id), key=lambda a: a.number
    )
    if any(not a.finished for a in previous):
        raise AttemptInProgress(f"{quiz.id}: an attempt is still in progress")
    if quiz.attempts is not None and len(previous) >= quiz.attempts:
        raise AttemptsExhausted(f"{quiz.id}: all {quiz.attempts} attempts have been used")
    return previous


def ensure_can_answer(attempt: QuizAttempt, question_id: str) -> None:
    """Raise `AttemptAlreadyFinished`, `QuestionNotInAttempt` or `QuestionAlreadyAnswered`."""
    if attempt.finished:
        raise AttemptAlreadyFinished(f"{attempt.quiz_id}: attempt {attempt.number} is finished")
    if question_id not in attempt.question_ids:
        raise QuestionNotInAttempt(f"{attempt.quiz_id}: {question_id} is not in this attempt")
    if question_id in latest_answers(attempt):
        raise QuestionAlreadyAnswered(f"{attempt.quiz_id}: {question_id} is already answered")


def _draw(
    text: QuizText, quiz: Quiz, previous: Sequence[QuizAttempt], rng: random.Random
) -> list[str]:
    pool = [q.id for q in text.questions]
    if quiz.draw is not None and quiz.draw < len(pool):
        # Unseen questions first, then the least recently seen; ties broken by the seed.
        last_seen = {qid: a.number for a in previous for qid in a.question_ids}
        candidates = pool.copy()
        rng.shuffle(candidates)
        candidates.sort(key=lambda qid: last_seen.get(qid, 0))
        drawn = set(candidates[: quiz.draw])
        chosen = [qid for qid in pool if qid in drawn]
    else:
        chosen = pool
    if quiz.shuffle in ("questions", "both"):
        rng.shuffle(chosen)
    return chosen


def _arrange(
    text: QuizText, question_ids: Sequence[str], quiz: Quiz, rng: random.Random
) -> dict[str, list[int]]:
    """Displayed order of choice indices (choice questions) and scrambled items (ordering)."""
    orders: dict[str, list[int]] = {}
    for question_id in question_ids:
        question = text.question(question_id)
        if isinstance(question, SingleChoice | MultipleChoice):
            order = [c.index for c in question.choices]
            if quiz.shuffle in ("answers", "both"):
                rng.shuffle(order)
            orders[question_id] = order
        elif isinstance(question, Ordering):
            orders[question_id] = scrambled(len(question.items), rng)
    return orders


def scrambled(count: int, rng: random.Random) -> list[int]:
    """A random order of `count` items that is never the correct one when there are two or more."""
    correct = list(range(count))
    order = correct.copy()
    rng.shuffle(order)
    while count >= 2 and order == correct:
        rng.shuffle(order)
    return order


def resume_question(attempt: QuizAttempt) -> int:
    """Index of the first unanswered question; `len(question_ids)` when all are answered."""
    answered = latest_answers(attempt)
    for index, question_id in enumerate(attempt.question_ids):
        if question_id not in answered:
            return index
    return len(attempt.question_ids)


def answer_question(
    attempt: QuizAttempt,
    quiz: Quiz,
    question_id: str,
    response: Response,
    *,
    hint_used: bool = False,
    now: dt.datetime | None = None,
) -> AnswerRecord:
    """Grade one answer of `attempt`; the caller saves the returned record.

    Raises `AttemptAlreadyFinished`, `QuestionNotInAttempt`, `QuestionAlreadyAnswered` or
    `InvalidResponse` (from grading).
    """
    ensure_can_answer(attempt, question_id)
    try:
        question = quiz.text(attempt.language).question(question_id)
    except KeyError:
        raise QuestionNotInAttempt(f"{quiz.id}: {question_id} is no longer in the quiz") from None
    graded = grade_answer(
        question,
        response,
        scoring=quiz.scoring,
        post_rules=quiz.post_rules,
        lang=attempt.language,
    )
    return AnswerRecord(
        question_id=question_id,
        response=response,
        points=graded.points,
        max_points=graded.max_points,
        correct=graded.correct,
        hint_used=hint_used,
        answered_at=as_utc(now) if now else utc_now(),
        findings=None if graded.findings is None else list(graded.findings),
    )


def with_answer(attempt: QuizAttempt, answer: AnswerRecord) -> QuizAttempt:
    """`attempt` with `answer` appended, as the store will hold it after saving."""
    return attempt.model_copy(update={"answers": [*attempt.answers, answer]})


@dataclass(frozen=True, slots=True)
class AttemptFinish:
    """The values that close an attempt (the fields of `QuizAttempt` that finishing sets)."""

    finished_at: dt.datetime
    score: float
    max_score: int
    passed: bool

    def applied_to(self, attempt: QuizAttempt) -> QuizAttempt:
        return attempt.model_copy(
            update={
                "finished_at": self.finished_at,
                "score": self.score,
                "max_score": self.max_score,
                "passed": self.passed,
            }
        )


def finish(attempt: QuizAttempt, quiz: Quiz, *, now: dt.datetime | None = None) -> AttemptFinish:
    """Score `attempt` (unanswered questions earn nothing); raises `AttemptAlreadyFinished`."""
    if attempt.finished:
        raise AttemptAlreadyFinished(f"{attempt.quiz_id}: attempt {attempt.number} is finished")
    score = attempt_score(attempt, quiz)
    finished_at = as_utc(now) if now else utc_now()
    return AttemptFinish(finished_at, score.points, score.max_points, score.passed)
