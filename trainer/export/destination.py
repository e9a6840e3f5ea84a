"""Where an export goes: a file that appears only when the export succeeded, or stdout.

A failed export (unreadable learner file, unknown team, full disk) must not leave a
half-written file that looks like a finished one, so a named file is written under a
temporary name in the same folder and renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def export_destination(path: Path | None) -> Iterator[TextIO]:
    """A UTF-8 text stream with `newline=""` (CSV writes its own CRLF); `None` means stdout."""
    if path is None or str(path) == "-":
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
