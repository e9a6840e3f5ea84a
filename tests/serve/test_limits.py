"""Limits that hold under abuse, against a real `trainer serve` on loopback.

Every client here is bounded: a fixed number of connections and guesses, each with a
timeout, all to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.serve.browser import free_port, screen_text, start_server, stop_server
from tests.serve.conftest import invite
from tests.serve.terminal_client import TerminalClient, app_processes
from trainer.identity.gate import ServedSignIn
from trainer.identity.throttle import ADDRESS_FREE_FAILURES
from trainer.store.folder import DataFolder

PASSPHRASE = "correct horse battery staple"


class Site:
    def __init__(self, root: Path) -> None:
        self.course_dir, self.data_dir = root / "course", root / "data"
        shutil.copytree(FIXTURES / "mini_course", self.course_dir)
        self.root = root

    def learner(self, email: str, name: str) -> None:
        """Invited and with a passphrase set, as after a first sign-in."""
        code = invite(self.data_dir, email, name)
        gate = ServedSignIn(DataFolder(self.data_dir))
        assert gate.accept_invite(email, code, PASSPHRASE, PASSPHRASE).signed_in

    @contextlib.contextmanager
    def serve(self, *options: str) -> Iterator[str]:
        port = free_port()
        server = start_server(
            self.course_dir, self.data_dir, port, self.root / "serve.log", *options
        )
        self.server = server
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_server(server)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


async def sign_in_screen(client: TerminalClient) -> None:
    await client.open()
    await client.wait_for("I have an invite code", timeout=60)
    await client.focus()
    await client.wait_for("▶ E-mail")


RESULTS = ("not recognised", "Too many failed", "Signed in:", "Enter a passphrase")


async def guess(client: TerminalClient, email: str | None, passphrase: str) -> str:
    """Type the e-mail (when given) and a passphrase; return what the screen answered.

    The answer is read after the screen's "Checking…" for this attempt (a repaint of the last
    answer is not this one's); an answer that needed no check (a wait) shows none.
    """
    if email is not None:
        await client.type(email)
        mark = client.mark()
        await client.press("tab")
        await client.wait_for("▶ Passphrase", since=mark)
    mark = client.mark()
    await client.type(passphrase)
    await client.send("\r")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        seen = screen_text("".join(client.raw[mark:]))
        after = seen[seen.rfind("Checking") :] if "Checking" in seen else seen
        found = [(after.find(r), r) for r in RESULTS if r in after]
        if found and ("Checking" in seen or "Too many failed" in after):
            answer = min(found)[1]
            if answer == "not recognised" and "Too many failed" in after:
                return "not recognised"  # refused, and the refusal starts a wait
            return answer
        await asyncio.sleep(0.05)
    tail = screen_text("".join(client.raw[mark:]))[-600:]
    raise AssertionError(f"no answer within 60 s: {tail!r}")


async def sign_in(client: TerminalClient, email: str) -> None:
    await sign_in_screen(client)
    assert await guess(client, email, PASSPHRASE) == "Signed in:"


@pytest.mark.slow
async def test_fifty_connections_that_never_sign_in_stay_within_the_limits(site: Site) -> None:
    site.learner("anna@firma.pl", "Anna Nowak")
    with site.serve("--per-address-sessions", "8", "--per-address-new", "200") as url:
        anna = TerminalClient(url)
        await sign_in(anna, "anna@firma.pl")  # she is working when the flood starts
        flood = [TerminalClient(url) for _ in range(50)]
        most_processes = 0
        latencies: list[float] = []

        async def watch() -> None:
            nonlocal most_processes
            for _ in range(400):  # bounded: at most ~40 s
                most_processes = max(most_processes, len(app_processes(site.server.pid)))
                await asyncio.sleep(0.1)

        async def keep_working() -> None:
            for n in range(20):
                mark = anna.mark()
                sent = time.monotonic()
                await anna.send("c" if n == 0 else ("\x1b[C" if n % 2 else "\x1b[D"))
                await anna.next_frame(mark, timeout=10)
                latencies.append(time.monotonic() - sent)
                await asyncio.sleep(0.3)

        async def connect(client: TerminalClient) -> str:
            await client.open()
            return await client.wait_for("busy right now", "I have an invite code", timeout=90)

        watcher = asyncio.create_task(watch())
        try:
            answers, _ = await asyncio.gather(
                asyncio.gather(*(connect(c) for c in flood)), keep_working()
            )
            # While eight wait at the sign-in screen, the page itself says "busy".
            with pytest.raises(urllib.error.HTTPError) as busy:
                urllib.request.urlopen(url, timeout=10)
            assert busy.value.code == 503 and busy.value.headers["Retry-After"]
            assert "busy right now" in busy.value.read().decode()
        finally:
            watcher.cancel()
            await asyncio.gather(*(c.close() for c in flood), return_exceptions=True)
        assert answers.count("I have an invite code") == 8
        assert answers.count("busy right now") == 42
        assert all(
            c.close_code == 1013
            for c, a in zip(flood, answers, strict=True)
            if a != "I have an invite code"
        )
        assert most_processes <= 9  # eight waiting at sign-in, plus Anna's
        assert max(latencies) < 5.0, latencies  # she kept working through it

        for _ in range(100):  # the flood's sessions end once their sockets close
            if len(app_processes(site.server.pid)) == 1:
                break
            await asyncio.sleep(0.2)
        later = TerminalClient(url)  # the flood is gone: room again
        await sign_in_screen(later)
        await later.close()
        await anna.close()


@pytest.mark.slow
async def test_a_session_nobody_signs_in_to_is_closed(site: Site) -> None:
    with site.serve("--sign-in-timeout", "10") as url:
        idle = TerminalClient(url)
        await sign_in_screen(idle)
        assert len(app_processes(site.server.pid)) == 1
        deadline = time.monotonic() + 30
        while not idle.closed and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert idle.closed
        await asyncio.sleep(1)
        assert app_processes(site.server.pid) == []
        await idle.close()


@pytest.mark.slow
async def test_a_tab_whose_learner_signed_out_is_closed_after_the_sign_in_timeout(
    site: Site,
) -> None:
    site.learner("anna@firma.pl", "Anna Nowak")
    with site.serve("--sign-in-timeout", "10") as url:
        tab = TerminalClient(url)
        await sign_in(tab, "anna@firma.pl")
        await asyncio.sleep(11)  # past the timeout: signed in, the tab stays
        assert not tab.closed
        mark = tab.mark()
        await tab.press("s")  # Switch learner ...
        await tab.wait_for("Stay signed in", since=mark)
        await tab.press("\x1b[Z", "enter")  # ... yes (shift+tab from "Stay signed in")
        await tab.wait_for("I have an invite code", since=mark)
        signed_out = time.monotonic()
        deadline = signed_out + 30
        while not tab.closed and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert tab.closed, "a signed-out tab is subject to the sign-in timeout again"
        assert time.monotonic() - signed_out > 8  # counted from the sign-out, not the start
        await asyncio.sleep(1)
        assert app_processes(site.server.pid) == []
        await tab.close()


@pytest.mark.slow
async def test_spraying_three_guesses_at_thirty_accounts_is_slowed(site: Site) -> None:
    emails = [f"person{n:02d}@firma.pl" for n in range(30)]
    for n, email in enumerate(emails):
        invite(site.data_dir, email, f"Person {n:02d}")
    with site.serve("--per-address-new", "200") as url:
        answers: list[str] = []
        for n, email in enumerate(emails):
            # A forged X-Forwarded-For changes nothing: no --trusted-proxy was given.
            tab = TerminalClient(url, headers={"X-Forwarded-For": f"198.51.100.{n}"})
            await sign_in_screen(tab)
            answers.append(await guess(tab, email, "Summer2026! summer"))
            for _ in range(2):
                answers.append(await guess(tab, None, "Summer2026! summer"))
            await tab.close()
        assert answers[:ADDRESS_FREE_FAILURES] == ["not recognised"] * ADDRESS_FREE_FAILURES
        assert answers.count("Too many failed") >= 60
        assert "Signed in:" not in answers


@pytest.mark.slow
async def test_a_locked_account_recovers_after_the_wait_it_states(site: Site) -> None:
    site.learner("anna@firma.pl", "Anna Nowak")
    with site.serve() as url:
        answers = []
        for _ in range(4):  # a new tab per guess: the tab's own throttle does not help
            tab = TerminalClient(url)
            await sign_in_screen(tab)
            mark = tab.mark()
            answers.append(await guess(tab, "anna@firma.pl", "not her passphrase"))
            await tab.close()
        # 3 free failures, then waits of 2 s, 4 s, ... (docs/operations.md).
        assert answers == ["not recognised"] * 4
        stated = re.search(r"Try again in (\d+) s", screen_text("".join(tab.raw[mark:])))
        assert stated is not None and int(stated.group(1)) == 2
        tab = TerminalClient(url)
        await sign_in_screen(tab)
        answer = await guess(tab, "anna@firma.pl", PASSPHRASE)
        if answer == "Too many failed":  # the new tab came up within the 2 s
            await asyncio.sleep(int(stated.group(1)) + 0.5)
            answer = await guess(tab, None, PASSPHRASE)
        assert answer == "Signed in:"
        await tab.close()
