from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer.identity.gate import ServedSignIn
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@dataclass
class StepClock:
    """A clock the test moves by hand, so backoff and expiry are checked without sleeping."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def gate(data: DataFolder, clock: StepClock) -> ServedSignIn:
    return ServedSignIn(data, clock=clock)


def invited(data: DataFolder, email: str, name: str = "Anna Nowak") -> str:
    learner_id = data.new_learner_id(name, email)
    data.create_learner(
        LearnerProfile(
            learner_id=learner_id, name=name, email=email, team="Sales", status="invited"
        )
    )
    return learner_id
