"""One learner's record for the coordinator: profile, modules, attempts, policy evidence.

The file is read afresh when the screen opens (not taken from the table), and its policy
hash chain is checked with the same function `trainer verify` uses, so what the coordinator
sees here is what an auditor would find in the file now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from trainer.export.learner_summary import LearnerSummary, summarise_learner
from trainer.learning.completion import quizzes_in_course_order
from trainer.learning.records import LearnerRecord
from trainer.plain_text import single_line
from trainer.store.errors import StoreError
from trainer.store.learner_file import build_record, load_tables
from trainer.store.verify import Finding, chain_findings
from trainer.tui.coordinator.app import translate_bindings
from trainer.tui.coordinator.cells import cell, detail_time, table_time
from trainer.tui.coordinator.overview import learner_row, percent
from trainer.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from trainer.tui.coordinator.app import CoordinatorApp


@dataclass(frozen=True)
class LearnerFile:
    """What the screen shows: the record, its summary and the chain check of its file."""

    record: LearnerRecord
    summary: LearnerSummary
    chain_findings: tuple[Finding, ...]


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class LearnerDetailScreen(Screen[None]):
    AUTO_FOCUS = "#detail"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", key_display="Esc"),
    ]

    def __init__(self, learner_id: str) -> None:
        super().__init__()
        self.learner_id = learner_id
        translate_bindings(self, self.coordinator.t)
        self.shown: LearnerFile | None = None

    @property
    def coordinator(self) -> CoordinatorApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        t = self.coordinator.t
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(Content(t("detail.loading")), id="detail-title", classes="title")
            yield Static(id="detail-profile", classes="detail-block")
            yield Static(Content(t("detail.modules")), classes="detail-heading")
            yield DataTable[Text](id="detail-modules", cursor_type="row", classes="detail-table")
            yield Static(Content(t("detail.attempts")), classes="detail-heading")
            yield DataTable[Text](id="detail-attempts", cursor_type="row", classes="detail-table")
            yield Static(Content(t("detail.decisions")), classes="detail-heading")
            yield Static(id="detail-decisions", classes="detail-block")
            yield Static(Content(t("detail.chain")), classes="detail-heading")
            yield Static(id="detail-chain", classes="detail-block")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.read_learner()

    def action_back(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True)
    def read_learner(self) -> None:
        services = self.coordinator.services
        path = services.data.learner_path(self.learner_id)
        try:
            tables = load_tables(path, self.learner_id)
            record = build_record(tables, path)
        except StoreError as error:
            self.app.call_from_thread(self._unreadable, single_line(str(error)))
            return
        shown = LearnerFile(
            record,
            summarise_learner(record, services.course),
            tuple(chain_findings(path, self.learner_id, tables)),
        )
        self.app.call_from_thread(self._show, shown)

    def _unreadable(self, message: str) -> None:
        t = self.coordinator.t
        title = self.query_one("#detail-title", Static)
        title.update(Content(t("detail.unreadable", error=message)))
        title.add_class("error")

    def _show(self, shown: LearnerFile) -> None:
        self.shown = shown
        t = self.coordinator.t
        profile = shown.record.profile
        self.query_one("#detail-title", Static).update(
            Content(t("detail.title", name=single_line(profile.name)))
        )
        row = learner_row(shown.record, shown.summary, self.coordinator.services.course)
        lines = [
            (t("detail.id"), profile.learner_id),
            (t("col.email"), profile.email),
            (t("col.team"), profile.team or t("filter.no_team")),
            (t("detail.status"), t(f"status.{row.status}")),
            (t("detail.progress"), percent(row.progress)),
            (t("col.policy"), t(f"policy.{row.policy}")),
            (t("detail.language"), profile.language or "—"),
            (t("detail.created"), detail_time(profile.created_at)),
        ]
        self.query_one("#detail-profile", Static).update(
            Content("\n".join(f"{label}: {single_line(value)}" for label, value in lines))
        )
        self._fill_modules(shown)
        self._fill_attempts(shown)
        self._fill_decisions(shown)
        self._show_chain(shown)

    def _fill_modules(self, shown: LearnerFile) -> None:
        t = self.coordinator.t
        course = self.coordinator.services.course
        table: DataTable[Text] = self.query_one("#detail-modules", DataTable)
        table.clear(columns=True)
        for key in ("module", "state", "started", "completed", "time"):
            table.add_column(Text(t(f"detail.col.{key}")), key=key)
        titles = {m.id: m.text(t.lang).title for m in course.modules}
        for module in shown.summary.modules:
            table.add_row(
                cell(titles.get(module.module_id, module.title), 40),
                cell(t(f"detail.module_state.{module.state}")),
                cell(table_time(module.started_at) if module.started_at else "—"),
                cell(table_time(module.completed_at) if module.completed_at else "—"),
                cell(minutes(module.seconds_spent)),
                key=module.module_id,
            )

    def _fill_attempts(self, shown: LearnerFile) -> None:
        t = self.coordinator.t
        course = self.coordinator.services.course
        table: DataTable[Text] = self.query_one("#detail-attempts", DataTable)
        table.clear(columns=True)
        for key in ("quiz", "number", "started", "finished", "score", "passed"):
            table.add_column(Text(t(f"detail.col.{key}")), key=key)
        order = {quiz_id: i for i, quiz_id in enumerate(quizzes_in_course_order(course))}
        attempts = sorted(
            shown.record.attempts, key=lambda a: (order.get(a.quiz_id, len(order)), a.number)
        )
        for attempt in attempts:
            quiz = course.quizzes.get(attempt.quiz_id)
            title = quiz.text(t.lang).title if quiz else attempt.quiz_id
            if attempt.finished and attempt.score is not None and attempt.max_score:
                scaled = percent(attempt.score / attempt.max_score)
                score = f"{attempt.score:g}/{attempt.max_score} ({scaled})"
                passed = t("detail.yes") if attempt.passed else t("detail.no")
            else:
                score, passed = t("detail.unfinished"), "—"
            table.add_row(
                cell(title, 36),
                cell(str(attempt.number)),
                cell(table_time(attempt.started_at)),
                cell(table_time(attempt.finished_at) if attempt.finished_at else "—"),
                cell(score),
                cell(passed, style="green" if attempt.passed else ""),
                key=attempt.attempt_id,
            )
        if not attempts:
            table.add_row(cell(t("detail.no_attempts")))

    def _fill_decisions(self, shown: LearnerFile) -> None:
        t = self.coordinator.t
        decisions = shown.record.policy_decisions
        if not decisions:
            self.query_one("#detail-decisions", Static).update(Content(t("detail.no_decisions")))
            return
        lines: list[str] = []
        for number, decision in enumerate(decisions, start=1):
            lines.append(
                t(
                    "detail.decision",
                    n=number,
                    decision=t(f"detail.decision.{decision.decision}"),
                    policy=single_line(decision.policy_id),
                    version=single_line(decision.version),
                    lang=single_line(decision.language),
                    time=detail_time(decision.decided_at),
                )
            )
            if decision.typed_name is not None:
                lines.append("   " + t("detail.typed_name", name=single_line(decision.typed_name)))
            lines.append("   " + t("detail.sha", sha=single_line(decision.sha256)))
        self.query_one("#detail-decisions", Static).update(Content("\n".join(lines)))

    def _show_chain(self, shown: LearnerFile) -> None:
        t = self.coordinator.t
        chain = self.query_one("#detail-chain", Static)
        if not shown.chain_findings:
            chain.update(Content(t("detail.chain_intact", n=len(shown.record.policy_decisions))))
            chain.set_classes("detail-block chain-intact")
            return
        lines = [t("detail.chain_altered")]
        lines += [f"• {single_line(finding.message)}" for finding in shown.chain_findings]
        chain.update(Content("\n".join(lines)))
        chain.set_classes("detail-block chain-altered")
