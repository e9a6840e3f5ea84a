"""A small cohort of learners written through the real store API, with fixed times.

Four people on the mini course (two modules, one quiz with 5 points and a 75 % pass mark,
one policy), one in each status, so every number on the dashboard can be worked out by hand:

- Anna Nowak (Sprzedaż): both modules read, quiz 5/5 passed, policy accepted: complete.
- Bartek Zieliński ("sprzedaż " as he typed it): welcome read, first-post opened, quiz 2/5
  failed, policy declined: in progress.
- Celina Wójcik (Marketing): welcome opened, an old policy version (0.9) accepted: started.
- Dawid Lis (Marketing): invited, nothing else: invited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.learning.grading import meets_pass_mark
from trainer.learning.policy import decide_policy
from trainer.learning.records import (
    LearnerProfile,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)
from trainer.store.folder import DataFolder
from trainer.store.learner import LearnerStore

REPO = Path(__file__).resolve().parents[3]
MINI_COURSE = REPO / "tests" / "fixtures" / "mini_course"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def mini_course() -> Course:
    course = load_course(MINI_COURSE).course
    assert course is not None
    return course


def at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def enrol(
    folder: DataFolder,
    learner_id: str,
    name: str,
    email: str,
    team: str,
    *,
    invited: bool = False,
    created: dt.datetime = T0,
) -> LearnerStore:
    profile = LearnerProfile(
        learner_id=learner_id,
        name=name,
        email=email,
        team=team,
        language="pl",
        status="invited" if invited else "active",
        created_at=created,
    )
    return folder.create_learner(profile)


def read_module(store: LearnerStore, module_id: str, start: dt.datetime, *, done: bool) -> None:
    store.save_module_progress(
        ModuleProgress(
            module_id=module_id,
            page=0,
            pages_seen=[0],
            started_at=start,
            completed_at=start + dt.timedelta(minutes=12) if done else None,
            seconds_spent=720.0 if done else 90.0,
            updated_at=start + dt.timedelta(minutes=12 if done else 2),
        )
    )


def take_quiz(
    store: LearnerStore,
    course: Course,
    quiz_id: str,
    number: int,
    points: float,
    start: dt.datetime,
) -> QuizAttempt:
    """A finished attempt with `points`, graded against the quiz's pass mark as the app does."""
    quiz = course.quizzes[quiz_id]
    attempt = QuizAttempt(
        attempt_id=uuid.uuid5(uuid.NAMESPACE_URL, f"{store.learner_id}/{quiz_id}/{number}").hex,
        quiz_id=quiz_id,
        number=number,
        seed=number,
        question_ids=list(quiz.question_ids),
        language="pl",
        started_at=start,
    )
    store.start_attempt(attempt)
    store.finish_attempt(
        attempt.attempt_id,
        finished_at=start + dt.timedelta(minutes=5),
        score=points,
        max_score=quiz.max_points,
        passed=meets_pass_mark(points, quiz.max_points, quiz.pass_mark),
    )
    return attempt


def decide(
    store: LearnerStore,
    course: Course,
    decision: str,
    when: dt.datetime,
) -> PolicyDecision:
    """Accept or decline today's policy text, as the policy screen records it."""
    profile = store.read().profile
    policy = course.policy
    made = decide_policy(
        policy,
        profile,
        "accepted" if decision == "accepted" else "declined",
        lang="pl",
        scrolled_to_end=True,
        box_checked=decision == "accepted",
        typed_name=profile.name if decision == "accepted" else None,
        now=when,
    )
    return store.record_policy_decision(made)


def accept_old_version(store: LearnerStore, course: Course, when: dt.datetime) -> None:
    """An acceptance of a version the course no longer has (version 0.9)."""
    old_text = "Stara wersja zasad.\n"
    store.record_policy_decision(
        PolicyDecision(
            policy_id=course.policy.id,
            version="0.9",
            sha256=hashlib.sha256(old_text.encode()).hexdigest(),
            language="pl",
            decision="accepted",
            decided_at=when,
            learner_id=store.learner_id,
            typed_name=store.read().profile.name,
            scrolled_to_end=True,
            box_checked=True,
        )
    )


@dataclass(frozen=True)
class Cohort:
    anna: str = "anna-nowak"
    bartek: str = "bartek-zielinski"
    celina: str = "celina-wojcik"
    dawid: str = "dawid-lis"


def fill_cohort(folder: DataFolder, course: Course) -> Cohort:
    cohort = Cohort()
    anna = enrol(folder, cohort.anna, "Anna Nowak", "anna.nowak@example.com", "Sprzedaż")
    read_module(anna, "welcome", at(1), done=True)
    read_module(anna, "first-post", at(2), done=True)
    take_quiz(anna, course, "basics-quiz", 1, 5, at(3))
    decide(anna, course, "accepted", at(4))

    bartek = enrol(
        folder, cohort.bartek, "Bartek Zieliński", "bartek@example.com", "sprzedaż ", created=at(1)
    )
    read_module(bartek, "welcome", at(5), done=True)
    read_module(bartek, "first-post", at(6), done=False)
    take_quiz(bartek, course, "basics-quiz", 1, 2, at(7))
    decide(bartek, course, "declined", at(8))

    celina = enrol(
        folder, cohort.celina, "Celina Wójcik", "celina@example.com", "Marketing", created=at(2)
    )
    read_module(celina, "welcome", at(9), done=False)
    accept_old_version(celina, course, at(10))

    enrol(
        folder,
        cohort.dawid,
        "Dawid Lis",
        "dawid.lis@example.com",
        "Marketing",
        invited=True,
        created=at(3),
    )
    return cohort
