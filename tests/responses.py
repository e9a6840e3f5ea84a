"""Right and wrong answers to any question of the course format, for tests that take quizzes."""

from __future__ import annotations

from trainer.content.models import MultipleChoice, Ordering, Question, ShortAnswer, SingleChoice


def correct_response(question: Question) -> int | list[int] | str:
    if isinstance(question, SingleChoice):
        return next(c.index for c in question.choices if c.correct)
    if isinstance(question, MultipleChoice):
        return [c.index for c in question.choices if c.correct]
    if isinstance(question, ShortAnswer):
        return question.accepted[0]
    assert isinstance(question, Ordering)
    return list(range(len(question.items)))


def wrong_response(question: Question) -> int | list[int] | str:
    if isinstance(question, SingleChoice):
        return next(c.index for c in question.choices if not c.correct)
    if isinstance(question, MultipleChoice):
        wrong = [c.index for c in question.choices if not c.correct]
        return wrong[:1] or [question.choices[0].index]
    if isinstance(question, ShortAnswer):
        return "zzz definitely wrong"
    assert isinstance(question, Ordering)
    return list(reversed(range(len(question.items))))
