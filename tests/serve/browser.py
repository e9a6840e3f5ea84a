"""A browser tab on `trainer serve`, driven like a person: keys in, screen text out.

The page shows the app in xterm.js (drawn on a canvas), so we read what the app sends over
the websocket: the terminal output with its escape sequences removed. Textual writes each run
of same-styled text contiguously, so words and short phrases can be waited for.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_].*?\x1b\\"  # DCS and friends
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
)


def screen_text(raw: str) -> str:
    return _ESCAPES.sub("", raw)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    course_dir: Path, data_dir: Path, port: int, log: Path, *extra: str
) -> subprocess.Popen[bytes]:
    """`trainer serve` on a loopback port; returns once it accepts connections."""
    command = [
        sys.executable,
        "-m",
        "trainer",
        "serve",
        "--port",
        str(port),
        "--course",
        str(course_dir),
        "--data-dir",
        str(data_dir),
        "--lang",
        "en",
        *extra,
    ]
    process = subprocess.Popen(
        command, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"trainer serve exited: {log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("trainer serve did not start listening within 30 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class BrowserTab:
    """One tab: its own app process on the server, its own screen stream."""

    def __init__(self, context: Any, url: str, screenshots: Path | None = None) -> None:
        self.screenshots = screenshots
        self.page = context.new_page()
        self.raw: list[str] = []
        self.page.on("websocket", self._watch)
        self.opened_at = time.perf_counter()
        self.page.goto(url)

    def _watch(self, websocket: Any) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.raw.append(payload.decode("utf-8", "replace"))

        websocket.on("framereceived", received)

    def text(self) -> str:
        return screen_text("".join(self.raw))

    def mark(self) -> int:
        """A point in the stream; `wait_for(..., since=mark)` looks only at what came after."""
        return len(self.raw)

    def wait_for(self, *phrases: str, since: int = 0, timeout: float = 45.0) -> str:
        """Wait until any of `phrases` is on screen; return the one that appeared."""
        deadline = time.monotonic() + timeout
        while True:
            seen = screen_text("".join(self.raw[since:]))
            for phrase in phrases:
                if phrase in seen:
                    return phrase
            if time.monotonic() > deadline:
                tail = seen[-1500:]
                if self.screenshots is not None:
                    shot = self.screenshots / f"timeout-{time.time():.0f}.png"
                    self.page.screenshot(path=str(shot))
                    tail += f"\n(screenshot: {shot})"
                raise AssertionError(f"none of {phrases!r} appeared within {timeout} s: {tail!r}")
            self.page.wait_for_timeout(50)

    def focus(self) -> None:
        """Keys go to xterm.js through its hidden textarea (a click could hit a widget)."""
        self.page.wait_for_selector("textarea.xterm-helper-textarea", state="attached")
        self.page.focus("textarea.xterm-helper-textarea")

    def settle(self, quiet: float = 0.25, timeout: float = 5.0) -> None:
        """Wait until the app has drawn what the last keys changed and gone quiet.

        Textual hands each key to the widget focused when the key is read; keys that arrive
        before a focus change (Tab, Enter to the next field) is handled land in the old field,
        as they would for a very fast typist. So after such keys we wait for the redraw.
        """
        deadline = time.monotonic() + timeout
        seen, changed = len(self.raw), time.monotonic()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
            if len(self.raw) != seen:
                seen, changed = len(self.raw), time.monotonic()
            elif time.monotonic() - changed >= quiet:
                return

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=15)

    def press(self, *keys: str) -> None:
        """Press keys one by one, letting the app settle after each focus-moving key."""
        for key in keys:
            self.page.keyboard.press(key)
            if key in ("Tab", "Enter", "Escape"):
                self.settle()

    def close(self) -> None:
        self.page.close()
