"""Replace a file so that, whatever happens, the path holds either the old bytes or the new ones.

The new content goes to a temporary file in the same folder (same file system, so the rename is
atomic), is flushed and fsynced, renamed over the old file with `os.replace`, and the folder is
fsynced so the rename itself survives a power cut. Only then is the save reported as done.
A temporary file is always removed on failure; one left by a killed process is "stale" and the
next start-up removes it (see `is_temporary_name`).
"""

from __future__ import annotations

import os
import secrets
import stat
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from trainer.store.errors import StoreError, save_failure

TEMP_SUFFIX = ".tmp"
NEW_FILE_MODE = 0o600  # learner files hold names and e-mail addresses
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and any missing parents) readable by the owner only.

    `Path.mkdir(parents=True, mode=...)` gives the mode to the last folder alone; parents get
    the default (0755 with the usual umask), which would leave a data root or a backup folder
    readable by everyone on the machine. Folders that already exist are left as they are.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:  # made meanwhile by another program
            continue
        os.chmod(path, PRIVATE_FOLDER_MODE)  # the umask may have taken bits away; never adds


def temporary_name(target: Path) -> Path:
    """A hidden, unique sibling of `target`: `.<name>.<random>.tmp`."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def is_temporary_name(name: str, target_name: str | None = None) -> bool:
    """Whether `name` is a temporary file made by `temporary_name` (for `target_name` if given)."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return False
    return target_name is None or name.startswith(f".{target_name}.")


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    target: Path, data: bytes, replacing: AbstractContextManager[object] | None = None
) -> None:
    """Durably replace `target` with `data`; raise `StoreError`/`StoreFullError` on failure.

    `replacing` is entered after the new bytes are on disk and held around the rename; it may
    raise to cancel the save (a transaction checks there that nobody replaced the file since
    it read it). On any failure the old `target` is untouched and no temporary file remains.
    """
    temp = temporary_name(target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    except OSError as error:
        raise save_failure(error, target) from error
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as error:
        raise save_failure(error, target) from error
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            with replacing if replacing is not None else nullcontext():
                os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise save_failure(error, target) from error
    try:
        fsync_folder(target.parent)
    except OSError as error:
        raise StoreError(
            f"{target.name} was written but the system could not confirm it reached the disk "
            f"({error.strerror or error}). Check the disk before relying on the last change."
        ) from error
