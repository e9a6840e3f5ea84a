"""What "course complete" means for one learner: the course's `completion` rule, item by item.

The rule is checked as a list of requirements so the course map's progress bar, the
completion screen and exports all count the same things.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Course
from trainer.learning.grading import quiz_result
from trainer.learning.policy import policy_status
from trainer.learning.records import LearnerRecord

RequirementKind = Literal["module", "quiz", "policy"]


@dataclass(frozen=True, slots=True)
class Requirement:
    kind: RequirementKind
    target_id: str
    met: bool
    met_at: dt.datetime | None  # when it became met (module read, quiz passed, policy accepted)


def quizzes_in_course_order(course: Course) -> tuple[str, ...]:
    """Quiz ids in the order their modules come, then any quiz no module links to."""
    ordered = [m.quiz for m in course.modules if m.quiz is not None and m.quiz in course.quizzes]
    unlinked = sorted(set(course.quizzes) - set(ordered))
    return tuple(dict.fromkeys([*ordered, *unlinked]))


def required_module_ids(course: Course) -> tuple[str, ...]:
    rule = course.config.completion.modules
    return tuple(m.id for m in course.modules) if rule == "all" else tuple(rule)


def required_quiz_ids(course: Course) -> tuple[str, ...]:
    rule = course.config.completion.quizzes
    return quizzes_in_course_order(course) if rule == "all" else tuple(rule)


def completion_checklist(course: Course, record: LearnerRecord) -> tuple[Requirement, ...]:
    """Every requirement of the course's completion rule, met or not, modules first.

    An id the course does not define (a stale rule) is an unmet requirement, never a crash.
    """
    requirements: list[Requirement] = []
    for module_id in required_module_ids(course):
        progress = record.modules.get(module_id)
        done_at = progress.completed_at if progress is not None else None
        requirements.append(Requirement("module", module_id, done_at is not None, done_at))
    for quiz_id in required_quiz_ids(course):
        quiz = course.quizzes.get(quiz_id)
        if quiz is None:
            requirements.append(Requirement("quiz", quiz_id, False, None))
            continue
        result = quiz_result(record.attempts_for(quiz_id), quiz)
        requirements.append(Requirement("quiz", quiz_id, result.passed, result.passed_at))
    if course.config.completion.policy:
        status = policy_status(course.policy, record)
        met = status.state == "accepted_current"
        accepted_at = status.last_decision.decided_at if met and status.last_decision else None
        requirements.append(Requirement("policy", course.policy.id, met, accepted_at))
    return tuple(requirements)


def is_complete(course: Course, record: LearnerRecord) -> bool:
    return all(r.met for r in completion_checklist(course, record))


def completed_at(course: Course, record: LearnerRecord) -> dt.datetime | None:
    """When the last requirement was met; None while the course is not complete."""
    checklist = completion_checklist(course, record)
    if not all(r.met for r in checklist):
        return None
    times = [r.met_at for r in checklist if r.met_at is not None]
    return max(times) if times else None
