"""Courses, quizzes, policies and learner records built in code, so the rules are tested
without the Markdown parser. Defaults are small; each test states what matters to it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from trainer.content.models import (
    Choice,
    CompletionRule,
    Course,
    CourseConfig,
    Grading,
    Module,
    ModuleText,
    MultipleChoice,
    Ordering,
    Page,
    Policy,
    PolicyText,
    Question,
    Quiz,
    QuizText,
    Scoring,
    ShortAnswer,
    Shuffle,
    SingleChoice,
    Track,
)
from trainer.learning.attempts import answer_question, finish, new_attempt, with_answer
from trainer.learning.policy import decide_policy
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import (
    LearnerProfile,
    LearnerRecord,
    PolicyDecision,
    QuizAttempt,
    Response,
)

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    """A moment `minutes` after T0, so tests read as a timeline."""
    return T0 + dt.timedelta(minutes=minutes)


# --- questions ------------------------------------------------------------------------------


def _choices(count: int, correct: Iterable[int], feedback: Mapping[int, str]) -> tuple[Choice, ...]:
    right = set(correct)
    return tuple(
        Choice(index=i, text=f"option {i}", correct=i in right, feedback=feedback.get(i))
        for i in range(count)
    )


def single(
    qid: str,
    *,
    correct: int = 0,
    count: int = 3,
    points: int = 1,
    feedback: Mapping[int, str] | None = None,
) -> SingleChoice:
    return SingleChoice(
        id=qid,
        points=points,
        prompt=f"Which one ({qid})?",
        line=1,
        choices=_choices(count, [correct], feedback or {}),
    )


def multiple(
    qid: str,
    *,
    correct: Sequence[int] = (0, 2),
    count: int = 4,
    points: int = 1,
    feedback: Mapping[int, str] | None = None,
) -> MultipleChoice:
    return MultipleChoice(
        id=qid,
        points=points,
        prompt=f"Which ones ({qid})?",
        line=1,
        choices=_choices(count, correct, feedback or {}),
    )


def short(qid: str, *accepted: str, points: int = 1) -> ShortAnswer:
    return ShortAnswer(id=qid, points=points, prompt="Fill in: _____", line=1, accepted=accepted)


def ordering(qid: str, *items: str, points: int = 1) -> Ordering:
    return Ordering(
        id=qid, points=points, prompt="Put in order", line=1, items=items or ("a", "b", "c")
    )


# --- course parts ---------------------------------------------------------------------------


def quiz(
    quiz_id: str,
    questions: Sequence[Question],
    *,
    pass_mark: float = 0.7,
    attempts: int | None = None,
    grading: Grading = "highest",
    shuffle: Shuffle = "none",
    draw: int | None = None,
    scoring: Scoring = "all-or-nothing",
) -> Quiz:
    """A quiz written in Polish with an English translation of the same structure."""
    texts = {
        lang: QuizText(
            lang=lang,
            path=f"quizzes/{quiz_id}.{lang}.md",
            title=f"{quiz_id} ({lang})",
            questions=tuple(questions),
        )
        for lang in ("pl", "en")
    }
    return Quiz(
        id=quiz_id,
        pass_mark=pass_mark,
        attempts=attempts,
        grading=grading,
        shuffle=shuffle,
        draw=draw,
        scoring=scoring,
        default_language="pl",
        texts=texts,
    )


def module(
    module_id: str,
    *,
    order: int = 1,
    pages: int = 3,
    requires: Sequence[str] = (),
    quiz_id: str | None = None,
) -> Module:
    texts = {
        lang: ModuleText(
            lang=lang,
            path=f"modules/{order:02d}-{module_id}.{lang}.md",
            title=f"{module_id} ({lang})",
            summary="",
            pages=tuple(
                Page(index=i, title=f"page {i}", markdown=f"Text {i}", line=1 + 10 * i)
                for i in range(pages)
            ),
        )
        for lang in ("pl", "en")
    }
    return Module(
        id=module_id,
        track="basics",
        minutes=5,
        requires=tuple(requires),
        quiz=quiz_id,
        order=order,
        default_language="pl",
        texts=texts,
    )


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def policy(
    policy_id: str = "social-media",
    *,
    version: str = "1.0",
    bodies: Mapping[str, str] | None = None,
) -> Policy:
    """A policy whose hash per language is the SHA-256 of its body (the parser hashes the file)."""
    bodies = bodies or {"pl": "Publikuję rozważnie.", "en": "I post with care."}
    texts = {
        lang: PolicyText(
            lang=lang,
            path=f"policy/{policy_id}.{lang}.md",
            title=f"Policy ({lang})",
            version=version,
            effective=dt.date(2026, 1, 1),
            body=body,
            sha256=sha256(body),
        )
        for lang, body in bodies.items()
    }
    return Policy(
        id=policy_id,
        version=version,
        effective=dt.date(2026, 1, 1),
        default_language=next(iter(bodies)),
        texts=texts,
    )


def course(
    modules: Sequence[Module],
    quizzes: Sequence[Quiz] = (),
    *,
    course_policy: Policy | None = None,
    completion: CompletionRule | None = None,
) -> Course:
    the_policy = course_policy or policy()
    return Course(
        root=Path("/courses/sample"),
        config=CourseConfig(
            title={"pl": "Program ambasadorski", "en": "Ambassador programme"},
            organisation="Acme",
            default_language="pl",
            languages=["pl", "en"],
            tracks=[Track(id="basics", title="Basics")],
            policy=the_policy.id,
            completion=completion or CompletionRule(),
        ),
        modules=tuple(modules),
        quizzes={q.id: q for q in quizzes},
        policies={the_policy.id: the_policy},
    )


# --- learner records --------------------------------------------------------------------------


def learner(name: str = "Anna Nowak", *, language: str | None = None) -> LearnerRecord:
    return LearnerRecord(
        profile=LearnerProfile(
            learner_id="anna",
            name=name,
            email="anna@example.com",
            team="Sales",
            language=language,
            created_at=T0,
        )
    )


def read_module(
    record: LearnerRecord,
    mod: Module,
    *,
    finished: bool = True,
    page: int | None = None,
    when: dt.datetime = T0,
) -> LearnerRecord:
    """The learner opens `mod` and pages to its end (or stops on `page`)."""
    count = len(mod.text("pl").pages)
    last = count - 1 if finished else (page if page is not None else 0)
    progress = start_module(mod.id, now=when)
    for index in range(last + 1):
        progress = mark_page(progress, index, count, when + dt.timedelta(minutes=index))
    return record.model_copy(update={"modules": {**record.modules, mod.id: progress}})


def take_quiz(
    the_quiz: Quiz,
    previous: Sequence[QuizAttempt],
    responses: Mapping[str, Response],
    *,
    seed: int = 1,
    when: dt.datetime = T0,
    finished: bool = True,
) -> QuizAttempt:
    """An attempt answered with `responses` (question id -> response), through the real rules."""
    attempt = new_attempt(the_quiz, previous, lang="pl", seed=seed, now=when)
    for question_id in attempt.question_ids:
        if question_id in responses:
            answer = answer_question(
                attempt, the_quiz, question_id, responses[question_id], now=when
            )
            attempt = with_answer(attempt, answer)
    if finished:
        attempt = finish(attempt, the_quiz, now=when + dt.timedelta(minutes=5)).applied_to(attempt)
    return attempt


def with_attempts(record: LearnerRecord, *attempts: QuizAttempt) -> LearnerRecord:
    return record.model_copy(update={"attempts": [*record.attempts, *attempts]})


def decided(
    record: LearnerRecord,
    the_policy: Policy,
    decision: str = "accepted",
    *,
    lang: str = "pl",
    when: dt.datetime = T0,
) -> LearnerRecord:
    """The learner accepts (correctly, with every condition met) or declines the policy."""
    made: PolicyDecision = decide_policy(
        the_policy,
        record.profile,
        "accepted" if decision == "accepted" else "declined",
        lang=lang,
        scrolled_to_end=True,
        box_checked=True,
        typed_name=record.profile.name if decision == "accepted" else None,
        now=when,
    )
    return record.model_copy(update={"policy_decisions": [*record.policy_decisions, made]})
