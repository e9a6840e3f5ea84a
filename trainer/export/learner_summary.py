"""Where one learner stands in the course: the numbers every export, report and dashboard shows.

One `LearnerSummary` is computed from one `LearnerRecord` and the course, with the learning
rules (`trainer.learning`), so the CSV, the report and the dashboard can never disagree
about who passed or who is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Course, Policy
from trainer.learning.completion import is_complete
from trainer.learning.grading import quiz_result
from trainer.learning.policy import policy_status
from trainer.learning.records import LearnerRecord

ModuleState = Literal["not started", "in progress", "done"]


@dataclass(frozen=True, slots=True)
class QuizStanding:
    quiz_id: str
    score: float | None  # graded score 0..1 under the quiz's grading method
    attempts: int  # started attempts
    finished_attempts: int
    passed: bool
    passed_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ModuleStanding:
    module_id: str
    title: str  # in the course's default language
    state: ModuleState
    started_at: dt.datetime | None
    completed_at: dt.datetime | None
    seconds_spent: float
    quiz: QuizStanding | None


@dataclass(frozen=True, slots=True)
class PolicyStanding:
    """The learner's last acceptance of the course policy, and whether it covers today's text."""

    accepted_version: str | None
    accepted_at: dt.datetime | None
    accepted_sha256: str | None
    current: bool  # the latest decision accepts the current version's exact text
    declined: bool  # the latest decision is a decline


@dataclass(frozen=True, slots=True)
class LearnerSummary:
    learner_id: str
    name: str
    email: str
    team: str
    status: Literal["invited", "active"]
    modules: tuple[ModuleStanding, ...]  # in course order
    policy: PolicyStanding
    complete: bool
    last_activity: dt.datetime

    @property
    def started(self) -> bool:
        return any(m.state != "not started" for m in self.modules) or any(
            m.quiz is not None and m.quiz.attempts for m in self.modules
        )

    @property
    def modules_done(self) -> int:
        return sum(1 for m in self.modules if m.state == "done")

    def quizzes(self) -> list[QuizStanding]:
        return [m.quiz for m in self.modules if m.quiz is not None]


def policy_standing(record: LearnerRecord, policy: Policy) -> PolicyStanding:
    status = policy_status(policy, record)
    accepted = status.last_acceptance
    return PolicyStanding(
        accepted_version=accepted.version if accepted else None,
        accepted_at=accepted.decided_at if accepted else None,
        accepted_sha256=accepted.sha256 if accepted else None,
        current=status.state == "accepted_current",
        declined=status.state == "declined",
    )


def last_activity(record: LearnerRecord) -> dt.datetime:
    """The latest moment anything happened to this learner (for `--since`)."""
    moments = [record.profile.created_at]
    moments += [m.updated_at for m in record.modules.values()]
    for attempt in record.attempts:
        moments.append(attempt.finished_at or attempt.started_at)
        moments += [a.answered_at for a in attempt.answers]
    moments += [d.decided_at for d in record.policy_decisions]
    return max(moments)


def summarise_learner(record: LearnerRecord, course: Course) -> LearnerSummary:
    modules: list[ModuleStanding] = []
    quiz_standings: dict[str, QuizStanding] = {}
    for module in course.modules:
        progress = record.modules.get(module.id)
        quiz_standing = None
        if module.quiz is not None and module.quiz in course.quizzes:
            result = quiz_result(record.attempts, course.quizzes[module.quiz])
            quiz_standing = QuizStanding(
                quiz_id=module.quiz,
                score=result.score,
                attempts=result.attempts_used,
                finished_attempts=result.attempts_finished,
                passed=result.passed,
                passed_at=result.passed_at,
            )
            quiz_standings[module.quiz] = quiz_standing
        state: ModuleState = "not started"
        if progress is not None:
            state = "done" if progress.done else "in progress"
        modules.append(
            ModuleStanding(
                module_id=module.id,
                title=module.text(course.default_language).title,
                state=state,
                started_at=progress.started_at if progress else None,
                completed_at=progress.completed_at if progress else None,
                seconds_spent=progress.seconds_spent if progress else 0.0,
                quiz=quiz_standing,
            )
        )
    policy = policy_standing(record, course.policy)
    profile = record.profile
    return LearnerSummary(
        learner_id=profile.learner_id,
        name=profile.name,
        email=profile.email,
        team=profile.team,
        status=profile.status,
        modules=tuple(modules),
        policy=policy,
        complete=is_complete(course, record),
        last_activity=last_activity(record),
    )
