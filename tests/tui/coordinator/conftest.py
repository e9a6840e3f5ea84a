from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tui.coordinator.cohort import Cohort, fill_cohort, mini_course
from trainer.content.models import Course
from trainer.store.folder import DataFolder


@dataclass(frozen=True)
class Setting:
    """A course, a data folder filled through the store, and where exports are saved."""

    course: Course
    folder: DataFolder
    cohort: Cohort
    downloads: Path


@pytest.fixture
def setting(tmp_path: Path) -> Setting:
    course = mini_course()
    folder = DataFolder(tmp_path / "data")
    cohort = fill_cohort(folder, course)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    return Setting(course, folder, cohort, downloads)
