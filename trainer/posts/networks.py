"""The networks an ambassador posts to, and how each one counts a post's length."""

from __future__ import annotations

from typing import Literal, get_args

from trainer.posts.x_count import x_weighted_length

Network = Literal["linkedin", "x", "facebook", "instagram"]
NETWORKS: tuple[Network, ...] = get_args(Network)

NETWORK_NAMES: dict[Network, str] = {
    "linkedin": "LinkedIn",
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
}


def utf16_length(text: str) -> int:
    """Length as a browser's text field counts it (JavaScript `length`: an emoji is 2 or more).

    LinkedIn, Facebook and Instagram enforce their limits in the browser, so this is the
    count their composers compare against the limit; it errs on the safe side for emoji.
    """
    return len(text.encode("utf-16-le")) // 2


def post_length(text: str, network: Network) -> int:
    """The length the network compares with its limit."""
    if network == "x":
        return x_weighted_length(text)
    return utf16_length(text)
