"""The review tab: a coordinator approves a post or asks for changes with a comment."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.responses import BAD_POST
from tests.tui.coordinator.conftest import Setting
from trainer.audit.trail import read_entries
from trainer.content.loader import load_course
from trainer.locations import bundled_course_dir
from trainer.session import LearnerSession, SignInDetails
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import AmbassadorPosts
from trainer.tui.coordinator.app import make_coordinator_app
from trainer.tui.coordinator.screens.dashboard import DashboardScreen


def submit_posts(setting: Setting) -> list[str]:
    """Two ambassadors of the cohort send a post each; the first one has an error."""
    learner_ids = sorted(setting.folder.learner_ids())[:2]
    drafts = ["Szukamy ludzi! {{rola}}", "[REKLAMA] Pracuję w Przykładowej i polecam ofertę."]
    for learner_id, draft in zip(learner_ids, drafts, strict=True):
        posts = AmbassadorPosts(setting.folder.learner(learner_id), setting.course.config.posts)
        post = posts.new(
            source="hub", network="linkedin", language="pl", draft=draft, template_id="job-offer"
        )
        posts.submit(post, draft)
    return learner_ids


async def rows_become(pilot: Pilot[int], table: DataTable[object], count: int) -> None:
    """The decision is saved in one worker and the queue reloaded in the next (or by the folder
    watcher): wait, by the clock, until the table shows `count` rows."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if table.row_count == count:
            return
        await asyncio.sleep(0.05)
    assert table.row_count == count


async def open_review(pilot: Pilot[int]) -> DashboardScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("v")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


async def test_the_queue_lists_submitted_posts_with_their_findings(setting: Setting) -> None:
    submit_posts(setting)
    app = make_coordinator_app(
        setting.course, setting.folder.root, "en", save_directory=setting.downloads
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one("#review-table", DataTable)
        assert table.row_count == 2
        assert "Posts awaiting review: 2" in str(screen.query_one("#review-count", Static).render())
        first = [str(cell) for cell in table.get_row_at(0)]
        assert "errors: 2" in first[-1] or "errors: 1" in first[-1]
        shown = str(screen.query_one("#review-post", Static).render())
        assert "Szukamy ludzi!" in shown and "missing-disclosure" in shown


async def test_requesting_changes_needs_a_comment_and_is_stored_and_audited(
    setting: Setting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_ACTOR", "hr:marta")
    learner_ids = submit_posts(setting)
    app = make_coordinator_app(
        setting.course, setting.folder.root, "en", save_directory=setting.downloads
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.click("#changes")
        await pilot.pause()
        assert screen.query_one("#review-table", DataTable).row_count == 2  # nothing decided
        screen.query_one("#review-comment", Input).value = "Dodaj oznaczenie [REKLAMA] na początku."
        # The first click's notice may lie over the button; a click must reach the button.
        pilot.app.clear_notifications()
        await pilot.pause()
        assert await pilot.click("#changes"), "the click landed on something over the button"
        await rows_become(pilot, screen.query_one("#review-table", DataTable), 1)
        await pilot.click("#approve")
        await rows_become(pilot, screen.query_one("#review-table", DataTable), 0)
    decided = {
        learner_id: setting.folder.learner(learner_id).read().posts[0].verdict
        for learner_id in learner_ids
    }
    verdicts = sorted((v.decision, v.reviewer, v.comment) for v in decided.values() if v)
    assert verdicts == [
        ("approved", "hr:marta", ""),
        ("changes_requested", "hr:marta", "Dodaj oznaczenie [REKLAMA] na początku."),
    ]
    entries = [e for e in read_entries(setting.folder) if e.action == "review.decision"]
    assert [e.actor for e in entries] == ["hr:marta", "hr:marta"]


async def test_a_writing_exercise_draft_is_reviewed_like_a_hub_post(tmp_path: Path) -> None:
    """Ola answers the sample course's writing exercise; the coordinator sees it in the queue
    as an exercise, with the quiz question it answers, and approves it."""
    course = load_course(bundled_course_dir()).course
    assert course is not None
    folder = DataFolder(tmp_path / "data")
    details = SignInDetails(email="ola@firma.pl", name="Ola Wiśniewska", team="IT")
    ola = LearnerSession.sign_in(course, folder, details, "pl")
    attempt = ola.begin_quiz("content")
    ola.answer(attempt.attempt_id, "team-event-post", BAD_POST, hint_used=False)
    hub = AmbassadorPosts(folder.learner(ola.record.profile.learner_id), course.config.posts)
    post = hub.new(source="hub", network="x", language="pl", draft="", template_id="blog-article")
    hub.submit(post, "[REKLAMA] Pracuję w Przykładowej.")
    app = make_coordinator_app(course, folder.root, "en", save_directory=tmp_path / "downloads")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one("#review-table", DataTable)
        assert table.row_count == 2
        exercise = [str(cell) for cell in table.get_row_at(0)]  # answered first
        assert exercise[3:6] == ["Exercise", "LinkedIn", "team-event-post"]
        assert [str(cell) for cell in table.get_row_at(1)][3] == "Hub"
        shown = str(screen.query_one("#review-post", Static).render())
        assert "Writing exercise in" in shown and "cryptic-disclosure" in shown
        assert BAD_POST in shown
        await pilot.click("#approve")
        await rows_become(pilot, table, 1)
    [saved] = [p for p in folder.learner(ola.record.profile.learner_id).read().posts if p.quiz_id]
    assert saved.verdict is not None and saved.verdict.decision == "approved"
    assert saved.draft == BAD_POST
