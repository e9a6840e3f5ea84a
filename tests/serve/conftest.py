"""A served learner app on a copy of the mini course and a real data folder with invitations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.content.loader import load_course
from trainer.identity.invitations import issue_invite
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app


def invite(data_dir: Path, email: str, name: str, team: str = "Sales") -> str:
    """Invite a learner the way a roster import does, and return their one-time code."""
    data = DataFolder(data_dir)
    learner_id = data.new_learner_id(name, email)
    data.create_learner(
        LearnerProfile(learner_id=learner_id, name=name, email=email, team=team, status="invited")
    )
    return issue_invite(data, learner_id).code


@pytest.fixture
def served_app(mini_course_dir: Path, data_dir: Path) -> Callable[[], TrainerApp]:
    """A new served app process (one browser tab) on the shared data folder, per call."""

    def factory() -> TrainerApp:
        result = load_course(mini_course_dir)
        assert result.course is not None
        return make_app(result.course, data_dir, "en", served=True)

    return factory
