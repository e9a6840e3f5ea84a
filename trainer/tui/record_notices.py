"""What a learner is told about their own record: in their language, without internal ids.

Start-up recovery and the store speak to whoever runs the folder (`str(error)` names files and
learner ids). A learner hears only about their own record, in words of their own: a colleague
opening the app on a shared machine never sees notices about other people's files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trainer.i18n import Translator
from trainer.learning.errors import (
    AttemptAlreadyFinished,
    QuestionAlreadyAnswered,
    RecordChanged,
)
from trainer.store.errors import RuleRefusedError, SetAsideError
from trainer.store.folder import LEARNERS, RecoveryNotice


def set_aside_text(t: Translator, error: SetAsideError) -> str:
    """Why the learner cannot continue, and whom to contact."""
    try:
        when = t.date(dt.datetime.fromisoformat(error.set_aside_at.replace("Z", "+00:00")))
    except ValueError:
        when = error.set_aside_at[:10]
    return t(
        "Your training record could not be read and was set aside for safekeeping on {date}. "
        "Please contact your training coordinator: they can restore it, and you can then "
        "continue where you left off.",
        date=when,
    )


def learner_of(notice: RecoveryNotice) -> str | None:
    """The learner a start-up notice is about; None for the folder's own files."""
    if notice.path.parent.name != LEARNERS:
        return None
    name = Path(notice.path).name
    return name.removesuffix(".json") if name.endswith(".json") else None


def own_recovery_text(t: Translator, notice: RecoveryNotice) -> str:
    """A notice about the learner's own file, for the learner."""
    if notice.restored_from is not None:
        return t(
            "Your training record was damaged and has been restored from the last backup. "
            "Anything you did after that backup may need to be done again."
        )
    return t(
        "Your training record could not be read and was set aside for safekeeping. Please "
        "contact your training coordinator: they can restore it."
    )


def refused_text(t: Translator, refusal: RuleRefusedError) -> str:
    """A write refused because another window of the same learner got there first."""
    refused = refusal.refused
    if isinstance(refused, QuestionAlreadyAnswered):
        return t(
            "This quiz was already answered in another window: the answer saved there is the "
            "one that counts, shown here."
        )
    if isinstance(refused, AttemptAlreadyFinished):
        return t("This quiz attempt was already finished in another window.")
    if isinstance(refused, RecordChanged):
        return t(
            "Your record was changed in another window meanwhile: this screen now shows what "
            "was saved there."
        )
    return t("This was already done in another window: this screen now shows what was saved.")
