"""Reading progress inside a module, and the learner's standing in the whole course."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer.content.models import Course
from trainer.learning.completion import (
    Requirement,
    completion_checklist,
    is_complete,
    quizzes_in_course_order,
)
from trainer.learning.errors import LearningRuleError
from trainer.learning.grading import QuizResult, quiz_result
from trainer.learning.policy import PolicyStatus, policy_status
from trainer.learning.prerequisites import ModuleStatus, module_statuses
from trainer.learning.records import LearnerRecord, ModuleProgress, as_utc, utc_now

MAX_SECONDS_PER_VIEW = 600.0
"""Time credited for one page view at most: a learner who walks away is not still reading."""


def start_module(module_id: str, *, now: dt.datetime | None = None) -> ModuleProgress:
    """Progress for a module opened for the first time (no page counted as seen yet)."""
    moment = as_utc(now) if now else utc_now()
    return ModuleProgress(module_id=module_id, started_at=moment, updated_at=moment)


def mark_page(
    progress: ModuleProgress,
    page_index: int,
    page_count: int,
    now: dt.datetime | None = None,
) -> ModuleProgress:
    """The learner now looks at `page_index`.

    The time since the previous view (capped at `MAX_SECONDS_PER_VIEW`) is added to the time
    spent; reaching the last page marks the module read, once, keeping the first time.
    """
    if not 0 <= page_index < page_count:
        raise LearningRuleError(f"{progress.module_id}: no page {page_index} of {page_count}")
    moment = as_utc(now) if now else utc_now()
    elapsed = (moment - progress.updated_at).total_seconds()
    spent = progress.seconds_spent + min(max(elapsed, 0.0), MAX_SECONDS_PER_VIEW)
    completed_at = progress.completed_at
    if completed_at is None and page_index == page_count - 1:
        completed_at = moment
    return progress.model_copy(
        update={
            "page": page_index,
            "pages_seen": sorted({*progress.pages_seen, page_index}),
            "completed_at": completed_at,
            "seconds_spent": spent,
            "updated_at": max(moment, progress.updated_at),
        }
    )


def leave_page(progress: ModuleProgress, now: dt.datetime | None = None) -> ModuleProgress:
    """Credit the time on the current page when the reader closes (capped like a page view)."""
    moment = as_utc(now) if now else utc_now()
    elapsed = (moment - progress.updated_at).total_seconds()
    return progress.model_copy(
        update={
            "seconds_spent": progress.seconds_spent + min(max(elapsed, 0.0), MAX_SECONDS_PER_VIEW),
            "updated_at": max(moment, progress.updated_at),
        }
    )


def resume_page(progress: ModuleProgress | None, page_count: int) -> int:
    """The page to reopen, kept inside the module even if it has since become shorter."""
    if progress is None or page_count <= 0:
        return 0
    return min(max(progress.page, 0), page_count - 1)


@dataclass(frozen=True, slots=True)
class CourseProgress:
    modules: tuple[ModuleStatus, ...]  # course order
    quizzes: dict[str, QuizResult]  # every quiz of the course, in course order
    policy: PolicyStatus  # the course policy
    modules_done: int
    modules_total: int
    quizzes_passed: int
    quizzes_total: int
    requirements: tuple[Requirement, ...]  # the completion rule, item by item
    fraction: float  # requirements met / requirements; 1.0 iff complete (now or earned before)
    complete: bool


def course_progress(course: Course, record: LearnerRecord) -> CourseProgress:
    """Everything the course map shows: per-module state, quiz results, policy, overall bar."""
    statuses = module_statuses(course, record)
    quizzes = {
        quiz_id: quiz_result(record.attempts_for(quiz_id), course.quizzes[quiz_id])
        for quiz_id in quizzes_in_course_order(course)
    }
    requirements = completion_checklist(course, record)
    met = sum(1 for r in requirements if r.met)
    # Completion once earned is kept (a retake graded "last" may unpass a quiz, not the course).
    complete = met == len(requirements) or is_complete(course, record)
    return CourseProgress(
        modules=statuses,
        quizzes=quizzes,
        policy=policy_status(course.policy, record),
        modules_done=sum(1 for s in statuses if s.state == "done"),
        modules_total=len(statuses),
        quizzes_passed=sum(1 for r in quizzes.values() if r.passed),
        quizzes_total=len(quizzes),
        requirements=requirements,
        fraction=1.0 if complete else met / len(requirements),
        complete=complete,
    )
