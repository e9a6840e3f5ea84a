"""Exclusive locks between processes, on lock files kept beside the data they protect.

The lock file is separate from the data file because the data file is replaced on every save:
a lock on it would be lost with the old inode. Lock files are never deleted, so every process
waits on the same inode. If one is deleted anyway (a clean-up script), the next program locks
a new file while the holder still holds the old one: `HeldLock.still_held` tells the holder,
and a transaction checks it (and that the data file is the one it read) before it replaces
anything, so such a lock loss makes the transaction start again instead of losing a write.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer.store.errors import StoreError

LOCK_TIMEOUT_SECONDS = 30.0


class HeldLock:
    """A lock this process holds; knows whether its lock file is still the one at its path."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._identity = _identity_of_fd(fd)

    def still_held(self) -> bool:
        """False when the lock file was deleted or replaced since it was locked."""
        if self._identity is None:  # the lock library hid its descriptor: cannot tell
            return True
        try:
            found = os.stat(self.path)
        except OSError:
            return False
        return (found.st_dev, found.st_ino) == self._identity


def _identity_of_fd(fd: int | None) -> tuple[int, int] | None:
    if not isinstance(fd, int):
        return None
    try:
        opened = os.fstat(fd)
    except OSError:
        return None
    return opened.st_dev, opened.st_ino


@contextmanager
def exclusive(
    lock_path: Path, what: str, timeout: float = LOCK_TIMEOUT_SECONDS
) -> Iterator[HeldLock]:
    """Hold the lock at `lock_path`; `what` names the protected data in the timeout message."""
    # Imported here, not at the top: filelock costs ~50 ms to import, and the learner app's
    # first screen only reads (reads take no lock), so start-up does not pay for it.
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path, timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            f"Another trainer program has been saving {what} for more than {timeout:.0f} s; "
            "nothing was saved. Try again; if this keeps happening, close other trainer windows."
        ) from None
    except OSError as error:
        raise StoreError(
            f"Could not lock {what} ({error.strerror or error}); nothing was saved. "
            "Check that the data folder is writable."
        ) from error
    try:
        yield HeldLock(lock_path, getattr(getattr(lock, "_context", None), "lock_file_fd", None))
    finally:
        lock.release()
