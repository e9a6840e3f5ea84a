"""A GIFT bank written as one of our quiz files, with a note for everything that changes.

Our quizzes grade all-or-nothing per question (or `scoring: partial` per quiz), compare short
answers as text and have no essays or matching. Whatever GIFT says that a quiz file cannot,
becomes a `GiftNote` at the GIFT line it came from, saying what was done instead.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from trainer.content.gift.parser import GiftAnswer, GiftBank, GiftQuestion, parse_gift

BLANK = "_____"
MatchingChoice = Literal["split", "skip"]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|])")
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+[.)])(\s)")
_TAG = re.compile(r"<[^>]+>")
_SLUG_PART = re.compile(r"[^a-z0-9]+")
_MAX_LISTED_NUMBERS = 11
TRUE_FALSE_LABELS = {"pl": ("Prawda", "Fałsz"), "en": ("True", "False")}


@dataclass(frozen=True, slots=True)
class GiftNote:
    line: int
    message: str
    skipped: bool = False  # the whole question was left out


@dataclass
class GiftImport:
    markdown: str
    imported: int  # questions written to the quiz (a split matching question gives several)
    taken: int  # questions of the bank that were imported
    notes: list[GiftNote] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for n in self.notes if n.skipped)


def import_gift(
    text: str,
    *,
    quiz_id: str,
    title: str,
    pass_mark: float = 0.8,
    lang: str = "en",
    matching: MatchingChoice = "skip",
) -> GiftImport:
    bank = parse_gift(text)
    writer = _QuizWriter(lang=lang, matching=matching)
    writer.notes.extend(GiftNote(p.line, p.message, skipped=True) for p in bank.problems)
    _category_notes(bank, writer)
    for question in bank.questions:
        writer.question(question)
    front = f"---\nid: {quiz_id}\ntitle: {_yaml_text(title)}\npass: {pass_mark}\n"
    if writer.partial:
        front += "scoring: partial\n"
    front += "---\n"
    body = "\n".join(writer.blocks)
    notes = sorted(writer.notes, key=lambda n: n.line)
    return GiftImport(
        markdown=front + body, imported=writer.count, taken=len(writer.taken), notes=notes
    )


def _category_notes(bank: GiftBank, writer: _QuizWriter) -> None:
    for line, category in bank.categories:
        writer.notes.append(
            GiftNote(
                line,
                f"category `{category}`: quizzes have no categories, so its questions are "
                "imported into this one quiz with the others",
            )
        )


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (one paragraph)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), escaped)


def slug(text: str, limit: int = 48) -> str:
    words = _SLUG_PART.sub("-", _fold(text).lower()).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "question"


def _fold(text: str) -> str:
    import unicodedata

    text = text.replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


class _QuizWriter:
    def __init__(self, lang: str, matching: MatchingChoice) -> None:
        self.labels = TRUE_FALSE_LABELS.get(lang, TRUE_FALSE_LABELS["en"])
        self.matching = matching
        self.blocks: list[str] = []
        self.notes: list[GiftNote] = []
        self.ids: set[str] = set()
        self.count = 0
        self.taken: set[int] = set()  # GIFT lines of the questions written
        self.partial = False

    def note(self, line: int, message: str, *, skipped: bool = False) -> None:
        note = GiftNote(line, message, skipped)
        if note not in self.notes:
            self.notes.append(note)

    # --- text -----------------------------------------------------------------------------

    def text(self, question: GiftQuestion, raw: str) -> str:
        if question.text_format == "markdown":
            return " ".join(raw.split())
        if question.text_format == "html":
            plain = html.unescape(_TAG.sub(" ", raw))
            if plain.split() != raw.split():
                self.note(
                    question.line, "HTML formatting is not kept: the text is imported as plain text"
                )
            return markdown_text(plain)
        return markdown_text(raw)

    def prompt(self, question: GiftQuestion, blank: str) -> str:
        """The question text with `blank` where a missing-word question had its answers."""
        if question.blank_at < 0:
            return self.text(question, question.prompt)
        before = self.text(question, question.prompt[: question.blank_at])
        after = self.text(question, question.prompt[question.blank_at :])
        gap_before = " " if question.prompt[: question.blank_at][-1:].isspace() else ""
        gap_after = " " if question.prompt[question.blank_at :][:1].isspace() else ""
        return f"{before}{gap_before}{blank}{gap_after}{after}".strip()

    def new_id(self, question: GiftQuestion, fallback: str) -> str:
        base = slug(question.name or fallback)
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def emit(
        self,
        question: GiftQuestion,
        heading: str,
        question_id: str,
        body: list[str],
        explanation: str | None,
    ) -> None:
        self.taken.add(question.line)
        parts = [f"## {heading} {{#{question_id}}}", *body]
        if explanation:
            parts.append(explanation)
        self.blocks.append("\n\n".join(parts) + "\n")
        self.count += 1

    def explanation(self, question: GiftQuestion) -> str | None:
        if not question.general_feedback:
            return None
        return self.paragraphs(question, question.general_feedback)

    def paragraphs(self, question: GiftQuestion, raw: str) -> str:
        """Explanations may hold several paragraphs (`\\n\\n` in GIFT)."""
        parts = [p for p in re.split(r"\n\s*\n", raw) if p.strip()]
        return "\n\n".join(self.text(question, p) for p in parts)

    # --- kinds ------------------------------------------------------------------------------

    def question(self, question: GiftQuestion) -> None:
        handler = {
            "choice": self.choice,
            "true-false": self.true_false,
            "short": self.short,
            "numerical": self.numerical,
            "matching": self.matching_question,
            "essay": self.essay,
            "description": self.description,
        }[question.kind]
        handler(question)

    def choice(self, question: GiftQuestion) -> None:
        answers = question.answers
        empty = next((a for a in answers if not a.text), None)
        if empty is not None:
            self.note(empty.line, _EMPTY_ANSWER, skipped=True)
            return
        right = [a for a in answers if a.marker == "="]
        positive = [a for a in answers if a.weight > 0]
        if not positive:
            self.note(
                question.line,
                "no answer is marked right (`=` or a positive `%n%`): not imported",
                skipped=True,
            )
            return
        if len(right) == 1 and all(a.weight <= 0 or a is right[0] for a in answers):
            multiple = False
        elif len(right) == 1:
            multiple = False
            for answer in answers:
                if answer is not right[0] and answer.weight > 0:
                    self.note(
                        answer.line,
                        f"`{answer.text}` gives {_percent(answer.weight)} in Moodle; a question "
                        "here has one right answer and no partial credit, so it counts as wrong",
                    )
        else:
            multiple = True
            if {a.weight for a in answers} <= {0.0, 100.0}:
                self.note(
                    question.line,
                    f"{len(right)} answers are marked right (`=`): imported as a multiple-choice "
                    "question (learners choose every right answer)",
                )
            else:
                self.partial = True
                self.note(
                    question.line,
                    "several right answers with weights ("
                    + ", ".join(_percent(a.weight) for a in answers)
                    + "): imported as a multiple-choice question whose right answers are "
                    "those with a positive weight; the quiz uses `scoring: partial` (each "
                    "right answer chosen and wrong one avoided earns its share)",
                )
        blank = BLANK if question.blank_at >= 0 else ""
        heading = self.prompt(question, blank) if blank else self.prompt(question, "")
        question_id = self.new_id(question, question.prompt)
        items = []
        for index, answer in enumerate(answers, start=1):
            marker = "- " if multiple else f"{index}. "
            checked = "x" if (answer.weight > 0 if multiple else answer is right[0]) else " "
            items.append(self.item(marker, checked, question, answer))
        self.emit(question, heading, question_id, ["\n".join(items)], self.explanation(question))

    def item(self, marker: str, checked: str, question: GiftQuestion, answer: GiftAnswer) -> str:
        text = self.text(question, answer.text) if answer.text else ""
        if "\n" in answer.text and question.text_format != "markdown":
            self.note(answer.line, "a line break inside an answer is not kept: shown as a space")
        line = f"{marker}[{checked}] {text}".rstrip()
        if answer.feedback:
            line += "\n" + " " * len(marker) + "> " + self.text(question, answer.feedback)
        return line

    def true_false(self, question: GiftQuestion) -> None:
        true_label, false_label = self.labels
        right_answer, wrong_answer = question.answers
        options = [
            (true_label, question.true_false is True),
            (false_label, question.true_false is False),
        ]
        items = []
        for index, (label, is_right) in enumerate(options, start=1):
            feedback = right_answer.feedback if is_right else wrong_answer.feedback
            line = f"{index}. [{'x' if is_right else ' '}] {label}"
            if feedback:
                line += "\n   > " + self.text(question, feedback)
            items.append(line)
        question_id = self.new_id(question, question.prompt)
        self.emit(
            question,
            self.prompt(question, BLANK),
            question_id,
            ["\n".join(items)],
            self.explanation(question),
        )

    def short(self, question: GiftQuestion) -> None:
        accepted: list[str] = []
        for answer in question.answers:
            if answer.weight < 100:
                self.note(
                    answer.line,
                    f"`{answer.text}` gives {_percent(answer.weight)} in Moodle; short answers "
                    "here are right or wrong, so it is not accepted",
                )
                continue
            if not answer.text:
                self.note(answer.line, _EMPTY_ANSWER + " (this accepted answer is left out)")
                continue
            if "|" in answer.text or "]]" in answer.text or "[[" in answer.text:
                self.note(
                    answer.line,
                    f"`{answer.text}` cannot be written inside `[[ ]]` (it contains `|`, `[[` "
                    "or `]]`): not accepted",
                )
                continue
            accepted.append(answer.text)
        feedback = [a for a in question.answers if a.feedback]
        if feedback:
            self.note(
                feedback[0].line,
                "feedback on a short answer is not shown here (learners see the explanation "
                "instead): it is added to the explanation",
            )
        self.blank_question(
            question, accepted, feedback_text=[a.feedback for a in feedback if a.feedback]
        )

    def blank_question(
        self, question: GiftQuestion, accepted: list[str], feedback_text: list[str] | None = None
    ) -> None:
        if not accepted:
            self.note(
                question.line, "no answer is accepted with full marks: not imported", skipped=True
            )
            return
        blank = "[[" + "|".join(accepted) + "]]"
        if question.blank_at >= 0:
            heading = self.prompt(question, blank)
        else:
            heading = f"{self.prompt(question, '')} {blank}".strip()
        explanation_parts = [
            self.paragraphs(question, f) for f in dict.fromkeys(feedback_text or [])
        ]
        general = self.explanation(question)
        if general:
            explanation_parts.append(general)
        question_id = self.new_id(question, question.prompt)
        self.emit(question, heading, question_id, [], "\n\n".join(explanation_parts) or None)

    def numerical(self, question: GiftQuestion) -> None:
        accepted: list[str] = []
        for (low, high, weight), written, answer in zip(
            question.numbers, question.numbers_written, question.answers, strict=True
        ):
            if weight < 100:
                self.note(
                    answer.line,
                    f"`{written}` gives {_percent(weight)} in Moodle; answers here are right or "
                    "wrong, so it is not accepted",
                )
                continue
            values = _listed_numbers(low, high)
            if values is None:
                centre = written.split(":")[0] if ":" in written else _number((low + high) / 2)
                self.note(
                    answer.line,
                    f"`{written}` accepts any number from {_number(low)} to {_number(high)}; "
                    f"answers here are compared as text, so only `{centre}` is accepted",
                )
                values = [centre]
            accepted.extend(v for v in values if v not in accepted)
        if any(a.feedback for a in question.answers):
            self.note(question.line, "feedback on a numerical answer is added to the explanation")
        self.blank_question(
            question, accepted, feedback_text=[a.feedback for a in question.answers if a.feedback]
        )

    def matching_question(self, question: GiftQuestion) -> None:
        pairs = [(a.text, a.match or "") for a in question.answers]
        if self.matching == "skip":
            self.note(
                question.line,
                f"matching question ({len(pairs)} pairs): quizzes have no matching questions; "
                "not imported (run again with `--matching split` to turn each pair into a "
                "single-choice question)",
                skipped=True,
            )
            return
        options = list(dict.fromkeys(right for _, right in pairs if right))
        if len(options) < 2:
            self.note(
                question.line,
                "matching question with fewer than two answers: not imported",
                skipped=True,
            )
            return
        prompt = self.prompt(question, "")
        self.note(
            question.line,
            f"matching question split into {len(pairs)} single-choice questions, one per pair",
        )
        for left, right in pairs:
            items = [
                f"{index}. [{'x' if option == right else ' '}] {self.text(question, option)}"
                for index, option in enumerate(options, start=1)
            ]
            sub_id = self.new_id(question, f"{question.name or question.prompt} {left}")
            heading = f"{prompt} {self.text(question, left)}" if left else prompt
            self.emit(question, heading, sub_id, ["\n".join(items)], self.explanation(question))

    def essay(self, question: GiftQuestion) -> None:
        self.note(
            question.line,
            "essay question (`{}`): answers here are graded automatically, so essays cannot be "
            "asked; not imported",
            skipped=True,
        )

    def description(self, question: GiftQuestion) -> None:
        self.note(
            question.line,
            "text without answers (a Moodle description): not a question; not imported "
            "(write it in the quiz introduction if learners need it)",
            skipped=True,
        )


_EMPTY_ANSWER = (
    "an answer has no text: `#` starts an answer's feedback, so `~#ad` is an empty answer "
    "with the feedback `ad`; write `\\#` for a hash sign (`~\\#ad`)"
)


def _percent(weight: float) -> str:
    return f"{weight:g}%"


def _number(value: float) -> str:
    return f"{value:g}" if not value.is_integer() else str(int(value))


def _listed_numbers(low: float, high: float) -> list[str] | None:
    """Every accepted value, when they are few whole numbers (`1822:1` -> 1821, 1822, 1823)."""
    if low == high:
        return [_number(low)]
    if low.is_integer() and high.is_integer() and high - low < _MAX_LISTED_NUMBERS:
        return [str(n) for n in range(int(low), int(high) + 1)]
    if math.isclose(low, high):
        return [_number(low)]
    return None
