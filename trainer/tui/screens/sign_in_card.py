"""The sign-in card on a short terminal: 80x24 shows the whole card without scrolling.

On a short screen the card's fields and buttons are drawn without their frames (one line each
instead of three), so that every field, the button and a message fit, in either language.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Button, Input

SHORT_BELOW = 32
"""Lines: a terminal shorter than this gets the one-line fields (80x24 is a first-class size)."""


def fit_card(screen: DOMNode, height: int) -> None:
    """Frame the card's fields and buttons only when there is room for them."""
    short = height < SHORT_BELOW
    form = screen.query_one("#sign-in-form")
    form.set_class(short, "-short")
    for field in form.query(Input):
        field.compact = short
    for button in form.query(Button):
        button.compact = short
