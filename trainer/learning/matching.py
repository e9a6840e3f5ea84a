"""How two pieces of typed text are compared (short answers, the name typed to accept a policy).

People differ in case and spacing, not in letters: "  Źródło " matches "źródło" but
"zrodlo" does not, because a missing diacritic is a different Polish word.
"""

from __future__ import annotations

import unicodedata


def comparable(text: str) -> str:
    """`text` NFC-normalised, case-folded and with whitespace collapsed; diacritics kept."""
    text = unicodedata.normalize("NFC", text)
    folded = unicodedata.normalize("NFC", text.casefold())
    return " ".join(folded.split())


def same_text(typed: str, expected: str) -> bool:
    """True when `typed` matches `expected` ignoring case and extra whitespace."""
    return comparable(typed) == comparable(expected)
