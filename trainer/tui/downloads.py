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
