"""The one Markdown parser every course file goes through, and source slicing by line.

We parse each body once into markdown-it tokens and keep the Markdown *source* of each page,
question and answer (the reader renders it later); nothing is rendered to HTML here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin


@cache
def course_markdown(task_lists: bool = False) -> MarkdownIt:
    """The parser for splitting and checking course text, built once per flavour.

    Plain CommonMark finds everything we need in modules and policies (`##` pages, links,
    images); tables and strikethrough would only cost time here, since nothing is rendered.
    Quizzes add task lists, whose checkboxes are the answers.
    """
    markdown = MarkdownIt("commonmark")
    return markdown.use(tasklists_plugin) if task_lists else markdown


@dataclass(frozen=True, slots=True)
class MarkdownBody:
    """A file's Markdown body; token `map` lines are 0-based file lines."""

    lines: list[str]
    tokens: list[Token]
    first_line: int  # 0-based index of the first body line

    @classmethod
    def parse(cls, padded_body: str, first_line: int, *, task_lists: bool = False) -> MarkdownBody:
        """`padded_body` starts with blank lines standing in for the front matter."""
        return cls(
            lines=padded_body.split("\n"),
            tokens=course_markdown(task_lists).parse(padded_body),
            first_line=first_line,
        )

    def source(self, start: int, end: int) -> str:
        """Lines `start`..`end` (0-based, end excluded) without surrounding blank lines."""
        return "\n".join(self.lines[start:end]).strip("\n")

    def end(self) -> int:
        return len(self.lines)


def heading_text(tokens: list[Token], open_index: int) -> str:
    """The inline content of the heading opened at `open_index`."""
    inline = tokens[open_index + 1]
    return inline.content if inline.type == "inline" else ""


def block_start(token: Token, default: int) -> int:
    return token.map[0] if token.map else default


def block_end(token: Token, default: int) -> int:
    return token.map[1] if token.map else default
