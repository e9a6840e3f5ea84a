"""Due dates: per learner (roster `termin` column, `trainer invite --due`) and per team.

A learner's due date is their own if set, else their team's; a learner past that date
(the day after it, in the coordinator's local calendar) who has not completed is *overdue*.
"""

from trainer.deadlines.due import Deadlines, is_overdue, parse_due, today_local
from trainer.deadlines.team_file import load_deadlines, set_team_deadline

__all__ = [
    "Deadlines",
    "is_overdue",
    "load_deadlines",
    "parse_due",
    "set_team_deadline",
    "today_local",
]
