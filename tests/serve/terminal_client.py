"""A browser tab without the browser: textual-serve's websocket protocol, spoken directly.

Used where many sessions must run at once (the load check, the benchmark): each client is
one app process on the server, typed into with terminal key sequences.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path

import aiohttp

from tests.serve.browser import screen_text

KEYS = {"enter": "\r", "tab": "\t", "escape": "\x1b", "right": "\x1b[C", "left": "\x1b[D"}


class TerminalClient:
    def __init__(
        self, url: str, width: int = 100, height: int = 36, headers: dict[str, str] | None = None
    ) -> None:
        self.url = url
        self.headers = headers or {}
        self.size = (width, height)
        self.raw: list[str] = []
        self.notes: list[list[object]] = []  # JSON text messages: open_url, deliver_file_start
        self.last_frame = time.monotonic()
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._frame = asyncio.Event()

    async def open(self) -> None:
        width, height = self.size
        self._session = aiohttp.ClientSession()
        self._socket = await self._session.ws_connect(
            f"{self.url.rstrip('/')}/ws?width={width}&height={height}",
            max_msg_size=0,
            headers=self.headers,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw.append(message.data.decode("utf-8", "replace"))
                self.last_frame = time.monotonic()
                self._frame.set()
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.notes.append(json.loads(message.data))

    async def focus(self) -> None:
        """What the page sends when its terminal gets focus (the app shows no focus before)."""
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["focus"]))

    def mark(self) -> int:
        return len(self.raw)

    @property
    def closed(self) -> bool:
        return self._socket is None or self._socket.closed

    @property
    def close_code(self) -> int | None:
        return None if self._socket is None else self._socket.close_code

    async def next_frame(self, since: int, timeout: float = 30.0) -> None:
        """Wait until a frame arrives after `since` (a mark taken before sending a key)."""
        deadline = time.monotonic() + timeout
        while len(self.raw) <= since:
            self._frame.clear()
            if len(self.raw) > since:
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no screen update within {timeout} s")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._frame.wait(), remaining)

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


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces
        children.setdefault(parent, []).append(int(proc.name))
    return children


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (a `trainer serve`): sessions, waiters, the fork server."""
    children = _children()
    found: list[int] = []
    queue = list(children.get(pid, []))
    while queue:
        child = queue.pop()
        found.append(child)
        queue.extend(children.get(child, []))
    return found


def app_processes(server_pid: int) -> list[int]:
    """Pids of the served app processes of one `trainer serve` (one per open tab).

    With the fork server they are the fork server's children; with --process-per-tab,
    the processes started with `--served`.
    """
    children = _children()
    found = []
    for pid in descendants(server_pid):
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--served" in words or b"--served-dashboard" in words:
            found.append(pid)
    if found:
        return found
    fork_servers = [
        pid
        for pid in children.get(server_pid, [])
        if _same_command(pid, server_pid) and children.get(pid)
    ]
    return [pid for server in fork_servers for pid in children.get(server, [])]


def _same_command(pid: int, other: int) -> bool:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes() == Path(f"/proc/{other}/cmdline").read_bytes()
        )
    except OSError:
        return False


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, USS) of a process in KiB: USS is what only this process holds (private pages)."""
    rss = uss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, value = line.partition(":")
        amount = int(value.split()[0])
        if key == "Rss":
            rss = amount
        elif key in ("Private_Clean", "Private_Dirty"):
            uss += amount
    return rss, uss


def rss_kib(pid: int) -> int:
    return memory_kib(pid)[0]
