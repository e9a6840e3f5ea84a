"""Exports started from the dashboard reach a file, through `App.deliver_text`."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select

from tests.tui.coordinator.conftest import Setting
from tests.tui.coordinator.test_dashboard import dashboard_app, loaded
from trainer.export.csv_table import BOM, CSV_COLUMNS
from trainer.tui.coordinator.app import make_coordinator_app


async def delivered(pilot: Pilot[int], folder: Path) -> Path:
    """Wait for the export worker, then for the delivery thread to finish writing the file."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(200):
        await pilot.pause()
        saved = [n.message for n in pilot.app._notifications if "Export saved:" in n.message]
        if saved:
            files = sorted(folder.iterdir())
            assert len(files) == 1
            assert saved[0] == f"Export saved: {files[0]}"
            return files[0]
        await pilot.pause(0.02)
    raise AssertionError("the export was never delivered")


async def test_csv_button_saves_every_learner_x_module_with_a_bom(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.click("#export-csv")
        saved = await delivered(pilot, setting.downloads)
    assert saved.name.startswith("learners-all-") and saved.suffix == ".csv"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # private, like the CLI's exports
    text = saved.read_bytes().decode("utf-8")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 4 * 2  # four learners x two modules
    assert {row[1] for row in rows[1:]} == {
        "Anna Nowak",
        "Bartek Zieliński",
        "Celina Wójcik",
        "Dawid Lis",
    }


async def test_semicolon_csv_of_the_chosen_team_only(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#team", Select).value = "sprzedaz"
        await pilot.pause()
        await pilot.click("#export-csv-semicolon")
        saved = await delivered(pilot, setting.downloads)
    assert saved.name.startswith("learners-sprzedaz-")
    text = saved.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 1 + 2 * 2
    assert {row[1] for row in rows[1:]} == {"Anna Nowak", "Bartek Zieliński"}


async def test_jsonl_from_the_command_palette(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export JSONL")
        await pilot.pause(0.3)
        await pilot.press("enter")
        saved = await delivered(pilot, setting.downloads)
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert saved.suffix == ".jsonl"
    assert sorted(line["record"]["profile"]["learner_id"] for line in lines) == sorted(
        [setting.cohort.anna, setting.cohort.bartek, setting.cohort.celina, setting.cohort.dawid]
    )


async def test_xapi_export_counts_its_statements(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.click("#export-xapi")
        saved = await delivered(pilot, setting.downloads)
        summaries = [n.message for n in app._notifications if n.message.startswith("xAPI")]
    statements = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    steps = ("registered", "attempted", "answered")  # what led to the outcomes
    verbs = sorted(
        s["verb"]["display"]["en-US"]
        for s in statements
        if s["verb"]["display"]["en-US"] not in steps
    )
    enrolled = [s for s in statements if s["verb"]["display"]["en-US"] == "registered"]
    assert len(enrolled) == 4  # everyone, Dawid too (invited, nothing done yet)
    # Anna: 2 modules, quiz passed, policy, the course; Bartek: 1 module, quiz failed, policy
    # declined; Celina: policy v0.9
    assert verbs == [
        "accepted",
        "accepted",
        "completed",
        "completed",
        "completed",
        "completed",
        "declined",
        "failed",
        "passed",
    ]
    assert summaries == [f"xAPI export: 4 learner(s), {len(statements)} line(s)."]


async def test_a_downloads_folder_that_cannot_be_made_is_reported(setting: Setting) -> None:
    blocked = setting.downloads / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    app = make_coordinator_app(
        setting.course, setting.folder.root, "en", save_directory=blocked / "exports"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.click("#export-csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
    assert len(errors) == 1
    assert errors[0].startswith(f"The export failed: {blocked / 'exports'}: ")


async def test_the_downloads_folder_is_created_when_missing(setting: Setting) -> None:
    target = setting.downloads / "new" / "Downloads"
    app = make_coordinator_app(setting.course, setting.folder.root, "en", save_directory=target)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.click("#export-jsonl")
        saved = await delivered(pilot, target)
    assert saved.parent == target


async def test_status_and_search_filters_apply_to_the_export_and_it_is_audited(
    setting: Setting,
) -> None:
    from textual.widgets import Input

    from trainer.audit import read_entries

    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.screen.query_one("#search", Input).value = "zielinski"  # no diacritics typed
        await pilot.pause()
        await pilot.click("#export-csv")
        saved = await delivered(pilot, setting.downloads)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"), newline="")))
    assert {row[1] for row in rows[1:]} == {"Bartek Zieliński"}
    (entry,) = [e for e in read_entries(setting.folder) if e.action == "export"]
    assert entry.details == {
        "format": "csv",
        "learners": 1,
        "to": "dashboard",
        "search": "zielinski",
    }
