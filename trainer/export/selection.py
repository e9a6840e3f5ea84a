"""Which learners an export or report covers, read one at a time from the data folder.

The rule for a learner file that cannot be read: by default the export STOPS with the file's
path (an export that silently leaves someone out would be wrong evidence); with
`skip_unreadable=True` it continues and lists every skipped file, and the caller still
reports failure. Either way nothing is guessed.

With `--team` or `--search`, every file is still read, decoded and checked for its owner (one
that cannot be stops the export as above), but a learner whose stored profile is outside the
team or search is left out before the rest of their record is validated: a team's export
does not stop on, nor vouch for, another team's progress (`trainer verify` checks every file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from trainer.content.models import Course
from trainer.deadlines import Deadlines, is_overdue, load_deadlines, today_local
from trainer.export.collation import fold, team_key
from trainer.export.learner_filter import (
    LearnerFacts,
    LearnerFilter,
    StatusFilter,
    learner_status,
    search_text,
)
from trainer.export.learner_summary import LearnerSummary, last_activity, summarise_learner
from trainer.learning.records import LearnerRecord
from trainer.plain_text import single_line
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

__all__ = [
    "LearnerSelection",
    "LearnerSource",
    "UnknownTeamError",
    "UnreadableLearnerError",
    "team_key",
]


class UnknownTeamError(Exception):
    """`--team` names no team any learner belongs to; the message lists the teams there are."""

    def __init__(self, team: str, known: list[str]) -> None:
        listed = ", ".join(repr(single_line(t)) for t in known) if known else "none"
        super().__init__(
            f"No learner belongs to the team {single_line(team)!r}. Known teams: {listed}."
        )
        self.team = team
        self.known = known


class UnreadableLearnerError(Exception):
    """A learner file could not be read and the export was told not to skip such files."""

    def __init__(self, error: StoreError) -> None:
        path = getattr(error, "path", None)
        where = f" ({path})" if path is not None else ""
        super().__init__(
            f"Stopped: a learner file cannot be read{where}: {error} Nothing was written. Run "
            "`trainer verify` and see docs/operations.md, or pass --skip-unreadable to export "
            "everyone else and list the unreadable files."
        )
        self.error = error


@dataclass(frozen=True)
class LearnerSelection:
    """The dashboard's filters (`--team`, `--status`, `--search`, same meaning: see
    `trainer.export.learner_filter`) and `--since` (any activity at or after it)."""

    team: str | None = None
    since: dt.datetime | None = None
    status: StatusFilter | None = None
    search: str = ""

    @property
    def learner_filter(self) -> LearnerFilter:
        team = None if self.team is None else team_key(self.team)
        return LearnerFilter(team=team, status=self.status, search=self.search)

    def wants(self, record: LearnerRecord) -> bool:
        """The filters that need no progress (team, search, since)."""
        if self.team is not None and team_key(record.profile.team) != team_key(self.team):
            return False
        if self.search:
            needle = fold(self.search)
            if needle and needle not in search_text(record.profile.name, record.profile.email):
                return False
        return self.since is None or last_activity(record) >= self.since

    def rules_out(self, profile: Mapping[str, object]) -> bool:
        """True when the stored profile alone (team, name, e-mail) puts the learner outside
        `--team`/`--search`, so their record need not be validated and built. A profile that
        does not look right is never ruled out here: reading it in full reports it."""
        if self.team is not None:
            team = profile.get("team", "")
            if not isinstance(team, str):
                return False
            if team_key(team) != team_key(self.team):
                return True
        if self.search:
            name, email = profile.get("name"), profile.get("email")
            if not isinstance(name, str) or not isinstance(email, str):
                return False
            needle = fold(self.search)
            if needle and needle not in search_text(name, email):
                return True
        return False

    def describe(self) -> dict[str, str]:
        """For the audit trail and summaries: the filters that were used."""
        chosen = {
            "team": self.team or "",
            "status": self.status or "",
            "search": self.search,
            "since": self.since.isoformat() if self.since else "",
        }
        return {k: v for k, v in chosen.items() if v}


@dataclass
class LearnerSource:
    """Streams the selected learners' records; remembers what it skipped and the teams it saw."""

    folder: DataFolder
    selection: LearnerSelection = field(default_factory=LearnerSelection)
    skip_unreadable: bool = False
    on_learner: Callable[[], None] | None = None  # called once per learner file (progress bars)
    unreadable: list[StoreError] = field(default_factory=list)
    teams: dict[str, str] = field(default_factory=dict)  # team key -> spelling first seen
    selected: int = 0
    course: Course | None = None  # needed by `--status` and by `summarised()`
    deadlines: Deadlines | None = None  # read from the data folder when first needed
    today: dt.date = field(default_factory=today_local)
    # Records from elsewhere (rebuilt from an LRS's statements) instead of the folder's files;
    # the folder still gives the team deadlines.
    given: list[LearnerRecord] | None = None

    def __len__(self) -> int:
        return len(self.folder.learner_ids()) if self.given is None else len(self.given)

    def records(self) -> Iterator[LearnerRecord]:
        for record, _summary in self._selected(summarise=False):
            yield record

    def summarised(self) -> Iterator[tuple[LearnerRecord, LearnerSummary]]:
        """The selected learners with their standing (computed once, for filter and output)."""
        for record, summary in self._selected(summarise=True):
            assert summary is not None
            yield record, summary

    def due_for(self, record: LearnerRecord) -> dt.date | None:
        if self.deadlines is None:
            self.deadlines = load_deadlines(self.folder)
        return self.deadlines.due_for(record.profile)

    def facts(self, record: LearnerRecord, summary: LearnerSummary) -> LearnerFacts:
        due = self.due_for(record)
        return LearnerFacts(
            team_key=team_key(record.profile.team),
            status=learner_status(summary),
            overdue=is_overdue(due, summary.complete, self.today),
            search_text="",  # search was applied before the standing was computed
            due=due,
        )

    def _selected(
        self, *, summarise: bool
    ) -> Iterator[tuple[LearnerRecord, LearnerSummary | None]]:
        status = self.selection.status
        if (summarise or status is not None) and self.course is None:
            raise ValueError("filtering by status needs the course")
        status_filter = LearnerFilter(status=status)
        selection = self.selection
        passed_over = self._passed_over if selection.team is not None or selection.search else None
        records = (
            self.folder.read_all(on_error=self._unreadable, passed_over=passed_over)
            if self.given is None
            else self.given
        )
        for record in records:
            if self.on_learner is not None:
                self.on_learner()
            team = record.profile.team
            self.teams.setdefault(team_key(team), team)
            if not self.selection.wants(record):
                continue
            summary = None
            if summarise or status is not None:
                assert self.course is not None
                summary = summarise_learner(record, self.course)
                if status is not None and not status_filter.wants(self.facts(record, summary)):
                    continue
            self.selected += 1
            yield record, summary
        self.check_team()

    def _passed_over(self, profile: Mapping[str, object]) -> bool:
        """Outside `--team`/`--search` by the stored profile: counted (team seen, progress
        bar moved) without validating and building the whole record."""
        if not self.selection.rules_out(profile):
            return False
        team = profile.get("team", "")
        if isinstance(team, str):
            self.teams.setdefault(team_key(team), team)
        if self.on_learner is not None:
            self.on_learner()
        return True

    def _unreadable(self, error: StoreError) -> None:
        if self.on_learner is not None:
            self.on_learner()
        if not self.skip_unreadable:
            raise UnreadableLearnerError(error)
        self.unreadable.append(error)

    def check_team(self) -> None:
        """After a full pass: a `--team` nobody belongs to is an error, not an empty file."""
        team = self.selection.team
        if team is not None and team_key(team) not in self.teams:
            known = sorted((t for t in self.teams.values() if t), key=str.casefold)
            raise UnknownTeamError(team, known)
