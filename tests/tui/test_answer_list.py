"""What the learner sees marked is exactly what is stored and graded, however answers wrap.

Textual's SelectionList draws one option per screen line; answers that wrapped slid the tick
boxes onto the wrong answers (issue 10). These tests read the marks off the terminal, the way a
learner does, and compare them with the response the app stores and grades.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.pilot import Pilot

from tests.tui.conftest import REPO, load
from tests.tui.screen_marks import screen_lines, shown_answers, squeeze
from trainer.content.models import MultipleChoice
from trainer.learning.grading import grade_answer
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.markdown_text import inline_markdown
from trainer.tui.navigation import open_target
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.widgets.answer_list import AnswerList, ListKind

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def sample_app_with_program_read(data_dir: Path, lang: str = "en") -> TrainerApp:
    """The sample course, a learner who has read the `program` module (its quiz is open)."""
    course = load(REPO)
    folder = DataFolder(data_dir)
    profile = LearnerProfile(
        learner_id="ola", name="Ola Nowak", email="ola@firma.pl", team="Sales", created_at=NOW
    )
    folder.create_learner(profile)
    folder.set_last_learner_id("ola")
    module = course.module("program")
    pages = len(module.text("en").pages)
    progress = start_module("program", now=NOW)
    for page in range(pages):
        progress = mark_page(progress, page, pages, now=NOW)
    folder.learner("ola").save_module_progress(progress)
    return make_app(course, data_dir, lang)


async def open_question(pilot: Pilot[Any], question_id: str) -> QuizScreen:
    await open_target(pilot.app, "quiz:program")  # type: ignore[arg-type]
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    while screen.question.id != question_id:
        screen.index += 1
        screen.show_question()
    await pilot.pause()
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_answers_ticked_on_screen_are_the_ones_stored_and_graded(
    data_dir: Path, size: tuple[int, int]
) -> None:
    """Issue 10's repro: sample quiz `program`, the question whose answers cite sources."""
    app = sample_app_with_program_read(data_dir)
    async with app.run_test(size=size) as pilot:
        screen = await open_question(pilot, "data-sources")
        question = screen.question
        assert isinstance(question, MultipleChoice)
        by_text = {squeeze(inline_markdown(c.text).plain): c.index for c in question.choices}
        shown = shown_answers(screen_lines(app))
        assert sorted(a.text for a in shown) == sorted(by_text), "every answer has its box"
        assert screen.focused is screen.query_one(AnswerList)

        # Move to the Nielsen answer the way a learner does, watching the ▶, and tick it;
        # then tick the long "8 times more engagement" answer (it wraps at both sizes).
        for wanted in ("Nielsen", "8times"):
            await pilot.press("home")
            for _ in shown:
                await pilot.pause()
                if wanted in next(a for a in shown_answers(screen_lines(app)) if a.cursor).text:
                    break
                await pilot.press("down")
            await pilot.press("space")
        await pilot.pause()
        marked = {by_text[a.text] for a in shown_answers(screen_lines(app)) if a.marked}
        nielsen = next(i for text, i in by_text.items() if "Nielsen" in text)
        engagement = next(i for text, i in by_text.items() if "8times" in text)
        assert marked == {nielsen, engagement}

        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

    record = DataFolder(data_dir).learner("ola").read()
    (attempt,) = record.attempts
    (answer,) = attempt.answers
    assert answer.question_id == "data-sources"
    assert answer.response == sorted(marked)
    scoring = app.services.course.quizzes["program"].scoring
    graded = grade_answer(question, sorted(marked), scoring=scoring)
    assert (answer.points, answer.correct) == (graded.points, graded.correct)


class ListApp(App[None]):
    """Nothing but an answer list in a scrolling body, as the quiz screen has it."""

    CSS_PATH = str(REPO / "trainer" / "tui" / "trainer.tcss")

    def __init__(self, kind: ListKind, texts: list[str]) -> None:
        super().__init__()
        self.kind: ListKind = kind
        self.texts = texts

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="quiz-body"):
            yield AnswerList(
                self.kind, [Content(t) for t in self.texts], list(range(len(self.texts)))
            )


LETTERS = "abcdefghijklmnoprstuwyząćęłńóśźżABCŁŻ0123456789%—.,"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=14)
ANSWER = st.lists(WORD, min_size=1, max_size=40).map(" ".join)
ACTION = st.one_of(
    st.sampled_from(
        [
            "up",
            "down",
            "space",
            "enter",
            "home",
            "end",
            "left_square_bracket",
            "right_square_bracket",
        ]
    ),
    st.integers(min_value=0, max_value=5).map(lambda n: f"click:{n}"),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["single", "multiple", "ordering"]),
    texts=st.lists(ANSWER, min_size=2, max_size=6, unique_by=squeeze),
    width=st.integers(min_value=30, max_value=150),
    actions=st.lists(ACTION, max_size=12),
)
def test_marks_on_screen_equal_the_response_at_any_width(
    kind: ListKind, texts: list[str], width: int, actions: list[str]
) -> None:
    asyncio.run(_marks_equal_response(kind, texts, width, actions))


async def _marks_equal_response(
    kind: ListKind, texts: list[str], width: int, actions: list[str]
) -> None:
    app = ListApp(kind, texts)
    async with app.run_test(size=(width, 200)) as pilot:
        answers = app.query_one(AnswerList)
        answers.focus()
        await pilot.pause()
        for action in actions:
            if action.startswith("click:"):
                position = int(action.split(":")[1]) % len(texts)
                await pilot.click(answers.query(".answer-text")[position])
            else:
                await pilot.press(action)
        await pilot.pause()
        await pilot.pause()
        shown = shown_answers(screen_lines(app))
        by_text = {squeeze(t): i for i, t in enumerate(texts)}
        assert [a.text for a in shown] == [squeeze(texts[i]) for i in answers.order]
        on_screen_order = [by_text[a.text] for a in shown]
        marked = sorted(by_text[a.text] for a in shown if a.marked)
        response = answers.response()
        if kind == "ordering":
            assert response == on_screen_order
            assert [a.mark for a in shown] == [f"{n}." for n in range(1, len(texts) + 1)]
        elif kind == "single":
            assert response == (marked[0] if marked else None) and len(marked) <= 1
        else:
            assert response == (marked or None)
        assert sum(a.cursor for a in shown) == 1


def test_chosen_and_not_chosen_differ_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR (and a monochrome terminal): the glyphs alone say what is chosen."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run() -> None:
        for kind in ("single", "multiple"):
            app = ListApp(kind, ["Alpha", "Beta", "Gamma"])  # type: ignore[arg-type]
            async with app.run_test(size=(60, 20)) as pilot:
                assert app.no_color
                answers = app.query_one(AnswerList)
                answers.focus()
                await pilot.press("down", "space")
                await pilot.pause()
                filters = app.get_line_filters()
                strips = app.screen._compositor.render_strips()
                for line_filter in filters:
                    strips = [
                        s.apply_filter(line_filter, app.screen.background_colors[1]) for s in strips
                    ]
                colours = {
                    (c.triplet.red, c.triplet.green, c.triplet.blue)
                    for s in strips
                    for seg in s
                    if seg.style is not None
                    for c in (seg.style.color, seg.style.bgcolor)
                    if c is not None and c.triplet is not None
                }
                assert all(r == g == b for r, g, b in colours), "monochrome output"
                shown = shown_answers([s.text for s in strips])
                assert [a.mark for a in shown] == (
                    ["○", "◉", "○"] if kind == "single" else ["☐", "☑", "☐"]
                )
                assert [a.cursor for a in shown] == [False, True, False]
                assert answers.response() == (1 if kind == "single" else [1])

    asyncio.run(run())
