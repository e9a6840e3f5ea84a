"""Untrusted text -> Textual content that is never parsed as markup and carries no control codes."""

from __future__ import annotations

from textual.content import Content

from trainer.plain_text import single_line, terminal_safe


def plain(text: str) -> Content:
    """Multi-line untrusted text as literal content."""
    return Content(terminal_safe(text))


def plain_line(text: str) -> Content:
    """Untrusted text collapsed to one line (names, titles, labels)."""
    return Content(single_line(text))
