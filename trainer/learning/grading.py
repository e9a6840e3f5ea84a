"""How one answer, one attempt and a series of attempts are scored.

Scores are computed with `fractions.Fraction` and turned into floats only at the edge, so
"7 of 10 against a pass mark of 0.7" passes exactly instead of depending on float rounding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from operator import attrgetter

from trainer.content.models import (
    Choice,
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    Quiz,
    Scoring,
    ShortAnswer,
    SingleChoice,
)
from trainer.learning.errors import InvalidResponse
from trainer.learning.matching import comparable
from trainer.learning.records import AnswerRecord, DraftFinding, QuizAttempt, Response
from trainer.posts.exercise import grade_draft
from trainer.posts.rules import DEFAULT_RULES, PostRules


@dataclass(frozen=True, slots=True)
class GradedAnswer:
    """The verdict on one response."""

    points: float  # awarded, 0 <= points <= max_points
    max_points: int
    correct: bool  # full marks
    feedback_indices: tuple[int, ...]  # chosen choices that carry feedback, in written order
    findings: tuple[DraftFinding, ...] | None = None  # a writing exercise's checker findings


@dataclass(frozen=True, slots=True)
class AttemptScore:
    points: float
    max_points: int
    passed: bool

    @property
    def scaled(self) -> float:
        """Points as a fraction of the maximum (0..1); 0 for an empty attempt."""
        return self.points / self.max_points if self.max_points else 0.0


def grade_answer(
    question: Question,
    response: Response,
    *,
    scoring: Scoring,
    post_rules: PostRules = DEFAULT_RULES,
    lang: str = "en",
) -> GradedAnswer:
    """Score `response` to `question`; raise `InvalidResponse` if it does not fit the type.

    Responses name choices and ordering items by their index in the written order. A writing
    exercise is checked under `post_rules` (the course's); its findings are worded in `lang`.
    """
    if isinstance(question, PostExercise):
        return _grade_post(question, response, post_rules, lang)
    if isinstance(question, SingleChoice):
        return _grade_single(question, response)
    if isinstance(question, MultipleChoice):
        return _grade_multiple(question, response, scoring)
    if isinstance(question, ShortAnswer):
        return _grade_short(question, response)
    return _grade_ordering(question, response)


def _full_or_nothing(question: Question, correct: bool, feedback: tuple[int, ...]) -> GradedAnswer:
    points = float(question.points) if correct else 0.0
    return GradedAnswer(points, question.points, correct, feedback)


def _grade_single(question: SingleChoice, response: Response) -> GradedAnswer:
    if not isinstance(response, int) or isinstance(response, bool):
        raise InvalidResponse(f"{question.id}: a single-choice answer is one choice index")
    choice = _choice(question, response)
    feedback = (choice.index,) if choice.feedback else ()
    return _full_or_nothing(question, choice.correct, feedback)


def _grade_multiple(question: MultipleChoice, response: Response, scoring: Scoring) -> GradedAnswer:
    picked = _distinct_indices(question.id, response)
    chosen = [_choice(question, index) for index in picked]
    feedback = tuple(sorted(c.index for c in chosen if c.feedback))
    correct_total = sum(1 for c in question.choices if c.correct)
    right = sum(1 for c in chosen if c.correct)
    wrong = len(chosen) - right
    all_right = right == correct_total and wrong == 0
    if scoring == "all-or-nothing":
        return _full_or_nothing(question, all_right, feedback)
    # Partial credit with penalty, as Canvas New Quizzes and Brightspace ("right minus wrong")
    # score multiple-answer questions: each correct choice picked earns points/correct_total,
    # each wrong choice picked costs the same, unpicked choices count nothing, floored at 0:
    #     points * max(0, (right - wrong) / correct_total)
    # https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-create-a-Multiple-Answer-question-in-New-Quizzes/ta-p/977
    credit = max(Fraction(0), Fraction(right - wrong, correct_total)) if correct_total else 0
    return GradedAnswer(float(credit * question.points), question.points, all_right, feedback)


def _grade_short(question: ShortAnswer, response: Response) -> GradedAnswer:
    if not isinstance(response, str):
        raise InvalidResponse(f"{question.id}: a short answer is text")
    typed = comparable(response)
    correct = bool(typed) and any(typed == comparable(a) for a in question.accepted)
    return _full_or_nothing(question, correct, ())


MAX_DRAFT_CHARACTERS = 20_000


def _grade_post(
    question: PostExercise, response: Response, rules: PostRules, lang: str
) -> GradedAnswer:
    if not isinstance(response, str):
        raise InvalidResponse(f"{question.id}: a writing exercise's answer is the post's text")
    if len(response) > MAX_DRAFT_CHARACTERS:
        raise InvalidResponse(
            f"{question.id}: the draft is longer than {MAX_DRAFT_CHARACTERS} characters"
        )
    verdict = grade_draft(response, question.network, question.lang, rules, question.require)
    findings = tuple(
        DraftFinding(
            code=f.code,
            level=f.level,
            line=f.begin.line,
            col=f.begin.col,
            end_line=f.finish.line,
            end_col=f.finish.col,
            message=f.message(lang),
            fix=f.fix(lang),
        )
        for f in verdict.check.findings
    )
    points = float(question.points) if verdict.passed else 0.0
    return GradedAnswer(points, question.points, verdict.passed, (), findings)


def _grade_ordering(question: Ordering, response: Response) -> GradedAnswer:
    order = _distinct_indices(question.id, response)
    if sorted(order) != list(range(len(question.items))):
        raise InvalidResponse(f"{question.id}: an ordering answer lists every item exactly once")
    return _full_or_nothing(question, order == list(range(len(question.items))), ())


def _choice(question: SingleChoice | MultipleChoice, index: int) -> Choice:
    if not 0 <= index < len(question.choices):
        raise InvalidResponse(f"{question.id}: there is no choice {index}")
    for choice in question.choices:
        if choice.index == index:
            return choice
    raise InvalidResponse(f"{question.id}: there is no choice {index}")


def _distinct_indices(question_id: str, response: Response) -> list[int]:
    if not isinstance(response, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in response
    ):
        raise InvalidResponse(f"{question_id}: expected a list of indices")
    if len(set(response)) != len(response):
        raise InvalidResponse(f"{question_id}: an index is given twice")
    return list(response)


# --- attempts -------------------------------------------------------------------------------


@cache
def exact_points(points: float) -> Fraction:
    """Points as an exact fraction (cached: exports grade every attempt of every learner)."""
    return Fraction(points).limit_denominator(1_000_000)


@cache
def exact_pass_mark(pass_mark: float) -> Fraction:
    """The pass mark as the decimal the trainer wrote (0.7 is 7/10, not the nearest float)."""
    return Fraction(repr(pass_mark))


def meets_pass_mark(points: float, max_points: int, pass_mark: float) -> bool:
    """points / max_points >= pass_mark, decided exactly (pass_mark read as the decimal written)."""
    if max_points <= 0:
        return pass_mark <= 0
    return exact_points(points) >= exact_pass_mark(pass_mark) * max_points


def attempt_score(attempt: QuizAttempt, quiz: Quiz) -> AttemptScore:
    """Points of the questions drawn for `attempt`; unanswered questions score 0.

    An answered question counts with the maximum recorded when it was answered (what the
    learner saw), an unanswered one with the quiz's current points; a question removed from
    the quiz since then and never answered counts for nothing.
    """
    answers = latest_answers(attempt)
    current_points = {q.id: q.points for q in quiz.text(attempt.language).questions}
    points = Fraction(0)
    max_points = 0
    for question_id in attempt.question_ids:
        answer = answers.get(question_id)
        if answer is not None:
            points += exact_points(answer.points)
            max_points += answer.max_points
        else:
            max_points += current_points.get(question_id, 0)
    earned = float(points)
    return AttemptScore(earned, max_points, meets_pass_mark(earned, max_points, quiz.pass_mark))


def latest_answers(attempt: QuizAttempt) -> dict[str, AnswerRecord]:
    """The answer per question id (the last one, should a store ever hold two)."""
    return {answer.question_id: answer for answer in attempt.answers}


# --- a quiz over several attempts ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuizResult:
    """Where a learner stands with one quiz, under its grading method and attempt limit."""

    quiz_id: str
    score: float | None  # graded score as a fraction 0..1; None before any finished attempt
    passed: bool
    passed_at: dt.datetime | None  # when the attempt that makes `passed` true was finished
    attempts_used: int  # started attempts, finished or not: starting one uses it
    attempts_finished: int
    attempts_left: int | None  # None = unlimited
    can_retake: bool  # a new attempt may start now (none in progress, limit not reached)
    in_progress: QuizAttempt | None  # the unfinished attempt to resume, if any
    graded_attempt: QuizAttempt | None  # the attempt whose score counts (None for "average")


_attempt_number = attrgetter("number")


def quiz_result(attempts: Sequence[QuizAttempt], quiz: Quiz) -> QuizResult:
    """Grade the learner's attempts at `quiz` (attempts of other quizzes are ignored)."""
    own = sorted([a for a in attempts if a.quiz_id == quiz.id], key=_attempt_number)
    finished = [a for a in own if a.finished_at is not None]  # QuizAttempt.finished, inlined
    unfinished = [a for a in own if a.finished_at is None]
    in_progress = unfinished[-1] if unfinished else None
    left = None if quiz.attempts is None else max(0, quiz.attempts - len(own))
    can_retake = in_progress is None and (left is None or left > 0)

    score, passed, passed_at, graded = _grade_series(finished, quiz)
    return QuizResult(
        quiz_id=quiz.id,
        score=None if score is None else float(score),
        passed=passed,
        passed_at=passed_at,
        attempts_used=len(own),
        attempts_finished=len(finished),
        attempts_left=left,
        can_retake=can_retake,
        in_progress=in_progress,
        graded_attempt=graded,
    )


def quiz_grade(
    attempts: Sequence[QuizAttempt], quiz: Quiz
) -> tuple[float | None, int, int, bool, dt.datetime | None]:
    """(score, attempts used, attempts finished, passed, passed at): `quiz_result`'s verdict
    alone, for exports that grade every learner's quizzes and need nothing else."""
    own = [a for a in attempts if a.quiz_id == quiz.id]
    if len(own) > 1:
        own.sort(key=_attempt_number)
    finished = [a for a in own if a.finished_at is not None]
    score, passed, passed_at, _graded = _grade_series(finished, quiz)
    return None if score is None else float(score), len(own), len(finished), passed, passed_at


def _grade_series(
    finished: Sequence[QuizAttempt], quiz: Quiz
) -> tuple[Fraction | None, bool, dt.datetime | None, QuizAttempt | None]:
    """(score, passed, passed_at, graded attempt) of finished attempts, in order, by grading."""
    if not finished:
        return None, False, None, None
    scored = tuple(_stored_or_computed(a, quiz) for a in finished)
    score, passed_index, graded_index = _series_verdict(scored, quiz.grading, quiz.pass_mark)
    passed_at = None if passed_index is None else finished[passed_index].finished_at
    graded = None if graded_index is None else finished[graded_index]
    return score, passed_index is not None, passed_at, graded


@lru_cache(maxsize=4096)
def _series_verdict(
    scored: tuple[tuple[float, int], ...], grading: str, pass_mark: float
) -> tuple[Fraction, int | None, int | None]:
    """(score, index of the attempt that made it pass, index of the graded attempt) of finished
    attempts' (points, max points), in order. Pure and cached: a course has few distinct
    series of scores, and exports grade every learner's attempts."""
    scores = [_scaled_points(points, max_points) for points, max_points in scored]
    if grading == "average":
        mean = sum(scores, Fraction(0)) / len(scores)
        passed = mean >= exact_pass_mark(pass_mark)
        return mean, len(scored) - 1 if passed else None, None
    if grading == "highest":
        # Passed since the first attempt that reached the pass mark, whatever came later.
        first_pass = next(
            (i for i, (p, m) in enumerate(scored) if meets_pass_mark(p, m, pass_mark)), None
        )
        best = max(scores)
        return best, first_pass, scores.index(best)
    graded = 0 if grading == "first" else len(scored) - 1
    points, max_points = scored[graded]
    passed = meets_pass_mark(points, max_points, pass_mark)
    return scores[graded], graded if passed else None, graded


def _stored_or_computed(attempt: QuizAttempt, quiz: Quiz) -> tuple[float, int]:
    if attempt.score is not None and attempt.max_score is not None:
        return attempt.score, attempt.max_score
    computed = attempt_score(attempt, quiz)
    return computed.points, computed.max_points


def _scaled_points(points: float, max_points: int) -> Fraction:
    if max_points <= 0:
        return Fraction(0)
    return exact_points(points) / max_points
