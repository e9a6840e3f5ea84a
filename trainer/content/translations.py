"""Translations: what their front matter may say, and that a quiz keeps its shape across languages.

A translation carries its own `id` (the original's) and `title`; every other key is inherited
from the original and may be repeated only with the same value, so a translated file can never
change how long a module takes, what a quiz needs to pass or which policy version is accepted.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field

from trainer.content.diagnostics import Diagnostic
from trainer.content.front_matter import YamlDocument
from trainer.content.models import (
    AuthoredModel,
    Grading,
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    Scoring,
    Shuffle,
    SingleChoice,
    Slug,
)


class ModuleTranslationMeta(AuthoredModel):
    id: Slug
    title: str
    summary: str = ""
    track: Slug | None = None
    minutes: int | None = None
    requires: list[Slug] | None = None
    quiz: Slug | None = None


class QuizTranslationMeta(AuthoredModel):
    id: Slug
    title: str
    pass_mark: Annotated[float | None, Field(alias="pass")] = None
    attempts: int | None = None
    grading: Grading | None = None
    shuffle: Shuffle | None = None
    draw: int | None = None
    scoring: Scoring | None = None


class PolicyTranslationMeta(AuthoredModel):
    id: Slug
    title: str
    version: str | None = None
    effective: dt.date | None = None


_TRANSLATED_KEYS = frozenset({"id", "title", "summary"})


def inherited_key_mismatches(
    translation: BaseModel,
    original: BaseModel,
    document: YamlDocument,
    path: str,
    original_path: str,
) -> list[Diagnostic]:
    """Keys a translation repeats must say what the original says."""
    diagnostics = []
    for name in sorted(translation.model_fields_set - _TRANSLATED_KEYS):
        field = type(translation).model_fields[name]
        written = field.alias or name
        mine: Any = getattr(translation, name)
        theirs: Any = getattr(original, name, None)
        if isinstance(theirs, list | tuple):
            theirs = list(theirs)
        if mine != theirs:
            line, col = document.position((written,))
            diagnostics.append(
                Diagnostic(
                    path=path,
                    line=line,
                    col=col,
                    severity="error",
                    code="translation-mismatch",
                    message=(
                        f"`{written}` is {_show(mine)} here but {_show(theirs)} in the original "
                        f"{original_path}; a translation may leave it out and inherit it"
                    ),
                )
            )
    return diagnostics


def question_shape(question: Question) -> tuple[object, ...]:
    """What must not change between languages: id, kind, points and the answer structure."""
    if isinstance(question, SingleChoice | MultipleChoice):
        answers: object = tuple(c.correct for c in question.choices)
    elif isinstance(question, Ordering):
        answers = len(question.items)
    elif isinstance(question, PostExercise):
        answers = (question.network, question.require, question.review)
    else:
        answers = None
    return (question.id, question.kind, question.points, answers)


def quiz_structure_differences(
    original: tuple[Question, ...],
    translated: tuple[Question, ...],
    path: str,
    original_path: str,
    fallback_line: int,
) -> list[Diagnostic]:
    """One diagnostic per question whose shape differs, at the translated question's line."""
    diagnostics: list[Diagnostic] = []
    original_ids = [q.id for q in original]
    translated_ids = [q.id for q in translated]
    by_id = {q.id: q for q in original}

    def error(line: int, message: str) -> None:
        diagnostics.append(
            Diagnostic(
                path=path,
                line=line,
                severity="error",
                code="translation-structure",
                message=message,
            )
        )

    for question in translated:
        source = by_id.get(question.id)
        if source is None:
            error(
                question.line,
                f"the question `{question.id}` is not in the original {original_path}; "
                "translations use the same question ids",
            )
            continue
        difference = _shape_difference(source, question)
        if difference:
            error(
                question.line,
                f"the question `{question.id}` does not match the original {original_path} "
                f"(line {source.line}): {difference}; a translation changes only the words",
            )
    missing = [qid for qid in original_ids if qid not in translated_ids]
    if missing:
        error(
            fallback_line,
            f"questions missing from this translation: {', '.join(missing)} "
            f"(they are in {original_path})",
        )
    elif [q for q in translated_ids if q in by_id] != original_ids:
        error(
            fallback_line,
            f"the questions are in a different order than in {original_path}; keep the same order",
        )
    return diagnostics


def _shape_difference(source: Question, question: Question) -> str:
    if source.kind != question.kind:
        return f"it is {_kind_name(question)} here but {_kind_name(source)} there"
    if source.points != question.points:
        return f"it is worth {question.points} point(s) here but {source.points} there"
    if isinstance(source, SingleChoice | MultipleChoice) and isinstance(
        question, SingleChoice | MultipleChoice
    ):
        if len(source.choices) != len(question.choices):
            return f"it has {len(question.choices)} answers here but {len(source.choices)} there"
        mine = [c.index + 1 for c in question.choices if c.correct]
        theirs = [c.index + 1 for c in source.choices if c.correct]
        if mine != theirs:
            return (
                f"answer(s) {_numbers(mine)} are marked correct here but {_numbers(theirs)} there"
            )
    if isinstance(source, Ordering) and isinstance(question, Ordering):
        mine_count, their_count = len(question.items), len(source.items)
        if mine_count != their_count:
            return f"it has {mine_count} items to order here but {their_count} there"
    if isinstance(source, PostExercise) and isinstance(question, PostExercise):
        if source.network != question.network:
            return f"the post is for `{question.network}` here but `{source.network}` there"
        if source.require != question.require:
            required_here = ",".join(question.require) or "-"
            required_there = ",".join(source.require) or "-"
            return f"it requires `{required_here}` here but `{required_there}` there"
        if source.review != question.review:
            return f"it says `{_review(question.review)}` here but `{_review(source.review)}` there"
    # Short answers: the accepted spellings differ between languages on purpose.
    return ""


def _review(review: bool | None) -> str:
    return "review=-" if review is None else f"review={'yes' if review else 'no'}"


def _kind_name(question: Question) -> str:
    return {
        "single": "a single-choice question",
        "multiple": "a multiple-choice question",
        "short": "a short answer",
        "ordering": "an ordering question",
        "post": "a writing exercise",
    }[question.kind]


def _numbers(values: list[int]) -> str:
    return ", ".join(str(v) for v in values) or "none"


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"`{value}`"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    if isinstance(value, dt.date):
        return f"`{value.isoformat()}`"
    return f"`{value}`"
