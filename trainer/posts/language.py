"""Which language a draft is written in, when nobody said (Polish or English only)."""

from __future__ import annotations

import re

from trainer.posts.rules import PostLanguage

_POLISH_LETTERS = re.compile("[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
_POLISH_WORDS = re.compile(r"(?i)\b(?:i|w|z|się|jest|nie|na|do|że|to|jak|dla|od|po)\b")
_ENGLISH_WORDS = re.compile(r"(?i)\b(?:the|and|of|to|is|in|for|on|with|my|our|we|at)\b")


def detect_language(text: str) -> PostLanguage:
    """Polish when Polish short words and letters outweigh English short words.

    Letters count at most 3, so a Polish place name (Gdańsk) in an English post is not enough.
    """
    sample = text[:2000]
    polish = len(_POLISH_WORDS.findall(sample)) + min(len(_POLISH_LETTERS.findall(sample)), 3)
    english = len(_ENGLISH_WORDS.findall(sample))
    return "pl" if polish > english else "en"
