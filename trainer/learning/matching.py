"""How two pieces of typed text are compared (short answers, the name typed to accept a policy).

People differ in case and spacing, not in letters: "  Źródło " matches "źródło" but
"zrodlo" does not, because a missing diacritic is a different Polish word. A person's name is
different: a keyboard without Polish letters must not stop anyone from signing their own name, so
`same_name` also accepts "lukasz zolkiewski" for "Łukasz Żółkiewski".
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i"})


def comparable(text: str) -> str:
    """`text` NFC-normalised, case-folded and with whitespace collapsed; diacritics kept."""
    text = unicodedata.normalize("NFC", text)
    folded = unicodedata.normalize("NFC", text.casefold())
    return " ".join(folded.split())


def same_text(typed: str, expected: str) -> bool:
    """True when `typed` matches `expected` ignoring case and extra whitespace."""
    return comparable(typed) == comparable(expected)


def without_diacritics(text: str) -> str:
    """`comparable(text)` with accents and Polish letters reduced to their base letters."""
    decomposed = unicodedata.normalize("NFKD", comparable(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_UNDECOMPOSED)


def same_name(typed: str, expected: str) -> bool:
    """A typed name matches ignoring case, spacing and diacritics (`lukasz` for `Łukasz`)."""
    return same_text(typed, expected) or without_diacritics(typed) == without_diacritics(expected)
