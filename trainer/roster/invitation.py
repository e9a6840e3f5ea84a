"""Turn a checked roster into invited learners: all or nothing, unless bad rows are skipped.

Rules (also in docs/coordinators.md):
- A bad row (missing or invalid e-mail, empty name, unknown language, a stray separator) or a
  second row with the same e-mail is an ERROR: nobody is invited unless `skip_bad`, which
  invites the good rows and leaves the bad ones out.
- A person who already is a learner (same e-mail, any case) is SKIPPED and listed, not an
  error, so the same roster can be imported again after people were added to it.
- `dry_run` checks everything against the data folder and creates nobody.
Invited learners have `status="invited"`; they sign in with their e-mail address and the app
finds their profile with `DataFolder.find_learner_by_email`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.learning.records import LearnerProfile
from trainer.roster.sheet import RosterEntry, RosterProblem, RosterSheet
from trainer.store.errors import LearnerExistsError, StoreError
from trainer.store.folder import DataFolder


@dataclass
class RosterImport:
    """What happened (or, with `dry_run`, what would happen) to each row."""

    sheet: RosterSheet
    to_invite: list[RosterEntry] = field(default_factory=list)
    invited: list[tuple[RosterEntry, str]] = field(default_factory=list)  # entry, learner id
    already_learners: list[RosterProblem] = field(default_factory=list)
    applied: bool = False  # learners were created
    store_error: str | None = None  # a save failed part-way; `invited` lists who was created

    @property
    def errors(self) -> list[RosterProblem]:
        return self.sheet.problems

    @property
    def ok(self) -> bool:
        return not self.errors and self.store_error is None


def invite_roster(
    folder: DataFolder, sheet: RosterSheet, *, skip_bad: bool = False, dry_run: bool = False
) -> RosterImport:
    outcome = RosterImport(sheet)
    for entry in sheet.entries:
        owner = folder.find_learner_by_email(entry.email)
        if owner is not None:
            outcome.already_learners.append(
                RosterProblem(
                    entry.line,
                    "already-learner",
                    f"{entry.email} is already a learner ({owner}); skipped",
                )
            )
        else:
            outcome.to_invite.append(entry)
    if dry_run or (outcome.errors and not skip_bad):
        return outcome
    for entry in outcome.to_invite:
        try:
            learner_id = folder.new_learner_id(entry.name, entry.email)
            folder.create_learner(
                LearnerProfile(
                    learner_id=learner_id,
                    name=entry.name,
                    email=entry.email,
                    team=entry.team,
                    language=entry.language,
                    status="invited",
                    due=entry.due,
                )
            )
        except LearnerExistsError as error:  # registered meanwhile in the app
            outcome.already_learners.append(
                RosterProblem(entry.line, "already-learner", f"{error} Skipped.")
            )
            continue
        except StoreError as error:
            outcome.store_error = f"line {entry.line}: {error}"
            break
        outcome.invited.append((entry, learner_id))
        outcome.applied = True
    return outcome
