"""Choices a person makes about the app's look, kept per machine user (not in the learner record).

The file is small JSON in the user's config folder (platformdirs). It is a convenience: a missing,
damaged or unreadable file means the defaults, and a file that cannot be written means the choice
lasts until the app closes. Neither ever stops the app.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal, get_args

from trainer.locations import default_config_dir

SETTINGS_FILE = "settings.json"

Look = Literal["dark", "light"]


@dataclass(frozen=True)
class UserSettings:
    """What is remembered between runs; unknown keys (from a newer version) are ignored.

    A plain dataclass, not a pydantic model: it is read at every start, and building a model
    class costs more start-up time than this one field is worth.
    """

    look: Look = "dark"

    def with_look(self, look: Look) -> UserSettings:
        return replace(self, look=look)

    @classmethod
    def from_json(cls, raw: str) -> UserSettings:
        """The settings in `raw`; anything unreadable or unknown falls back to the default."""
        try:
            data = json.loads(raw)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        looks: dict[object, Look] = {look: look for look in get_args(Look)}
        return cls(look=looks.get(data.get("look"), "dark"))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def settings_path() -> Path:
    return default_config_dir() / SETTINGS_FILE


def load_settings(path: Path) -> UserSettings:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return UserSettings()
    return UserSettings.from_json(raw)  # damaged or hand-edited: the defaults


def save_settings(settings: UserSettings, path: Path) -> bool:
    """Write the settings whole (a crash leaves the old file or the new one); False on failure."""
    import tempfile  # only when a choice is saved, not at every start

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(settings.to_json())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
