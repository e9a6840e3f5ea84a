"""Serve the learner app over HTTP + websockets with textual-serve.

textual-serve runs one command per browser tab (a websocket). By default that command is a
tiny attach client that hands the tab to a fork server (fork_server.py): the course and every
module are loaded once, and each tab's session is a fork of that warm parent, so it is up in
a fraction of the time and shares most of its memory. Each person still gets their own
process; processes share only the data folder, through the store's locks.
`--process-per-tab` keeps the older design (a fresh interpreter per tab) for comparison.

The server binds to loopback by default: put an HTTPS reverse proxy in front of it
(docs/operations.md) rather than exposing it directly.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from trainer.content.models import Course
from trainer.plain_text import terminal_safe
from trainer.serve.limits import LimitSettings, default_max_sessions, parse_proxies

LOOPBACK = "127.0.0.1"


def tab_command(
    course_dir: Path, data_dir: Path, lang: str | None, *, dashboard: bool = False
) -> str:
    """The shell command textual-serve runs for each tab (paths quoted: they may hold spaces)."""
    words = [
        sys.executable,
        "-m",
        "trainer",
        "run",
        "--served-dashboard" if dashboard else "--served",
        "--course",
        str(course_dir),
        "--data-dir",
        str(data_dir),
    ]
    if lang is not None:
        words += ["--lang", lang]
    return shlex.join(words)


class PublicUrlError(ValueError):
    """`--public-url` is not an http(s) address (the websocket address is derived from it)."""


def public_url_for(host: str, port: int, public_url: str | None) -> str:
    """The address browsers use; textual-serve derives the websocket URL from it."""
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PublicUrlError(
                f"--public-url must be a full http:// or https:// address, not {public_url!r}"
            )
        return public_url.rstrip("/")
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


@dataclass
class RunningForkServer:
    """The fork server process as `trainer serve` sees it."""

    pid: int
    socket_path: Path
    control_fd: int  # closing it tells the fork server to stop its sessions and exit
    runtime_dir: Path

    def stop(self) -> None:
        os.close(self.control_fd)
        os.waitpid(self.pid, 0)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


def start_fork_server(
    course: Course, course_dir: Path, data_dir: Path, lang: str | None, *, dashboard: bool
) -> RunningForkServer:
    """Fork the session parent now, while this process has no threads and no event loop."""
    from trainer.serve.fork_server import ForkServer

    runtime_dir = Path(tempfile.mkdtemp(prefix="trainer-serve-"))  # mode 0700: ours alone
    socket_path = runtime_dir / "sessions.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(256)
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the fork server
        code = 1
        try:
            os.close(write_end)
            server = ForkServer(
                listener,
                read_end,
                course,
                run_tab=lambda current: _run_tab(current, data_dir, lang, dashboard),
                reload_course=lambda: _reload_course(course_dir),
                fingerprint=lambda: _fingerprint(course_dir),
                warm_up=lambda current: _warm_up(current, lang, dashboard),
            )
            server.preload()
            code = server.serve_forever()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(read_end)
    listener.close()
    return RunningForkServer(pid, socket_path, write_end, runtime_dir)


def _run_tab(course: Course, data_dir: Path, lang: str | None, dashboard: bool) -> int:
    from trainer.serve.tab import run_tab_app

    return run_tab_app(course, data_dir, lang, dashboard=dashboard)


def _warm_up(course: Course, lang: str | None, dashboard: bool) -> None:
    """Run the tab's app once, headless, on an empty data folder, before any session forks.

    Textual fills caches on first use (parsed styles, colours, cell widths, lazily imported
    widgets); filled here, they are shared by every session instead of rebuilt in each.
    """
    import asyncio

    from trainer.serve.tab import make_tab_app, remember_parsed_css

    async def start_and_stop() -> None:
        app = make_tab_app(course, Path(scratch), lang, dashboard=dashboard)
        async with app.run_test(size=(100, 36)) as pilot:
            await pilot.pause()
        remember_parsed_css(app)

    with tempfile.TemporaryDirectory(prefix="trainer-warm-up-") as scratch:
        asyncio.run(start_and_stop())


def _reload_course(course_dir: Path) -> Course | None:
    from trainer.content.loader import load_course
    from trainer.tui.launch import print_course_errors

    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
    return result.course


def _fingerprint(course_dir: Path) -> str:
    from trainer.content.cache import course_fingerprint

    return course_fingerprint(course_dir)


def serve(
    course_dir: Path,
    data_dir: Path,
    lang: str | None,
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    public_url: str | None = None,
    dashboard: bool = False,
    process_per_tab: bool = False,
    limits: LimitSettings | None = None,
    trusted_proxies: tuple[str, ...] = (),
    lrs_password: str | None = None,
) -> int:
    """Check the course and repair the data folder once, then serve until Ctrl+C / SIGTERM."""
    from trainer.content.loader import load_course
    from trainer.identity.credentials import IdentityFolder
    from trainer.store.folder import DataFolder
    from trainer.tui.launch import print_course_errors

    try:
        url = public_url_for(host, port, public_url)
        proxies = parse_proxies(trusted_proxies)
    except PublicUrlError as error:
        print(terminal_safe(str(error)), file=sys.stderr)
        return 2
    except ValueError as error:
        print(terminal_safe(f"--trusted-proxy: {error}"), file=sys.stderr)
        return 2
    result = load_course(course_dir)
    if result.course is None:
        print_course_errors(course_dir, result.diagnostics)
        return 1
    data = DataFolder(data_dir)
    for notice in data.recover():
        print(terminal_safe(notice.message), file=sys.stderr)
    IdentityFolder(data).remove_stale_temporaries()
    title = result.course.title(lang or result.course.default_language)
    sessions = None
    if process_per_tab:
        command = tab_command(course_dir, data_dir, lang, dashboard=dashboard)
    else:
        from trainer.serve.fork_server import attach_command

        sessions = start_fork_server(result.course, course_dir, data_dir, lang, dashboard=dashboard)
        command = attach_command(sessions.socket_path)
    from trainer.serve.web import TrainerServer

    forwarder = None
    if lrs_password is not None:
        forwarder = start_forwarder(course_dir, data_dir, lrs_password)
    server = TrainerServer(
        command,
        limits=limits or LimitSettings(max_sessions=default_max_sessions()),
        trusted_proxies=proxies,
        host=host,
        port=port,
        title=terminal_safe(title),
        public_url=url,
        data_dir=data_dir,
        lang=lang,
    )
    try:
        server.serve()
    finally:
        if forwarder is not None:
            forwarder.terminate()  # it finishes the batch in flight, then stops
            try:
                forwarder.wait(timeout=30)
            except subprocess.TimeoutExpired:
                forwarder.kill()
        if sessions is not None:
            sessions.stop()
    return 0


def start_forwarder(course_dir: Path, data_dir: Path, password: str) -> subprocess.Popen[bytes]:
    """`trainer forward --watch` beside the server: statements reach the LRS as people work."""
    from trainer.forwarding.config import PASSWORD_VARIABLE

    command = [sys.executable, "-m", "trainer", "forward", "--watch"]
    command += ["--course", str(course_dir), "--data-dir", str(data_dir)]
    return subprocess.Popen(
        command, env={**os.environ, PASSWORD_VARIABLE: password}, stdin=subprocess.DEVNULL
    )
