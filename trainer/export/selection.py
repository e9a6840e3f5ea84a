"""Which learners an export or report covers, read one at a time from the data folder.

The rule for a learner file that cannot be read: by default the export STOPS with the file's
path (an export that silently leaves someone out would be wrong evidence); with
`skip_unreadable=True` it continues and lists every skipped file, and the caller still
reports failure. Either way nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from trainer.export.learner_summary import last_activity
from trainer.learning.records import LearnerRecord
from trainer.plain_text import single_line
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder


def team_key(team: str) -> str:
    """Teams typed by people differ in case and spacing; `Sprzedaż ` is `sprzedaż`."""
    return " ".join(team.split()).casefold()


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
    """`--team` (case- and spacing-insensitive) and `--since` (any activity at or after it)."""

    team: str | None = None
    since: dt.datetime | None = None

    def wants(self, record: LearnerRecord) -> bool:
        if self.team is not None and team_key(record.profile.team) != team_key(self.team):
            return False
        return self.since is None or last_activity(record) >= self.since


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

    def __len__(self) -> int:
        return len(self.folder.learner_ids())

    def records(self) -> Iterator[LearnerRecord]:
        for record in self.folder.read_all(on_error=self._unreadable):
            if self.on_learner is not None:
                self.on_learner()
            team = record.profile.team
            self.teams.setdefault(team_key(team), team)
            if self.selection.wants(record):
                self.selected += 1
                yield record
        self.check_team()

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
