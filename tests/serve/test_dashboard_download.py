"""The served dashboard end to end: a coordinator signs in and an export downloads.

`trainer serve --dashboard` on a loopback port; the client speaks textual-serve's websocket
protocol like the page does, and fetches the download link the page would open.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import aiohttp

from tests.conftest import FIXTURES
from tests.serve.browser import free_port, start_server, stop_server
from tests.serve.conftest import invite
from tests.serve.terminal_client import TerminalClient
from trainer.audit import read_entries
from trainer.identity.roles import grant
from trainer.store.folder import DataFolder

PASSPHRASE = "coordinating all day"


async def sign_in_with_code(client: TerminalClient, email: str, code: str) -> None:
    await client.wait_for("I have an invite code")
    await client.focus()
    await client.wait_for("▶ E-mail")
    await client.type(email)
    mark = client.mark()
    await client.press("tab", "tab", "tab", "enter")
    await client.wait_for("▶ Invite code", since=mark)
    mark = client.mark()
    await client.type(code)
    await client.press("enter")
    await client.wait_for("▶ New passphrase", since=mark)
    await client.type(PASSPHRASE)
    mark = client.mark()
    await client.press("tab")
    await client.wait_for("▶ Repeat the new passphrase", since=mark)
    await client.type(PASSPHRASE)
    await client.press("enter")


async def test_coordinator_exports_csv_as_a_browser_download_and_learners_are_kept_out(
    tmp_path: Path,
) -> None:
    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    hr = invite(data_dir, "hr@firma.pl", "Hanna Rój", team="HR")
    learner = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    data = DataFolder(data_dir)
    learner_id = data.find_learner_by_email("hr@firma.pl")
    assert learner_id is not None
    grant(data, learner_id)
    port = free_port()
    server = start_server(course_dir, data_dir, port, tmp_path / "serve.log", "--dashboard")
    url = f"http://127.0.0.1:{port}"
    try:
        outsider = TerminalClient(url, width=120, height=40)
        await outsider.open()
        mark = outsider.mark()
        await sign_in_with_code(outsider, "anna@firma.pl", learner)
        await outsider.wait_for("does not have the coordinator role", since=mark)
        await outsider.close()

        coordinator = TerminalClient(url, width=120, height=40)
        await coordinator.open()
        await sign_in_with_code(coordinator, "hr@firma.pl", hr)
        await coordinator.wait_for("anna@firma.pl", timeout=60)  # the learners table
        await coordinator.send("\x10")  # ctrl+p: the command palette
        await coordinator.wait_for("Search for commands")
        await coordinator.type("Export CSV (comma)")
        await coordinator.settle()
        await coordinator.press("enter")
        for _ in range(600):
            keys = [n[1] for n in coordinator.notes if n and n[0] == "deliver_file_start"]
            if keys:
                break
            await asyncio.sleep(0.05)
        assert keys, coordinator.notes
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{url}/download/{keys[0]}") as response,
        ):
            assert response.status == 200
            assert "attachment" in response.headers["Content-Disposition"]
            body = (await response.read()).decode("utf-8-sig")
        assert "anna@firma.pl" in body and "hr@firma.pl" in body
        await coordinator.close()
        # The server's system account is not who exported: the trail names the coordinator.
        (entry,) = [e for e in read_entries(data) if e.action == "export"]
        assert entry.actor == "coordinator:hr@firma.pl"
        assert entry.details["to"] == "dashboard"
    finally:
        stop_server(server)
