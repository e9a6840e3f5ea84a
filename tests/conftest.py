"""Fixtures every test folder may use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def mini_course_dir(tmp_path: Path) -> Path:
    """A private copy of the mini course, so a test may edit its files."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def own_settings_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own settings file: a look chosen in one test never leaks into another
    (or into the developer's own ~/.config)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(folder))
    return folder
