"""The review tab: a coordinator approves a post or asks for changes with a comment."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.tui.coordinator.conftest import Setting
from trainer.audit.trail import read_entries
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
        await pilot.click("#changes")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#review-table", DataTable).row_count == 1
        await pilot.click("#approve")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#review-table", DataTable).row_count == 0
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
