"""Post checker latency: a 3,000-character LinkedIn post (goal: median at most 2 ms).

Times `check_post()` on a realistic Polish post of exactly 3,000 characters (labels, links,
hashtags, emoji, a placeholder), on LinkedIn and on X (where the weighted count runs too),
and, side by side in the same run, twitter-text-parser's own `parse_tweet()` on the same text
to show why the studio counts X characters with its own fast path.

    python benchmarks/bench_posts.py [--runs 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from twitter_text import parse_tweet

from trainer.posts.checker import check_post
from trainer.posts.rules import PostRules, TrackingRules

RULES = PostRules(
    brand=["Przykładowa"],
    forbidden_terms=["Projekt Orzeł", "Bank Północny"],
    tracking=TrackingRules(domains=["przykladowa.pl"]),
)

PARAGRAPH = (
    "Pracuję w Przykładowej od trzech lat i dziś z dumą dzielę się nowiną: nasz zespół "
    "płatności wypuścił nową wersję aplikacji 🚀 Więcej na https://przykladowa.pl/blog/nowa-"
    "aplikacja?utm_source=linkedin&utm_medium=social&utm_campaign=launch oraz na naszym "
    "profilu. Szukamy też analityków do zespołu! #fintech #praca\n\n"
)


def post_of(length: int) -> str:
    """A post of exactly `length` characters, as LinkedIn counts them (emoji count 2)."""
    text = "[REKLAMA] Cześć {{imię}}! "
    while len(text) < length:
        text += PARAGRAPH
    while len(text.encode("utf-16-le")) // 2 > length:
        text = text[:-1]
    return text


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm caches (compiled rules, twitter-text's tables)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    text = post_of(3000)
    findings = check_post(text, "linkedin", "pl", RULES).codes()
    print(f"post: {len(text)} characters, findings on LinkedIn: {findings}")
    linkedin = median_ms(lambda: check_post(text, "linkedin", "pl", RULES), args.runs)
    x = median_ms(lambda: check_post(text, "x", "pl", RULES), args.runs)
    reference = median_ms(lambda: parse_tweet(text), max(args.runs // 10, 5))
    print(f"check_post, LinkedIn, 3,000 chars: median {linkedin:.3f} ms (goal <= 2 ms)")
    print(f"check_post, X (weighted count),    median {x:.3f} ms")
    print(f"twitter-text parse_tweet alone:    median {reference:.3f} ms")
    print(f"ratio parse_tweet / check_post on X: {reference / x:.1f}x")


if __name__ == "__main__":
    main()
