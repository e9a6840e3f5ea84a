"""Read an answer list off the terminal the way a learner reads it: rows of text, not widgets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import App

MARKED = {"☑", "◉"}
OPTION_START = re.compile(r"^(?P<cursor>[▶ ]) (?P<mark>[☑☐◉○]|\s*\d+\.) (?P<text>.*)$")
CONTINUATION = re.compile(r"^ {3,}(?P<text>\S.*)$")
BORDER = "▊▎▔▁"


@dataclass
class ShownAnswer:
    text: str  # every screen line of the answer joined, whitespace removed for comparison
    mark: str  # ☑ ☐ ◉ ○, or the number ("1.") of an ordering item
    cursor: bool

    @property
    def marked(self) -> bool:
        return self.mark in MARKED


def screen_lines(app: App[object]) -> list[str]:
    """The terminal's rows of text, as drawn this moment."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown_answers(lines: list[str]) -> list[ShownAnswer]:
    """The answers drawn inside the (bordered) answer list, top to bottom."""
    answers: list[ShownAnswer] = []
    inside = False
    for raw in lines:
        line = raw.strip()
        if line.startswith("▊▔"):
            inside = True
            continue
        if line.startswith("▊▁"):
            inside = False
            continue
        if not inside:
            continue
        body = line.strip(BORDER).rstrip()[1:]  # the list's one-cell left padding
        if start := OPTION_START.match(body):
            answers.append(
                ShownAnswer(squeeze(start["text"]), start["mark"].strip(), start["cursor"] == "▶")
            )
        elif (more := CONTINUATION.match(body)) and answers:
            answers[-1].text += squeeze(more["text"])
    return answers


def squeeze(text: str) -> str:
    """Text without its whitespace: where a line wraps does not change what it says."""
    return "".join(text.split())
