"""The header's icon in a character every common font has.

Textual's default header icon (U+2B58, "⭘") is missing from most monospace fonts: in a
browser without its web fonts, or on an older terminal, it is drawn as an empty box.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Header

PORTABLE_HEADER_ICON = "≡"  # U+2261: in DejaVu Sans Mono, Consolas, Menlo, Courier New


def use_portable_header_icon(node: DOMNode) -> None:
    """Give every header under `node` (a screen) the portable icon."""
    for header in node.query(Header):
        header.icon = PORTABLE_HEADER_ICON
