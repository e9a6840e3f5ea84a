"""A learner answers the sample course's writing exercise in the quiz screen: the editor starts
with the template, findings follow the typing, the verdict and review show the stored draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.tui.conftest import load
from tests.tui.screen_marks import screen_lines
from tests.tui.test_snapshots import T0, at
from trainer.content.models import Course
from trainer.learning import attempts as attempt_rules
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import LearnerProfile
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.navigation import open_target
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.quiz_review import QuizReviewScreen
from trainer.tui.widgets.draft_area import DraftArea
from trainer.tui.widgets.post_answer import PostAnswerInput

SIZES = [(80, 24), (120, 40)]


def exercise_first(tmp_path: Path, lang: str) -> tuple[TrainerApp, Course, Path]:
    """Ola has started the content quiz; its writing exercise is the first question drawn."""
    course = load(bundled_course_dir())
    data_dir = tmp_path / "data"
    folder = DataFolder(data_dir)
    folder.create_learner(
        LearnerProfile(
            learner_id="ola", name="Ola Kowalska", email="ola@firma.pl", team="IT", created_at=T0
        )
    )
    folder.set_last_learner_id("ola")
    for module in course.modules:  # every module read, so the quiz is open
        pages = len(module.text(lang).pages)
        progress = start_module(module.id, now=at(1))
        for page in range(pages):
            progress = mark_page(progress, page, pages, now=at(2 + page))
        folder.learner("ola").save_module_progress(progress)
    quiz = course.quizzes["content"]
    attempt = attempt_rules.new_attempt(quiz, [], lang=lang, seed=7, attempt_id="a0", now=at(30))
    others = [q for q in attempt.question_ids if q != "team-event-post"]
    attempt = attempt.model_copy(update={"question_ids": ["team-event-post", *others]})
    folder.learner("ola").start_attempt(attempt)
    return make_app(course, data_dir, lang), course, data_dir


async def open_exercise(pilot: Pilot[Any]) -> QuizScreen:
    await open_target(pilot.app, "quiz:content")  # type: ignore[arg-type]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    assert screen.question.id == "team-event-post"
    draft = screen.query_one(DraftArea)
    draft.cursor_blink = False
    return screen


def findings_shown(screen: QuizScreen) -> list[str]:
    listing = screen.query_one("#post-findings", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_the_learner_fixes_the_template_sees_findings_change_and_passes(
    tmp_path: Path,
) -> None:
    app, _course, data_dir = exercise_first(tmp_path, "pl")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_exercise(pilot)
        draft = screen.query_one(DraftArea)
        assert screen.focused is draft
        assert draft.text.startswith("W sobotę mój zespół poprowadził warsztaty")
        before = findings_shown(screen)
        assert any("Brak oznaczenia" in line for line in before)
        assert any("{{miasto}}" in line for line in before)
        # Submitting the template as it stands: saved, graded 0, the errors kept.
        await pilot.press("f7")
        await pilot.press(*"#sp Warsztaty w {{miasto}}")
        await pilot.pause(0.3)
        assert any("#sp" in line for line in findings_shown(screen))
        await pilot.press("f7")
        await pilot.press(*"Pracuję w Przykładowej. W sobotę uczyliśmy licealistów z Gdańska")
        await pilot.press("enter")
        await pilot.press(*"pisać testy. Było świetnie!")
        await pilot.pause(0.3)  # the debounced check has run
        assert findings_shown(screen) == ["✔ Nie znaleziono problemów."]
        counts = str(screen.query_one("#post-counts", Static).render())
        assert counts == f"LinkedIn {len(draft.text)}/3000 · błędy: 0, ostrzeżenia: 0, wskazówki: 0"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answered is not None and screen.answered.correct
        assert "Dobrze" in str(screen.query_one("#verdict", Static).render())
        assert draft.read_only
    [attempt] = DataFolder(data_dir).learner("ola").read().attempts
    [answer] = attempt.answers
    assert answer.response == (
        "Pracuję w Przykładowej. W sobotę uczyliśmy licealistów z Gdańska\n"
        "pisać testy. Było świetnie!"
    )
    assert (answer.points, answer.max_points, answer.findings) == (2, 2, [])


async def test_a_failed_draft_and_its_findings_show_in_the_review(tmp_path: Path) -> None:
    app, _course, data_dir = exercise_first(tmp_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercise(pilot)
        await pilot.press("ctrl+s")  # the template as given: placeholders, no disclosure
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answered is not None and not screen.answered.correct
        assert "Fix the errors" in "\n".join(screen_lines(app))
        app.push_screen(QuizReviewScreen(screen.quiz))
        await pilot.pause()
        review = str(app.screen.query_one("#review-text", Static).render())
        assert "│ On Saturday my team ran a coding workshop" in review
        assert "✖ 1:1 No disclosure" in review
        assert "{{city}}" in review
    [attempt] = DataFolder(data_dir).learner("ola").read().attempts
    [answer] = attempt.answers
    assert answer.correct is False
    assert answer.findings is not None
    assert {f.code for f in answer.findings} >= {"missing-disclosure", "unfilled-placeholder"}


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_writing_exercise_screen(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    app, _, _ = exercise_first(tmp_path, lang)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await open_exercise(pilot)
        assert isinstance(screen.query_one(PostAnswerInput), PostAnswerInput)
        # Settle: the findings are scrolled into view after a refresh, and the scroll bars
        # repaint after that; a snapshot taken between the two was flaky under load.
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)
        await pilot.app.workers.wait_for_complete()
        # The key bar may take one row fewer once the screen's keys settle, a layout pass
        # after the view was first placed: place it again, from the top, on the settled layout.
        screen.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False, immediate=True)
        await pilot.pause()
        screen.query_one(PostAnswerInput).bring_into_view()
        await pilot.pause(0.1)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
