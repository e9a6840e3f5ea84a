"""What "course complete" means for one learner: the course's `completion` rule, item by item.

The rule is checked as a list of requirements so the course map's progress bar, the
completion screen and exports all count the same things.

Completion is an event: the first moment every requirement was met, judged with what the
record held at that moment. Once earned it is kept. A later attempt may raise a quiz's score,
or (under "last" or "average" grading) show the quiz as not passed now, but it cannot take the
course's completion away. What can is a change of the course itself that the learner has not
met yet (a new policy version to accept, a newly required module), which the map shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Course, Quiz
from trainer.learning.grading import quiz_result
from trainer.learning.policy import is_current, policy_status, policy_status_of
from trainer.learning.records import LearnerRecord, QuizAttempt

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
    """Complete now, or complete at some moment before (completion, once earned, is kept)."""
    return completed_at(course, record) is not None


def completed_at(course: Course, record: LearnerRecord) -> dt.datetime | None:
    """When the course was first complete; None if it never was.

    Requirements that only ever become met (a module read, a quiz under "highest" or "first"
    grading, one policy decision) make this the time the last of them was met. Otherwise the
    record is replayed moment by moment, so that a retake that fails later does not move or
    erase the moment completion was earned.
    """
    checklist = completion_checklist(course, record)
    if all(r.met for r in checklist) and _only_grows(course, record):
        times = [r.met_at for r in checklist if r.met_at is not None]
        return max(times) if times else record.profile.created_at
    if any(r.kind == "module" and not r.met for r in checklist):
        return None  # modules stay read: this one was never read, so never complete
    return _first_complete_moment(course, record, checklist)


def _first_complete_moment(
    course: Course, record: LearnerRecord, checklist: tuple[Requirement, ...]
) -> dt.datetime | None:
    """The replay: the first moment at which `completion_checklist` of the record as it stood
    then (later reads, attempts and decisions left out) has every requirement met.

    Judged requirement by requirement, cheapest first and stopping at the first unmet one,
    from the moment the last required module was read (modules only ever become read, and
    every one is read here), instead of rebuilding the record and the whole checklist at
    every moment: exports replay hundreds of learners. A test pins it to the plain replay.
    """
    read_at = max((r.met_at for r in checklist if r.kind == "module" and r.met_at), default=None)
    quizzes: list[tuple[Quiz, list[QuizAttempt]]] = []
    for requirement in checklist:
        if requirement.kind != "quiz":
            continue
        quiz = course.quizzes.get(requirement.target_id)
        finished = [
            a for a in record.attempts_for(requirement.target_id) if a.finished_at is not None
        ]
        if quiz is None or not finished:
            return None  # never defined, or never finished: never passed
        quizzes.append((quiz, finished))
    policy = course.policy if course.config.completion.policy else None
    if policy is not None and not any(
        d.policy_id == policy.id and d.decision == "accepted" and is_current(d, policy)
        for d in record.policy_decisions
    ):
        return None  # today's text was never accepted
    for moment in _moments(course, record):
        if read_at is not None and moment < read_at:
            continue
        if policy is not None:
            decisions = [d for d in record.policy_decisions if d.decided_at <= moment]
            if policy_status_of(policy, decisions).state != "accepted_current":
                continue
        if all(
            quiz_result(
                [a for a in finished if a.finished_at is not None and a.finished_at <= moment],
                quiz,
            ).passed
            for quiz, finished in quizzes
        ):
            return moment
    return None


def _only_grows(course: Course, record: LearnerRecord) -> bool:
    """True when no requirement can have been met and then unmet in this record."""
    if len(record.policy_decisions) > 1:
        return False
    for quiz_id in required_quiz_ids(course):
        quiz = course.quizzes.get(quiz_id)
        if quiz is None or quiz.grading in ("highest", "first"):
            continue
        if sum(1 for a in record.attempts_for(quiz_id) if a.finished_at is not None) > 1:
            return False
    return True


def _moments(course: Course, record: LearnerRecord) -> list[dt.datetime]:
    """Every moment a requirement may have become met, earliest first."""
    moments = {m.completed_at for m in record.modules.values() if m.completed_at is not None}
    moments |= {a.finished_at for a in record.attempts if a.finished_at is not None}
    moments |= {d.decided_at for d in record.policy_decisions}
    return sorted(moments)
