"""Make untrusted text (content, learner input, file names) safe to show in a terminal.

Everything the app displays that did not come from our own code passes through
`terminal_safe`: it removes ESC and other C0 controls (but keeps tab and newline), the C1
controls (U+0080..U+009F), and Unicode bidi overrides/isolates that can disguise text.
Markup safety is separate: the TUI renders such text as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import re

UNSAFE_CHARACTERS = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # C0 controls except \t \n \r, and DEL
    "\x80-\x9f"  # C1 controls (CSI, OSC, ... as single code points)
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "]"
)


def terminal_safe(text: str) -> str:
    """Return `text` without control sequences or bidi overrides; CR LF becomes LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return UNSAFE_CHARACTERS.sub("", text)


def single_line(text: str) -> str:
    """`terminal_safe` and collapsed onto one line (for names, titles, table cells)."""
    return " ".join(terminal_safe(text).split())
