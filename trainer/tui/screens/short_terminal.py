"""Forms on a short terminal: at 80x24 the sign-in card is seen whole, and the policy text keeps
most of the screen.

On a short screen a form's fields and buttons are drawn without their frames (one line each
instead of three), so that every field, the buttons and a message fit, in either language.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Button, Input

SHORT_BELOW = 32
"""Lines: a terminal shorter than this gets the one-line fields (80x24 is a first-class size)."""


def fit_form(screen: DOMNode, form: str, height: int) -> None:
    """Frame the fields and buttons in `form` (a selector) only when there is room for them."""
    short = height < SHORT_BELOW
    container = screen.query_one(form)
    container.set_class(short, "-short")
    for field in container.query(Input):
        field.compact = short
    for button in container.query(Button):
        button.compact = short
