"""The dashboard follows the folder by itself, fits 120x40, shows each tab's keys and the
audit trail."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from tests.tui.coordinator.cohort import enrol
from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app, loaded, names
from trainer.audit import record


async def _until(pilot: object, condition: object, seconds: float = 15.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if condition():  # type: ignore[operator]
            return True
        await asyncio.sleep(0.1)
        await pilot.pause()  # type: ignore[attr-defined]
    return bool(condition())  # type: ignore[operator]


async def test_a_new_learner_file_appears_without_pressing_f5(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        before = len(names(app))
        enrol(setting.folder, "ewa", "Ewa Źródło", "ewa@firma.pl", "Sprzedaż")
        assert await _until(pilot, lambda: "Ewa Źródło" in names(app))
        assert len(names(app)) == before + 1


async def test_every_column_fits_120_columns(setting: Setting) -> None:
    enrol(
        setting.folder,
        "dlugi",
        "Grzegorz Brzęczyszczykiewicz-Chrząszczyżewoszycki z Łękołodów",
        "grzegorz.brzeczyszczykiewicz-chrzaszczyzewoszycki@bardzo-dluga-domena.firma.pl",
        "Sprzedaż i obsługa klientów kluczowych",
    )
    app = dashboard_app(setting, lang="pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#learners", DataTable)
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        each = {str(c.key.value): c.get_render_width(table) for c in table.ordered_columns}
        assert widths <= table.scrollable_content_region.width, sorted(each.items())
        row = table.get_row("dlugi")
        assert str(row[0]).endswith("…") and str(row[1]).endswith("…")


async def test_each_tab_shows_its_own_keys_and_the_audit_tab_lists_entries(
    setting: Setting,
) -> None:
    record(setting.folder, "hr:anna", "deadline.set", {"team": "Sprzedaż", "due": "2030-12-15"})
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)

        def footer_keys() -> set[str]:
            return {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}

        assert {"focus_search", "next_sort"} <= footer_keys()
        await pilot.press("a")
        await pilot.pause()
        assert not {"focus_search", "next_sort", "reverse_sort"} & footer_keys()
        audit = app.screen.query_one("#audit", DataTable)
        cells = [str(c) for c in audit.get_row_at(0)]
        assert cells[1:3] == ["hr:anna", "deadline.set"]
        assert "team=Sprzedaż; due=2030-12-15" in cells[3]
        status = str(app.screen.query_one("#audit-status").render())
        assert status.startswith("Audit trail intact: 1 entries")
        # A new entry written by another command shows up by itself.
        record(setting.folder, "hr:anna", "export", {"format": "csv"})
        assert await _until(pilot, lambda: audit.row_count == 2)
