"""Where a terminal app's deliveries (exports, a learner's record) are saved."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from platformdirs import user_downloads_path


def local_save_folder(preferred: Path | None = None) -> Path:
    """`preferred`, else the user's Downloads folder, created if missing.

    Textual saves terminal deliveries there but does not create it, and servers and fresh
    accounts often have none. Raises OSError when the folder cannot be made.
    """
    folder = preferred or user_downloads_path()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_private(path: Path | None) -> None:
    """A delivered file (an export, a learner's record) is for its owner only, like every file
    the product writes; Textual creates it with the default mode."""
    if path is not None:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def save_new_file(folder: Path, filename: str, data: bytes) -> Path:
    """Write `data` to `folder/filename`, or to `name (2).ext`, `name (3).ext`, ... when that
    name is taken: a file already there (an earlier record, someone else's) is never replaced.

    The name is claimed with an exclusive create, so two saves at once cannot pick the same one.
    Raises OSError when the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    for number in range(1, 10_000):
        name = filename if number == 1 else f"{stem} ({number}){dot}{suffix}"
        target = folder / name
        try:
            file = open(target, "xb")  # noqa: SIM115 - closed below; removed if the write fails
        except FileExistsError:
            continue
        try:
            with file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink()  # ours: made by the exclusive create above
            raise
        keep_private(target)
        return target
    raise FileExistsError(f"{folder / filename}: every numbered name is taken")
