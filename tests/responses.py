"""Right and wrong answers to any question of the course format, for tests that take quizzes."""

from __future__ import annotations

from trainer.content.models import (
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    ShortAnswer,
    SingleChoice,
)

# Drafts for the sample course's writing exercise (LinkedIn, brand "Przykładowa").
GOOD_POST = {
    "pl": (
        "Pracuję w Przykładowej. W sobotę mój zespół poprowadził warsztaty z programowania "
        "dla licealistów z Gdańska.\n\nNajciekawsze było to, jak szybko uczniowie pisali "
        "pierwsze testy.\n\n#warsztaty #programowanie"
    ),
    "en": (
        "I work at Przykładowa. On Saturday my team ran a coding workshop for secondary-school "
        "students in Gdańsk.\n\nThe best part: how fast they wrote their first tests.\n\n"
        "#workshop #coding"
    ),
}
BAD_POST = "On Saturday my team ran a coding workshop in {{city}}. #sp #workshop"


def correct_response(question: Question) -> int | list[int] | str:
    if isinstance(question, SingleChoice):
        return next(c.index for c in question.choices if c.correct)
    if isinstance(question, MultipleChoice):
        return [c.index for c in question.choices if c.correct]
    if isinstance(question, ShortAnswer):
        return question.accepted[0]
    if isinstance(question, PostExercise):
        return GOOD_POST[question.lang or "en"]
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
    if isinstance(question, PostExercise):
        return BAD_POST
    assert isinstance(question, Ordering)
    return list(reversed(range(len(question.items))))
