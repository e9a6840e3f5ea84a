"""`trainer export --format people`: one row per learner, for a mail merge or a chase list.

"Invited, never signed in" is `--status invited` and an empty `last_sign_in`. Dates are the
coordinator's local calendar (`2026-12-15`), times local to the minute (`2026-11-30 09:12`):
this list is read by people, unlike the learner x module export's ISO times in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from trainer.content.models import Course
from trainer.export.csv_table import start_sheet
from trainer.export.exporting import ExportOutcome
from trainer.export.selection import LearnerSource
from trainer.export.spreadsheet import neutralise_cell
from trainer.export.vocabulary import OutputLanguage, value
from trainer.identity.credentials import IdentityFolder
from trainer.learning.completion import completion_checklist
from trainer.store.errors import StoreError

PEOPLE_COLUMNS = (
    "name",
    "email",
    "team",
    "language",
    "status",
    "progress_percent",
    "policy_decision",
    "due_date",
    "overdue",
    "invite_expires",
    "last_sign_in",
    "last_activity",
)


def local_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def local_time(value: dt.datetime | None) -> str:
    """To the minute, in the coordinator's time zone: the one format for times people read."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def export_people(
    source: LearnerSource,
    course: Course,
    out: TextIO,
    *,
    delimiter: str = ",",
    language: OutputLanguage = "en",
) -> ExportOutcome:
    writer = None
    identity = IdentityFolder(source.folder)
    outcome = ExportOutcome()
    if source.course is None:
        source.course = course
    for record, summary in source.summarised():
        if writer is None:  # written once a learner is read: a failed export writes nothing
            writer = start_sheet(out, PEOPLE_COLUMNS, delimiter=delimiter, language=language)
        facts = source.facts(record, summary)
        try:
            credentials = identity.read(record.profile.learner_id)
            expires = credentials.invite.expires_at if credentials.invite else None
            last_sign_in = credentials.last_signed_in_at
        except StoreError:
            expires = last_sign_in = None  # a damaged sign-in file: `trainer verify` names it
        requirements = completion_checklist(course, record)
        met = sum(1 for r in requirements if r.met)
        progress = round(100 * met / len(requirements)) if requirements else 100
        policy = summary.policy
        decision = "declined" if policy.declined else "accepted" if policy.accepted_version else ""
        writer.writerow(
            [
                neutralise_cell(summary.name),
                neutralise_cell(summary.email),
                neutralise_cell(summary.team),
                record.profile.language or "",
                value(facts.status, language),
                str(progress),
                value(decision, language) if decision else "",
                local_date(facts.due),
                value("yes" if facts.overdue else "no", language),
                local_time(expires),
                local_time(last_sign_in),
                local_time(summary.last_activity),
            ]
        )
        outcome.learners += 1
        outcome.lines += 1
    if writer is None:
        start_sheet(out, PEOPLE_COLUMNS, delimiter=delimiter, language=language)
    outcome.unreadable = source.unreadable
    return outcome
