"""Short Markdown (questions, answers, hints, feedback) drawn with the reader's renderer.

Pages go to `PageView`; these snippets need no scrolling of their own, so `MarkdownBlock` sizes
itself to its content and `inline_markdown` turns one line into `Content` for labels.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from trainer.tui.markdown_render import (
    PageDocument,
    PageStyles,
    Paragraph,
    Role,
    layout_page,
    parse_page,
)

_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # CommonMark's escapable ASCII punctuation

_ROLE_STYLES = (
    (Role.STRONG, "bold"),
    (Role.EMPHASIS, "italic"),
    (Role.STRIKE, "strike"),
    (Role.CODE, "reverse"),
    (Role.LINK, "underline"),
    (Role.LINK_ADDRESS, "dim"),
    (Role.IMAGE, "italic"),
    (Role.HTML, "dim"),
)


def markdown_literal(text: str) -> str:
    """`text` escaped so that Markdown shows it as typed (a short answer like `*2*` or `1.`)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", " ".join(text.split()))


def inline_markdown(markdown: str) -> Content:
    """The first paragraph of `markdown` as styled, markup-free `Content` on one line."""
    document = parse_page(markdown)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            content = Content("")
            for text, role in block.runs:
                style = " ".join(name for flag, name in _ROLE_STYLES if role & flag)
                piece = text.replace("\n", " ")
                content += Content.styled(piece, style) if style else Content(piece)
            return content
    return Content(" ".join(markdown.split()))


class MarkdownBlock(Widget):
    """A few lines of Markdown, as tall as their text at the current width."""

    DEFAULT_CSS = """
    MarkdownBlock { height: auto; }
    """

    def __init__(
        self, markdown: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._document: PageDocument = parse_page(markdown)
        self._laid_out: tuple[int, list[Strip]] | None = None

    def update(self, markdown: str) -> None:
        self._document = parse_page(markdown)
        self._laid_out = None
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Strip]:
        if self._laid_out is None or self._laid_out[0] != width:
            styles = PageStyles(base=self.rich_style)
            lines = layout_page(self._document, max(width, 1), styles)
            self._laid_out = (width, [line.to_strip() for line in lines])
        return self._laid_out[1]

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self._lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        return lines[y].crop_extend(0, width, self.rich_style)
