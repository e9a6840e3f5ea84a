"""The coordinator dashboard says how many statements wait for the LRS, and why."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app, loaded
from trainer.forwarding.config import ForwardingConfig, write_config
from trainer.forwarding.outbox import attach_outbox, backfill
from trainer.forwarding.state import ForwardingState, write_state


async def test_dashboard_shows_the_lrs_backlog_and_the_last_error(setting: Setting) -> None:
    async with dashboard_app(setting).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert not screen.query_one("#forwarding", Static).display  # no forwarding: no line

    folder = setting.folder
    write_config(folder, ForwardingConfig(endpoint="https://lrs.firma.pl/xAPI/", user="hr"))
    attach_outbox(folder, setting.course)
    for learner_id in folder.learner_ids():
        backfill(folder, learner_id)
    since = dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)
    write_state(
        folder,
        ForwardingState(retrying_since=since, last_error="Could not reach the LRS (timed out)."),
    )
    async with dashboard_app(setting).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        line = str(screen.query_one("#forwarding", Static).render())
        assert "statements waiting to be sent" in line and "LRS: 0" not in line
        assert "Retrying since" in line and "timed out" in line
