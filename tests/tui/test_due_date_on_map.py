"""The learner's own map says when the training is due, and when that date has passed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from tests.tui.conftest import AppFactory
from tests.tui.journey import sign_in
from trainer.deadlines import set_team_deadline
from trainer.store.folder import DataFolder


async def _label(make_learner_app: AppFactory, lang: str) -> str:
    app = make_learner_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if app.screen.query("#email"):  # the second app opens as the last learner
            await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sprzedaż")
        return str(app.screen.query_one("#progress-label", Static).render())


async def test_the_map_shows_the_teams_due_date_in_the_learners_language(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    set_team_deadline(DataFolder(data_dir), "Sprzedaz", dt.date(2030, 12, 15))
    assert (await _label(make_learner_app, "en")).endswith(" · due December 15, 2030")
    assert (await _label(make_learner_app, "pl")).endswith(" · termin: 15 grudnia 2030")


async def test_a_past_due_date_reads_as_passed(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    set_team_deadline(DataFolder(data_dir), "Sprzedaż", dt.date(2026, 1, 15))
    label = await _label(make_learner_app, "pl")
    assert label.endswith(" · termin minął 15 stycznia 2026")


async def test_no_due_date_no_mention(make_learner_app: AppFactory) -> None:
    label = await _label(make_learner_app, "en")
    assert "due" not in label
