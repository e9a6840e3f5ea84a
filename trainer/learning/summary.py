"""The record a learner saves when the course is done: who, what, when, and which policy text.

`CompletionSummary` is the data (exportable as JSON); `render_summary_text` writes it as a
Markdown document that reads as plain text. Every value from content or the learner passes
through `single_line`, so a saved file shown with `cat` cannot drive the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from trainer.content.models import Course
from trainer.learning.completion import completed_at, is_complete, quizzes_in_course_order
from trainer.learning.grading import quiz_result
from trainer.learning.policy import PolicyState, policy_status
from trainer.learning.records import LearnerRecord, UtcTime, as_utc, utc_now
from trainer.plain_text import single_line


class _SummaryPart(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ModuleLine(_SummaryPart):
    module_id: str
    title: str
    completed_at: UtcTime | None
    seconds_spent: float


class QuizLine(_SummaryPart):
    quiz_id: str
    title: str
    score: float | None  # graded score 0..1 under the quiz's grading method
    passed: bool
    pass_mark: float
    attempts_used: int


class PolicyLine(_SummaryPart):
    policy_id: str
    title: str
    state: PolicyState
    version: str | None  # of the learner's latest acceptance, if any
    sha256: str | None
    language: str | None
    accepted_at: UtcTime | None


class CompletionSummary(_SummaryPart):
    learner_id: str
    name: str
    email: str
    team: str
    course_title: str
    organisation: str
    language: str
    modules: tuple[ModuleLine, ...]
    quizzes: tuple[QuizLine, ...]
    policy: PolicyLine
    complete: bool
    completed_at: UtcTime | None
    generated_at: UtcTime
    # The certificate's verification code (`trainer certificate verify CODE`), once issued.
    verification_code: str | None = None


def completion_summary(
    course: Course, record: LearnerRecord, lang: str, *, now: dt.datetime | None = None
) -> CompletionSummary:
    """The learner's standing in `lang` (titles translated; unknown languages fall back)."""
    modules = tuple(
        ModuleLine(
            module_id=m.id,
            title=m.text(lang).title,
            completed_at=progress.completed_at if progress else None,
            seconds_spent=progress.seconds_spent if progress else 0.0,
        )
        for m in course.modules
        for progress in [record.modules.get(m.id)]
    )
    quizzes = []
    for quiz_id in quizzes_in_course_order(course):
        quiz = course.quizzes[quiz_id]
        result = quiz_result(record.attempts_for(quiz_id), quiz)
        quizzes.append(
            QuizLine(
                quiz_id=quiz_id,
                title=quiz.text(lang).title,
                score=result.score,
                passed=result.passed,
                pass_mark=quiz.pass_mark,
                attempts_used=result.attempts_used,
            )
        )
    status = policy_status(course.policy, record)
    accepted = status.last_acceptance
    policy = PolicyLine(
        policy_id=course.policy.id,
        title=course.policy.text(lang).title,
        state=status.state,
        version=accepted.version if accepted else None,
        sha256=accepted.sha256 if accepted else None,
        language=accepted.language if accepted else None,
        accepted_at=accepted.decided_at if accepted else None,
    )
    finished = completed_at(course, record)
    profile = record.profile
    return CompletionSummary(
        learner_id=profile.learner_id,
        name=profile.name,
        email=profile.email,
        team=profile.team,
        course_title=course.title(lang),
        organisation=course.config.organisation,
        language=lang,
        modules=modules,
        quizzes=tuple(quizzes),
        policy=policy,
        complete=is_complete(course, record),
        completed_at=finished,
        generated_at=as_utc(now) if now else utc_now(),
    )


_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Course completion record",
        "heading_incomplete": "Course progress record (not complete yet)",
        "learner": "Learner",
        "email": "E-mail",
        "team": "Team",
        "course": "Course",
        "organisation": "Organisation",
        "completed": "Completed at",
        "not_complete": "Not complete yet",
        "modules": "Modules",
        "read": "read",
        "not_read": "not read yet",
        "quizzes": "Quizzes",
        "passed": "passed",
        "not_passed": "not passed",
        "not_taken": "not taken",
        "pass_mark": "pass mark",
        "attempts": "attempts",
        "policy": "Policy",
        "version": "Version",
        "accepted_at": "Accepted at",
        "language": "Language",
        "policy_current": "accepted, current version",
        "policy_outdated": "accepted an earlier version; the current one is not accepted",
        "policy_declined": "declined",
        "policy_not_decided": "not accepted",
        "generated": "Generated at",
        "verification_code": "Certificate verification code",
    },
    "pl": {
        "heading": "Potwierdzenie ukończenia kursu",
        "heading_incomplete": "Podsumowanie postępów w kursie (kurs nieukończony)",
        "learner": "Imię i nazwisko",
        "email": "E-mail",
        "team": "Zespół",
        "course": "Kurs",
        "organisation": "Organizacja",
        "completed": "Ukończono",
        "not_complete": "Kurs nie jest jeszcze ukończony",
        "modules": "Moduły",
        "read": "przeczytany",
        "not_read": "jeszcze nieprzeczytany",
        "quizzes": "Quizy",
        "passed": "zaliczony",
        "not_passed": "niezaliczony",
        "not_taken": "nierozwiązany",
        "pass_mark": "próg zaliczenia",
        "attempts": "podejścia",
        "policy": "Polityka",
        "version": "Wersja",
        "accepted_at": "Zaakceptowano",
        "language": "Język",
        "policy_current": "zaakceptowana, bieżąca wersja",
        "policy_outdated": "zaakceptowana wcześniejsza wersja; bieżąca nie jest zaakceptowana",
        "policy_declined": "odrzucona",
        "policy_not_decided": "niezaakceptowana",
        "generated": "Wygenerowano",
        "verification_code": "Kod weryfikacyjny zaświadczenia",
    },
}

_POLICY_STATE_LABEL: dict[PolicyState, str] = {
    "accepted_current": "policy_current",
    "outdated": "policy_outdated",
    "declined": "policy_declined",
    "not_decided": "policy_not_decided",
}


def iso_utc(moment: dt.datetime) -> str:
    """UTC ISO 8601 to the second with a `Z`, e.g. 2026-03-01T09:30:00Z."""
    return as_utc(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def render_summary_text(
    summary: CompletionSummary, when: Callable[[dt.datetime], str] = iso_utc
) -> str:
    """The summary as a Markdown document in the summary's language (English if unknown).

    Times are ISO 8601 UTC in the saved file (a record others check); the screen passes the
    learner's own local, worded dates as `when`.
    """
    label = _LABELS.get(summary.language, _LABELS["en"])
    safe = single_line
    lines = [
        f"# {label['heading' if summary.complete else 'heading_incomplete']}",
        "",
        f"- {label['learner']}: {safe(summary.name)}",
        f"- {label['email']}: {safe(summary.email)}",
    ]
    if summary.team.strip():
        lines.append(f"- {label['team']}: {safe(summary.team)}")
    lines += [
        f"- {label['course']}: {safe(summary.course_title)}",
        f"- {label['organisation']}: {safe(summary.organisation)}",
    ]
    if summary.complete and summary.completed_at is not None:
        lines.append(f"- {label['completed']}: {when(summary.completed_at)}")
    elif not summary.complete:
        lines.append(f"- {label['not_complete']}")

    lines += ["", f"## {label['modules']}", ""]
    for module in summary.modules:
        state = (
            f"{label['read']} {when(module.completed_at)}"
            if module.completed_at is not None
            else label["not_read"]
        )
        lines.append(f"- {safe(module.title)}: {state}")

    if summary.quizzes:
        lines += ["", f"## {label['quizzes']}", ""]
    for quiz in summary.quizzes:
        if quiz.score is None:
            verdict = label["not_taken"]
        else:
            verdict = f"{_percent(quiz.score)}, {label['passed' if quiz.passed else 'not_passed']}"
        lines.append(
            f"- {safe(quiz.title)}: {verdict} ({label['pass_mark']} {_percent(quiz.pass_mark)}, "
            f"{label['attempts']}: {quiz.attempts_used})"
        )

    policy = summary.policy
    lines += [
        "",
        f"## {label['policy']}",
        "",
        f"- {safe(policy.title)}: {label[_POLICY_STATE_LABEL[policy.state]]}",
    ]
    if policy.version is not None and policy.accepted_at is not None:
        lines += [
            f"- {label['version']}: {safe(policy.version)}",
            f"- SHA-256: {safe(policy.sha256 or '')}",
            f"- {label['language']}: {safe(policy.language or '')}",
            f"- {label['accepted_at']}: {when(policy.accepted_at)}",
        ]
    if summary.verification_code is not None:
        lines += ["", f"{label['verification_code']}: {safe(summary.verification_code)}"]
    lines += ["", f"{label['generated']}: {when(summary.generated_at)}", ""]
    return "\n".join(lines)
