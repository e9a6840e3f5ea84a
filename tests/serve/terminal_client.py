"""A browser tab without the browser: textual-serve's websocket protocol, spoken directly.

Used where many sessions must run at once (the load check, the benchmark): each client is
one app process on the server, typed into with terminal key sequences.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import aiohttp

from tests.serve.browser import screen_text

KEYS = {"enter": "\r", "tab": "\t", "escape": "\x1b", "right": "\x1b[C", "left": "\x1b[D"}


class TerminalClient:
    def __init__(self, url: str, width: int = 100, height: int = 36) -> None:
        self.url = url
        self.size = (width, height)
        self.raw: list[str] = []
        self.notes: list[list[object]] = []  # JSON text messages: open_url, deliver_file_start
        self.last_frame = time.monotonic()
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        width, height = self.size
        self._session = aiohttp.ClientSession()
        self._socket = await self._session.ws_connect(
            f"{self.url.rstrip('/')}/ws?width={width}&height={height}", max_msg_size=0
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw.append(message.data.decode("utf-8", "replace"))
                self.last_frame = time.monotonic()
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.notes.append(json.loads(message.data))

    async def focus(self) -> None:
        """What the page sends when its terminal gets focus (the app shows no focus before)."""
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["focus"]))

    def mark(self) -> int:
        return len(self.raw)

    async def wait_for(self, *phrases: str, since: int = 0, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            seen = screen_text("".join(self.raw[since:]))
            for phrase in phrases:
                if phrase in seen:
                    return phrase
            if time.monotonic() > deadline:
                words = " ".join(w for w in seen.split() if any(c.isalnum() for c in w))
                raise AssertionError(f"none of {phrases!r} within {timeout} s: {words[-600:]!r}")
            await asyncio.sleep(0.05)

    async def settle(self, quiet: float = 0.25, timeout: float = 10.0) -> None:
        """Wait for the app to redraw after a focus-moving key and go quiet."""
        deadline = time.monotonic() + timeout
        start = time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if self.last_frame >= start and time.monotonic() - self.last_frame >= quiet:
                return

    async def send(self, text: str) -> None:
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", text]))

    async def type(self, text: str) -> None:
        for char in text:
            await self.send(char)

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.send(KEYS.get(key, key))
            if key in ("tab", "enter", "escape"):
                await self.settle()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=5)
        if self._session is not None:
            await self._session.close()


def app_processes(data_dir: Path) -> list[int]:
    """Pids of the served app processes working on `data_dir` (one per open tab)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--served" in words and str(data_dir).encode() in words and b"-m" in words:
            pids.append(int(proc.name))
    return pids


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
