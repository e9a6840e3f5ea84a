"""Where "Continue" takes the learner in each situation."""

from __future__ import annotations

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
from trainer.content.models import CompletionRule
from trainer.learning.completion import is_complete
from trainer.learning.resume import next_step

intro_quiz = quiz("intro-quiz", [single("a"), single("b"), single("c")], pass_mark=0.6, attempts=2)
intro = module("intro", order=1, pages=4, quiz_id="intro-quiz")
platforms = module("platforms", order=2, pages=3, requires=["intro"])
COURSE = course([intro, platforms], [intro_quiz])
ALL_RIGHT = {"a": 0, "b": 0, "c": 0}
ALL_WRONG = {"a": 1, "b": 1, "c": 1}


def test_a_new_learner_starts_at_the_first_page_of_the_first_module() -> None:
    step = next_step(COURSE, learner())
    assert step is not None
    assert (step.kind, step.target_id, step.page) == ("module", "intro", 0)


def test_a_learner_who_stopped_mid_module_returns_to_that_page() -> None:
    record = read_module(learner(), intro, finished=False, page=2)
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.kind, step.target_id, step.page) == ("module", "intro", 2)


def test_the_most_recently_read_of_two_unfinished_modules_wins() -> None:
    side = module("side", order=3, pages=5)
    the_course = course([intro, platforms, side], [intro_quiz])
    record = read_module(learner(), intro, finished=False, page=1, when=at(0))
    record = read_module(record, side, finished=False, page=3, when=at(60))
    step = next_step(the_course, record)
    assert step is not None
    assert (step.target_id, step.page) == ("side", 3)


def test_a_page_beyond_a_shortened_module_resumes_on_its_last_page() -> None:
    record = read_module(learner(), module("intro", pages=9), finished=False, page=7)
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.target_id, step.page) == ("intro", 3)


def test_an_unfinished_attempt_resumes_on_its_first_unanswered_question() -> None:
    record = read_module(learner(), intro)
    attempt = take_quiz(intro_quiz, [], {"a": 0}, finished=False, when=at(10))
    step = next_step(COURSE, with_attempts(record, attempt))
    assert step is not None
    assert (step.kind, step.target_id, step.question) == ("quiz", "intro-quiz", 1)


def test_an_unfinished_attempt_comes_before_a_module_in_progress() -> None:
    record = read_module(learner(), intro)
    record = read_module(record, platforms, finished=False, page=1, when=at(20))
    attempt = take_quiz(intro_quiz, [], {}, finished=False, when=at(10))
    step = next_step(COURSE, with_attempts(record, attempt))
    assert step is not None and step.kind == "quiz"


def test_a_fully_answered_but_unfinished_attempt_points_past_the_last_question() -> None:
    record = read_module(learner(), intro)
    attempt = take_quiz(intro_quiz, [], ALL_RIGHT, finished=False)
    step = next_step(COURSE, with_attempts(record, attempt))
    assert step is not None
    assert (step.kind, step.question) == ("quiz", 3)


def test_after_reading_a_module_its_quiz_comes_before_the_next_module() -> None:
    step = next_step(COURSE, read_module(learner(), intro))
    assert step is not None
    assert (step.kind, step.target_id, step.question) == ("quiz", "intro-quiz", 0)


def test_a_failed_quiz_with_attempts_left_is_offered_again() -> None:
    record = with_attempts(read_module(learner(), intro), take_quiz(intro_quiz, [], ALL_WRONG))
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.kind, step.target_id) == ("quiz", "intro-quiz")


def test_a_passed_quiz_moves_the_learner_on_to_the_next_module() -> None:
    record = with_attempts(read_module(learner(), intro), take_quiz(intro_quiz, [], ALL_RIGHT))
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.kind, step.target_id, step.page) == ("module", "platforms", 0)


def test_a_quiz_failed_with_no_attempts_left_is_skipped() -> None:
    first = take_quiz(intro_quiz, [], ALL_WRONG, when=at(0))
    second = take_quiz(intro_quiz, [first], ALL_WRONG, when=at(10))
    record = with_attempts(read_module(learner(), intro), first, second)
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.kind, step.target_id) == ("module", "platforms")


def test_with_everything_read_and_passed_the_policy_comes_next() -> None:
    record = with_attempts(read_module(learner(), intro), take_quiz(intro_quiz, [], ALL_RIGHT))
    record = read_module(record, platforms)
    step = next_step(COURSE, record)
    assert step is not None
    assert (step.kind, step.target_id) == ("policy", "social-media")


def test_a_declined_or_outdated_policy_is_offered_again() -> None:
    record = with_attempts(read_module(learner(), intro), take_quiz(intro_quiz, [], ALL_RIGHT))
    record = read_module(record, platforms)
    declined = decided(record, COURSE.policy, "declined")
    assert next_step(COURSE, declined) is not None
    accepted_old = decided(record, policy(version="0.9"))
    step = next_step(COURSE, accepted_old)
    assert step is not None and step.kind == "policy"


def test_nothing_is_left_once_the_course_is_complete() -> None:
    record = with_attempts(read_module(learner(), intro), take_quiz(intro_quiz, [], ALL_RIGHT))
    record = decided(read_module(record, platforms), COURSE.policy)
    assert next_step(COURSE, record) is None
    assert is_complete(COURSE, record)


def test_nothing_is_left_but_the_course_is_not_complete_after_failing_every_attempt() -> None:
    first = take_quiz(intro_quiz, [], ALL_WRONG, when=at(0))
    second = take_quiz(intro_quiz, [first], ALL_WRONG, when=at(10))
    record = with_attempts(read_module(learner(), intro), first, second)
    record = decided(read_module(record, platforms), COURSE.policy)
    assert next_step(COURSE, record) is None
    assert not is_complete(COURSE, record)


def test_an_optional_policy_is_not_pushed_by_continue() -> None:
    relaxed = course(
        [platforms.model_copy(update={"requires": ()})], completion=CompletionRule(policy=False)
    )
    record = read_module(learner(), relaxed.modules[0])
    assert next_step(relaxed, record) is None
