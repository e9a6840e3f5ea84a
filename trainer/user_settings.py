"""Choices a person makes about the app's look, kept per machine user (not in the learner record).

The file is small JSON in the user's config folder (platformdirs). It is a convenience: a missing,
damaged or unreadable file means the defaults, and a file that cannot be written means the choice
lasts until the app closes. Neither ever stops the app.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from trainer.locations import default_config_dir

SETTINGS_FILE = "settings.json"

Look = Literal["dark", "light"]


class UserSettings(BaseModel):
    """What is remembered between runs; unknown keys (from a newer version) are ignored."""

    model_config = ConfigDict(extra="ignore")

    look: Look = "dark"


def settings_path() -> Path:
    return default_config_dir() / SETTINGS_FILE


def load_settings(path: Path) -> UserSettings:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return UserSettings()
    try:
        return UserSettings.model_validate(json.loads(raw))
    except (ValueError, ValidationError):  # damaged or hand-edited: start from the defaults
        return UserSettings()


def save_settings(settings: UserSettings, path: Path) -> bool:
    """Write the settings whole (a crash leaves the old file or the new one); False on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(settings.model_dump_json(indent=2) + "\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
