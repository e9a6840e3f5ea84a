"""The post editor: a TextArea that underlines each finding's span and never shows controls."""

from __future__ import annotations

from collections import defaultdict

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widgets import TextArea

from trainer.plain_text import UNSAFE_CHARACTERS
from trainer.posts.findings import Finding

LEVEL_STYLES = {
    "error": Style(underline=True, color="red", bold=True),
    "warning": Style(underline=True, color="yellow"),
    "tip": Style(underline=True, color="cyan"),
}
LEVEL_MARK = {"error": "✖", "warning": "▲", "tip": "•"}
_SHOWN_INSTEAD = "\ufffd"  # a control character or bidi override, made visible and harmless


class DraftArea(TextArea):
    """`set_findings` marks spans by level; text is shown as typed, never as markup.

    Characters that could steer the terminal (ESC, bidi overrides, ...) are drawn as `�` in
    their place, one for one, so columns and the checker's positions still agree.
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self._spans: dict[int, list[tuple[int, int, Style]]] = defaultdict(list)

    def set_findings(self, findings: tuple[Finding, ...]) -> None:
        spans: dict[int, list[tuple[int, int, Style]]] = defaultdict(list)
        # Tips first, errors last: where spans overlap, the most serious style wins.
        for finding in sorted(findings, key=lambda f: ("tip", "warning", "error").index(f.level)):
            style = LEVEL_STYLES[finding.level]
            first, last = finding.begin.line - 1, finding.finish.line - 1
            for row in range(first, last + 1):
                start = finding.begin.col - 1 if row == first else 0
                end = finding.finish.col - 1 if row == last else 10**9
                if end <= start:
                    end = start + 1  # an empty span (a missing label) still shows a mark
                spans[row].append((start, end, style))
        if spans != self._spans:
            self._spans = spans
            self._line_cache.clear()
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        if UNSAFE_CHARACTERS.search(plain):
            line = Text(UNSAFE_CHARACTERS.sub(_SHOWN_INSTEAD, plain), end="", no_wrap=True)
        for start, end, style in self._spans.get(line_index, ()):
            line.stylize(style, start, min(end, max(len(plain), start + 1)))
        return line


def finding_line(finding: Finding, lang: str) -> Content:
    """One finding as the studio lists it: mark, line:col, message and fix, shown as text."""
    from trainer.tui.text import plain_line

    line = plain_line(
        f"{LEVEL_MARK[finding.level]} {finding.begin.line}:{finding.begin.col} "
        f"{finding.message(lang)} → {finding.fix(lang)}"
    )
    color = {"error": "$error", "warning": "$warning", "tip": "$accent"}[finding.level]
    return line.stylize(color, 0, 1)
