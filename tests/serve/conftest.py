"""A served learner app on a copy of the mini course and a real data folder with invitations."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.content.loader import load_course
from trainer.identity.invitations import issue_invite
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def invite(data_dir: Path, email: str, name: str, team: str = "Sales") -> str:
    """Invite a learner the way a roster import does, and return their one-time code."""
    data = DataFolder(data_dir)
    learner_id = data.new_learner_id(name, email)
    data.create_learner(
        LearnerProfile(learner_id=learner_id, name=name, email=email, team=team, status="invited")
    )
    return issue_invite(data, learner_id).code


@pytest.fixture
def served_app(course_dir: Path, data_dir: Path) -> Callable[[], TrainerApp]:
    """A new served app process (one browser tab) on the shared data folder, per call."""

    def factory() -> TrainerApp:
        result = load_course(course_dir)
        assert result.course is not None
        return make_app(result.course, data_dir, "en", served=True)

    return factory
