"""Errors the store raises. Each message is written for the person using the app or the CLI.

The app and the CLI print `str(error)` as is, so a message says what happened, whether anything
was lost and what to do next, without a traceback or an errno number.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.learning.errors import LearningRuleError

# Error numbers that mean "no room left": the disk, a file size limit, or a quota.
NO_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class StoreError(Exception):
    """Something went wrong reading or saving learner data; `str(e)` is for a person."""


class StoreFullError(StoreError):
    """The disk (or a quota or size limit) is full: the save was refused, the old file kept."""


class CorruptFileError(StoreError):
    """A data file cannot be read as a learner file (damaged, truncated, or edited by hand)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class RuleRefusedError(StoreError):
    """A learning rule refused a write when re-applied to the record as saved; nothing was saved.

    Sessions work from a copy of the record read earlier; the store re-applies the rule to
    the file's current content inside the locked transaction, so another window (or process)
    of the same learner that got there first wins. `refused` is the rule's own error
    (`AttemptsExhausted`, `QuestionAlreadyAnswered`, ...), for the UI to explain.
    """

    def __init__(self, refused: LearningRuleError) -> None:
        super().__init__(
            f"Not saved: {refused} (the record was changed in another window or program "
            "since this one read it)."
        )
        self.refused = refused


class ChangedSinceReadError(StoreError):
    """The file was replaced by someone else while this transaction held its lock.

    That happens only when a lock file is deleted under a running program (a clean-up
    script, a person tidying the folder). The transaction is retried from the new content.
    """


class UnknownLearnerError(StoreError):
    """No learner with this id exists in the data folder."""


class SetAsideError(StoreError):
    """The learner's file was damaged and set aside (no backup held them); they are still known.

    Raised instead of "no such learner", so nobody disappears silently: the learner app tells the
    learner what happened and whom to contact; exports, reports, the dashboard and `verify` name
    them until a coordinator runs `trainer restore`. `str(e)` is for the coordinator (it names
    the learner and the file); the learner app shows its own words, without ids.
    """

    def __init__(
        self, learner_id: str, email: str | None, set_aside_at: str, moved_to: str | None
    ) -> None:
        who = f"{email} ({learner_id})" if email else repr(learner_id)
        where = f" as learners/{moved_to}" if moved_to else ""
        super().__init__(
            f"Learner {who}: record damaged, set aside on {set_aside_at[:10]}{where}; no backup "
            "held it. Restore it with `trainer restore` (see 'Restoring a learner' in "
            "docs/operations.md)."
        )
        self.learner_id = learner_id
        self.email = email
        self.set_aside_at = set_aside_at
        self.moved_to = moved_to


class LearnerExistsError(StoreError):
    """A learner with this id or e-mail address is already registered."""


def save_failure(error: OSError, path: Path) -> StoreError:
    """Turn an OS error during a save into the store error a person can act on."""
    if error.errno in NO_SPACE_ERRNOS:
        return StoreFullError(
            "The disk is full: progress was not saved; nothing was lost (the last saved "
            f"version of {path.name} is intact). Free some space and try again."
        )
    reason = error.strerror or str(error)
    return StoreError(
        f"Could not save {path.name} ({reason}); nothing was lost: the last saved version "
        "is intact. Check that the data folder is writable and try again."
    )
