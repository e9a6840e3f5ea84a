"""Served mode, before and after the fork server, side by side in one run.

Run:  python benchmarks/bench_serve.py [--runs 5] [--sessions 200] [--active 20]
                                       [--before-sessions 40] [--no-browser]

Two `trainer serve` on loopback ports, on copies of the mini course: **before** is
`--process-per-tab` (textual-serve starts a fresh interpreter per tab: imports, course
load, app), **after** is the default fork server (each tab is a fork of a warm parent).

1. Start-up, median of --runs new tabs each:
   - **browser** (when /usr/bin/chromium and Playwright are there): `page.goto(URL)` in
     headless chromium until the sign-in screen is interactive: drawn, and the e-mail field
     focused (the screen marks the focused field's label with "▶", so we wait for "▶ E-mail");
   - **websocket**: textual-serve's websocket without a browser, from opening it to the same
     marker;
   - **terminal**: the terminal app `python -m trainer run` in a pseudo-terminal, from spawn to
     its sign-in screen: the reference the served start-up is compared with.
2. Memory per session at the sign-in screen: RSS and USS (unique set: the pages only this
   session holds, Private_Clean + Private_Dirty from /proc/PID/smaps_rollup) of every process
   the tab added under the server (the app process, plus the attach client's waiting shell).
3. Load: --sessions tabs open at once, --active of them typing one key every 100 ms; for each
   key, the time from sending it to the next screen update (p50 / p95). Loopback only; every
   loop is bounded in count and time.
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
from dataclasses import dataclass, field
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
from tests.serve.terminal_client import (  # noqa: E402
    TerminalClient,
    app_processes,
    descendants,
    memory_kib,
)

MINI_COURSE = REPO / "tests" / "fixtures" / "mini_course"
# Every client here comes from 127.0.0.1 and none signs in: lift the per-address limits.
LOAD_LIMITS = ("--max-sessions", "1000", "--per-address-sessions", "1000")
LOAD_LIMITS += ("--per-address-new", "10000")
DESIGNS = {"before (process per tab)": ["--process-per-tab"], "after (fork server)": []}
KEYS_PER_ACTIVE = 20
KEY_GAP = 0.1
MiB = 1024


@dataclass
class StartUp:
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)  # KiB per session
    uss: list[int] = field(default_factory=list)


@dataclass
class Load:
    sessions: int
    opened_in: float
    latencies: list[float]
    uss_total: int  # KiB, all sessions' processes
    failures: int


def session_memory(server_pid: int, before: set[int]) -> tuple[int, int]:
    """RSS and USS of the processes a new tab added under the server (KiB)."""
    rss = uss = 0
    for pid in set(descendants(server_pid)) - before:
        with contextlib.suppress(OSError):
            r, u = memory_kib(pid)
            rss, uss = rss + r, uss + u
    return rss, uss


async def websocket_runs(url: str, server_pid: int, runs: int) -> StartUp:
    result = StartUp()
    for _ in range(runs):
        before = set(descendants(server_pid))
        client = TerminalClient(url)
        started = time.perf_counter()
        await client.open()
        await client.wait_for("I have an invite code", timeout=60)
        await client.focus()
        await client.wait_for("▶ E-mail", timeout=60)
        result.times.append(time.perf_counter() - started)
        await asyncio.sleep(0.5)  # let the first frames' garbage settle, as a person would
        rss, uss = session_memory(server_pid, before)
        result.rss.append(rss)
        result.uss.append(uss)
        await client.close()
        await asyncio.sleep(0.3)
    return result


def browser_runs(url: str, runs: int) -> StartUp | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    result = StartUp()
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
        )
        BrowserTab(context, url).close()  # warm the browser itself (first page, caches)
        for _ in range(runs):
            started = time.perf_counter()
            tab = BrowserTab(context, url)
            tab.wait_for("I have an invite code", timeout=60)
            tab.focus()  # a person clicks into the page; the app shows focus only then
            tab.wait_for("▶ E-mail", timeout=60)
            result.times.append(time.perf_counter() - started)
            tab.close()
        context.close()
    return result


def terminal_runs(course_dir: Path, runs: int) -> StartUp:
    """The terminal app in a pty, from spawn to its sign-in screen (a fresh data folder)."""
    result = StartUp()
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
                result.times.append(time.perf_counter() - started)
                rss, uss = memory_kib(process.pid)
                result.rss.append(rss)
                result.uss.append(uss)
            finally:
                process.terminate()
                process.wait(timeout=10)
                os.close(controller)
                os.close(terminal)
    return result


async def open_ready(client: TerminalClient) -> bool:
    try:
        await client.open()
        await client.wait_for("I have an invite code", timeout=240)
        await client.focus()
        await client.wait_for("▶ E-mail", timeout=60)
        return True
    except Exception:  # counted and reported as a failed session
        return False


async def type_and_time(client: TerminalClient, keys: int) -> list[float]:
    latencies = []
    for n in range(keys):
        mark = client.mark()
        sent = time.perf_counter()
        await client.send("abcdefghij"[n % 10])
        await client.next_frame(mark, timeout=30)
        latencies.append(time.perf_counter() - sent)
        await asyncio.sleep(KEY_GAP)
    return latencies


async def load_run(url: str, server_pid: int, sessions: int, active: int) -> Load:
    clients = [TerminalClient(url) for _ in range(sessions)]
    started = time.perf_counter()
    ready: list[bool] = []
    try:
        for wave in range(0, sessions, 20):  # 20 at a time, like a class arriving
            ready += await asyncio.gather(*(open_ready(c) for c in clients[wave : wave + 20]))
        opened_in = time.perf_counter() - started
        working = [c for c, ok in zip(clients, ready, strict=True) if ok][:active]
        timed = await asyncio.gather(*(type_and_time(c, KEYS_PER_ACTIVE) for c in working))
        uss_total = 0
        apps = set(app_processes(server_pid))
        for pid in descendants(server_pid):
            with contextlib.suppress(OSError):
                if pid in apps or Path(f"/proc/{pid}/comm").read_text().strip() == "sh":
                    uss_total += memory_kib(pid)[1]
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    latencies = [value for per_client in timed for value in per_client]
    return Load(sessions, opened_in, latencies, uss_total, ready.count(False))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_row(name: str, result: StartUp, base: float) -> str:
    median = statistics.median(result.times)
    line = (
        f"  {name:<30} {median * 1000:7.0f} ms  (min {min(result.times) * 1000:.0f}, "
        f"max {max(result.times) * 1000:.0f})  {median / base:5.2f}x terminal"
    )
    if result.uss:
        line += (
            f"   RSS {statistics.median(result.rss) / MiB:5.1f} MiB"
            f"  USS {statistics.median(result.uss) / MiB:5.1f} MiB"
        )
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=200, help="load: tabs on the fork server")
    parser.add_argument(
        "--before-sessions",
        type=int,
        default=40,
        help="load: tabs on the process-per-tab server (each costs ~55 MiB and ~1 s of CPU)",
    )
    parser.add_argument("--active", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    arguments = parser.parse_args()
    starts: dict[str, tuple[StartUp | None, StartUp]] = {}
    loads: dict[str, Load] = {}
    with tempfile.TemporaryDirectory() as root:
        course_dir = Path(root) / "course"
        shutil.copytree(MINI_COURSE, course_dir)
        for number, (design, flags) in enumerate(DESIGNS.items()):
            data_dir = Path(root) / f"data-{number}"
            port = free_port()
            log = Path(root) / f"serve-{number}.log"
            server = start_server(course_dir, data_dir, port, log, *LOAD_LIMITS, *flags)
            url = f"http://127.0.0.1:{port}/"
            try:
                time.sleep(2)  # the fork server preloads after the port opens
                browser = None if arguments.no_browser else browser_runs(url, arguments.runs)
                websocket = asyncio.run(websocket_runs(url, server.pid, arguments.runs))
                starts[design] = (browser, websocket)
                if not arguments.no_load:
                    count = arguments.sessions if not flags else arguments.before_sessions
                    loads[design] = asyncio.run(
                        load_run(url, server.pid, count, min(arguments.active, count))
                    )
            finally:
                stop_server(server)
        terminal = terminal_runs(course_dir, arguments.runs)

    base = statistics.median(terminal.times)
    print(f"Served sign-in screen, median of {arguments.runs} runs (mini course, loopback):")
    print(start_row("terminal app (pty)", terminal, base))
    for design, (browser, websocket) in starts.items():
        print(f"{design}:")
        if browser is not None:
            print(start_row("browser (chromium headless)", browser, base))
        print(start_row("websocket open -> sign-in", websocket, base))
    if loads:
        print(f"Load: sessions open at the sign-in screen, {arguments.active} of them typing:")
    for design, load in loads.items():
        print(
            f"  {design:<26} {load.sessions:4d} sessions up in {load.opened_in:5.1f} s"
            f" ({load.failures} failed), all sessions' USS {load.uss_total / MiB:7.1f} MiB;"
            f" key -> update p50 {percentile(load.latencies, 0.5) * 1000:5.0f} ms,"
            f" p95 {percentile(load.latencies, 0.95) * 1000:5.0f} ms"
            f" ({len(load.latencies)} keys)"
        )


if __name__ == "__main__":
    main()
