"""Snapshots of the screens whose look this branch changed: the review of a wrong attempt (right
answers one a line, wrapped lines hanging) and a quiz resumed in the other language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import FIXTURES
from tests.tui.conftest import load
from tests.tui.test_snapshots import app_at, read_module, settle, take_quiz
from trainer.store.folder import DataFolder
from trainer.tui.screens.quiz import open_quiz
from trainer.tui.screens.quiz_review import QuizReviewScreen

SIZES = [(80, 24), (120, 40)]


@pytest.mark.usefixtures("warsaw_time")  # the attempt list shows local times
@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("size", SIZES)
def test_review_of_a_wrong_attempt(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    app = app_at(tmp_path, "reading", lang)
    folder = DataFolder(tmp_path / "data")
    course = load(FIXTURES / "mini_course")
    read_module(folder, course, "first-post", 12)
    take_quiz(folder, course, correct=False, finish=True, lang=lang)

    async def open_review(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(QuizReviewScreen(course.quizzes["basics-quiz"]))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_review)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_quiz_resumed_in_the_other_language(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    app = app_at(tmp_path, "reading", lang)
    folder = DataFolder(tmp_path / "data")
    course = load(FIXTURES / "mini_course")
    read_module(folder, course, "first-post", 12)
    take_quiz(folder, course, correct=False, finish=False, lang="pl" if lang == "en" else "en")

    async def resume(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_quiz(pilot.app, "basics-quiz")  # type: ignore[arg-type]
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=resume)
