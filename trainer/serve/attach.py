"""The command textual-serve runs for each browser tab: hand this tab to the fork server.

Run as `python -I -S attach.py SOCKET` (standard library only, no site-packages: it starts
in a few milliseconds). It passes its stdin, stdout and stderr (the pipes textual-serve reads
and writes) and its environment to the fork server over a Unix socket with SCM_RIGHTS, lets
go of its own copies of the pipes, then waits for the forked session's exit status (one
line, e.g. "0") and exits with it. The waiting is done by /bin/sh, which this process
becomes: an interpreter kept alive only to wait would cost ~4 MiB per tab, a shell ~0.2 MiB.
If the waiter is killed, the fork server sees the socket close and ends the session.
"""

from __future__ import annotations

import array
import os
import socket
import sys

WAITER = "/bin/sh"
# fd 3 is the socket: the fork server writes the session's exit status on it as one line.
WAIT_SCRIPT = 'read -r status <&3 || exit 1; exit "$status"'


def environment_block() -> bytes:
    """KEY=VALUE pairs separated by NUL (no JSON: importing it would cost start-up time)."""
    return b"\0".join(
        os.fsencode(key) + b"=" + os.fsencode(value) for key, value in os.environ.items()
    )


def attach(socket_path: str) -> int:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(socket_path)
        block = environment_block()
        header = len(block).to_bytes(4, "big")
        fds = array.array("i", [0, 1, 2])
        connection.sendmsg([header + block], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
    except OSError as error:
        print(f"trainer: the session server is not reachable ({error})", file=sys.stderr)
        return 1
    # The session owns the pipes now: drop our copies so its exit closes them.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    if connection.fileno() != 3:
        os.dup2(connection.fileno(), 3)  # dup2 makes it inheritable
        connection.close()
    else:
        os.set_inheritable(3, True)
    try:
        os.execv(WAITER, ["sh", "-c", WAIT_SCRIPT])
    except OSError:
        return 1
    return 1  # pragma: no cover - execv does not return


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: attach.py SOCKET", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(attach(sys.argv[1]))
