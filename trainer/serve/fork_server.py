"""The fork server: one warm, single-threaded parent that starts every tab's session by fork().

`trainer serve` forks this process before it starts its web server (so before any thread or
event loop exists). It imports Textual and every screen once, holds the validated course,
freezes those objects out of the garbage collector's reach (`gc.freeze()`, so children do not
copy the pages just by collecting), and then waits on a Unix socket. Each browser tab's attach
client (attach.py) sends its stdin/stdout/stderr and environment; the server forks a child
that takes those pipes over and runs the app for that one person. Each learner still has a
process of their own: nothing mutable is shared, a crash ends one session, and the store's
file locks work between sessions as before.

The course is checked again before each fork: when its files changed, it is reloaded and
validated here once; a course with errors is reported and the last valid one keeps serving.
"""

from __future__ import annotations

import fcntl
import gc
import importlib
import os
import pkgutil
import selectors
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from trainer.content.models import Course

# What textual-serve puts in each app's environment. Textual reads these once, when it is
# imported, so the fork server sets them before importing it.
TEXTUAL_SERVE_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
MAX_REQUEST = 256 * 1024  # an environment block larger than this is refused
REQUEST_TIMEOUT = 5.0  # seconds an attach client may take to send its request
STOP_GRACE = 5.0  # seconds sessions get to save and exit before SIGKILL

TabRunner = Callable[[Course], int]


@dataclass
class _Session:
    pid: int
    pidfd: int
    connection: socket.socket


class _Stop(Exception):
    """SIGTERM / SIGHUP reached the fork server."""


class ForkServer:
    """Runs in the forked parent: wait for attach clients, fork one session per tab."""

    def __init__(
        self,
        listener: socket.socket,
        control_fd: int,
        course: Course,
        run_tab: TabRunner,
        reload_course: Callable[[], Course | None],
        fingerprint: Callable[[], str],
        warm_up: Callable[[Course], None] | None = None,
        log: TextIO = sys.stderr,
    ) -> None:
        self.listener = listener
        self.control_fd = control_fd  # read end of a pipe from `trainer serve`: EOF = it is gone
        self.course = course
        self.run_tab = run_tab
        self.reload_course = reload_course
        self.fingerprint = fingerprint
        self.course_fingerprint = fingerprint()
        self.warm_up = warm_up
        self.log = log
        self.sessions: dict[int, _Session] = {}  # by pidfd
        self.selector = selectors.DefaultSelector()

    # -- start-up --------------------------------------------------------------------------

    def preload(self) -> None:
        """Import everything a session uses, then keep the GC off these objects for good."""
        os.environ.update(TEXTUAL_SERVE_ENVIRONMENT)
        import textual.drivers.web_driver  # noqa: F401  (the driver every session uses)

        import trainer.tui

        for module in pkgutil.walk_packages(trainer.tui.__path__, "trainer.tui."):
            importlib.import_module(module.name)
        if self.warm_up is not None:
            self.warm_up(self.course)
            if threading.active_count() != 1:  # pragma: no cover - a fork must not inherit one
                raise RuntimeError("the warm-up left a thread running; cannot fork safely")
        self._freeze()

    @staticmethod
    def _freeze() -> None:
        gc.collect()
        gc.freeze()  # children never touch these objects' GC headers, so they stay shared

    # -- the loop --------------------------------------------------------------------------

    def serve_forever(self) -> int:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for `trainer serve` to handle
        signal.signal(signal.SIGTERM, _raise_stop)
        signal.signal(signal.SIGHUP, _raise_stop)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        self.selector.register(self.control_fd, selectors.EVENT_READ, "control")
        try:
            while True:
                for key, _ in self.selector.select():
                    if key.data == "accept":
                        self._accept()
                    elif key.data == "control":
                        if not os.read(self.control_fd, 512):
                            return 0  # `trainer serve` has gone: stop the sessions too
                    elif key.data == "exited":
                        self._reap(key.fd)
                    elif key.data == "client":
                        self._client_readable(key.fileobj)  # type: ignore[arg-type]
        except _Stop:
            return 0
        finally:
            self._stop_sessions()

    def _accept(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except BlockingIOError:
            return
        try:
            request = self._read_request(connection)
        except (OSError, ValueError) as error:
            print(f"fork server: refused an attach request ({error})", file=self.log)
            connection.close()
            return
        fds, environment = request
        self._check_course()
        try:
            pid = os.fork()
        except OSError as error:
            print(f"fork server: cannot start a session ({error})", file=self.log)
            for fd in fds:
                os.close(fd)
            connection.close()
            return
        if pid == 0:
            self._become_session(fds, environment)  # never returns
        for fd in fds:
            os.close(fd)
        pidfd = os.pidfd_open(pid)
        session = _Session(pid, pidfd, connection)
        self.sessions[pidfd] = session
        self.selector.register(pidfd, selectors.EVENT_READ, "exited")
        self.selector.register(connection, selectors.EVENT_READ, "client")

    def _read_request(self, connection: socket.socket) -> tuple[list[int], dict[str, str]]:
        """The three pipe ends and the environment block an attach client sends."""
        connection.settimeout(REQUEST_TIMEOUT)
        peer = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", peer)
        if uid != os.getuid():
            raise ValueError(f"attach from another user (uid {uid})")
        data, fds, _flags, _address = socket.recv_fds(connection, MAX_REQUEST + 4, 3)
        try:
            if len(fds) != 3:
                raise ValueError(f"expected 3 file descriptors, got {len(fds)}")
            while len(data) < 4:
                more = connection.recv(4 - len(data))
                if not more:
                    raise ValueError("request cut short")
                data += more
            size = int.from_bytes(data[:4], "big")
            if size > MAX_REQUEST:
                raise ValueError("environment block too large")
            block = data[4:]
            while len(block) < size:
                more = connection.recv(size - len(block))
                if not more:
                    raise ValueError("request cut short")
                block += more
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        connection.setblocking(False)
        return fds, _parse_environment(block[:size])

    def _client_readable(self, connection: socket.socket) -> None:
        """An attach client sends nothing after its request: readable means it has gone."""
        try:
            if connection.recv(64):
                return
        except BlockingIOError:
            return
        except OSError:
            pass
        for session in self.sessions.values():
            if session.connection is connection:
                self.selector.unregister(connection)
                with suppress(OSError):  # the other side may already be gone
                    os.kill(session.pid, signal.SIGTERM)  # nobody is watching this session
                return

    def _reap(self, pidfd: int) -> None:
        session = self.sessions.pop(pidfd)
        self.selector.unregister(pidfd)
        os.close(pidfd)
        _, status = os.waitpid(session.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        with suppress(OSError):  # the other side may already be gone
            session.connection.setblocking(True)
            session.connection.settimeout(1.0)
            status = 128 - code if code < 0 else code  # killed by signal N: 128 + N
            session.connection.sendall(f"{status}\n".encode())
        with suppress(OSError):  # the other side may already be gone
            self.selector.unregister(session.connection)
        session.connection.close()

    def _check_course(self) -> None:
        """Reload the course when its files changed; keep the last valid one on errors."""
        current = self.fingerprint()
        if current == self.course_fingerprint:
            return
        self.course_fingerprint = current
        course = self.reload_course()
        if course is not None:
            self.course = course
            print("fork server: the course changed; new tabs get the new version", file=self.log)
            self._freeze()
        else:
            print(
                "fork server: the course changed but has errors (see `trainer validate`); "
                "new tabs keep the last valid version",
                file=self.log,
            )

    # -- in the child ----------------------------------------------------------------------

    def _become_session(self, fds: list[int], environment: dict[str, str]) -> None:
        """Turn this fresh child into one tab's app process; exits, never returns."""
        code = 70
        try:
            os.setsid()  # a Ctrl+C meant for the server does not hit the sessions directly
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(number, signal.SIG_DFL)
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds]
            for target, fd in enumerate(high):
                os.dup2(fd, target)  # dup2 leaves the copy inheritable, as stdio should be
            for fd in (*fds, *high):
                os.close(fd)
            self._close_server_side()
            os.environ.clear()
            os.environ.update(environment)
            code = self.run_tab(self.course)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            traceback.print_exc()  # reaches textual-serve through the tab's stderr
        finally:
            for stream in (sys.stdout, sys.stderr):
                with suppress(OSError):  # the other side may already be gone
                    stream.flush()
            os._exit(code)

    def _close_server_side(self) -> None:
        """A session must hold no other tab's socket, pidfd or the server's own ends."""
        for session in self.sessions.values():
            session.connection.close()
            os.close(session.pidfd)
        self.sessions.clear()
        self.selector.close()
        self.listener.close()
        os.close(self.control_fd)

    # -- shutting down ---------------------------------------------------------------------

    def _stop_sessions(self) -> None:
        for session in self.sessions.values():
            with suppress(OSError):  # the other side may already be gone
                os.kill(session.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        waiting = {session.pid for session in self.sessions.values()}
        while waiting and time.monotonic() < deadline:
            for pid in list(waiting):
                with suppress(OSError):  # the other side may already be gone
                    done, _ = os.waitpid(pid, os.WNOHANG)
                    if done:
                        waiting.discard(pid)
            time.sleep(0.05)
        for pid in waiting:
            with suppress(OSError):  # the other side may already be gone
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _parse_environment(block: bytes) -> dict[str, str]:
    environment: dict[str, str] = {}
    for entry in block.split(b"\0"):
        key, separator, value = entry.partition(b"=")
        if separator and key:
            environment[os.fsdecode(key)] = os.fsdecode(value)
    return environment


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop()


def attach_command(socket_path: Path) -> str:
    """The shell command textual-serve runs per tab (`exec`: no shell left waiting)."""
    import shlex

    script = Path(__file__).with_name("attach.py")
    return "exec " + shlex.join([sys.executable, "-I", "-S", str(script), str(socket_path)])
