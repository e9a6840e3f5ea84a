"""The fork server behind `trainer serve`: a course change reaches new tabs, a broken change
does not take the site down, and a tab whose attach client dies does not leave its session
running."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.serve.browser import free_port, start_server, stop_server
from tests.serve.terminal_client import TerminalClient, app_processes, descendants

COURSE_TITLE = "Mini ambassador course"


async def open_tab(url: str) -> TerminalClient:
    client = TerminalClient(url)
    await client.open()
    await client.wait_for("I have an invite code", timeout=60)
    return client


@pytest.mark.slow
async def test_a_course_change_reaches_new_tabs_and_a_broken_one_is_refused(
    tmp_path: Path,
) -> None:
    course_dir = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    port, log = free_port(), tmp_path / "serve.log"
    server = start_server(course_dir, tmp_path / "data", port, log)
    url = f"http://127.0.0.1:{port}"
    try:
        first = await open_tab(url)
        await first.wait_for(COURSE_TITLE)

        course_yml = course_dir / "course.yml"
        course_yml.write_text(
            course_yml.read_text(encoding="utf-8").replace(COURSE_TITLE, "Ambassadors 2027"),
            encoding="utf-8",
        )
        second = await open_tab(url)
        await second.wait_for("Ambassadors 2027")
        assert "Ambassadors 2027" not in "".join(first.raw)  # an open tab keeps its course

        shutil.rmtree(course_dir / "quizzes")  # a broken change: the module's quiz is gone
        third = await open_tab(url)
        await third.wait_for("Ambassadors 2027")  # the last valid course keeps serving
        deadline = time.monotonic() + 10
        while "has errors" not in log.read_text() and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert "new tabs keep the last valid version" in log.read_text()
        for client in (first, second, third):
            await client.close()
    finally:
        stop_server(server)


@pytest.mark.slow
async def test_a_session_whose_attach_client_dies_is_ended(tmp_path: Path) -> None:
    course_dir = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    port = free_port()
    server = start_server(course_dir, tmp_path / "data", port, tmp_path / "serve.log")
    try:
        before = set(descendants(server.pid))
        tab = await open_tab(f"http://127.0.0.1:{port}")
        (session,) = app_processes(server.pid)
        waiters = [
            pid
            for pid in set(descendants(server.pid)) - before
            if Path(f"/proc/{pid}/comm").read_text().strip() == "sh"
        ]
        assert len(waiters) == 1  # the attach client, now a shell waiting for the status
        os.kill(waiters[0], signal.SIGKILL)
        deadline = time.monotonic() + 20
        while session in app_processes(server.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert session not in app_processes(server.pid)
        await tab.close()
    finally:
        stop_server(server)
    assert not any(Path(f"/proc/{pid}").exists() for pid in (session,))
