from __future__ import annotations

from pathlib import Path

import pytest

from trainer.store import DataFolder


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")
