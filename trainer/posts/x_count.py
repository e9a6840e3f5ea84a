"""X (Twitter) weighted length, counted the way twitter-text counts it, fast enough per keystroke.

twitter-text-parser (the Python port of twitter-text, conformance-tested) is the reference:
we use its URL pattern, its emoji pattern and its weight table. Its `parse_tweet` runs the
92 KB emoji pattern at every position and the URL pattern across the whole text, which takes
~80 ms for a 3,000-character draft. Here both patterns run only where they can match: the
emoji pattern at characters that can start an emoji, the URL pattern on whitespace-free
tokens that contain a dot. tests/posts/test_counting.py checks the result equals
`parse_tweet(...).weightedLength` on real posts and on generated text.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import cache
from typing import Any

URL_LENGTH = 23
"""Every link counts as 23 characters: X shortens it to a t.co link."""

# Characters that can begin an emoji sequence in twitter-text's pattern: anything outside
# letters and scripts (no emoji starts below U+2000 but ©, ® and the ASCII keycap bases).
_EMOJI_CANDIDATE = re.compile(r"[\u00a9\u00ae\u2000-\U0010ffff]|[0-9#*](?=[\ufe0f\u20e3])")
_URL_TOKEN = re.compile(r"\S*[.:]\S+")


@cache
def _library() -> tuple[re.Pattern[str], Any, dict[str, Any]]:
    """Import twitter-text lazily: its emoji table costs ~0.2 s, only X counting needs it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it imports pkg_resources, which warns on import
        from twitter_text import extract_urls_with_indices
        from twitter_text.config import config
        from twitter_text.regexp.emoji import emoji
    return emoji, extract_urls_with_indices, config["defaults"]


@cache
def _heavy_characters() -> tuple[re.Pattern[str], int, int]:
    """A pattern for characters outside twitter-text's light ranges, and the two weights."""
    _, _, options = _library()
    ranges = options["ranges"]
    light = {r["weight"] for r in ranges}
    if len(light) != 1:  # pragma: no cover - twitter-text's v3 table has one light weight
        raise RuntimeError("twitter-text weight table changed: expected one light weight")
    klass = "".join(f"{re.escape(chr(r['start']))}-{re.escape(chr(r['end']))}" for r in ranges)
    return re.compile(f"[^{klass}]"), light.pop(), int(options["default_weight"])


def _spans(text: str) -> dict[int, tuple[int, int]]:
    """URLs and emoji, each counting as a whole: start -> (end, weight before scaling)."""
    emoji, extract_urls, options = _library()
    scale: int = options["scale"]
    default: int = options["default_weight"]
    spans: dict[int, tuple[int, int]] = {}
    for token in _URL_TOKEN.finditer(text):  # URLs first: twitter-text checks them first
        # One character of context before the token: the URL pattern looks at it.
        begin = max(token.start() - 1, 0)
        for url in extract_urls(text[begin : token.end()]):
            start, end = url["indices"]
            spans[begin + start] = (begin + end, URL_LENGTH * scale)
    covered_until = 0
    for candidate in _EMOJI_CANDIDATE.finditer(text):
        position = candidate.start()
        if position < covered_until:
            continue
        found = emoji.match(text, position)
        if found is not None and found.end() > position:
            spans.setdefault(position, (found.end(), default))
            covered_until = found.end()
    return spans


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def x_weighted_length(text: str) -> int:
    """The number X shows against its 280 limit (URLs 23, most emoji and CJK 2)."""
    _, _, options = _library()
    heavy, light_weight, heavy_weight = _heavy_characters()
    text = _normalized(text)
    spans = _spans(text)
    total = 0
    index = 0
    for start in sorted(spans):
        if start < index:
            continue  # inside the previous span, as twitter-text skips it
        end, weight = spans[start]
        total += _plain_weight(text, index, start, heavy, light_weight, heavy_weight) + weight
        index = max(end, start + 1)
    total += _plain_weight(text, index, len(text), heavy, light_weight, heavy_weight)
    return total // int(options["scale"])


def x_overflow_offset(text: str, limit: int) -> int:
    """Index of the first character that takes the count past `limit` (len(text) if none)."""
    if _normalized(text) != text:  # offsets would shift: measure prefixes instead
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if x_weighted_length(text[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        return low
    _, _, options = _library()
    scale = int(options["scale"])
    budget = limit * scale
    heavy, light_weight, heavy_weight = _heavy_characters()
    spans = _spans(text)
    total = 0
    index = 0
    for start in [*sorted(spans), len(text)]:
        if start < index:
            continue
        plain = _plain_weight(text, index, start, heavy, light_weight, heavy_weight)
        if total + plain > budget:
            for position in range(index, start):
                total += heavy_weight if heavy.match(text, position) else light_weight
                if total > budget:
                    return position
        total += plain
        if start == len(text):
            break
        end, weight = spans[start]
        total += weight
        if total > budget:
            return start
        index = max(end, start + 1)
    return len(text)


def _plain_weight(
    text: str, start: int, end: int, heavy: re.Pattern[str], light: int, heavy_weight: int
) -> int:
    if end <= start:
        return 0
    heavy_count = len(heavy.findall(text, start, end))
    return (end - start - heavy_count) * light + heavy_count * heavy_weight
