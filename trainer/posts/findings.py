"""What the checker reports: findings tied to a span of the draft, and the whole result."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from trainer.posts.messages import render_fix, render_message
from trainer.posts.networks import Network
from trainer.posts.rules import Level, PostLanguage

LEVEL_ORDER: dict[Level, int] = {"error": 0, "warning": 1, "tip": 2}


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based, in characters (code points) of that line


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft: `start`/`end` are character offsets, `end` exclusive."""

    code: str  # stable rule code, e.g. "missing-disclosure"
    level: Level
    start: int
    end: int
    begin: Position
    finish: Position  # position of `end`
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return render_message(self.code, lang, self.params)

    def fix(self, lang: str) -> str:
        return render_fix(self.code, lang, self.params)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "line": self.begin.line,
            "col": self.begin.col,
            "end_line": self.finish.line,
            "end_col": self.finish.col,
            "start": self.start,
            "end": self.end,
            "level": self.level,
            "code": self.code,
            "message": self.message(lang),
            "fix": self.fix(lang),
        }


@dataclass(frozen=True, slots=True)
class PostCheck:
    """The checker's answer for one draft on one network."""

    network: Network
    lang: PostLanguage
    length: int  # as the network counts it
    limit: int
    hashtags: int
    cutoff: int | None  # character offset where "see more" cuts the feed; None: shown whole
    findings: tuple[Finding, ...]
    checked_characters: int  # < len(draft) when the draft was over the cap

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == "error")

    @property
    def ok(self) -> bool:
        """No errors: warnings and tips do not stop a post."""
        return not self.errors

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]


class LineIndex:
    """Offset -> (line, col), by bisecting the line starts once per draft."""

    def __init__(self, text: str) -> None:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self.starts = starts

    def position(self, offset: int) -> Position:
        index = bisect_right(self.starts, offset) - 1
        return Position(line=index + 1, col=offset - self.starts[index] + 1)

    def line_count(self) -> int:
        return len(self.starts)
