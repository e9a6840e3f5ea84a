"""A one-line text field whose Ctrl+A selects everything, as in a browser or a word processor.

Textual's `Input` moves to the start on Ctrl+A (the shell's habit), so a code pasted after
Ctrl+A runs into the old text. People typing into a form in a browser expect select-all;
Home still goes to the start.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class TextField(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False),
    ]
