"""The learners table as it looks at 100x30, with the fixed-time cohort."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app


async def wait_for_learners(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_learners_table_snapshot(snap_compare: Any, setting: Setting) -> None:
    app = dashboard_app(setting)
    assert snap_compare(app, terminal_size=(100, 30), run_before=wait_for_learners)
