"""Moodle GIFT question banks read into plain records, with the line of every part.

GIFT in brief (as Moodle's importer reads it): questions are separated by blank lines; a
line starting with `//` is a comment; `$CATEGORY: path` sets the category of the questions
that follow; `::name::` names a question and `[markdown]`/`[html]`/`[plain]`/`[moodle]` sets
its text format; the answers sit in braces: `=right ~wrong`, `~%50%half credit`, `#feedback`
after an answer, `####general feedback` at the end, `{T}`/`{FALSE}` true-false, `{#1822:2}`
numerical, `{=a -> b}` matching, `{}` essay. Text after the braces makes a "missing word"
question (the blank goes where the braces were). `\\~ \\= \\# \\{ \\} \\: \\\\` are escapes
and `\\n` is a new line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

GiftKind = Literal["choice", "true-false", "short", "numerical", "matching", "essay", "description"]

_FORMAT = re.compile(r"^\[(html|markdown|plain|moodle)\]\s*", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_ESCAPES = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n"}
_CONTROL = "~=#{}:\\"


@dataclass(frozen=True, slots=True)
class GiftAnswer:
    text: str  # unescaped
    weight: float  # percent: 100 for `=`, 0 for `~`, or the `%n%` written
    feedback: str | None
    line: int
    marker: str  # "=" or "~"
    match: str | None = None  # the right side of `a -> b` (matching)


@dataclass(frozen=True, slots=True)
class GiftQuestion:
    kind: GiftKind
    line: int  # 1-based line where the question starts
    name: str | None
    text_format: str  # "moodle" unless written
    prompt: str  # unescaped question text; `blank_at` >= 0 for missing-word questions
    blank_at: int  # index in `prompt` where the braces were, -1 when they closed the text
    answers: tuple[GiftAnswer, ...]
    general_feedback: str | None
    category: str | None
    true_false: bool | None = None  # the right answer of a true-false question
    numbers: tuple[tuple[float, float, float], ...] = ()  # (low, high, weight) accepted ranges
    numbers_written: tuple[str, ...] = ()  # each numerical answer as written, for messages


@dataclass(frozen=True, slots=True)
class GiftProblem:
    line: int
    message: str


@dataclass
class GiftBank:
    questions: list[GiftQuestion] = field(default_factory=list)
    problems: list[GiftProblem] = field(default_factory=list)  # what could not be read at all
    categories: list[tuple[int, str]] = field(default_factory=list)


def unescape(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPES:
            out.append(_ESCAPES[text[index + 1]])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def escape(text: str) -> str:
    """The GIFT spelling of plain text (the reverse of `unescape`)."""
    out = "".join("\\" + c if c in _CONTROL else c for c in text)
    return out.replace("\n", "\\n")


def _find(text: str, needle: str, start: int = 0) -> int:
    """Index of the first `needle` at or after `start` that is not escaped, or -1."""
    index = start
    while index <= len(text) - len(needle):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(needle, index):
            return index
        index += 1
    return -1


def _split_unescaped(text: str, markers: str) -> list[tuple[int, str]]:
    """(offset, piece) for each piece starting at an unescaped marker character."""
    pieces: list[tuple[int, str]] = []
    index = 0
    start = -1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in markers:
            if start >= 0:
                pieces.append((start, text[start:index]))
            start = index
        index += 1
    if start >= 0:
        pieces.append((start, text[start:]))
    return pieces


def parse_gift(text: str) -> GiftBank:
    bank = GiftBank()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    category: str | None = None
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            chunk.append((number, line))
            continue
        if not chunk:
            continue
        while chunk and chunk[0][1].lstrip().startswith("$CATEGORY:"):
            first_line, category_line = chunk.pop(0)
            category = category_line.split(":", 1)[1].strip()
            bank.categories.append((first_line, category))
        if chunk:
            _read_question(chunk, category, bank)
        chunk = []
    return bank


def _read_question(chunk: list[tuple[int, str]], category: str | None, bank: GiftBank) -> None:
    first_line = chunk[0][0]
    raw = "\n".join(line for _, line in chunk)
    starts = [0]
    for _, line in chunk[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def line_at(offset: int) -> int:
        index = 0
        while index + 1 < len(starts) and starts[index + 1] <= offset:
            index += 1
        return chunk[index][0]

    body = raw.strip()
    lead = raw.index(body[0]) if body else 0
    name: str | None = None
    if body.startswith("::"):
        end = _find(body, "::", 2)
        if end < 0:
            bank.problems.append(GiftProblem(first_line, "the question name `::` is never closed"))
            return
        name = unescape(body[2:end]).strip()
        lead += end + 2
        body = body[end + 2 :]
        stripped = body.lstrip()
        lead += len(body) - len(stripped)
        body = stripped
    text_format = "moodle"
    match = _FORMAT.match(body)
    if match:
        text_format = match.group(1).lower()
        lead += match.end()
        body = body[match.end() :]
    open_at = _find(body, "{")
    if open_at < 0:
        bank.questions.append(
            GiftQuestion(
                kind="description",
                line=first_line,
                name=name,
                text_format=text_format,
                prompt=unescape(body).strip(),
                blank_at=-1,
                answers=(),
                general_feedback=None,
                category=category,
            )
        )
        return
    close_at = _find(body, "}", open_at + 1)
    if close_at < 0:
        bank.problems.append(
            GiftProblem(
                line_at(lead + open_at), "the answers opened by `{` are never closed by `}`"
            )
        )
        return
    inside = body[open_at + 1 : close_at]
    inside_offset = lead + open_at + 1
    before_text = unescape(body[:open_at]).lstrip()
    after_text = unescape(body[close_at + 1 :]).rstrip()
    blank_at = -1
    closes_sentence = before_text.rstrip().endswith((".", "?", "!", ":"))
    only_punctuation = re.fullmatch(r"\s*[.?!:;,…)\]\"'»]*", after_text) is not None
    if after_text.strip() and not (only_punctuation and closes_sentence):
        blank_at = len(before_text)
        prompt = before_text + after_text
    else:
        prompt = before_text.rstrip()
        if not prompt.endswith((".", "?", "!", ":")):
            prompt += after_text.strip()
    general_feedback = None
    general_at = _find(inside, "####")
    if general_at >= 0:
        general_feedback = unescape(inside[general_at + 4 :]).strip() or None
        inside = inside[:general_at]
    content = inside.strip()
    content_offset = inside_offset + (inside.index(content[0]) if content else 0)
    base = GiftQuestion(
        kind="essay",
        line=first_line,
        name=name,
        text_format=text_format,
        prompt=prompt,
        blank_at=blank_at,
        answers=(),
        general_feedback=general_feedback,
        category=category,
    )
    if not content:
        bank.questions.append(base)
        return
    if content.startswith("#"):
        _numerical(content[1:], content_offset + 1, line_at, base, bank)
        return
    true_false = re.match(r"^(TRUE|FALSE|T|F)(?![^\s#])", content)
    if true_false:
        feedbacks = [unescape(p[1:]).strip() for _, p in _split_unescaped(content, "#")]
        where = line_at(content_offset)
        answers = (
            GiftAnswer("", 100, feedbacks[1] if len(feedbacks) > 1 else None, where, "="),
            GiftAnswer("", 0, feedbacks[0] if feedbacks else None, where, "~"),
        )
        right = true_false.group(1).startswith("T")
        bank.questions.append(replace(base, kind="true-false", answers=answers, true_false=right))
        return
    answers_list = [
        _answer(piece, line_at(content_offset + offset))
        for offset, piece in _split_unescaped(content, "=~")
    ]
    if not answers_list or (_find(content, "=") != 0 and _find(content, "~") != 0):
        bank.problems.append(
            GiftProblem(
                line_at(content_offset), "the answers must start with `=` (right) or `~` (wrong)"
            )
        )
        return
    kind: GiftKind
    if any(a.match is not None for a in answers_list) and all(
        a.marker == "=" for a in answers_list
    ):
        kind = "matching"
    elif any(a.marker == "~" for a in answers_list):
        kind = "choice"
    else:
        kind = "short"
    bank.questions.append(replace(base, kind=kind, answers=tuple(answers_list)))


def _answer(piece: str, line: int) -> GiftAnswer:
    marker, rest = piece[0], piece[1:].strip()
    weight = 100.0 if marker == "=" else 0.0
    match = _WEIGHT.match(rest)
    if match:
        weight = float(match.group(1))
        rest = rest[match.end() :].strip()
    feedback = None
    feedback_at = _find(rest, "#")
    if feedback_at >= 0:
        feedback = unescape(" ".join(rest[feedback_at + 1 :].split())) or None
        rest = rest[:feedback_at]
    right = None
    arrow = _find(rest, "->")
    if arrow >= 0:
        right = unescape(rest[arrow + 2 :]).strip()
        rest = rest[:arrow]
    return GiftAnswer(
        text=unescape(" ".join(rest.split())),
        weight=weight,
        feedback=feedback,
        line=line,
        marker=marker,
        match=right,
    )


def _numerical(
    content: str,
    offset: int,
    line_at: Callable[[int], int],
    base: GiftQuestion,
    bank: GiftBank,
) -> None:
    pieces = _split_unescaped(content, "=") or [(0, "=" + content)]
    if pieces[0][0] != 0 and content[: pieces[0][0]].strip():
        pieces = [(0, "=" + content)]
    answers = []
    ranges = []
    written = []
    for piece_offset, piece in pieces:
        answer = _answer(piece, line_at(offset + piece_offset))
        value = answer.text.strip()
        numbers = _number_range(value)
        if numbers is None:
            bank.problems.append(
                GiftProblem(
                    answer.line,
                    f"`{value}` is not a number, a `number:margin` or a `low..high` range",
                )
            )
            return
        answers.append(answer)
        ranges.append((numbers[0], numbers[1], answer.weight))
        written.append(value)
    bank.questions.append(
        replace(
            base,
            kind="numerical",
            answers=tuple(answers),
            numbers=tuple(ranges),
            numbers_written=tuple(written),
        )
    )


def _number_range(value: str) -> tuple[float, float] | None:
    try:
        if ".." in value:
            low, high = value.split("..", 1)
            return float(low), float(high)
        if ":" in value:
            number, margin = value.split(":", 1)
            return float(number) - abs(float(margin)), float(number) + abs(float(margin))
        return float(value), float(value)
    except ValueError:
        return None
