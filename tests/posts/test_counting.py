"""Golden counts: our fast X counter must agree with twitter-text-parser's parse_tweet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from trainer.posts.networks import post_length, utf16_length
from trainer.posts.x_count import x_overflow_offset, x_weighted_length

REAL_POSTS = [
    "Szukamy Senior Java Developera do zespołu płatności! #reklama "
    "https://przykladowa.pl/kariera/java?utm_source=x",
    "We're hiring! Join our payments team 🚀 #PrzykladowaEmployee https://przykladowa.pl/jobs",
    "Dziękuję zespołowi 👩‍💻👨‍💻 za wspaniały hackathon! 🏆🇵🇱 #reklama",
    "Family: 👨‍👩‍👧‍👦 rainbow flag 🏳️‍🌈 skin tones 👍🏻👍🏿 keycap 1️⃣ #️⃣",
    "日本語のテキストと English mixed 😷 www.example.com/path?q=1.",
    "مرحبا بالعالم — Arabic, RTL text and an embedded override \u202eabc",
    "Combining marks: e\u0301 a\u0328 Z\u0307 and zero width joiner a\u200db",
    "Links: example.com, http://a.pl/(x), https://t.co/abcdef and (www.przykladowa.pl).",
    "©®™ ‼ ⁉ ↔ ☀️ ♻️ text",
    "Line one\r\nLine two\rLine three\n",
    "",
    "a" * 300,
    "ą" * 300,
    "🚀" * 200,
    "https://przykladowa.pl/" + "a" * 4000,
]


@pytest.mark.parametrize("text", REAL_POSTS)
def test_x_count_matches_twitter_text(text: str) -> None:
    assert x_weighted_length(text) == parse_tweet(text).weightedLength


def test_urls_count_as_23_and_emoji_as_2_on_x() -> None:
    assert x_weighted_length("https://przykladowa.pl/kariera/a-very-long-path-indeed") == 23
    assert x_weighted_length("🚀") == 2
    assert x_weighted_length("👨‍👩‍👧‍👦") == 2  # one family emoji, though seven code points
    assert x_weighted_length("zażółć") == 6  # Polish letters weigh 1


def test_other_networks_count_like_a_browser_text_field() -> None:
    assert utf16_length("zażółć") == 6
    assert utf16_length("🚀") == 2
    assert post_length("👨‍👩‍👧‍👦", "linkedin") == 11
    assert post_length("https://przykladowa.pl/kariera", "instagram") == 30


_PIECES = [
    *"abc XYZ.,:/-#@?=&\n",
    *["ą", "ł", "日", "😷", "🏳️\u200d🌈", "👍🏽", "\u200d", "\ufe0f", "\u202e", "é", "e\u0301"],
    *["https://", "www.", "example.com", "przykladowa.pl", "t.co/x", "1️⃣", "\u2000", "©"],
]
_ALPHABET = st.sampled_from(_PIECES)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_x_count_matches_twitter_text_on_generated_text(text: str) -> None:
    assert x_weighted_length(text) == parse_tweet(text).weightedLength


def _reference_overflow(text: str, limit: int) -> int:
    """The longest prefix twitter-text accepts, found the slow way."""
    fitting = 0
    while fitting < len(text) and parse_tweet(text[: fitting + 1]).weightedLength <= limit:
        fitting += 1
    return fitting


@pytest.mark.parametrize(
    "text",
    [
        "a" * 300,
        "🚀" * 150,
        "Nowość! " + "ą日" * 100,
        "Nowość! " + "ą日 " * 100,
    ],
)
def test_the_overflow_starts_where_twitter_text_stops_accepting(text: str) -> None:
    assert x_overflow_offset(text, 280) == _reference_overflow(text, 280)


def test_a_link_crossing_the_limit_overflows_as_a_whole() -> None:
    text = "x " * 120 + "https://przykladowa.pl/jobs " * 3
    offset = x_overflow_offset(text, 280)
    assert text[offset:].startswith("https://") and offset == 268
    assert parse_tweet(text[:offset]).weightedLength == 264
    assert parse_tweet(text[: offset + 27]).weightedLength == 287  # the whole link: 23


def test_an_emoji_sequence_crossing_the_limit_overflows_as_a_whole() -> None:
    family = "👩‍👩‍👧"  # five code points, weight 2
    text = "x" * 279 + family
    offset = x_overflow_offset(text, 280)
    assert offset == 279
    assert parse_tweet(text[:offset]).weightedLength == 279
    assert parse_tweet(text).weightedLength == 281
