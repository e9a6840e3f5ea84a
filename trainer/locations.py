"""Where things live on disk. Computed inside functions, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

COURSE_FILE = "course.yml"


def bundled_course_dir() -> Path:
    """The sample course shipped with the package.

    An installed wheel carries it as `trainer/sample_course/`; a source checkout (editable
    install) keeps it at the repository root, one level above the package.
    """
    package_dir = Path(__file__).resolve().parent
    in_wheel = package_dir / "sample_course"
    if (in_wheel / COURSE_FILE).is_file():
        return in_wheel
    return package_dir.parent


def default_course_dir(cwd: Path | None = None) -> Path:
    """Fallback when neither --course nor TRAINER_COURSE is given: cwd or the sample."""
    here = cwd or Path.cwd()
    if (here / COURSE_FILE).is_file():
        return here
    return bundled_course_dir()


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/ambassador-trainer)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ambassador-trainer", appauthor=False))


def language_from_environment() -> str | None:
    """Two-letter language from LC_ALL / LC_MESSAGES / LANG (e.g. `pl_PL.UTF-8` -> `pl`)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(".")[0].split("_")[0].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return None


def default_cache_dir() -> Path:
    """Where derived, re-creatable data lives (the validated-course cache)."""
    override = os.environ.get("TRAINER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ambassador-trainer", appauthor=False))


def default_config_dir() -> Path:
    """Where a person's own settings live (e.g. ~/.config/ambassador-trainer)."""
    override = os.environ.get("TRAINER_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("ambassador-trainer", appauthor=False))
