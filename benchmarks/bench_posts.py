"""Post checker latency, and the writing screen's keystroke-to-findings latency.

1. `check_post()` on a 3,000-character LinkedIn post (goal: median at most 2 ms).
2. The writing screen (headless Textual app, the sample course, a real data folder) with the
   same 3,000-character post: time from a key press being sent to the findings, counts and
   "see more" line being updated for the new text (goal: within one frame, median <= 16 ms).

Times `check_post()` on a realistic Polish post of exactly 3,000 characters (labels, links,
hashtags, emoji, a placeholder), on LinkedIn and on X (where the weighted count runs too),
and, side by side in the same run, twitter-text-parser's own `parse_tweet()` on the same text
to show why the studio counts X characters with its own fast path.

    python benchmarks/bench_posts.py [--runs 200] [--keys 60]
"""

from __future__ import annotations

import argparse
import os
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


async def keystroke_latencies(text: str, keys: int) -> list[float]:
    """Type `keys` characters at the end of a 3,000-character draft in the writing screen."""
    import tempfile
    from pathlib import Path

    from trainer.content.loader import load_course
    from trainer.learning.records import LearnerProfile
    from trainer.store.folder import DataFolder
    from trainer.tui.app import make_app
    from trainer.tui.screens.post_writer import PostWriterScreen
    from trainer.tui.widgets.draft_area import DraftArea

    root = Path(__file__).resolve().parent.parent
    course = load_course(root).course
    assert course is not None
    with tempfile.TemporaryDirectory() as folder_name:
        folder = DataFolder(Path(folder_name))
        folder.create_learner(
            LearnerProfile(learner_id="anna", name="Anna Nowak", email="a@example.com", team="IT")
        )
        folder.set_last_learner_id("anna")
        app = make_app(course, Path(folder_name), "pl")
        latencies: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            writer = PostWriterScreen(
                template=course.hub_template("blog-article"), lang="pl", network="linkedin"
            )
            await app.push_screen(writer)
            await pilot.pause()
            area = writer.query_one(DraftArea)
            area.text = text
            area.move_cursor(area.document.end)
            await pilot.pause()
            for index in range(keys):
                before = writer.checks_run
                started = time.perf_counter()
                await pilot.press("x" if index % 7 else "space")
                while writer.checks_run == before:
                    await pilot.pause(0)
                latencies.append((writer.last_check_done - started) * 1000)
                CHECK_TIMES.append(writer.last_check_seconds * 1000)
        return latencies


CHECK_TIMES: list[float] = []
"""The screen's own share of each keystroke: check, underline spans, update the panels."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keys", type=int, default=60)
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
    import asyncio

    latencies = asyncio.run(keystroke_latencies(text, args.keys))
    print(
        f"writing screen, key press -> findings shown ({len(latencies)} keys, 3,000 chars): "
        f"median {statistics.median(latencies):.2f} ms, "
        f"p90 {statistics.quantiles(latencies, n=10)[-1]:.2f} ms (goal <= 16 ms median)"
    )
    print(
        "  of which checking and updating the screen: median "
        f"{statistics.median(CHECK_TIMES):.2f} ms"
        f"; the rest is Textual delivering the key and the edit (load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
