"""Where a terminal app's deliveries (exports, a learner's record) are saved."""

from __future__ import annotations

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
