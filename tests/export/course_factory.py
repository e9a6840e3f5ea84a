"""A small course and learner records built in code, for tests that need no files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trainer.content.models import (
    Choice,
    Course,
    CourseConfig,
    Module,
    ModuleText,
    Page,
    Policy,
    PolicyText,
    Quiz,
    QuizText,
    SingleChoice,
    Track,
)
from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)
from trainer.store.folder import DataFolder

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
POLICY_SHA_PL = "a" * 64
POLICY_SHA_EN = "b" * 64


def _module(module_id: str, order: int, title_pl: str, quiz: str | None) -> Module:
    texts = {
        lang: ModuleText(
            lang=lang,
            path=f"modules/{order:02d}-{module_id}.{lang}.md",
            title=title if lang == "pl" else f"{title} (en)",
            summary="",
            pages=(Page(index=0, title=title, markdown="Tekst", line=1),),
        )
        for lang, title in (("pl", title_pl), ("en", title_pl))
    }
    return Module(
        id=module_id,
        track="basics",
        minutes=5,
        requires=(),
        quiz=quiz,
        order=order,
        default_language="pl",
        texts=texts,
    )


def _quiz(quiz_id: str, question_ids: list[str], pass_mark: float = 0.5) -> Quiz:
    questions = tuple(
        SingleChoice(
            id=qid,
            prompt=f"Pytanie {qid}?",
            line=i + 3,
            choices=(
                Choice(index=0, text="tak", correct=True),
                Choice(index=1, text="nie", correct=False),
            ),
        )
        for i, qid in enumerate(question_ids)
    )
    return Quiz(
        id=quiz_id,
        pass_mark=pass_mark,
        attempts=None,
        grading="highest",
        shuffle="none",
        draw=None,
        scoring="all-or-nothing",
        default_language="pl",
        texts={
            "pl": QuizText(
                lang="pl",
                path=f"quizzes/{quiz_id}.pl.md",
                title=f"Quiz {quiz_id}",
                questions=questions,
            )
        },
    )


def make_course(policy_version: str = "2.0") -> Course:
    policy_texts = {
        lang: PolicyText(
            lang=lang,
            path=f"policy/social-media-policy.{lang}.md",
            title="Polityka mediów społecznościowych",
            version=policy_version,
            effective=dt.date(2026, 1, 1),
            body="Treść",
            sha256=sha,
        )
        for lang, sha in (("pl", POLICY_SHA_PL), ("en", POLICY_SHA_EN))
    }
    return Course(
        root=Path("/nonexistent"),
        config=CourseConfig(
            title={"pl": "Program", "en": "Program"},
            organisation="Przykładowa Firma",
            default_language="pl",
            languages=["pl", "en"],
            tracks=[Track(id="basics", title="Podstawy")],
            policy="social-media-policy",
        ),
        modules=(
            _module("program", 1, "Program ambasadorski", "program-quiz"),
            _module("zasady", 2, "Zasady żółtej kartki", None),
        ),
        quizzes={"program-quiz": _quiz("program-quiz", ["q1", "q2", "q3", "q4"])},
        policies={
            "social-media-policy": Policy(
                id="social-media-policy",
                version=policy_version,
                effective=dt.date(2026, 1, 1),
                default_language="pl",
                texts=policy_texts,
            )
        },
    )


def profile(learner_id: str, name: str, team: str = "Sprzedaż", **extra: object) -> LearnerProfile:
    return LearnerProfile.model_validate(
        {
            "learner_id": learner_id,
            "name": name,
            "email": f"{learner_id}@firma.pl",
            "team": team,
            "created_at": T0,
            **extra,
        }
    )


def attempt(
    number: int,
    correct: list[bool],
    *,
    start: dt.datetime = T0,
    seconds: int = 270,
    quiz_id: str = "program-quiz",
) -> QuizAttempt:
    question_ids = [f"q{i + 1}" for i in range(len(correct))]
    answers = [
        AnswerRecord(
            question_id=qid,
            response=0 if ok else 1,
            points=1.0 if ok else 0.0,
            max_points=1,
            correct=ok,
            answered_at=start + dt.timedelta(seconds=10 * (i + 1)),
        )
        for i, (qid, ok) in enumerate(zip(question_ids, correct, strict=True))
    ]
    score = float(sum(correct))
    return QuizAttempt(
        attempt_id=f"{number:032x}",
        quiz_id=quiz_id,
        number=number,
        seed=number,
        question_ids=question_ids,
        language="pl",
        answers=answers,
        started_at=start,
        finished_at=start + dt.timedelta(seconds=seconds),
        score=score,
        max_score=len(correct),
        passed=score / len(correct) >= 0.5,
    )


def acceptance(learner_id: str, version: str = "2.0", at: dt.datetime = T0) -> PolicyDecision:
    return PolicyDecision(
        policy_id="social-media-policy",
        version=version,
        sha256=POLICY_SHA_PL,
        language="pl",
        decision="accepted",
        decided_at=at,
        learner_id=learner_id,
        typed_name="Anna Nowak",
        scrolled_to_end=True,
        box_checked=True,
    )


def complete_learner(learner_id: str = "anna", name: str = "Anna Nowak") -> LearnerRecord:
    """Both modules done, the quiz passed at the second attempt, the current policy accepted."""
    return LearnerRecord(
        profile=profile(learner_id, name),
        modules={
            "program": ModuleProgress(
                module_id="program",
                started_at=T0,
                completed_at=T0 + dt.timedelta(minutes=6),
                seconds_spent=360.0,
                updated_at=T0 + dt.timedelta(minutes=6),
            ),
            "zasady": ModuleProgress(
                module_id="zasady",
                started_at=T0 + dt.timedelta(hours=1),
                completed_at=T0 + dt.timedelta(hours=1, minutes=4),
                seconds_spent=240.0,
                updated_at=T0 + dt.timedelta(hours=1, minutes=4),
            ),
        },
        attempts=[
            attempt(1, [True, False, False, False], start=T0 + dt.timedelta(minutes=10)),
            attempt(2, [True, True, True, False], start=T0 + dt.timedelta(minutes=20)),
        ],
        policy_decisions=[acceptance(learner_id, at=T0 + dt.timedelta(hours=2))],
    )


def store_learner(folder: DataFolder, record: LearnerRecord) -> None:
    """Write `record` through the store's public API, as the learner app would have."""
    store = folder.create_learner(record.profile)
    for progress in record.modules.values():
        store.save_module_progress(progress)
    for quiz_attempt in record.attempts:
        store.start_attempt(quiz_attempt)
    for decision in record.policy_decisions:
        store.record_policy_decision(decision)
