"""`trainer serve --lrs`: a learner finishes a module in the browser; the LRS has it at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.export.test_real_lrs import PASSWORD, RALPH, USER
from tests.forwarding.ralph import Ralph
from tests.serve.browser import free_port, start_server, stop_server
from tests.serve.conftest import invite
from tests.serve.terminal_client import TerminalClient
from tests.serve.test_load import finish_first_module

pytestmark = pytest.mark.skipif(not RALPH, reason="set TRAINER_TEST_RALPH (.ci/run does)")


@pytest.mark.slow
async def test_a_module_finished_in_the_browser_reaches_the_lrs(tmp_path: Path) -> None:
    assert RALPH is not None
    ralph = Ralph(RALPH, tmp_path / "ralph")
    ralph.start()
    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    code = invite(data_dir, "ola@firma.pl", "Ola Kowalska")
    port = free_port()
    os.environ["TRAINER_LRS_PASSWORD"] = PASSWORD  # the server passes it to its forwarder
    try:
        server = start_server(
            course_dir,
            data_dir,
            port,
            tmp_path / "serve.log",
            "--lrs",
            f"{ralph.url}/xAPI/",
            "--lrs-user",
            USER,
        )
    finally:
        del os.environ["TRAINER_LRS_PASSWORD"]
    try:
        client = TerminalClient(f"http://127.0.0.1:{port}")
        await finish_first_module(client, "ola@firma.pl", code)
        await client.close()
        agent = json.dumps({"mbox": "mailto:ola@firma.pl"})
        query = "?" + urllib.parse.urlencode({"agent": agent, "limit": 50, "ascending": "true"})
        deadline = time.monotonic() + 60
        verbs: list[str] = []
        found: list[dict[str, Any]] = []
        while "completed" not in verbs and time.monotonic() < deadline:
            status, body = ralph.client.request("GET", query)
            found = body["statements"] if status == 200 else []
            found.sort(key=lambda s: str(s["stored"]))
            verbs = [s["verb"]["display"]["en-US"] for s in found]
            time.sleep(0.5)
        log = (tmp_path / "serve.log").read_text(errors="replace")
        # Enrolled (invited, then again as active once she signed in), the module opened, read.
        assert verbs[-2:] == ["attempted", "completed"], log[-4000:]
        assert set(verbs[:-2]) == {"registered"}, log[-4000:]
        status_key = next(k for k in found[0]["context"]["extensions"] if k.endswith("/status"))
        assert found[len(verbs) - 3]["context"]["extensions"][status_key] == "active"
        assert "password" not in (data_dir / "forwarding" / "config.json").read_text()
    finally:
        stop_server(server)
        ralph.stop()
    status = subprocess.run(
        [sys.executable, "-m", "trainer", "forward", "--status", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Waiting: 0 statement(s)" in status.stdout
