"""Served mode: time from opening the URL to an interactive sign-in screen, and memory per tab.

Run:  python benchmarks/bench_serve.py [--runs 5]

One `trainer serve` on a loopback port, on a copy of the mini course. Each run opens a new tab:
- **browser** (when /usr/bin/chromium and Playwright are there): `page.goto(URL)` in headless
  chromium until the sign-in screen is interactive: drawn, and the e-mail field focused (the
  screen marks the focused field's label with "▶", so we wait for "▶ E-mail").
- **websocket**: the same without a browser: the websocket textual-serve's page opens, until the
  same marker (so the difference is the page load and xterm.js).
- **terminal**: the terminal app `python -m trainer run` in a pseudo-terminal, from spawn to
  its first-run sign-in screen drawn, for comparison (the same interpreter and imports).
Memory: the resident set (RSS) of each served app process (one per tab) once its sign-in screen
is up, and of the terminal app's process, median over runs. Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.serve.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    BrowserTab,
    free_port,
    screen_text,
    start_server,
    stop_server,
)
from tests.serve.terminal_client import TerminalClient, app_processes, rss_kib  # noqa: E402

MINI_COURSE = REPO / "tests" / "fixtures" / "mini_course"


def newest_app_rss(data_dir: Path, known: set[int]) -> tuple[int, set[int]]:
    pids = set(app_processes(data_dir))
    fresh = sorted(pids - known)
    return (rss_kib(fresh[-1]) if fresh else 0), pids


async def websocket_runs(url: str, data_dir: Path, runs: int) -> tuple[list[float], list[int]]:
    times: list[float] = []
    memory: list[int] = []
    known: set[int] = set()
    for _ in range(runs):
        client = TerminalClient(url)
        started = time.perf_counter()
        await client.open()
        await client.wait_for("I have an invite code", timeout=60)
        await client.focus()
        await client.wait_for("▶ E-mail", timeout=60)
        times.append(time.perf_counter() - started)
        rss, known = newest_app_rss(data_dir, known)
        memory.append(rss)
        await client.close()
    return times, memory


def browser_runs(url: str, data_dir: Path, runs: int) -> tuple[list[float], list[int]] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    times: list[float] = []
    memory: list[int] = []
    known: set[int] = set()
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
        )
        BrowserTab(context, url).close()  # warm the browser itself (first page, caches)
        known = set(app_processes(data_dir))
        for _ in range(runs):
            started = time.perf_counter()
            tab = BrowserTab(context, url)
            tab.wait_for("I have an invite code", timeout=60)
            tab.focus()  # a person clicks into the page; the app shows focus only then
            tab.wait_for("▶ E-mail", timeout=60)
            times.append(time.perf_counter() - started)
            rss, known = newest_app_rss(data_dir, known)
            memory.append(rss)
            tab.close()
        context.close()
    return times, memory


def terminal_runs(course_dir: Path, runs: int) -> tuple[list[float], list[int]]:
    """The terminal app in a pty, from spawn to its sign-in screen (a fresh data folder)."""
    times: list[float] = []
    memory: list[int] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            controller, terminal = pty.openpty()
            os.set_blocking(controller, False)
            env = {**os.environ, "COLUMNS": "100", "LINES": "36", "TERM": "xterm-256color"}
            command = [sys.executable, "-m", "trainer", "run", "--course", str(course_dir)]
            command += ["--data-dir", data, "--lang", "en"]
            started = time.perf_counter()
            process = subprocess.Popen(
                command, stdin=terminal, stdout=terminal, stderr=terminal, env=env
            )
            output = b""
            try:
                while "Welcome to the ambassador program" not in screen_text(
                    output.decode("utf-8", "replace")
                ):
                    if time.perf_counter() - started > 60:
                        raise RuntimeError("the terminal app did not show its sign-in screen")
                    ready, _, _ = select.select([controller], [], [], 0.05)
                    if ready:
                        with contextlib.suppress(BlockingIOError):
                            output += os.read(controller, 65536)
                times.append(time.perf_counter() - started)
                memory.append(rss_kib(process.pid))
            finally:
                process.terminate()
                process.wait(timeout=10)
                os.close(controller)
                os.close(terminal)
    return times, memory


def row(name: str, times: list[float], memory: list[int]) -> str:
    return (
        f"{name:<28} {statistics.median(times) * 1000:8.0f} ms  "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})   "
        f"RSS {statistics.median(memory) / 1024:6.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        course_dir, data_dir = Path(root) / "course", Path(root) / "data"
        shutil.copytree(MINI_COURSE, course_dir)
        port = free_port()
        server = start_server(course_dir, data_dir, port, Path(root) / "serve.log")
        url = f"http://127.0.0.1:{port}/"
        try:
            browser = browser_runs(url, data_dir, arguments.runs)
            websocket = asyncio.run(websocket_runs(url, data_dir, arguments.runs))
        finally:
            stop_server(server)
        terminal = terminal_runs(course_dir, arguments.runs)

    print(f"Served sign-in screen, median of {arguments.runs} runs (mini course, loopback):")
    if browser is not None:
        print(row("browser (chromium headless)", *browser))
    else:
        print("browser                      skipped (needs Playwright and /usr/bin/chromium)")
    print(row("websocket client", *websocket))
    print(row("terminal app (pty)", *terminal))
    base = statistics.median(terminal[0])
    if browser is not None:
        print(f"browser / terminal start-up: {statistics.median(browser[0]) / base:.2f}x")
    print(f"websocket / terminal start-up: {statistics.median(websocket[0]) / base:.2f}x")


if __name__ == "__main__":
    main()
