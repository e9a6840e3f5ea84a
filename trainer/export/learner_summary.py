"""Where one learner stands in the course: the numbers every export, report and dashboard shows.

One `LearnerSummary` is computed from one `LearnerRecord` and the course, with the learning
rules (`trainer.learning`), so the CSV, the report and the dashboard can never disagree
about who passed or who is complete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Course, Policy, PostExercise, Quiz
from trainer.learning.completion import (
    completed_at,
    quizzes_in_course_order,
    required_module_ids,
    required_quiz_ids,
)
from trainer.learning.grading import quiz_grade
from trainer.learning.policy import policy_status
from trainer.learning.records import LearnerRecord, QuizAttempt

ModuleState = Literal["not started", "in progress", "done"]


@dataclass(frozen=True, slots=True)
class QuizStanding:
    quiz_id: str
    score: float | None  # graded score 0..1 under the quiz's grading method
    attempts: int  # started attempts
    finished_attempts: int
    passed: bool
    passed_at: dt.datetime | None
    # The latest draft of each writing exercise of the quiz (one: its text; several: each
    # headed by its question id); None when the quiz has none or none was answered.
    exercise_draft: str | None = None


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


def quiz_standing(
    attempts: list[QuizAttempt], quiz: Quiz, exercises: tuple[str, ...] | None = None
) -> QuizStanding:
    """`exercises`: the quiz's writing-exercise ids in written order (worked out when None)."""
    if not attempts:  # what quiz_result says of no attempts, without its exact arithmetic
        return QuizStanding(quiz.id, None, 0, 0, False, None)
    score, used, finished, passed, passed_at = quiz_grade(attempts, quiz)
    if exercises is None:
        exercises = exercise_ids(quiz)
    draft = latest_drafts(attempts, exercises) if exercises else None
    return QuizStanding(quiz.id, score, used, finished, passed, passed_at, draft)


def exercise_ids(quiz: Quiz) -> tuple[str, ...]:
    return tuple(
        q.id for q in quiz.texts[quiz.default_language].questions if isinstance(q, PostExercise)
    )


def latest_drafts(attempts: list[QuizAttempt], exercises: tuple[str, ...]) -> str | None:
    """The last draft answered to each exercise; several are each headed `[question id]`."""
    latest: dict[str, tuple[dt.datetime, str]] = {}
    for attempt in attempts:
        for answer in attempt.answers:
            if answer.findings is None or not isinstance(answer.response, str):
                continue
            seen = latest.get(answer.question_id)
            if seen is None or answer.answered_at >= seen[0]:
                latest[answer.question_id] = (answer.answered_at, answer.response)
    drafts = [(q, latest[q][1]) for q in exercises if q in latest]
    if not drafts:
        return None
    if len(drafts) == 1:
        return drafts[0][1]
    return "\n\n".join(f"[{question}]\n{draft}" for question, draft in drafts)


@dataclass(frozen=True, slots=True)
class _CourseOutline:
    """What summarising needs from the course, worked out once per course instead of per learner."""

    course: Course
    modules: tuple[tuple[str, str, str | None], ...]  # id, title (default language), quiz id
    quiz_order: tuple[str, ...]
    required_modules: tuple[str, ...]
    required_quizzes: tuple[str, ...]
    policy: Policy
    policy_required: bool
    not_attempted: dict[str, QuizStanding]  # quiz id -> standing without any attempt
    exercises: dict[str, tuple[str, ...]]  # quiz id -> its writing exercises' ids
    untouched: dict[str, ModuleStanding]  # module id -> standing of a learner who never began it

    @classmethod
    def of(cls, course: Course) -> _CourseOutline:
        modules = tuple(
            (m.id, m.text(course.default_language).title, m.quiz) for m in course.modules
        )
        quiz_order = quizzes_in_course_order(course)
        not_attempted = {q: quiz_standing([], course.quizzes[q]) for q in quiz_order}
        exercises = {q: exercise_ids(course.quizzes[q]) for q in quiz_order}
        untouched = {
            module_id: ModuleStanding(
                module_id=module_id,
                title=title,
                state="not started",
                started_at=None,
                completed_at=None,
                seconds_spent=0.0,
                quiz=not_attempted.get(quiz_id) if quiz_id else None,
            )
            for module_id, title, quiz_id in modules
        }
        return cls(
            course=course,
            modules=modules,
            quiz_order=quiz_order,
            not_attempted=not_attempted,
            exercises=exercises,
            required_modules=required_module_ids(course),
            required_quizzes=required_quiz_ids(course),
            policy=course.policy,
            policy_required=bool(course.config.completion.policy),
            untouched=untouched,
        )


_last_outline: _CourseOutline | None = None


def _outline(course: Course) -> _CourseOutline:
    """The outline of `course`, reused while the same course object is summarised (exports,
    reports and the dashboard summarise every learner against one course)."""
    global _last_outline
    outline = _last_outline
    if outline is None or outline.course is not course:
        outline = _last_outline = _CourseOutline.of(course)
    return outline


def summarise_learner(record: LearnerRecord, course: Course) -> LearnerSummary:
    """Each quiz is graded once (`quiz_grade`, the verdict of `quiz_result`) and completion is
    decided from those results with the same required ids as
    `trainer.learning.completion.is_complete`, which would grade every quiz a second time; a
    test keeps the two in agreement."""
    outline = _outline(course)
    by_quiz: dict[str, list[QuizAttempt]] = {}
    for attempt in record.attempts:
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
    not_attempted = outline.not_attempted
    quizzes = {
        quiz_id: quiz_standing(
            by_quiz[quiz_id], course.quizzes[quiz_id], outline.exercises[quiz_id]
        )
        if quiz_id in by_quiz
        else not_attempted[quiz_id]
        for quiz_id in outline.quiz_order
    }
    progress_of = record.modules
    untouched = outline.untouched
    modules: list[ModuleStanding] = []
    done: set[str] = set()
    for module_id, title, quiz_id in outline.modules:
        progress = progress_of.get(module_id)
        quiz = quizzes.get(quiz_id) if quiz_id else None
        if progress is None:
            standing = untouched[module_id]
            if standing.quiz is not quiz and standing.quiz != quiz:
                standing = dataclasses.replace(standing, quiz=quiz)
            modules.append(standing)
            continue
        if progress.completed_at is not None:  # ModuleProgress.done, inlined
            done.add(module_id)
        modules.append(
            ModuleStanding(
                module_id=module_id,
                title=title,
                state="done" if progress.completed_at is not None else "in progress",
                started_at=progress.started_at,
                completed_at=progress.completed_at,
                seconds_spent=progress.seconds_spent,
                quiz=quiz,
            )
        )
    policy = policy_standing(record, outline.policy)
    complete = (
        all(module_id in done for module_id in outline.required_modules)
        and all(
            quiz_id in quizzes and quizzes[quiz_id].passed for quiz_id in outline.required_quizzes
        )
        and (policy.current or not outline.policy_required)
    )
    if not complete and done.issuperset(outline.required_modules):
        # Complete before and not now: completion once earned is kept (the learning rule).
        complete = completed_at(course, record) is not None
    profile = record.profile
    return LearnerSummary(
        learner_id=profile.learner_id,
        name=profile.name,
        email=profile.email,
        team=profile.team,
        status=profile.status,
        modules=tuple(modules),
        policy=policy,
        complete=complete,
        last_activity=last_activity(record),
    )
