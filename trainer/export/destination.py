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


class ExportWriteError(Exception):
    """The output could not be written (missing folder, full disk, no permission); nothing was
    left behind. `str(e)` is one line for the person who ran the command."""


def _write_failure(error: OSError, target: Path) -> ExportWriteError:
    from trainer.plain_text import single_line
    from trainer.store.errors import NO_SPACE_ERRNOS

    where = single_line(str(target))
    if error.errno in NO_SPACE_ERRNOS:
        return ExportWriteError(
            f"The disk is full: {where} was not written (no partial file was left). Free some "
            "space and try again."
        )
    if isinstance(error, FileNotFoundError) and not target.parent.is_dir():
        return ExportWriteError(
            f"Cannot write {where}: the folder {single_line(str(target.parent))} does not "
            "exist. Nothing was written."
        )
    return ExportWriteError(
        f"Could not write {where} ({error.strerror or error}); nothing was written."
    )


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
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise _write_failure(error, target) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _write_failure(error, target) from None
        raise
