"""Polish-aware sorting and diacritic-blind matching, from ICU (PyICU), never hand-written.

Polish readers expect `Ł` after `L`, `Ś` after `S` and `Ż` after `Ź` after `Z`; the Unicode
default order puts `Ś` among the `S`s. ICU's Polish collation knows the rules; we only ask it.
Search and team matching fold text to plain lower-case letters (`Brzęczyszczykiewicz` ->
`brzeczyszczykiewicz`, `Łódź` -> `lodz`) with ICU's Latin-ASCII transliteration.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

_FOLD_RULES = "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII"


@functools.cache
def _transliterator() -> Any:
    import icu

    return icu.Transliterator.createInstance(_FOLD_RULES)


@functools.cache
def _collator(language: str) -> Any:
    import icu

    collator = icu.Collator.createInstance(icu.Locale(language))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def fold(text: str) -> str:
    """Lower case without diacritics, for matching what people type (`brzecz`, `Sprzedaz`)."""
    if text.isascii():
        return " ".join(text.split()).casefold()
    return " ".join(_transliterator().transliterate(text).split()).casefold()


@functools.lru_cache(maxsize=4096)
def fold_cached(text: str) -> str:
    """`fold` for values that repeat across learners (team names)."""
    return fold(text)


def sort_key(language: str = "pl") -> Callable[[str], bytes]:
    """A key function ordering text as readers of `language` expect (`Łoś` after `Lis`)."""
    return _collator(language).getSortKey  # type: ignore[no-any-return]


def matches(needle: str, haystack_folded: str) -> bool:
    """Whether the folded `haystack_folded` contains what was typed, diacritics ignored."""
    wanted = fold(needle)
    return not wanted or wanted in haystack_folded


def team_key(team: str) -> str:
    """Teams typed by people differ in case, spacing and diacritics: `Sprzedaz ` is `Sprzedaż`."""
    return fold_cached(team)
