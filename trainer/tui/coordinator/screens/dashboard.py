"""The dashboard's main screen: the learners table with filters, charts, and exports.

The data folder is read once, in a thread, into an `Overview`; filtering, searching and
sorting then work on its small rows in memory. The table holds one page of rows at a time:
Textual's DataTable measures every cell it is given, which for 10,000 learners would stop
the interface for seconds, while a page of `PAGE_SIZE` rows is drawn at once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Header,
    Input,
    Label,
    ProgressBar,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from trainer.export.learner_filter import STATUS_FILTERS, LearnerFilter, StatusFilter
from trainer.export.selection import UnknownTeamError
from trainer.plain_text import single_line
from trainer.store.errors import StoreError
from trainer.tui.coordinator.app import EXPORT_DELIVERY, translate_bindings
from trainer.tui.coordinator.cells import cell, table_date
from trainer.tui.coordinator.exports import FORMAT_NAMES, ExportFile, ExportKind, write_export
from trainer.tui.coordinator.overview import (
    SORT_COLUMNS,
    LearnerRow,
    Overview,
    SortColumn,
    arrange,
    load_overview,
    percent,
    text_bar,
)
from trainer.tui.coordinator.widgets.audit_view import AuditSnapshot, AuditView, read_audit
from trainer.tui.coordinator.widgets.charts import ChartsView
from trainer.tui.coordinator.widgets.review_queue import ReviewQueue
from trainer.tui.downloads import local_save_folder
from trainer.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from trainer.tui.coordinator.app import CoordinatorApp

PAGE_SIZE = 100
WATCH_DEBOUNCE_MS = 1000  # changes are gathered for a second, then read once
LEARNERS_TAB_ACTIONS = frozenset({"focus_search", "next_sort", "reverse_sort", "page"})
PROGRESS_BAR_WIDTH = 4
MAX_WIDTHS: dict[SortColumn, int] = {"name": 24, "email": 28, "team": 16}
# Who gives up width first when a page is wider than the table, and down to what.
SHRINK_STEPS: tuple[tuple[SortColumn, int], ...] = (
    ("email", 14),
    ("team", 10),
    ("name", 16),
    ("email", 8),
    ("team", 6),
    ("name", 10),
)
EXPORT_BUTTONS: dict[str, ExportKind] = {
    "export-csv": "csv",
    "export-csv-semicolon": "csv-semicolon",
    "export-jsonl": "jsonl",
    "export-xapi": "xapi",
}


def progress_cell(fraction: float) -> Text:
    """`█████▍░░  68%`: the bar in eighths of a cell, the rest shaded, then the percentage."""
    bar = text_bar(fraction, PROGRESS_BAR_WIDTH).rstrip()
    rest = "░" * (PROGRESS_BAR_WIDTH - len(bar))
    return Text.assemble((bar, "bold"), (rest, "dim"), f" {percent(fraction):>4}", no_wrap=True)


class DashboardScreen(Screen[None]):
    AUTO_FOCUS = "#learners"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "key.search", key_display="/"),
        Binding("s", "next_sort", "key.sort"),
        Binding("r", "reverse_sort", "key.reverse"),
        Binding("left_square_bracket", "page(-1)", "key.prev_page", key_display="["),
        Binding("right_square_bracket", "page(1)", "key.next_page", key_display="]"),
        Binding("l", "show_tab('learners-tab')", "key.learners", show=False),
        Binding("c", "show_tab('charts-tab')", "key.charts", show=False),
        Binding("v", "show_tab('review-tab')", "key.review", show=False),
        Binding("a", "show_tab('audit-tab')", "key.audit", show=False),
        Binding("f5", "reload", "key.reload", key_display="F5"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.coordinator.t)
        self._stop_watching = threading.Event()
        self.overview: Overview | None = None
        self.selection = LearnerFilter()
        self.sort_column: SortColumn = "name"
        self.descending = False
        self.shown: list[LearnerRow] = []
        self.page = 0
        self.widths: dict[SortColumn, int] = dict(MAX_WIDTHS)

    @property
    def coordinator(self) -> CoordinatorApp:
        return self.app  # type: ignore[return-value]

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.coordinator.t
        yield Header()
        with TabbedContent(id="tabs", initial="learners-tab"):
            with TabPane(t("tab.learners"), id="learners-tab"):
                with Horizontal(id="filters"):
                    yield Select[str]([], prompt=t("filter.all_teams"), id="team", compact=True)
                    yield Select[str](
                        [(Text(t(f"status.{s}")), s) for s in STATUS_FILTERS],
                        prompt=t("filter.all_statuses"),
                        id="status",
                        compact=True,
                    )
                    yield Input(placeholder=t("filter.search"), id="search", compact=True)
                with Vertical(id="loading"):
                    yield Label(t("table.loading"), id="loading-label")
                    yield ProgressBar(id="loading-bar", show_eta=False)
                yield Static(id="unreadable", classes="notice")
                yield Static(id="forwarding", classes="notice")
                yield DataTable[Text](id="learners", cursor_type="row", zebra_stripes=True)
                with Horizontal(id="table-bar"):
                    yield Static(id="table-count")
                    yield Button(t("page.prev"), id="prev-page", compact=True)
                    yield Button(t("page.next"), id="next-page", compact=True)
                with Horizontal(id="export-bar"):
                    yield Label(t("export.label"), id="export-label")
                    for button_id, kind in EXPORT_BUTTONS.items():
                        yield Button(
                            t(f"export.{kind.replace('-', '_')}"), id=button_id, compact=True
                        )
            with TabPane(t("tab.charts"), id="charts-tab"):
                yield ChartsView(id="charts")
            with TabPane(t("Review"), id="review-tab"):
                yield ReviewQueue(id="review")
            with TabPane(t("tab.audit"), id="audit-tab"):
                yield AuditView(t, id="audit-view")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#unreadable").display = False
        self.query_one("#forwarding").display = False
        self.action_reload()
        # A plain daemon thread, not a worker: it lives as long as the screen, and tests (and
        # anyone) waiting for the dashboard's workers to finish must not wait for it.
        threading.Thread(target=self.watch_folder, name="dashboard-watch", daemon=True).start()

    def on_unmount(self) -> None:
        self._stop_watching.set()

    # -- loading -------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.query_one("#loading").display = True
        self.query_one("#loading-bar", ProgressBar).update(total=None, progress=0)
        self.query_one("#learners", DataTable).loading = True
        self.load_learners()
        self.load_forwarding()
        self.load_audit()

    @work(thread=True, exclusive=True, group="forwarding")
    def load_forwarding(self) -> None:
        """How many statements wait for the LRS (when the folder forwards to one)."""
        from trainer.forwarding.forwarder import forwarding_summary

        try:
            summary = forwarding_summary(self.coordinator.services.data)
        except StoreError as error:
            self.app.call_from_thread(self._show_forwarding, single_line(str(error)))
            return
        if summary is None:
            return
        t = self.coordinator.t
        line = t.plural(
            "LRS: {n} statement waiting to be sent.",
            "LRS: {n} statements waiting to be sent.",
            summary.waiting,
            n=summary.waiting,
        )
        if summary.retrying_since is not None:
            line += " " + t(
                "Retrying since {time}: {error}",
                time=t.datetime(summary.retrying_since),
                error=single_line(summary.last_error or ""),
            )
        self.app.call_from_thread(self._show_forwarding, line)

    def _show_forwarding(self, line: str) -> None:
        for notice in self.query("#forwarding").results(Static):  # none when closing
            notice.update(Content(line))
            notice.display = True

    def reload_quietly(self) -> None:
        """After a change on disk: read again without hiding the table meanwhile."""
        self.load_learners()
        self.load_forwarding()
        self.load_audit()

    def watch_folder(self) -> None:
        """Reload when learner files, team due dates or the audit trail change on disk."""
        from watchfiles import watch

        root = self.coordinator.services.data.root
        if not root.is_dir():
            return  # nothing to watch yet; F5 reads the folder again

        def relevant(_change: object, path: str) -> bool:
            name = Path(path).name
            if name.startswith("."):
                return False  # an unfinished save; its rename is the change that counts
            in_learners = Path(path).parent.name == "learners" and name.endswith(".json")
            return in_learners or name in ("deadlines.json", "audit.jsonl")

        for _changes in watch(
            root,
            watch_filter=relevant,
            stop_event=self._stop_watching,
            debounce=WATCH_DEBOUNCE_MS,
            rust_timeout=1000,
            raise_interrupt=False,
        ):
            if self._stop_watching.is_set():
                return
            try:
                self.app.call_from_thread(self.reload_quietly)
            except RuntimeError:
                return  # the app has closed meanwhile

    @work(thread=True, exclusive=True, group="audit")
    def load_audit(self) -> None:
        snapshot = read_audit(self.coordinator.services.data.root)
        self.app.call_from_thread(self._show_audit, snapshot)

    def _show_audit(self, snapshot: AuditSnapshot) -> None:
        for view in self.query(AuditView):  # none when the screen is closing
            view.show(snapshot)

    @work(thread=True, exclusive=True, group="load")
    def load_learners(self) -> None:
        worker = get_current_worker()
        services = self.coordinator.services

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_progress, done, total)

        overview = load_overview(services.data, services.course, progress)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, overview)

    def _show_progress(self, done: int, total: int) -> None:
        if not self.is_mounted or not self.query("#loading-label"):
            return  # the screen is closing (a reload started by a change on disk)
        t = self.coordinator.t
        self.query_one("#loading-bar", ProgressBar).update(total=total or 1, progress=done)
        self.query_one("#loading-label", Label).update(t("table.loaded", n=done, total=total))

    def _loaded(self, overview: Overview) -> None:
        """Show what a load read; nothing when the screen is closing meanwhile (its widgets
        are removed one by one, so any of them may already be gone)."""
        if not self.is_mounted:
            return
        try:
            self._show_overview(overview)
        except NoMatches:
            return

    def _show_overview(self, overview: Overview) -> None:
        t = self.coordinator.t
        self.overview = overview
        self.query_one("#loading").display = False
        self.query_one("#learners", DataTable).loading = False
        notice = self.query_one("#unreadable", Static)
        notice.display = bool(overview.unreadable)
        if overview.unreadable:
            lines = [t("table.unreadable", n=len(overview.unreadable))]
            lines += [f"• {message}" for message in overview.unreadable]
            notice.update(Content("\n".join(lines)))
        team_select = self.query_one("#team", Select)
        chosen = self.selection.team
        team_select.set_options(
            [
                (Text(single_line(spelling) or t("filter.no_team")), key)
                for spelling, key in overview.team_choices()
            ]
        )
        if chosen is not None and chosen in overview.teams:
            team_select.value = chosen
        else:
            self.selection = LearnerFilter(None, self.selection.status, self.selection.search)
        self.refresh_rows()
        self.refresh_charts()

    # -- filters, sort, pages ------------------------------------------------------------------

    @on(Select.Changed, "#team")
    def team_changed(self, event: Select.Changed) -> None:
        team = event.value if isinstance(event.value, str) else None
        if team != self.selection.team:
            self.selection = LearnerFilter(team, self.selection.status, self.selection.search)
            self.refresh_rows()
            self.refresh_charts()

    @on(Select.Changed, "#status")
    def status_changed(self, event: Select.Changed) -> None:
        status: StatusFilter | None = None
        for candidate in STATUS_FILTERS:
            if event.value == candidate:
                status = candidate
        self.selection = LearnerFilter(self.selection.team, status, self.selection.search)
        self.refresh_rows()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.selection = LearnerFilter(self.selection.team, self.selection.status, event.value)
        self.refresh_rows()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one("#learners", DataTable).focus()

    @on(DataTable.HeaderSelected, "#learners")
    def header_selected(self, event: DataTable.HeaderSelected) -> None:
        for column in SORT_COLUMNS:
            if event.column_key.value == column:
                self.sort_by(column)

    def sort_by(self, column: SortColumn) -> None:
        """Sort by `column`; choosing the current sort column again reverses the order."""
        if column == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column = column
            self.descending = column in ("progress", "last_activity")
        self.refresh_rows()

    def action_next_sort(self) -> None:
        index = SORT_COLUMNS.index(self.sort_column)
        self.sort_column = SORT_COLUMNS[(index + 1) % len(SORT_COLUMNS)]
        self.descending = False
        self.refresh_rows()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.refresh_rows()

    def action_focus_search(self) -> None:
        self.query_one(TabbedContent).active = "learners-tab"
        self.query_one("#search", Input).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "learners-tab":
            self.query_one("#learners", DataTable).focus()
        elif tab == "review-tab":
            self.query_one("#review-table", DataTable).focus()
        elif tab == "audit-tab":
            self.query_one("#audit", DataTable).focus()
        else:
            self.query_one(ChartsView).focus()

    @on(TabbedContent.TabActivated)
    def tab_changed(self) -> None:
        self.refresh_bindings()  # the footer shows the keys of the tab in front

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The table's keys (search, sort, pages) only on the learners tab."""
        if action in LEARNERS_TAB_ACTIONS:
            return self.query_one(TabbedContent).active == "learners-tab"
        return True

    def action_page(self, step: int) -> None:
        last_page = max(0, (len(self.shown) - 1) // PAGE_SIZE)
        page = min(max(0, self.page + step), last_page)
        if page != self.page:
            self.page = page
            self.fill_table()

    @on(Button.Pressed, "#prev-page")
    def previous_page(self) -> None:
        self.action_page(-1)

    @on(Button.Pressed, "#next-page")
    def next_page(self) -> None:
        self.action_page(1)

    def refresh_rows(self) -> None:
        if self.overview is None:
            return
        self.shown = arrange(self.overview.rows, self.selection, self.sort_column, self.descending)
        self.page = 0
        self.fill_table()

    def _column_label(self, column: SortColumn) -> Text:
        label = self.coordinator.t(f"col.{column}")
        if column == self.sort_column:
            label += " ▼" if self.descending else " ▲"
        return Text(label)

    def fill_table(self) -> None:
        """Show the current page of `shown` (with the sort arrow on its column's header).

        Every column stays visible: when the page is wider than the table, name, e-mail and
        team are cut (with `…`) just enough for the rest to fit, never below `MIN_WIDTH`.
        """
        t = self.coordinator.t
        table: DataTable[Text] = self.query_one("#learners", DataTable)
        table.clear(columns=True)
        for column in SORT_COLUMNS:
            table.add_column(self._column_label(column), key=column)
        first = self.page * PAGE_SIZE
        page = self.shown[first : first + PAGE_SIZE]
        labels = [self._column_label(column) for column in SORT_COLUMNS]
        self.widths = dict(MAX_WIDTHS)
        rows = [self._cells(row) for row in page]
        room = (table.scrollable_content_region.width or self.size.width - 2) - (
            2 * table.cell_padding * len(SORT_COLUMNS)
        )
        natural = [
            max([label.cell_len, *(cells[i].cell_len for cells in rows)])
            for i, label in enumerate(labels)
        ]
        excess = sum(natural) - room
        if excess > 0 and room > 0:
            flexible = {c: natural[SORT_COLUMNS.index(c)] for c in MAX_WIDTHS}
            self.widths = self._narrowed(flexible, excess)
            rows = [self._cells(row) for row in page]
            labels = [
                self._fitted_label(column, label)
                for column, label in zip(SORT_COLUMNS, labels, strict=True)
            ]
        table.clear(columns=True)
        for column, label in zip(SORT_COLUMNS, labels, strict=True):
            table.add_column(label, key=column)
        for row, cells in zip(page, rows, strict=True):
            table.add_row(*cells, key=row.learner_id)
        total = len(self.overview.rows) if self.overview else 0
        count = self.query_one("#table-count", Static)
        if not total:
            count.update(
                Content(t("table.no_learners", path=str(self.coordinator.services.data.root)))
            )
        elif not self.shown:
            count.update(Content(t("table.empty", total=total)))
        else:
            last = min(first + PAGE_SIZE, len(self.shown))
            count.update(
                Content(
                    t("table.count", first=first + 1, last=last, shown=len(self.shown), total=total)
                )
            )
        self.query_one("#prev-page", Button).disabled = self.page == 0
        self.query_one("#next-page", Button).disabled = first + PAGE_SIZE >= len(self.shown)

    @staticmethod
    def _narrowed(natural: dict[SortColumn, int], excess: int) -> dict[SortColumn, int]:
        """Take `excess` cells from the flexible columns: e-mail first (search still finds
        it, the record shows it whole), then team, then name, each down to `SHRINK_STEPS`."""
        widths = dict(natural)
        for column, floor in SHRINK_STEPS:
            take = min(excess, max(0, widths[column] - floor))
            widths[column] -= take
            excess -= take
        return widths

    def _fitted_label(self, column: SortColumn, label: Text) -> Text:
        """A header cut to its column (the sort arrow kept)."""
        width = self.widths.get(column)
        if width is None or label.cell_len <= width:
            return label
        arrow = label.plain[-2:] if label.plain.endswith((" ▲", " ▼")) else ""
        text = label.plain.removesuffix(arrow)
        return Text(cell(text, max(1, width - len(arrow))).plain + arrow)

    def on_resize(self) -> None:
        if self.overview is not None:
            self.fill_table()

    def _cells(self, row: LearnerRow) -> list[Text]:
        t = self.coordinator.t
        status_style = {"complete": "green", "invited": "dim"}.get(row.status, "")
        policy_style = {"accepted_current": "green", "declined": "red", "outdated": "yellow"}
        return [
            cell(row.name, self.widths["name"]),
            cell(row.email, self.widths["email"]),
            cell(row.team, self.widths["team"]),
            cell(t(f"status.{row.status}"), style=status_style),
            progress_cell(row.progress),
            cell(f"{row.modules_done}/{row.modules_total}"),
            cell(f"{row.quizzes_passed}/{row.quizzes_total}"),
            cell(t(f"policy.{row.policy}"), style=policy_style.get(row.policy, "")),
            cell(row.due.isoformat() if row.due else "", style="bold red" if row.overdue else ""),
            cell(table_date(row.last_activity)),
        ]

    @on(DataTable.RowSelected, "#learners")
    def open_learner(self, event: DataTable.RowSelected) -> None:
        from trainer.tui.coordinator.screens.learner_detail import LearnerDetailScreen

        learner_id = event.row_key.value
        if learner_id is not None:
            self.app.push_screen(LearnerDetailScreen(learner_id))

    # -- charts --------------------------------------------------------------------------------

    def refresh_charts(self) -> None:
        overview = self.overview
        if overview is None:
            return
        t = self.coordinator.t
        team = self.selection.team
        report = overview.report_for(team)
        learners = report.funnel.invited if report else 0
        if team is None:
            scope = t("charts.scope_all", n=learners)
        else:
            spelling = overview.teams.get(team, team) or t("filter.no_team")
            scope = t("charts.scope_team", team=single_line(spelling), n=learners)
        services = self.coordinator.services
        self.query_one(ChartsView).show(report, scope, services.course, t)

    # -- exports -------------------------------------------------------------------------------

    @on(Button.Pressed, "#export-bar Button")
    def export_pressed(self, event: Button.Pressed) -> None:
        kind = EXPORT_BUTTONS.get(event.button.id or "")
        if kind is not None:
            self.export(kind)

    def export(self, kind: ExportKind) -> None:
        """Export the learners the filters show (team, status, search), as `trainer export`."""
        self.notify(self.coordinator.t("export.running"), timeout=3)
        self.run_export(kind, self.selection)

    @work(thread=True, group="export")
    def run_export(self, kind: ExportKind, selection: LearnerFilter) -> None:
        from trainer.audit import default_actor, record

        services = self.coordinator.services
        try:
            exported = write_export(
                services.data,
                services.course,
                kind,
                selection.team,
                status=selection.status,
                search=selection.search,
            )
            record(
                services.data,
                services.actor or default_actor(),
                "export",
                {
                    "format": kind,
                    "learners": exported.outcome.learners,
                    "to": "dashboard",
                    **selection.describe(),
                },
            )
        except (UnknownTeamError, StoreError, OSError) as error:
            self.app.call_from_thread(self._export_failed, single_line(str(error)))
            return
        self.app.call_from_thread(self._deliver, exported, kind)

    def _export_failed(self, message: str) -> None:
        self.notify(
            self.coordinator.t("export.failed", error=message), severity="error", markup=False
        )

    def _deliver(self, exported: ExportFile, kind: ExportKind) -> None:
        t = self.coordinator.t
        outcome = exported.outcome
        self.notify(
            t(
                "export.summary",
                format=FORMAT_NAMES[kind],
                learners=outcome.learners,
                lines=outcome.lines,
            ),
            markup=False,
        )
        if outcome.unreadable:
            self.notify(
                t("export.skipped", n=len(outcome.unreadable)), severity="warning", markup=False
            )
        directory = self.coordinator.services.save_directory
        if not self.app.is_web:
            # Textual saves into the Downloads folder but does not create it (servers and
            # fresh accounts often have none): make it, or say why the export cannot be saved.
            try:
                directory = local_save_folder(directory)
            except OSError as error:
                exported.stream.close()
                where = error.filename or directory or "Downloads"
                self._export_failed(single_line(f"{where}: {error.strerror or error}"))
                return
        self.app.deliver_text(
            exported.stream,
            save_directory=directory,
            save_filename=exported.filename,
            mime_type=exported.mime_type,
            encoding="utf-8",
            name=EXPORT_DELIVERY,
        )
