"""Serve the learner app over HTTP + websockets with textual-serve.

textual-serve starts the command below once per browser tab (a websocket), so each person
gets their own process and the processes share only the data folder, through the store's
locks. The server binds to loopback by default: put an HTTPS reverse proxy in front of it
(docs/operations.md) rather than exposing it directly.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

from trainer.plain_text import terminal_safe

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


def serve(
    course_dir: Path,
    data_dir: Path,
    lang: str | None,
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    public_url: str | None = None,
    dashboard: bool = False,
) -> int:
    """Check the course and repair the data folder once, then serve until Ctrl+C / SIGTERM."""
    from trainer.content.loader import load_course
    from trainer.identity.credentials import IdentityFolder
    from trainer.store.folder import DataFolder
    from trainer.tui.launch import print_course_errors

    try:
        url = public_url_for(host, port, public_url)
    except PublicUrlError as error:
        print(terminal_safe(str(error)), file=sys.stderr)
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
    from trainer.serve.verify_page import VerifyingServer

    server = VerifyingServer(
        tab_command(course_dir, data_dir, lang, dashboard=dashboard),
        host=host,
        port=port,
        title=terminal_safe(title),
        public_url=url,
        data_dir=data_dir,
        lang=lang,
    )
    server.serve()
    return 0
