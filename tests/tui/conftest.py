"""Build the learner app the way the CLI does, on a copy of a real course and a real store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.tui.app import TrainerApp, make_app

REPO = Path(__file__).resolve().parents[2]

AppFactory = Callable[..., TrainerApp]


def load(course_dir: Path) -> Course:
    result = load_course(course_dir)
    assert result.course is not None, [d.format() for d in result.diagnostics]
    return result.course


@pytest.fixture
def make_learner_app(mini_course_dir: Path, data_dir: Path) -> AppFactory:
    """A new app process on the same data folder each call (as if the app was reopened)."""

    def factory(lang: str = "en", course_dir: Path | None = None) -> TrainerApp:
        return make_app(load(course_dir or mini_course_dir), data_dir, lang)

    return factory


@pytest.fixture
def warsaw_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Warsaw's for this test (screens show the learner's local time), so the
    screens read the same on every machine."""
    import time

    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
