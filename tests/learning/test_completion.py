"""The course's completion rule, and the record a learner saves at the end."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.learning.course_factory import (
    at,
    course,
    decided,
    learner,
    module,
    policy,
    quiz,
    read_module,
    single,
    take_quiz,
    with_attempts,
)
from trainer.content.models import CompletionRule, Course, Quiz
from trainer.export.learner_summary import summarise_learner
from trainer.learning.completion import completed_at, completion_checklist, is_complete
from trainer.learning.grading import quiz_result
from trainer.learning.progress import course_progress
from trainer.learning.records import LearnerRecord
from trainer.learning.summary import completion_summary, iso_utc, render_summary_text

q1 = quiz("q1", [single("a"), single("b")], pass_mark=0.5)
q2 = quiz("q2", [single("c")], pass_mark=1.0)
m1 = module("m1", order=1, quiz_id="q1")
m2 = module("m2", order=2, quiz_id="q2")
m3 = module("m3", order=3)


def everything_done() -> LearnerRecord:
    """Every module read, both quizzes passed and the policy accepted at T0 + 60 min."""
    record = learner()
    for n, mod in enumerate((m1, m2, m3)):
        record = read_module(record, mod, when=at(10 * n))
    record = with_attempts(
        record,
        take_quiz(q1, [], {"a": 0, "b": 1}, when=at(40)),
        take_quiz(q2, [], {"c": 0}, when=at(50)),
    )
    return decided(record, policy(), when=at(60))


def test_the_default_rule_needs_every_module_every_quiz_and_the_policy() -> None:
    the_course = course([m1, m2, m3], [q1, q2])
    record = everything_done()
    assert is_complete(the_course, record)
    assert completed_at(the_course, record) == at(60)
    without_policy = record.model_copy(update={"policy_decisions": []})
    assert not is_complete(the_course, without_policy)
    assert completed_at(the_course, without_policy) is None


def test_each_missing_requirement_is_listed() -> None:
    the_course = course([m1, m2, m3], [q1, q2])
    record = with_attempts(read_module(learner(), m1), take_quiz(q1, [], {"a": 0}, when=at(5)))
    unmet = [(r.kind, r.target_id) for r in completion_checklist(the_course, record) if not r.met]
    assert unmet == [("module", "m2"), ("module", "m3"), ("quiz", "q2"), ("policy", "social-media")]


def test_a_rule_listing_some_modules_and_quizzes_ignores_the_others() -> None:
    rule = CompletionRule(modules=["m1"], quizzes=["q1"], policy=False)
    the_course = course([m1, m2, m3], [q1, q2], completion=rule)
    record = read_module(learner(), m1)
    assert not is_complete(the_course, record)
    record = with_attempts(record, take_quiz(q1, [], {"a": 0, "b": 0}, when=at(5)))
    assert is_complete(the_course, record)


def test_a_failed_quiz_keeps_the_course_incomplete() -> None:
    the_course = course([m1], [q1], completion=CompletionRule(policy=False))
    record = with_attempts(read_module(learner(), m1), take_quiz(q1, [], {"a": 1, "b": 1}))
    assert not is_complete(the_course, record)


def test_a_rule_naming_an_unknown_module_is_never_met_rather_than_crashing() -> None:
    the_course = course(
        [m1], completion=CompletionRule(modules=["ghost"], quizzes=[], policy=False)
    )
    assert not is_complete(the_course, read_module(learner(), m1))


def test_reaccepting_a_changed_policy_completes_the_course_again() -> None:
    record = everything_done()
    changed = course([m1, m2, m3], [q1, q2], course_policy=policy(version="2.0"))
    assert not is_complete(changed, record)
    record = decided(record, changed.policy, when=at(90))
    assert is_complete(changed, record)
    assert completed_at(changed, record) == at(90)


def test_the_summary_lists_modules_scores_and_the_accepted_policy_text() -> None:
    the_course = course([m1, m2, m3], [q1, q2])
    summary = completion_summary(the_course, everything_done(), "en", now=at(70))
    text = render_summary_text(summary)
    assert summary.complete and summary.completed_at == at(60)
    assert "# Course completion record" in text
    assert "- Learner: Anna Nowak" in text
    assert "- E-mail: anna@example.com" in text
    assert "- Team: Sales" in text
    assert "- Course: Ambassador programme" in text
    assert f"- m1 (en): read {iso_utc(at(2))}" in text
    assert "- q1 (en): 50%, passed (pass mark 50%, attempts: 1)" in text
    assert f"- SHA-256: {the_course.policy.text('pl').sha256}" in text
    assert "- Version: 1.0" in text
    assert "- Accepted at: 2026-03-02T10:00:00Z" in text
    assert "- Completed at: 2026-03-02T10:00:00Z" in text


def test_the_summary_is_written_in_the_learners_language() -> None:
    the_course = course([m1, m2, m3], [q1, q2])
    text = render_summary_text(completion_summary(the_course, learner(), "pl", now=at(0)))
    assert "# Podsumowanie postępów w kursie (kurs nieukończony)" in text
    assert "ukończenia" not in text.splitlines()[0]  # not titled a confirmation while incomplete
    assert "Kurs nie jest jeszcze ukończony" in text
    assert "- q2 (pl): nierozwiązany" in text
    assert "niezaakceptowana" in text


def test_a_saved_record_is_titled_for_what_it_is() -> None:
    the_course = course([m1, m2, m3], [q1, q2])
    unfinished = render_summary_text(completion_summary(the_course, learner(), "en", now=at(0)))
    finished = render_summary_text(
        completion_summary(the_course, everything_done(), "pl", now=at(70))
    )
    assert unfinished.splitlines()[0] == "# Course progress record (not complete yet)"
    assert finished.splitlines()[0] == "# Potwierdzenie ukończenia kursu"


def test_a_hostile_name_cannot_reach_the_terminal_through_the_saved_file() -> None:
    record = learner(name="[@click=app.quit]x[/]\x1b[2J\x1b]0;pwned\x07\u202eevil\nsecond line")
    the_course = course([m1], [q1])
    text = render_summary_text(completion_summary(the_course, record, "en", now=at(0)))
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "- Learner: [@click=app.quit]x[/][2J]0;pwnedevil second line" in text


# --- completion, once earned, is kept (issue 10) ----------------------------------------------

q_last = quiz("q1", [single("a"), single("b")], pass_mark=0.5, grading="last")
q_average = quiz("q1", [single("a"), single("b")], pass_mark=0.6, grading="average")


def finished_then_retaken(the_quiz: Quiz) -> LearnerRecord:
    """Passed q1 at 40 min, the course complete at 60 min; a retake at 70 min gets 0%."""
    record = learner()
    for n, mod in enumerate((m1, m2, m3)):
        record = read_module(record, mod, when=at(10 * n))
    first = take_quiz(the_quiz, [], {"a": 0, "b": 0}, when=at(40))
    record = with_attempts(record, first, take_quiz(q2, [], {"c": 0}, when=at(50)))
    record = decided(record, policy(), when=at(60))
    retake = take_quiz(the_quiz, [first], {"a": 1, "b": 1}, when=at(70))
    return with_attempts(record, retake)


@pytest.mark.parametrize("the_quiz", [q_last, q_average], ids=["last", "average"])
def test_a_failed_retake_after_finishing_keeps_the_course_complete(the_quiz: Quiz) -> None:
    the_course = course([m1, m2, m3], [the_quiz, q2])
    record = finished_then_retaken(the_quiz)
    assert not quiz_result(record.attempts_for("q1"), the_quiz).passed  # the quiz, now
    assert is_complete(the_course, record)  # the course, earned at 60 min
    assert completed_at(the_course, record) == at(60)
    progress = course_progress(the_course, record)
    assert progress.complete and progress.fraction == 1.0
    summary = completion_summary(the_course, record, "en", now=at(80))
    assert summary.complete and summary.completed_at == at(60)
    assert summarise_learner(record, the_course).complete  # exports and `trainer report`


def test_a_quiz_failed_by_a_retake_before_the_course_was_complete_still_counts_as_failed() -> None:
    """Only completion is kept, not every pass: the quiz was unpassed before the policy."""
    the_course = course([m1, m2, m3], [q_last, q2])
    record = learner()
    for n, mod in enumerate((m1, m2, m3)):
        record = read_module(record, mod, when=at(10 * n))
    first = take_quiz(q_last, [], {"a": 0, "b": 0}, when=at(40))
    retake = take_quiz(q_last, [first], {"a": 1, "b": 1}, when=at(45))
    record = with_attempts(record, first, retake, take_quiz(q2, [], {"c": 0}, when=at(50)))
    record = decided(record, policy(), when=at(60))
    assert not is_complete(the_course, record)
    assert completed_at(the_course, record) is None
    assert not course_progress(the_course, record).complete
    assert not summarise_learner(record, the_course).complete


def test_a_better_retake_keeps_the_moment_completion_was_first_earned() -> None:
    the_course = course([m1, m2, m3], [q_last, q2])
    record = finished_then_retaken(q_last)
    third = take_quiz(q_last, record.attempts_for("q1"), {"a": 0, "b": 0}, when=at(90))
    record = with_attempts(record, third)
    assert completed_at(the_course, record) == at(60)


# --- the replay, checked against its plain definition -----------------------------------------


def plain_replay(the_course: Course, record: LearnerRecord) -> dt.datetime | None:
    """Completion's definition, spelled out: the first moment at which the record as it stood
    then (later reads, attempts and decisions left out) meets the whole checklist."""
    moments = sorted(
        {m.completed_at for m in record.modules.values() if m.completed_at is not None}
        | {a.finished_at for a in record.attempts if a.finished_at is not None}
        | {d.decided_at for d in record.policy_decisions}
    )
    for moment in moments:
        then = record.model_copy(
            update={
                "modules": {
                    k: p
                    for k, p in record.modules.items()
                    if p.completed_at is not None and p.completed_at <= moment
                },
                "attempts": [
                    a
                    for a in record.attempts
                    if a.finished_at is not None and a.finished_at <= moment
                ],
                "policy_decisions": [d for d in record.policy_decisions if d.decided_at <= moment],
            }
        )
        if all(r.met for r in completion_checklist(the_course, then)):
            return moment
    return None


EVENT = st.tuples(
    st.sampled_from(["read m1", "read m2", "read m3", "q1", "q2", "accept", "decline", "old"]),
    st.integers(0, 200),  # minutes after T0
    st.booleans(),  # a right or a wrong answer
)
# What completes the course (each at some moment), and what may undo a part of it later.
NEEDED = st.tuples(*(st.integers(0, 200) for _ in range(6)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    needed=NEEDED,
    others=st.lists(EVENT, max_size=8),
    grading=st.sampled_from(["last", "average", "highest", "first"]),
)
def test_the_moment_of_completion_is_the_first_moment_the_record_then_met_the_rule(
    needed: tuple[int, ...], others: list[tuple[str, int, bool]], grading: str
) -> None:
    """Learners who read, retake, accept and decline in any order: exports replay them fast,
    and must find the very moment the plain replay finds (None when never complete)."""
    kinds = ("read m1", "read m2", "read m3", "q1", "q2", "accept")
    events = sorted([*zip(kinds, needed, [True] * 6, strict=True), *others], key=lambda e: e[1])
    graded = quiz("q1", [single("a"), single("b")], pass_mark=0.5, grading=grading)  # type: ignore[arg-type]
    the_course = course([m1, m2, m3], [graded, q2])
    old_policy = policy(version="0.9")
    record = learner()
    modules = {"read m1": m1, "read m2": m2, "read m3": m3}
    for kind, minute, right in events:
        if kind in modules:
            record = read_module(record, modules[kind], when=at(minute))
        elif kind in ("q1", "q2"):
            the_quiz = graded if kind == "q1" else q2
            answers = {question: 0 if right else 1 for question in the_quiz.question_ids}
            attempt = take_quiz(the_quiz, record.attempts_for(kind), answers, when=at(minute))
            record = with_attempts(record, attempt)
        else:
            the_policy = old_policy if kind == "old" else policy()
            record = decided(
                record, the_policy, "declined" if kind == "decline" else "accepted", when=at(minute)
            )
    assert completed_at(the_course, record) == plain_replay(the_course, record)
