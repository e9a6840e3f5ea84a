"""The coordinator's filters, one meaning everywhere: dashboard, exports, reports, reminders.

- status: invited (has opened nothing yet), started (opened something, finished nothing),
  in-progress (a module read, a quiz passed or the policy accepted), complete; and overdue
  (past their due date and not complete), which is also a status of its own in the dashboard.
- team: folded like search, so `--team Sprzedaz` is the team `Sprzedaż`.
- search: part of the name or e-mail address, ignoring case and diacritics (`brzecz`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from trainer.export.collation import fold
from trainer.export.learner_summary import LearnerSummary

LearnerStatus = Literal["invited", "started", "in_progress", "complete"]
STATUSES: tuple[LearnerStatus, ...] = get_args(LearnerStatus)
StatusFilter = Literal["invited", "started", "in_progress", "complete", "overdue"]
STATUS_FILTERS: tuple[StatusFilter, ...] = get_args(StatusFilter)
# How the filters are spelled on the command line (`in-progress`; `not-started` = `invited`).
STATUS_OPTIONS: dict[str, StatusFilter] = {
    "invited": "invited",
    "not-started": "invited",
    "started": "started",
    "in-progress": "in_progress",
    "complete": "complete",
    "overdue": "overdue",
}


def learner_status(summary: LearnerSummary) -> LearnerStatus:
    """invited: nothing opened yet; started: opened something, finished nothing;
    in progress: at least one module read, quiz passed or policy accepted; complete."""
    if summary.complete:
        return "complete"
    if summary.modules_done or any(q.passed for q in summary.quizzes()) or summary.policy.current:
        return "in_progress"
    return "started" if summary.started else "invited"


def search_text(name: str, email: str) -> str:
    """What `search` looks in: name and e-mail, folded (computed once per learner)."""
    return fold(f"{name}\n{email}")


class Filterable(Protocol):
    """What a filter needs to know of a learner (a dashboard row, an export's learner)."""

    @property
    def team_key(self) -> str: ...
    @property
    def status(self) -> LearnerStatus: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def search_text(self) -> str: ...


@dataclass(frozen=True)
class LearnerFilter:
    """team (folded key; None = any), status (None = any; `overdue` too), search text."""

    team: str | None = None
    status: StatusFilter | None = None
    search: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_needle", fold(self.search))

    @property
    def needs_standing(self) -> bool:
        """Whether the filter looks at progress (and so needs the course)."""
        return self.status is not None

    def wants(self, learner: Filterable) -> bool:
        if self.team is not None and learner.team_key != self.team:
            return False
        if self.status == "overdue":
            if not learner.overdue:
                return False
        elif self.status is not None and learner.status != self.status:
            return False
        needle: str = self.__dict__["_needle"]
        return not needle or needle in learner.search_text

    def describe(self) -> dict[str, str]:
        """For the audit trail: which filters an export or reminder used."""
        chosen = {"team": self.team or "", "status": self.status or "", "search": self.search}
        return {k: v for k, v in chosen.items() if v}


@dataclass(frozen=True, slots=True)
class LearnerFacts:
    """A `Filterable` built from one learner's summary (exports, reports, reminders)."""

    team_key: str
    status: LearnerStatus
    overdue: bool
    search_text: str
    due: dt.date | None
