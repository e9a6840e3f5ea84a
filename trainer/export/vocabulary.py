"""The words of our CSV files and reports in the output language: headers and our own values.

English is the machine-friendly form (`snake_case` headers, documented in docs/coordinators.md);
other languages come from the gettext catalogues (context `csv column` / `csv value`), so a
Polish HR team reads `imię i nazwisko` and `tak`. Polish values are impersonal forms
(`ukończone`, `zaproszenie`), right for any learner. People's text is never translated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from trainer.i18n import P_, Message, Translator

OutputLanguage = Literal["pl", "en"]
OUTPUT_LANGUAGES: tuple[OutputLanguage, ...] = ("pl", "en")

COLUMN_WORDS: dict[str, Message] = {
    "learner_id": P_("csv column", "learner_id"),
    "name": P_("csv column", "name"),
    "email": P_("csv column", "email"),
    "team": P_("csv column", "team"),
    "learner_status": P_("csv column", "learner_status"),
    "module_id": P_("csv column", "module_id"),
    "module_title": P_("csv column", "module_title"),
    "module_status": P_("csv column", "module_status"),
    "started_at": P_("csv column", "started_at"),
    "completed_at": P_("csv column", "completed_at"),
    "time_spent_seconds": P_("csv column", "time_spent_seconds"),
    "quiz_id": P_("csv column", "quiz_id"),
    "best_score_percent": P_("csv column", "best_score_percent"),
    "attempts": P_("csv column", "attempts"),
    "quiz_passed": P_("csv column", "quiz_passed"),
    "policy_version_accepted": P_("csv column", "policy_version_accepted"),
    "policy_accepted_at": P_("csv column", "policy_accepted_at"),
    "policy_sha256": P_("csv column", "policy_sha256"),
    "policy_current": P_("csv column", "policy_current"),
    "course_complete": P_("csv column", "course_complete"),
    "policy_decision": P_("csv column", "policy_decision"),
    "due_date": P_("csv column", "due_date"),
    "overdue": P_("csv column", "overdue"),
    "exercise_draft": P_("csv column", "exercise_draft"),
    "language": P_("csv column", "language"),
    "status": P_("csv column", "status"),
    "progress_percent": P_("csv column", "progress_percent"),
    "invite_expires": P_("csv column", "invite_expires"),
    "last_sign_in": P_("csv column", "last_sign_in"),
    "last_activity": P_("csv column", "last_activity"),
    "invite_code": P_("csv column", "invite_code"),
    "expires_at": P_("csv column", "expires_at"),
    # reports
    "module": P_("csv column", "module"),
    "started": P_("csv column", "started"),
    "done": P_("csv column", "done"),
    "done_percent": P_("csv column", "done_percent"),
    "mean_minutes": P_("csv column", "mean_minutes"),
    "quiz": P_("csv column", "quiz"),
    "attempted": P_("csv column", "attempted"),
    "passed": P_("csv column", "passed"),
    "learners": P_("csv column", "learners"),
    "complete": P_("csv column", "complete"),
    "complete_percent": P_("csv column", "complete_percent"),
    "modules_done_percent": P_("csv column", "modules_done_percent"),
    "question": P_("csv column", "question"),
    "responses": P_("csv column", "responses"),
    "facility": P_("csv column", "facility"),
    "discrimination": P_("csv column", "discrimination"),
    "flags": P_("csv column", "flags"),
}

VALUE_WORDS: dict[str, Message] = {
    "yes": P_("csv value", "yes"),
    "no": P_("csv value", "no"),
    "active": P_("csv value", "active"),  # account status
    "not started": P_("csv value", "not started"),  # module states
    "in progress": P_("csv value", "in progress"),
    "done": P_("csv value", "done"),
    "accepted": P_("csv value", "accepted"),  # policy decision
    "declined": P_("csv value", "declined"),
    "invited": P_("csv value", "invited"),  # learner status (dashboard, filters)
    "started": P_("csv value", "started"),
    "in_progress": P_("csv value", "in progress"),
    "complete": P_("csv value", "complete"),
    "overdue": P_("csv value", "overdue"),
}


@lru_cache(maxsize=4)
def _translator(language: str) -> Translator:
    return Translator(language)


def header(column: str, language: OutputLanguage) -> str:
    if language == "en" or column not in COLUMN_WORDS:
        return column
    return _translator(language).text(COLUMN_WORDS[column])


def value(word: str, language: OutputLanguage) -> str:
    """Our own words (states, yes/no) in the output language; never applied to people's text."""
    if language == "en" or word not in VALUE_WORDS:
        return word
    return _translator(language).text(VALUE_WORDS[word])
