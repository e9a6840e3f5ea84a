"""Command palette entries of the dashboard: exports, tabs, reload, help, theme."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from trainer.tui.commands import Command, PlainTitledCommands

if TYPE_CHECKING:
    from trainer.tui.coordinator.app import CoordinatorApp


class CoordinatorCommands(PlainTitledCommands):
    def _commands(self) -> list[Command]:
        from trainer.tui.coordinator.screens.dashboard import DashboardScreen

        app: CoordinatorApp = self.app  # type: ignore[assignment]
        t = app.t
        commands = [
            Command(t("cmd.help"), app.action_help),
            Command(t("cmd.theme"), app.action_toggle_theme),
        ]
        dashboard = next((s for s in app.screen_stack if isinstance(s, DashboardScreen)), None)
        if dashboard is None:
            return commands
        return [
            Command(t("cmd.export_csv"), partial(dashboard.export, "csv")),
            Command(t("cmd.export_csv_semicolon"), partial(dashboard.export, "csv-semicolon")),
            Command(t("cmd.export_jsonl"), partial(dashboard.export, "jsonl")),
            Command(t("cmd.export_xapi"), partial(dashboard.export, "xapi")),
            Command(t("cmd.learners"), partial(self._show, dashboard, "learners-tab")),
            Command(t("cmd.charts"), partial(self._show, dashboard, "charts-tab")),
            Command(t("cmd.reload"), dashboard.action_reload),
            *commands,
        ]

    @staticmethod
    def _show(dashboard: object, tab: str) -> None:
        from trainer.tui.coordinator.screens.dashboard import DashboardScreen

        assert isinstance(dashboard, DashboardScreen)
        while dashboard.app.screen is not dashboard and len(dashboard.app.screen_stack) > 1:
            dashboard.app.pop_screen()
        dashboard.action_show_tab(tab)
