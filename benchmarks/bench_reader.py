"""How fast a page appears in the reader, next to Textual's `Markdown` widget, and app start-up.

Run:  python benchmarks/bench_reader.py [--runs 7] [--startup-runs 7] [--app module:factory]
                                          [--skip-reader]

Part 1 (reader), headless and in one process: for a generated ~10 KB and ~50 KB page of mixed
Markdown, the time from asking for the page (`PageView.update` / `await Markdown.update`) until
it is laid out and painted: Textual has processed every pending message, run the layout and
rendered the screen (a full compositor frame, what a terminal would receive). Median of `--runs`,
the ratio PageView / Markdown, and the peak memory of one extra, untimed run under tracemalloc.

Part 2 (start-up), `bench_startup`: each run is a fresh interpreter, timed from spawn until the
first screen is interactive (mounted, workers done, first frame painted). Measured, alternating:
the bare Textual app (Header, Static, Footer), the same app after `from pydantic import
BaseModel` (the floor set by the project's stack), the course map's widgets and stylesheet with
made-up text and no trainer code (what the first screen's design costs on its own), and
`--app module:factory` (default: the
learner app opening on a returning learner's course map, `startup_apps.make_learner_app`; the
factory takes no arguments and returns an App; the benchmarks folder is on its path).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

# Only the above at module level: the start-up child imports this module for the bare app,
# and the reader's own imports must not count against the bare app's start-up time.

BENCH_DIR = Path(__file__).resolve().parent
SIZE = (80, 24)

# --- a realistic page -------------------------------------------------------------------------

WORDS = [
    "ambassador",
    "share",
    "post",
    "company",
    "news",
    "policy",
    "team",
    "profile",
    "audience",
    "message",
    "brand",
    "colleague",
    "customer",
    "careers",
    "event",
    "photo",
    "video",
    "comment",
    "reply",
    "tag",
    "hashtag",
    "channel",
    "LinkedIn",
    "review",
    "guideline",
    "example",
    "careful",
    "respectful",
    "public",
    "private",
    "confidential",
    "approval",
    "manager",
    "content",
    "link",
    "article",
    "story",
    "celebrate",
    "welcome",
    "onboarding",
    "training",
    "quiz",
    "question",
    "answer",
    "module",
    "page",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "on",
    "is",
    "be",
    "your",
    "our",
    "you",
    "we",
    "it",
    "that",
    "this",
    "can",
    "should",
    "never",
    "always",
]


def make_page(target_bytes: int, seed: int = 7) -> str:
    """A module page with the mix authors write: headings, prose, lists, tables, code, quotes."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        index = rng.randrange(len(words))
        decoration = rng.random()
        if decoration < 0.15:
            words[index] = f"**{words[index]}**"
        elif decoration < 0.25:
            words[index] = f"*{words[index]}*"
        elif decoration < 0.33:
            words[index] = f"`{words[index]}`"
        elif decoration < 0.43:
            words[index] = (
                f"[{words[index]}](https://example.com/{words[index]}/{rng.randint(1, 99)})"
            )
        return " ".join(words).capitalize() + "."

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    def bullet_list() -> str:
        items = []
        for _ in range(rng.randint(3, 6)):
            items.append(f"- {sentence()}")
            if rng.random() < 0.3:
                items.extend(f"  {n}. {sentence()}" for n in range(1, rng.randint(2, 4)))
        return "\n".join(items)

    def table() -> str:
        rows = ["| Channel | Allowed | Review |", "|---|:---:|---:|"]
        for _ in range(rng.randint(3, 6)):
            rows.append(
                f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.choice(('yes', 'no', 'ask'))} "
                f"| {rng.randint(1, 5)} days |"
            )
        return "\n".join(rows)

    def code() -> str:
        return (
            "```\n"
            + "\n".join(f"#{rng.choice(WORDS)} #{rng.choice(WORDS)}" for _ in range(4))
            + "\n```"
        )

    def quote() -> str:
        return "> " + sentence() + "\n> " + sentence()

    def tasks() -> str:
        return "\n".join(f"- [{rng.choice(' x')}] {sentence()}" for _ in range(3))

    makers: list[Callable[[], str]] = [
        paragraph,
        paragraph,
        paragraph,
        bullet_list,
        table,
        code,
        quote,
        tasks,
    ]
    blocks: list[str] = []
    size = 0
    section = 0
    while size < target_bytes:
        if section % 6 == 0:
            blocks.append(f"### Part {section // 6 + 1}: {sentence().rstrip('.')}")
        block = rng.choice(makers)()
        blocks.append(block)
        size += len(block.encode()) + 2
        section += 1
    return "\n\n".join(blocks) + "\n"


# --- part 1: the reader ----------------------------------------------------------------------


class ReaderBenchApp(App[None]):
    """Holds either our PageView or Textual's Markdown (in a scroll view, as a reader would)."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        from textual.widgets import Markdown

        from trainer.tui.widgets.page_view import PageView

        if self.kind == "PageView":
            yield PageView(id="page")
        else:
            with VerticalScroll():
                yield Markdown(id="page")


async def settle(pilot: Any) -> None:
    """Return once everything asked for is laid out and a full frame has been rendered.

    Not `pilot.pause()`: its CPU-idle detection sleeps at least 20 ms per call, a floor that
    would swamp a fast widget. Instead: every widget on the screen has processed its queue,
    the screen has refreshed after that (layout + paint), nothing is left dirty; then one full
    compositor frame, what a terminal receives on first paint (headless only skips the write).
    """
    app = pilot.app
    screen = app.screen
    for _ in range(100):
        await pilot._wait_for_screen()
        await screen.wait_for_refresh()
        if not (
            screen._layout_required
            or screen._dirty_widgets
            or screen._scroll_required
            or screen._repaint_required
        ):
            break
    screen._compositor.render_update(full=True, screen_stack=app._background_screens)


async def show_page(app: ReaderBenchApp, markdown: str) -> None:
    from textual.widgets import Markdown

    from trainer.tui.widgets.page_view import PageView

    if app.kind == "PageView":
        app.query_one(PageView).update(markdown)
    else:
        await app.query_one(Markdown).update(markdown)


async def measure_reader(kind: str, markdown: str, runs: int) -> tuple[list[float], int]:
    """Seconds per run (page asked for -> painted) and peak bytes of one more, traced, run."""
    app = ReaderBenchApp(kind)
    times: list[float] = []
    peak = baseline = 0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for run in range(runs + 1):
            await show_page(app, "Loading.")  # start from a small page each time, untimed
            await settle(pilot)
            gc.collect()
            traced = run == runs
            if traced:
                tracemalloc.start()
                baseline = tracemalloc.get_traced_memory()[0]
            start = time.perf_counter()
            await show_page(app, markdown)
            await settle(pilot)
            elapsed = time.perf_counter() - start
            if traced:
                peak = tracemalloc.get_traced_memory()[1] - baseline
                tracemalloc.stop()
            else:
                times.append(elapsed)
    return times, peak


def bench_reader(runs: int) -> None:
    print(f"Reader: page asked for -> laid out and painted, {SIZE[0]}x{SIZE[1]}, median of {runs}")
    print(
        f"{'page':>8} {'widget':>9} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'peak MiB':>9}"
    )
    for target in (10_000, 50_000):
        markdown = make_page(target)
        medians: dict[str, float] = {}
        for kind in ("PageView", "Markdown"):
            times, peak = asyncio.run(measure_reader(kind, markdown, runs))
            medians[kind] = statistics.median(times)
            print(
                f"{len(markdown.encode()) / 1000:>6.1f}KB {kind:>9} {medians[kind] * 1000:>10.1f} "
                f"{min(times) * 1000:>8.1f} {max(times) * 1000:>8.1f} {peak / 2**20:>9.2f}"
            )
        ratio = medians["PageView"] / medians["Markdown"]
        goal = "  (goal <= 0.10 for 50 KB)" if target == 50_000 else ""
        print(f"{'':>8} PageView / Markdown = {ratio:.3f}{goal}")


# --- part 2: start-up ------------------------------------------------------------------------


def make_bare_app() -> App[None]:
    """The yardstick: what any Textual app costs to start."""

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return BareApp()


STARTUP_CHILD = """
import asyncio, importlib, sys, time
sys.path.insert(0, {bench_dir!r})
module_name, _, factory_name = {spec!r}.partition(":")
factory = getattr(importlib.import_module(module_name), factory_name)

async def main():
    app = factory()
    async with app.run_test(size={size!r}) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        print("READY", time.process_time(), flush=True)

asyncio.run(main())
"""


def startup_seconds(spec: str) -> tuple[float, float]:
    """Wall time from spawning a fresh interpreter to its app's first interactive screen, and
    the CPU time the child had used by then (steadier than wall time on a shared machine)."""
    code = STARTUP_CHILD.format(bench_dir=str(BENCH_DIR), spec=spec, size=SIZE)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        word, _, cpu = line.strip().partition(" ")
        if word == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        _, errors = process.communicate()
        raise RuntimeError(f"{spec} never became ready:\n{errors}")
    process.communicate()
    return elapsed, float(cpu)


def make_bare_pydantic_app() -> App[None]:
    """The bare app after importing pydantic: the floor for any app whose models are pydantic.

    The learner app's first screen needs the course and the learner's record, both pydantic
    models (the project's stack), so it can never start faster than this.
    """
    from pydantic import BaseModel  # noqa: F401

    return make_bare_app()


def bench_startup(make_app: str | None, runs: int) -> None:
    """Start-up of the bare app, the two references, and, if given, the real app.

    Runs alternate between the apps (bare, bare + pydantic, app, bare, ...), so a change in the
    machine's load during the run affects them alike.
    """
    specs = {
        "bare Textual app": "bench_reader:make_bare_app",
        "bare app + import pydantic": "bench_reader:make_bare_pydantic_app",
        "course map widgets, no data": "startup_apps:make_map_widgets_app",
    }
    if make_app:
        specs[make_app] = make_app
    startup_seconds(specs["bare Textual app"])  # warm the OS file cache, untimed
    wall: dict[str, list[float]] = {label: [] for label in specs}
    cpu: dict[str, list[float]] = {label: [] for label in specs}
    for _ in range(runs):
        for label, spec in specs.items():
            seconds, cpu_seconds = startup_seconds(spec)
            wall[label].append(seconds)
            cpu[label].append(cpu_seconds)
    print(f"\nStart-up: fresh process -> first interactive screen, median of {runs}, interleaved")
    print(f"{'':>30} {'wall':>8} {'(min - max)':>14} {'CPU':>8} {'wall':>7} {'CPU':>7}")
    bare_wall = statistics.median(wall["bare Textual app"])
    bare_cpu = statistics.median(cpu["bare Textual app"])
    for label in specs:
        median_wall = statistics.median(wall[label])
        median_cpu = statistics.median(cpu[label])
        spread = f"({min(wall[label]) * 1000:.0f} - {max(wall[label]) * 1000:.0f})"
        print(
            f"{label:>30} {median_wall * 1000:>5.0f} ms {spread:>14} {median_cpu * 1000:>5.0f} ms"
            f" {median_wall / bare_wall:>6.2f}x {median_cpu / bare_cpu:>6.2f}x"
        )
    if make_app:
        ratio_wall = statistics.median(wall[make_app]) / bare_wall
        ratio_cpu = statistics.median(cpu[make_app]) / bare_cpu
        print(f"{'':>30} app / bare = {ratio_wall:.2f} wall, {ratio_cpu:.2f} CPU  (goal <= 1.30)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per reader measurement")
    parser.add_argument("--startup-runs", type=int, default=7, help="fresh processes per app")
    parser.add_argument(
        "--app",
        metavar="module:factory",
        default="startup_apps:make_learner_app",
        help="the real app's factory (default: the learner app as a returning learner opens it)",
    )
    parser.add_argument("--skip-reader", action="store_true", help="only measure start-up")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR.parent))
    if not args.skip_reader:
        bench_reader(args.runs)
    if args.app:
        # A factory module may set up what its app needs (e.g. a data folder) once, untimed.
        module = importlib.import_module(args.app.partition(":")[0])
        getattr(module, "prepare", lambda: None)()
    bench_startup(args.app, args.startup_runs)


if __name__ == "__main__":
    main()
