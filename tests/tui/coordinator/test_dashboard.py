"""The learners table as a coordinator uses it: filters, search, sort, pages, hostile names."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from tests.tui.coordinator.cohort import T0, enrol
from tests.tui.coordinator.conftest import Setting
from trainer.tui.coordinator.app import CoordinatorApp, make_coordinator_app
from trainer.tui.coordinator.screens import dashboard
from trainer.tui.coordinator.screens.dashboard import DashboardScreen
from trainer.tui.coordinator.screens.help import CoordinatorHelpScreen
from trainer.tui.coordinator.screens.learner_detail import LearnerDetailScreen
from trainer.tui.widgets.page_view import PageView

UNSAFE = "\x1b\x07\x9b"


def dashboard_app(setting: Setting, lang: str = "en") -> CoordinatorApp:
    return make_coordinator_app(
        setting.course, setting.folder.root, lang, save_directory=setting.downloads
    )


async def loaded(pilot: Pilot[int]) -> DashboardScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


def table_rows(app: CoordinatorApp) -> list[list[str]]:
    table: DataTable[object] = app.screen.query_one("#learners", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def names(app: CoordinatorApp) -> list[str]:
    return [row[0] for row in table_rows(app)]


def shown_text(app: CoordinatorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_table_lists_every_learner_with_status_progress_and_policy(
    setting: Setting,
) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        rows = {row[0]: row for row in table_rows(app)}
    assert sorted(rows) == ["Anna Nowak", "Bartek Zieliński", "Celina Wójcik", "Dawid Lis"]
    anna = rows["Anna Nowak"]
    # 120 columns: the e-mail gives up width first, cut with an ellipsis (the record shows it).
    assert anna[1].startswith("anna.nowak@") and anna[1].endswith("…")
    assert anna[2:4] == ["Sprzedaż", "complete"]
    assert anna[4] == "████ 100%"
    last_active = T0.replace(hour=13).astimezone().strftime("%Y-%m-%d")  # local date
    assert anna[5:] == ["2/2", "1/1", "accepted", "", last_active]
    assert rows["Bartek Zieliński"][3:8] == [
        "in progress",
        "█░░░  25%",
        "1/2",
        "0/1",
        "declined",
    ]
    assert rows["Celina Wójcik"][3] == "started"
    assert rows["Celina Wójcik"][7] == "outdated"
    assert rows["Dawid Lis"][3] == "invited"
    assert rows["Dawid Lis"][7] == "not decided"


async def test_team_filter_chosen_with_the_keyboard_keeps_only_that_team(
    setting: Setting,
) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#team", Select).focus()
        await pilot.press("enter")  # open: All teams, Marketing, Sprzedaż
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert names(app) == ["Anna Nowak", "Bartek Zieliński"]
        assert "1–2 of 2 (all learners: 4)" in shown_text(app, "#table-count")


async def test_status_filter_and_search_narrow_the_table(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#status", Select).value = "invited"
        await pilot.pause()
        assert names(app) == ["Dawid Lis"]
        screen.query_one("#status", Select).clear()
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"NOWAK")
        await pilot.pause()
        assert names(app) == ["Anna Nowak"]
        await pilot.press(*"xyz")
        await pilot.pause()
        assert names(app) == []
        assert "Nobody matches the filters (all learners: 4)." in shown_text(app, "#table-count")


async def test_clicking_a_header_sorts_and_clicking_again_reverses(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        assert names(app) == ["Anna Nowak", "Bartek Zieliński", "Celina Wójcik", "Dawid Lis"]
        screen.sort_by("last_activity")  # what a click on the header calls; shown next
        await pilot.pause()
        assert names(app) == ["Celina Wójcik", "Bartek Zieliński", "Anna Nowak", "Dawid Lis"]
        table = screen.query_one("#learners", DataTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert "Last active ▼" in labels
        # A real click on the "Status" header: invited first, complete last.
        status_x = sum(c.get_render_width(table) for c in table.ordered_columns[:3]) + 2
        await pilot.click("#learners", offset=(status_x, 0))
        await pilot.pause()
        assert names(app) == ["Dawid Lis", "Celina Wójcik", "Bartek Zieliński", "Anna Nowak"]
        await pilot.click("#learners", offset=(status_x, 0))
        await pilot.pause()
        assert names(app) == ["Anna Nowak", "Bartek Zieliński", "Celina Wójcik", "Dawid Lis"]
        await pilot.press("r")  # reverse with a key
        await pilot.pause()
        assert names(app)[0] == "Dawid Lis"


async def test_enter_on_a_row_opens_that_learner(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LearnerDetailScreen)
        assert app.screen.learner_id == setting.cohort.bartek
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_many_learners_are_shown_a_page_at_a_time(
    setting: Setting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 3)  # 4 learners: a full page and one more
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert names(app) == ["Anna Nowak", "Bartek Zieliński", "Celina Wójcik"]
        assert "1–3 of 4" in shown_text(app, "#table-count")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert names(app) == ["Dawid Lis"]
        assert "4–4 of 4" in shown_text(app, "#table-count")
        await pilot.press("right_square_bracket")  # no page after the last
        await pilot.pause()
        assert names(app) == ["Dawid Lis"]
        await pilot.click("#prev-page")
        await pilot.pause()
        assert names(app)[0] == "Anna Nowak"


async def test_unreadable_learner_file_is_listed_and_the_others_are_shown(
    setting: Setting,
) -> None:
    (setting.folder.learners_dir / "broken.json").write_bytes(b"\x00\x00")
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        notice = shown_text(app, "#unreadable")
        assert len(names(app)) == 4
    assert "1 learner file(s) could not be read" in notice
    assert "broken.json contains NUL bytes" in notice


async def test_hostile_names_show_literally_and_run_nothing(setting: Setting) -> None:
    enrol(
        setting.folder,
        "mallory",
        "[@click=app.quit]x[/]",
        "mallory@example.com",
        "[b]Red[/b]",
        created=T0,
    )
    enrol(setting.folder, "osc", "\x1b]0;pwned\x07Oscar", "oscar@example.com", "Ops", created=T0)
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        rows = {row[1].split("@")[0]: row for row in table_rows(app)}
        # Shown literally (cut to the column at 120 wide, never interpreted as markup).
        assert "[@click=app.quit]x[/]".startswith(rows["mallory"][0].removesuffix("…"))
        assert rows["mallory"][0].startswith("[@click=app.")
        assert rows["mallory"][2] == "[b]Red[/b]"
        assert rows["oscar"][0] == "]0;pwnedOscar"
        for row in rows.values():
            assert not any(ch in cell for cell in row for ch in UNSAFE)
        # Click on the name: a markup action would quit the app.
        table = screen.query_one("#learners", DataTable)
        index = names(app).index(rows["mallory"][0])
        await pilot.click("#learners", offset=(20, index + 1))
        await pilot.pause()
        assert app.is_running
        team_options = [str(prompt) for prompt, _ in screen.query_one("#team", Select)._options]
        assert "[b]Red[/b]" in team_options
        assert table.row_count == 6
    assert app.return_code is None


async def test_polish_interface(setting: Setting) -> None:
    app = dashboard_app(setting, lang="pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        rows = {row[0]: row for row in table_rows(app)}
        labels = [
            str(c.label) for c in app.screen.query_one("#learners", DataTable).ordered_columns
        ]
        assert rows["Anna Nowak"][3] == "ukończone"  # gender-neutral
        assert rows["Dawid Lis"][7] == "brak decyzji"
        assert labels[0].startswith("Imię i nazwis") and labels[0].endswith(" ▲")
        assert app.title == "Panel koordynatora"
        assert app.sub_title == "Mini kurs ambasadora"


async def test_f1_opens_the_coordinator_help_and_f2_switches_the_theme(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CoordinatorHelpScreen)
        assert "Coordinator dashboard" in app.screen.query_one(PageView).markdown
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        theme = app.theme
        await pilot.press("f2")
        assert app.theme != theme


async def test_f5_reads_learners_who_arrived_since(setting: Setting) -> None:
    app = dashboard_app(setting)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert len(names(app)) == 4
        enrol(setting.folder, "ewa-nowa", "Ewa Nowa", "ewa@example.com", "IT", created=T0)
        await pilot.press("f5")
        await loaded(pilot)
        assert "Ewa Nowa" in names(app)
        assert "1–5 of 5 (all learners: 5)" in shown_text(app, "#table-count")


async def test_an_empty_data_folder_says_so(setting: Setting) -> None:
    empty = setting.downloads / "no-data-yet"
    app = make_coordinator_app(setting.course, empty, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert names(app) == []
        assert shown_text(app, "#table-count") == (
            f"There are no learners in this data folder yet: {empty}"
        )
    assert not empty.exists()  # the dashboard only reads
