"""What the dashboard knows about every learner, read in one pass over the data folder.

One pass reads each learner file once and keeps a small `LearnerRow` (never the record) plus
the report counters for everyone and for each team, so 10,000 learners fit in memory and
the table, the filters and the charts never read the folder again until "reload".
Every number comes from the export layer's `LearnerSummary` and `CourseReportBuilder`, so the
dashboard agrees with the CSV and with `trainer report`. No Textual here: this runs in a
worker thread and is tested without an app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, get_args

from trainer.content.models import Course
from trainer.deadlines import Deadlines, is_overdue, load_deadlines, today_local
from trainer.export.collation import sort_key, team_key
from trainer.export.course_report import CourseReport, CourseReportBuilder
from trainer.export.learner_filter import (
    STATUSES,
    LearnerFilter,
    LearnerStatus,
    learner_status,
    search_text,
)
from trainer.export.learner_summary import LearnerSummary
from trainer.learning.completion import completion_checklist
from trainer.learning.policy import PolicyState
from trainer.learning.records import LearnerRecord
from trainer.plain_text import single_line
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

SortColumn = Literal[
    "name",
    "email",
    "team",
    "status",
    "progress",
    "modules",
    "quizzes",
    "policy",
    "due",
    "last_activity",
]
SORT_COLUMNS: tuple[SortColumn, ...] = get_args(SortColumn)  # in the table's order
_ORDER = sort_key("pl")  # names and teams sort as Polish readers expect, whatever the UI language
_POLICY_ORDER: dict[PolicyState, int] = {
    "not_decided": 0,
    "declined": 1,
    "outdated": 2,
    "accepted_current": 3,
}


@dataclass(frozen=True, slots=True)
class LearnerRow:
    """One line of the learners table; text fields are already single-line and control-free."""

    learner_id: str
    name: str
    email: str
    team: str
    team_key: str
    status: LearnerStatus
    progress: float  # completion requirements met / requirements, as the course map counts
    modules_done: int
    modules_total: int
    quizzes_passed: int
    quizzes_total: int
    policy: PolicyState
    last_activity: dt.datetime
    search_text: str  # name and e-mail, folded (no case, no diacritics)
    due: dt.date | None = None
    overdue: bool = False


def policy_state(summary: LearnerSummary) -> PolicyState:
    """The learning rule's `PolicyState`, read back from the summary's policy standing."""
    standing = summary.policy
    if standing.current:
        return "accepted_current"
    if standing.declined:
        return "declined"
    return "outdated" if standing.accepted_version is not None else "not_decided"


def learner_row(
    record: LearnerRecord,
    summary: LearnerSummary,
    course: Course,
    deadlines: Deadlines | None = None,
    today: dt.date | None = None,
) -> LearnerRow:
    requirements = completion_checklist(course, record)
    met = sum(1 for r in requirements if r.met)
    quizzes = summary.quizzes()
    name = single_line(summary.name)
    email = single_line(summary.email)
    due = (deadlines or Deadlines()).due_for(record.profile)
    return LearnerRow(
        learner_id=summary.learner_id,
        name=name,
        email=email,
        team=single_line(summary.team),
        team_key=team_key(summary.team),
        status=learner_status(summary),
        progress=met / len(requirements) if requirements else 1.0,
        modules_done=summary.modules_done,
        modules_total=len(summary.modules),
        quizzes_passed=sum(1 for q in quizzes if q.passed),
        quizzes_total=len(quizzes),
        policy=policy_state(summary),
        last_activity=summary.last_activity,
        search_text=search_text(name, email),
        due=due,
        overdue=is_overdue(due, summary.complete, today or today_local()),
    )


@dataclass
class Overview:
    """Everything the dashboard shows, from one read of the data folder."""

    rows: list[LearnerRow] = field(default_factory=list)
    teams: dict[str, str] = field(default_factory=dict)  # team key -> spelling first seen
    reports: dict[str | None, CourseReport] = field(default_factory=dict)  # None: everyone
    unreadable: list[str] = field(default_factory=list)  # one message per unreadable file

    def report_for(self, team: str | None) -> CourseReport | None:
        return self.reports.get(team)

    def team_choices(self) -> list[tuple[str, str]]:
        """(spelling, key) of every team, alphabetical; learners without a team come last."""
        order = sort_key("pl")
        named = sorted(((s, k) for k, s in self.teams.items() if k), key=lambda t: order(t[0]))
        return [*named, ("", "")] if "" in self.teams else named


ProgressCallback = Callable[[int, int], None]  # (files read, files in the folder)


def load_overview(
    folder: DataFolder, course: Course, on_progress: ProgressCallback | None = None
) -> Overview:
    """Read every learner once; an unreadable file becomes a message, never an exception."""
    overview = Overview()
    everyone = CourseReportBuilder(course)
    by_team: dict[str, CourseReportBuilder] = {}
    total = len(folder.learner_ids())
    done = 0
    deadlines = load_deadlines(folder)
    today = today_local()

    def unreadable(error: StoreError) -> None:
        nonlocal done
        done += 1
        overview.unreadable.append(single_line(str(error)))

    for record in folder.read_all(on_error=unreadable):
        done += 1
        summary = everyone.add(record)
        key = team_key(record.profile.team)
        overview.teams.setdefault(key, single_line(" ".join(record.profile.team.split())))
        builder = by_team.get(key)
        if builder is None:
            builder = by_team[key] = CourseReportBuilder(course)
        builder.add(record)
        row = learner_row(record, summary, course, deadlines, today)
        everyone.funnel.overdue += row.overdue
        builder.funnel.overdue += row.overdue
        overview.rows.append(row)
        if on_progress is not None and (done % 100 == 0 or done == total):
            on_progress(done, total)
    overview.reports[None] = everyone.report()
    for key, builder in by_team.items():
        overview.reports[key] = builder.report()
    if on_progress is not None:
        on_progress(total, total)
    return overview


def _sort_value(row: LearnerRow, column: SortColumn) -> tuple[object, ...]:
    if column == "name":
        return (_ORDER(row.name),)
    if column == "email":
        return (row.email.casefold(),)
    if column == "team":
        return (_ORDER(row.team),)
    if column == "status":
        return (STATUSES.index(row.status), row.progress)
    if column == "progress":
        return (row.progress,)
    if column == "modules":
        return (row.modules_done,)
    if column == "quizzes":
        return (row.quizzes_passed,)
    if column == "policy":
        return (_POLICY_ORDER[row.policy],)
    if column == "due":
        return (row.due is None, row.due or dt.date.min)
    return (row.last_activity,)


def arrange(
    rows: Iterable[LearnerRow], selection: LearnerFilter, column: SortColumn, descending: bool
) -> list[LearnerRow]:
    """The filtered rows in sort order; ties keep name order, whatever the direction."""
    chosen = sorted(
        (r for r in rows if selection.wants(r)), key=lambda r: (_ORDER(r.name), r.learner_id)
    )
    chosen.sort(key=lambda r: _sort_value(r, column), reverse=descending)
    return chosen


EIGHTHS = " ▏▎▍▌▋▊▉"


def text_bar(fraction: float, width: int) -> str:
    """A horizontal bar of `width` cells, in eighths of a cell: `█████▍    ` for 0.54 of 10."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[rest] if rest else "")
    return bar.ljust(width)


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"
