"""The rule: whose due date applies, and when a learner is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from trainer.export.collation import team_key
from trainer.learning.records import LearnerProfile


def today_local() -> dt.date:
    """Today in the calendar of the machine running the command (the coordinator's)."""
    return dt.datetime.now().astimezone().date()


def parse_due(text: str) -> dt.date:
    """`2026-12-15` or `15.12.2026` (how Polish spreadsheets write dates)."""
    value = text.strip()
    try:
        if "." in value:
            day, month, year = value.split(".")
            return dt.date(int(year), int(month), int(day))
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date such as 2026-12-15 or 15.12.2026") from None


def is_overdue(due: dt.date | None, complete: bool, today: dt.date) -> bool:
    """Past the due date (the whole due day counts) and not complete."""
    return due is not None and not complete and today > due


@dataclass(frozen=True)
class Deadlines:
    """Team due dates by folded team name (`Sprzedaz` and `Sprzedaż` are one team)."""

    teams: dict[str, dt.date] = field(default_factory=dict)

    def due_for(self, profile: LearnerProfile) -> dt.date | None:
        if profile.due is not None:
            return profile.due
        return self.teams.get(team_key(profile.team)) if self.teams else None
