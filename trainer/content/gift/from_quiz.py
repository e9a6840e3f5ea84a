"""A quiz written back as GIFT, for Moodle (and for the import's round-trip tests).

Text is written in GIFT's `[markdown]` format, so a quiz imported from GIFT and exported again
reads the same. Hints, points and ordering questions have no GIFT spelling: each is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.content.gift.parser import escape
from trainer.content.models import (
    MultipleChoice,
    Ordering,
    Question,
    QuizText,
    ShortAnswer,
    SingleChoice,
)
from trainer.content.quiz_questions import BLANK


@dataclass
class GiftExport:
    text: str
    notes: list[tuple[int, str]] = field(default_factory=list)  # (quiz file line, message)


def quiz_to_gift(quiz: QuizText) -> GiftExport:
    export = GiftExport(text="")
    chunks = [f"// {escape(quiz.title)} ({quiz.path}), exported by trainer export-gift"]
    for question in quiz.questions:
        chunk = _question(question, export)
        if chunk is not None:
            chunks.append(chunk)
    export.text = "\n\n".join(chunks) + "\n"
    return export


def _question(question: Question, export: GiftExport) -> str | None:
    if question.hint:
        export.notes.append((question.line, "GIFT has no hints: the hint is left out"))
    if question.points != 1:
        export.notes.append(
            (
                question.line,
                f"GIFT has no points per question: `points={question.points}` is left out",
            )
        )
    if isinstance(question, Ordering):
        export.notes.append(
            (question.line, "GIFT has no ordering questions: the question is left out")
        )
        return None
    answers: list[str] = []
    if isinstance(question, SingleChoice):
        for choice in question.choices:
            answers.append(
                ("=" if choice.correct else "~") + _with_feedback(choice.text, choice.feedback)
            )
    elif isinstance(question, MultipleChoice):
        right = sum(1 for c in question.choices if c.correct)
        for choice in question.choices:
            weight = _weight(100 / right) if choice.correct else "-100"
            answers.append(f"~%{weight}%" + _with_feedback(choice.text, choice.feedback))
    else:
        assert isinstance(question, ShortAnswer)
        answers.extend("=" + escape(accepted) for accepted in question.accepted)
    general = f" ####{escape(question.explanation)}" if question.explanation else ""
    block = "{" + " ".join(answers) + general + "}"
    prompt = question.prompt
    before, blank, after = prompt.partition(BLANK)
    if blank and after.strip():
        text = f"{escape(before)}{block}{escape(after)}"
    else:
        text = f"{escape(before.rstrip() if blank else prompt)} {block}"
    return f"::{question.id}::[markdown]{text}"


def _with_feedback(text: str, feedback: str | None) -> str:
    return escape(text) + (f"#{escape(feedback)}" if feedback else "")


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")
