"""Twenty people at once on one `trainer serve`: each finishes a module, nothing is lost.

Each client is a real app process on the server (textual-serve's websocket protocol spoken
directly, see terminal_client.py), all writing through the store's locks at the same time.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.serve.browser import free_port, screen_text, start_server, stop_server
from tests.serve.conftest import invite
from tests.serve.terminal_client import TerminalClient, app_processes, rss_kib
from trainer.store.folder import DataFolder

SESSIONS = 20
PASSPHRASE = "twenty at once please"


async def finish_first_module(client: TerminalClient, email: str, code: str) -> None:
    try:
        await _finish_first_module(client, email, code)
    except AssertionError:
        frames = "\n=====FRAME=====\n".join(screen_text(r) for r in client.raw)
        (Path(tempfile.gettempdir()) / f"load-{email}.txt").write_text(frames)
        raise


async def _finish_first_module(client: TerminalClient, email: str, code: str) -> None:
    await sign_in_with_code(client, email, code)
    mark = client.mark()
    await client.press("c")
    await client.wait_for("Page 1 of 3", since=mark)
    await client.press("right")
    await client.wait_for("Page 2 of 3", since=mark)
    await client.press("right")
    await client.wait_for("Module read", since=mark)


async def sign_in_with_code(client: TerminalClient, email: str, code: str) -> None:
    """Open the tab, redeem the invite code and set a passphrase, up to the home screen.

    Each step waits for the marker the sign-in screen puts on the focused field's label,
    because keys typed before a focus change is handled stay in the old field."""
    await client.open()
    await client.wait_for("I have an invite code", timeout=180)
    await client.focus()
    await client.wait_for("▶ E-mail")
    await client.type(email)
    mark = client.mark()
    await client.press("tab", "tab", "tab", "enter")
    await client.wait_for("▶ Invite code", since=mark)
    mark = client.mark()
    await client.type(code)
    await client.press("enter")
    await client.wait_for("The code is valid", since=mark, timeout=120)
    await client.wait_for("▶ New passphrase", since=mark)
    await client.type(PASSPHRASE)
    mark = client.mark()
    await client.press("tab")
    await client.wait_for("▶ Repeat the new passphrase", since=mark)
    await client.type(PASSPHRASE)
    mark = client.mark()
    await client.press("enter")
    await client.wait_for("Signed in:", since=mark, timeout=120)


@pytest.mark.slow
async def test_twenty_concurrent_sessions_each_complete_a_module(tmp_path: Path) -> None:
    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    people = {
        f"person{n:02d}@firma.pl": invite(data_dir, f"person{n:02d}@firma.pl", f"Person {n:02d}")
        for n in range(SESSIONS)
    }
    port = free_port()
    server = start_server(course_dir, data_dir, port, tmp_path / "serve.log")
    clients = [TerminalClient(f"http://127.0.0.1:{port}") for _ in people]
    try:
        await asyncio.gather(
            *(
                finish_first_module(client, email, code)
                for client, (email, code) in zip(clients, people.items(), strict=True)
            )
        )
        pids = app_processes(server.pid)
        assert len(pids) == SESSIONS
        rss = [rss_kib(pid) for pid in pids]
        print(
            f"\n{SESSIONS} served sessions: RSS per app process median "
            f"{sorted(rss)[len(rss) // 2] / 1024:.1f} MiB, total {sum(rss) / 1024:.0f} MiB"
        )
    finally:
        await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)
        stop_server(server)

    data = DataFolder(data_dir)
    for email in people:
        learner_id = data.find_learner_by_email(email)
        assert learner_id is not None
        record = data.learner(learner_id).read()
        assert record.profile.status == "active"
        welcome = record.modules["welcome"]
        assert welcome.done and sorted(welcome.pages_seen) == [0, 1, 2], email
