"""Small, valid learner records for the store tests, and plain-TinyDB stand-ins for comparisons."""

from __future__ import annotations

import datetime as dt
import uuid

from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)
from trainer.store import DataFolder, LearnerStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def profile(learner_id: str = "anna-k", email: str | None = None) -> LearnerProfile:
    return LearnerProfile(
        learner_id=learner_id,
        name=learner_id.replace("-", " ").title(),
        email=email or f"{learner_id}@example.com",
        team="Sales",
    )


def progress(module_id: str = "01-welcome", page: int = 0) -> ModuleProgress:
    return ModuleProgress(module_id=module_id, page=page, pages_seen=list(range(page + 1)))


def attempt(attempt_id: str | None = None, quiz_id: str = "quiz-01") -> QuizAttempt:
    return QuizAttempt(
        attempt_id=attempt_id or uuid.uuid4().hex,
        quiz_id=quiz_id,
        number=1,
        seed=42,
        question_ids=["q1", "q2", "q3"],
        language="en",
    )


def answer(question_id: str = "q1", response: int | str | list[int] = 0) -> AnswerRecord:
    return AnswerRecord(
        question_id=question_id, response=response, points=1.0, max_points=1, correct=True
    )


def decision(learner_id: str, n: int, verdict: str = "accepted") -> PolicyDecision:
    return PolicyDecision(
        policy_id="social-media",
        version=f"1.{n}",
        sha256=f"{n:064x}",
        language="en",
        decision="accepted" if verdict == "accepted" else "declined",
        decided_at=T0 + dt.timedelta(days=n),
        learner_id=learner_id,
        typed_name="Anna K" if verdict == "accepted" else None,
        scrolled_to_end=True,
        box_checked=True,
    )


def learner_with_attempt(folder: DataFolder, learner_id: str) -> tuple[LearnerStore, str]:
    store = folder.create_learner(profile(learner_id))
    started = attempt()
    store.start_attempt(started)
    return store, started.attempt_id
