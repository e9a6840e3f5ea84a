"""The charts tab: numbers worked out by hand from the cohort (see cohort.py)."""

from __future__ import annotations

from textual.widgets import Select, Static, TabbedContent

from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app, loaded
from trainer.tui.coordinator.app import CoordinatorApp


def chart(app: CoordinatorApp, selector: str) -> list[str]:
    text = str(app.screen.query_one(selector, Static).render())
    return [" ".join(line.split()) for line in text.splitlines()]


async def test_charts_show_module_completion_funnel_and_scores(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "charts-tab"
        scope = chart(app, "#chart-scope")
        modules = chart(app, "#module-chart")
        funnel = chart(app, "#funnel-chart")
        scores = chart(app, "#score-chart")
    assert scope == ["All learners (4)"]
    assert modules == [
        "Welcome to the program ███████████████ │ 50% (2/4)",
        "Your first post ███████▌ │ 25% (1/4)",
    ]
    assert [line.split("│")[1].strip() for line in funnel] == [
        "100% (4/4)",
        "75% (3/4)",
        "25% (1/4)",
        "25% (1/4)",
        "25% (1/4)",
        "25% (1/4)",
    ]
    assert funnel[1].startswith("started ")
    assert scores[0] == "Basics quiz: 2 graded, 1 passed, mean 70%"
    buckets = {line.split()[0]: line.split("│")[1].strip() for line in scores[1:]}
    assert buckets["40-49%"] == "50% (1)"
    assert buckets["90-100%"] == "50% (1)"
    assert buckets["0-9%"] == "0% (0)"


async def test_charts_follow_the_team_filter(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#team", Select).value = "sprzedaz"
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        scope = chart(app, "#chart-scope")
        modules = chart(app, "#module-chart")
    assert scope == ["Team: Sprzedaż (2)"]
    assert modules[0].endswith("100% (2/2)")
    assert modules[1].endswith("50% (1/2)")
