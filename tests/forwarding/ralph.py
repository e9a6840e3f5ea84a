"""A real Ralph LRS on loopback that a test can stop and start again on the same storage.

Ralph's API app with its file-system backend set to append (tests/export/ralph_lrs_server.py
says why: stock `ralph runserver -b fs` stores new statements from one request only).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.export.test_real_lrs import PASSWORD, SERVER, USER, Lrs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Ralph:
    def __init__(self, command: str, home: Path) -> None:
        self.command, self.home = command, home
        self.port = free_port()
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(home / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
        }
        credentials = ["-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:hr@firma.pl", "-w"]
        subprocess.run(
            [command, "auth", *credentials], env=self.env, check=True, capture_output=True
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.client = Lrs(self.url)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        statements = self.home / "statements"
        statements.mkdir(exist_ok=True)
        env = {**self.env, "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(statements)}
        python = Path(self.command).parent / "python"
        log = (self.home / "server.log").open("ab")
        self.process = subprocess.Popen(
            [str(python), str(SERVER), "127.0.0.1", str(self.port)],
            env=env,
            cwd=self.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.request("GET")[0] == 200:
                    return
            except OSError:
                pass
            assert self.process.poll() is None, (self.home / "server.log").read_text()
            assert time.monotonic() < deadline, (self.home / "server.log").read_text()
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None
