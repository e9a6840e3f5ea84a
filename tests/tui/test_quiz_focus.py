"""After "Next question" the next question's answers have the focus, on every path there."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from tests.responses import correct_response
from tests.tui.conftest import load
from tests.tui.journey import give_answer
from tests.tui.screen_marks import screen_lines, shown_answers
from tests.tui.test_snapshots import at, learner_at, read_module
from trainer.learning import attempts as attempt_rules
from trainer.store.folder import DataFolder
from trainer.tui.app import make_app
from trainer.tui.navigation import open_target
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.widgets.answer_list import AnswerList


@pytest.mark.parametrize("path", ["enter", "ctrl+s", "click"])
async def test_the_next_question_has_the_focus_whichever_way_the_learner_goes_on(
    mini_course_dir: Path, data_dir: Path, path: str
) -> None:
    course = load(mini_course_dir)
    learner_at(data_dir, course, "reading")
    read_module(DataFolder(data_dir), course, "first-post", 12)
    attempt = attempt_rules.new_attempt(
        course.quizzes["basics-quiz"], [], lang="en", seed=7, attempt_id="a0", now=at(30)
    )
    DataFolder(data_dir).learner("ola").start_attempt(attempt)
    app = make_app(course, data_dir, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_target(app, "quiz:basics-quiz")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for number in range(len(attempt.question_ids) - 1):
            await give_answer(pilot, correct_response(screen.question))
            assert screen.index == number
            if path == "click":
                await pilot.click(screen.query_one("#submit", Button))
            else:
                await pilot.press(path)
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert screen.index == number + 1
            focused = screen.focused
            if screen.question.kind == "short":
                assert isinstance(focused, Input)
                await pilot.press("x")
                assert focused.value == "x"
                focused.value = ""
                continue
            assert isinstance(focused, AnswerList)
            # The learner's keys work at once: down moves the ▶, Space/[ acts on that row.
            await pilot.press("down")
            await pilot.pause()
            rows = shown_answers(screen_lines(app))
            assert [r.cursor for r in rows][:2] == [False, True]
            await pilot.press("up")
