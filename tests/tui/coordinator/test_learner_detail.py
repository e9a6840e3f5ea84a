"""A learner's record on the detail screen, and the hash-chain check an auditor relies on."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app, loaded
from trainer.store.schema import POLICY
from trainer.tui.coordinator.app import CoordinatorApp
from trainer.tui.coordinator.screens.learner_detail import LearnerDetailScreen


async def open_detail(app: CoordinatorApp, learner_id: str) -> LearnerDetailScreen:
    screen = LearnerDetailScreen(learner_id)
    await app.push_screen(screen)
    await app.workers.wait_for_complete()
    return screen


def text_of(screen: LearnerDetailScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def table_text(screen: LearnerDetailScreen, selector: str) -> list[list[str]]:
    table: DataTable[object] = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_detail_shows_modules_attempts_decisions_and_an_intact_chain(
    setting: Setting,
) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        screen = await open_detail(app, setting.cohort.bartek)
        await pilot.pause()
        title = text_of(screen, "#detail-title")
        profile = text_of(screen, "#detail-profile")
        modules = table_text(screen, "#detail-modules")
        attempts = table_text(screen, "#detail-attempts")
        decisions = text_of(screen, "#detail-decisions")
        chain = text_of(screen, "#detail-chain")
    assert title == "Learner: Bartek Zieliński"
    assert "Status: in progress" in profile and "Policy: declined" in profile
    assert modules == [
        ["Welcome to the program", "done", "2026-03-02 14:00", "2026-03-02 14:12", "12:00"],
        ["Your first post", "in progress", "2026-03-02 15:00", "—", "1:30"],
    ]
    assert attempts == [
        ["Basics quiz", "1", "2026-03-02 16:00", "2026-03-02 16:05", "2/5 (40%)", "no"]
    ]
    assert "#1 declined social-media version 1.0 (pl), 2026-03-02 17:00:00 UTC" in decisions
    assert "text SHA-256: " + setting.course.policy.text("pl").sha256 in decisions
    assert chain == "Chain intact: 1 decision(s) are as they were saved."


async def test_a_decision_edited_in_the_file_shows_as_altered(setting: Setting) -> None:
    path = setting.folder.learner_path(setting.cohort.anna)
    tables = json.loads(path.read_bytes())
    decision = next(iter(tables[POLICY].values()))
    assert decision["typed_name"] == "Anna Nowak"
    decision["typed_name"] = "Someone Else"
    path.write_text(json.dumps(tables), encoding="utf-8")

    app = dashboard_app(setting)
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        screen = await open_detail(app, setting.cohort.anna)
        await pilot.pause()
        decisions = text_of(screen, "#detail-decisions")
        chain = text_of(screen, "#detail-chain")
        altered = screen.query_one("#detail-chain").has_class("chain-altered")
    assert "typed name: Someone Else" in decisions
    assert chain.startswith("ALTERED: the decisions are not as they were saved:")
    assert "was edited after it was saved" in chain
    assert altered


async def test_a_file_unreadable_since_the_table_was_read_shows_the_error(
    setting: Setting,
) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 50)) as pilot:
        await loaded(pilot)
        setting.folder.learner_path(setting.cohort.dawid).write_bytes(b"")
        screen = await open_detail(app, setting.cohort.dawid)
        await pilot.pause()
        title = text_of(screen, "#detail-title")
    assert title.startswith("The learner's file cannot be read:")
    assert "is empty" in title
