"""Beyond one machine, on loopback, with real servers: three `trainer serve --lrs` processes,
each on its own data folder, forward to one real Ralph LRS while learners sign in and read in
their browser tabs; `trainer report --from-lrs` then equals `trainer report` over the three
folders merged with `trainer import`.

Learners are driven through textual-serve's websocket (tests/serve/terminal_client.py), as in
the load test. Needs TRAINER_TEST_RALPH (.ci/run sets it). Loopback only; waits are bounded.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.export.test_real_lrs import PASSWORD, RALPH, USER
from tests.forwarding.ralph import Ralph
from tests.forwarding.test_report_from_lrs import report, run
from tests.serve.browser import free_port, screen_text, start_server, stop_server
from tests.serve.conftest import invite
from tests.serve.terminal_client import TerminalClient, app_processes
from tests.serve.test_load import finish_first_module, sign_in_with_code

pytestmark = pytest.mark.skipif(not RALPH, reason="set TRAINER_TEST_RALPH (.ci/run does)")

Journey = Callable[[TerminalClient, str, str], Awaitable[None]]


async def read_one_page(client: TerminalClient, email: str, code: str) -> None:
    """Sign in, open the first module, leave on its first page."""
    await sign_in_with_code(client, email, code)
    mark = client.mark()
    await client.press("c")
    await client.wait_for("Page 1 of 3", since=mark)


async def never_comes(client: TerminalClient, email: str, code: str) -> None:
    """Invited, never opens the link."""


# host → learners: (e-mail, name, team, what they do). Teams differ within and across hosts.
HOSTS: dict[str, list[tuple[str, str, str, Journey]]] = {
    "host-a": [
        ("ola@firma.pl", "Ola Kowalska", "Sprzedaż", finish_first_module),
        ("jan@firma.pl", "Jan Nowak", "IT", sign_in_with_code),
        ("ewa@firma.pl", "Ewa Wiśniewska", "Sprzedaż", never_comes),
    ],
    "host-b": [
        ("piotr@firma.pl", "Piotr Zieliński", "IT", finish_first_module),
        ("anna@firma.pl", "Anna Łącka", "Marketing", read_one_page),
        ("marek@firma.pl", "Marek Wójcik", "IT", never_comes),
    ],
    "host-c": [
        ("zofia@firma.pl", "Zofia Mazur", "Marketing", finish_first_module),
        ("adam@firma.pl", "Adam Krawczyk", "Marketing", sign_in_with_code),
        ("iga@firma.pl", "Iga Dąbrowska", "Sprzedaż", never_comes),
    ],
}


async def take_journey(journey: Journey, client: TerminalClient, email: str, code: str) -> None:
    try:
        await journey(client, email, code)
    except AssertionError:
        frames = "\n=====FRAME=====\n".join(screen_text(r) for r in client.raw)
        (Path(tempfile.gettempdir()) / f"hosts-{email}.txt").write_text(frames)
        raise


def waiting(data_dir: Path) -> str:
    status = subprocess.run(
        [sys.executable, "-m", "trainer", "forward", "--status", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return status.stdout


def wait_for_delivery(server: subprocess.Popen[bytes], data_dir: Path, log: Path) -> None:
    """Every tab's process of this host has ended (its last step saved, with its statements in
    the outbox), then its forwarder has delivered the backlog. Bounded."""
    deadline = time.monotonic() + 30
    while app_processes(server.pid):
        assert time.monotonic() < deadline, f"{data_dir.name}: sessions still running"
        time.sleep(0.3)
    deadline = time.monotonic() + 60
    while "Waiting: 0 statement(s)" not in (status := waiting(data_dir)):
        assert time.monotonic() < deadline, status + log.read_text(errors="replace")[-3000:]
        time.sleep(0.5)


@pytest.mark.slow
async def test_three_served_hosts_report_through_one_lrs(tmp_path: Path) -> None:
    assert RALPH is not None
    ralph = Ralph(RALPH, tmp_path / "ralph")
    ralph.start()
    endpoint = f"{ralph.url}/xAPI/"
    course_dir = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    codes = {
        email: invite(tmp_path / host, email, name, team)
        for host, learners in HOSTS.items()
        for email, name, team, _ in learners
    }
    servers: dict[str, subprocess.Popen[bytes]] = {}
    ports: dict[str, int] = {}
    clients: list[TerminalClient] = []
    try:
        os.environ["TRAINER_LRS_PASSWORD"] = PASSWORD  # each server hands it to its forwarder
        try:
            for host in HOSTS:
                ports[host] = free_port()
                servers[host] = start_server(
                    course_dir,
                    tmp_path / host,
                    ports[host],
                    tmp_path / f"{host}.log",
                    "--lrs",
                    endpoint,
                    "--lrs-user",
                    USER,
                )
        finally:
            del os.environ["TRAINER_LRS_PASSWORD"]

        journeys = []
        for host, learners in HOSTS.items():
            for email, _, _, journey in learners:
                client = TerminalClient(f"http://127.0.0.1:{ports[host]}")
                clients.append(client)
                journeys.append(take_journey(journey, client, email, codes[email]))
        await asyncio.gather(*journeys)
        await asyncio.gather(*(client.close() for client in clients))

        for host, server in servers.items():
            wait_for_delivery(server, tmp_path / host, tmp_path / f"{host}.log")
    finally:
        await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)
        for server in servers.values():
            stop_server(server)
    try:
        for host in HOSTS:  # the forwarders stopped with nothing left behind
            status = waiting(tmp_path / host)
            assert "Waiting: 0 statement(s)" in status, status
            assert "Delivered: 0 " not in status, status

        merged = tmp_path / "merged"  # the way without an LRS: export each host, import
        for host in HOSTS:
            exported = tmp_path / f"{host}.jsonl"
            result = run(
                "export",
                "--format",
                "jsonl",
                "--data-dir",
                str(tmp_path / host),
                "-o",
                str(exported),
            )
            assert result.exit_code == 0, result.output
            result = run("import", str(exported), "--data-dir", str(merged))
            assert result.exit_code == 0, result.output
        reporting = tmp_path / "reporting"  # the coordinator's own, empty folder
        lrs = ("--from-lrs", endpoint, "--lrs-user", USER)
        notes = ""
        for view in ("module", "team"):
            for fmt in ("text", "csv"):
                local, _ = report("--by", view, "--format", fmt, "--data-dir", str(merged))
                remote, notes = report(
                    "--by", view, "--format", fmt, "--data-dir", str(reporting), *lrs
                )
                assert remote == local, f"--by {view} --format {fmt}"
        assert "9 learner(s)" in notes, notes
        local_doc = json.loads(report("--format", "json", "--data-dir", str(merged))[0])
        remote_doc = json.loads(report("--format", "json", "--data-dir", str(reporting), *lrs)[0])
    finally:
        ralph.stop()

    # xAPI keeps durations to 0.01 s: mean reading times agree to that, the rest exactly.
    for local_module, remote_module in zip(
        local_doc["modules"], remote_doc["modules"], strict=True
    ):
        local_minutes = local_module.pop("mean_minutes_done")
        remote_minutes = remote_module.pop("mean_minutes_done")
        assert (local_minutes is None) == (remote_minutes is None)
        if local_minutes is not None:
            assert abs(local_minutes - remote_minutes) * 60 < 0.01
    assert remote_doc == local_doc
    # 9 invited over three hosts, 3 never came; 4 opened the first module, 3 of them read it.
    funnel = remote_doc["funnel"]
    assert (funnel["invited"], funnel["signed_in"], funnel["started"]) == (9, 6, 4)
    first = remote_doc["modules"][0]
    assert (first["module_id"], first["started"], first["done"]) == ("welcome", 4, 3)
