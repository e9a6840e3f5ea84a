"""Per-question statistics as learning systems compute them, after Moodle's quiz statistics.

Moodle documents both numbers at https://docs.moodle.org/en/Quiz_statistics_calculations:

- Facility index: the mean score on the question as a fraction of its maximum (0..1). High
  means easy.
- Discrimination index: the Pearson correlation between the score on the question and the
  score on the rest of the test (the attempt without this question), both as fractions.
  Positive means people who did well overall also did well here; negative means the question
  rewards the weaker learners, which usually signals a wrong key or a misleading wording.

Like Moodle's default we count one attempt per learner: their FIRST finished attempt at the
quiz (later attempts are practice on known questions and would inflate facility). Sums are
accumulated as learners stream by, so memory does not grow with the number of learners.

Flags (thresholds after Moodle's interpretation table; adjust the constants if your program
needs other cut-offs): too easy when facility > 0.90, too hard when facility < 0.20,
negative discrimination when the index < 0, and "few responses" below 10 attempts, where
neither number is reliable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from trainer.learning.records import QuizAttempt

TOO_EASY = 0.90
TOO_HARD = 0.20
FEW_RESPONSES = 10


@dataclass(frozen=True, slots=True)
class QuestionStatistics:
    quiz_id: str
    question_id: str
    responses: int
    facility: float | None  # 0..1
    discrimination: float | None  # -1..1; None when undefined (no spread in scores)
    flags: tuple[str, ...]


@dataclass(slots=True)
class _Sums:
    """Running sums: the question's mean, and a Pearson correlation of (question, rest) pairs.

    A pair needs a rest of the test worth something (a one-question attempt has none), so the
    correlation uses its own count.
    """

    n: int = 0
    total: float = 0.0
    pairs: int = 0
    x: float = 0.0
    y: float = 0.0
    xx: float = 0.0
    yy: float = 0.0
    xy: float = 0.0

    def add(self, x: float, y: float | None) -> None:
        self.n += 1
        self.total += x
        if y is not None:
            self.pairs += 1
            self.x += x
            self.y += y
            self.xx += x * x
            self.yy += y * y
            self.xy += x * y

    def facility(self) -> float | None:
        return self.total / self.n if self.n else None

    def correlation(self) -> float | None:
        n = self.pairs
        if n < 2:
            return None
        var_x = n * self.xx - self.x * self.x
        var_y = n * self.yy - self.y * self.y
        if var_x <= 1e-12 or var_y <= 1e-12:
            return None  # everyone scored the same: the index is undefined, not zero
        return (n * self.xy - self.x * self.y) / math.sqrt(var_x * var_y)


@dataclass
class QuestionStatisticsBuilder:
    """Feed it each learner's attempts; ask for the statistics at the end."""

    # quiz id -> {question id: points}, in written order (the points score unanswered ones)
    quiz_questions: dict[str, dict[str, int]]
    _sums: dict[tuple[str, str], _Sums] = field(default_factory=dict)

    def add_learner(self, attempts: list[QuizAttempt]) -> None:
        first: dict[str, QuizAttempt] = {}
        for attempt in sorted(attempts, key=lambda a: a.number):
            if attempt.finished and attempt.quiz_id not in first:
                first[attempt.quiz_id] = attempt
        for attempt in first.values():
            self._add_attempt(attempt)

    def _add_attempt(self, attempt: QuizAttempt) -> None:
        answers = {a.question_id: a for a in attempt.answers}
        scored: list[tuple[str, float, float]] = []  # question id, points, max points
        points_now = self.quiz_questions.get(attempt.quiz_id, {})
        for question_id in attempt.question_ids:
            answer = answers.get(question_id)
            if answer is None:
                # Skipped in a finished attempt: 0 of the question's points, as Moodle counts it.
                scored.append((question_id, 0.0, float(points_now.get(question_id, 0))))
                continue
            scored.append((question_id, answer.points, float(answer.max_points)))
        total = sum(points for _, points, _ in scored)
        total_max = sum(maximum for _, _, maximum in scored)
        for question_id, points, maximum in scored:
            if maximum <= 0:
                continue  # a question since removed from the quiz, never answered
            x = points / maximum
            rest_max = total_max - maximum
            y = (total - points) / rest_max if rest_max > 0 else None
            sums = self._sums.setdefault((attempt.quiz_id, question_id), _Sums())
            sums.add(x, y)

    def statistics(self) -> list[QuestionStatistics]:
        ordered: list[tuple[str, str]] = []
        for quiz_id, questions in self.quiz_questions.items():
            ordered += [(quiz_id, q) for q in questions]
        known = set(ordered)
        ordered += sorted(key for key in self._sums if key not in known)
        result = []
        for quiz_id, question_id in ordered:
            sums = self._sums.get((quiz_id, question_id), _Sums())
            facility = sums.facility()
            discrimination = sums.correlation()
            result.append(
                QuestionStatistics(
                    quiz_id,
                    question_id,
                    sums.n,
                    facility,
                    discrimination,
                    question_flags(sums.n, facility, discrimination),
                )
            )
        return result


def question_flags(
    responses: int, facility: float | None, discrimination: float | None
) -> tuple[str, ...]:
    flags: list[str] = []
    if facility is not None and facility > TOO_EASY:
        flags.append("too easy")
    if facility is not None and facility < TOO_HARD:
        flags.append("too hard")
    if discrimination is not None and discrimination < 0:
        flags.append("negative discrimination")
    if responses < FEW_RESPONSES:
        flags.append("few responses")
    return tuple(flags)
