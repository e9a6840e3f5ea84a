"""Exclusive locks between processes, on lock files kept beside the data they protect.

The lock file is separate from the data file because the data file is replaced on every save:
a lock on it would be lost with the old inode. Lock files are never deleted, so every process
waits on the same inode. If one is deleted anyway (a clean-up script), the next program locks
a new file while the holder still holds the old one; a learner transaction therefore checks,
just before it replaces the file, that the file is still the one it read, and starts again
from the new content if not (`trainer.store.learner`), instead of losing the other's write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer.store.errors import StoreError

LOCK_TIMEOUT_SECONDS = 30.0


@contextmanager
def exclusive(lock_path: Path, what: str, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
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
        yield
    finally:
        lock.release()
