"""The numbers every export shows come from one summary of a learner."""

from __future__ import annotations

import datetime as dt

from tests.export.course_factory import T0, acceptance, complete_learner, make_course, profile
from trainer.export.learner_summary import summarise_learner
from trainer.learning.completion import is_complete
from trainer.learning.records import LearnerRecord


def test_complete_learner_is_complete_with_best_score_and_current_policy() -> None:
    summary = summarise_learner(complete_learner(), make_course())
    assert summary.complete
    assert summary.modules_done == 2
    program = summary.modules[0]
    assert program.state == "done"
    assert program.quiz is not None
    assert (program.quiz.score, program.quiz.attempts, program.quiz.passed) == (0.75, 2, True)
    assert summary.policy.current and summary.policy.accepted_version == "2.0"
    assert summary.last_activity == T0 + dt.timedelta(hours=2)


def test_acceptance_of_an_older_policy_version_is_not_current_so_not_complete() -> None:
    record = complete_learner()
    record.policy_decisions = [acceptance("anna", version="1.0")]
    summary = summarise_learner(record, make_course())
    assert summary.policy.accepted_version == "1.0"
    assert not summary.policy.current
    assert not summary.complete


def test_invited_learner_has_not_started() -> None:
    record = LearnerRecord(profile=profile("ola", "Ola Lis", status="invited"))
    summary = summarise_learner(record, make_course())
    assert not summary.started
    assert [m.state for m in summary.modules] == ["not started", "not started"]
    assert summary.status == "invited"


def test_completion_agrees_with_the_learning_rule_in_every_case() -> None:
    course = make_course()
    base = complete_learner()
    variants = [base]
    no_policy = base.model_copy(deep=True)
    no_policy.policy_decisions = []
    variants.append(no_policy)
    failed = base.model_copy(deep=True)
    failed.attempts = failed.attempts[:1]
    variants.append(failed)
    unread = base.model_copy(deep=True)
    del unread.modules["zasady"]
    variants.append(unread)
    old_policy = base.model_copy(deep=True)
    old_policy.policy_decisions = [acceptance("anna", version="1.0")]
    variants.append(old_policy)
    verdicts = [summarise_learner(r, course).complete for r in variants]
    assert verdicts == [is_complete(course, r) for r in variants]
    assert verdicts == [True, False, False, False, False]


def test_a_quiz_never_attempted_stands_as_quiz_result_says() -> None:
    from trainer.learning.grading import quiz_result

    course = make_course()
    summary = summarise_learner(LearnerRecord(profile=profile("ola", "Ola")), course)
    standing = summary.modules[0].quiz
    result = quiz_result([], course.quizzes["program-quiz"])
    assert standing is not None
    assert (standing.score, standing.attempts, standing.passed, standing.passed_at) == (
        result.score,
        result.attempts_used,
        result.passed,
        result.passed_at,
    )


def test_learners_with_the_same_scores_each_keep_their_own_pass_time() -> None:
    """Grading is cached by the series of scores: the times must still be each learner's."""
    course = make_course()
    early = complete_learner("anna")
    late = complete_learner("jan", "Jan Nowak")
    for number, attempt in enumerate(late.attempts):
        attempt.finished_at = T0 + dt.timedelta(days=3, minutes=number)
    passed_at = [
        summarise_learner(record, course).modules[0].quiz.passed_at  # type: ignore[union-attr]
        for record in (early, late, early)
    ]
    assert passed_at == [
        early.attempts[1].finished_at,
        T0 + dt.timedelta(days=3, minutes=1),
        early.attempts[1].finished_at,
    ]


def test_summaries_follow_the_course_they_are_given_each_time() -> None:
    """What is worked out once per course must not leak into a summary of another course."""
    record = complete_learner()
    current, newer = make_course("2.0"), make_course("3.0")
    verdicts = [
        summarise_learner(record, course).policy.current for course in (current, newer, current)
    ]
    assert verdicts == [True, False, True]
