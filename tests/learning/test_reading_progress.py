"""Module status, prerequisites, paging through a module and the course map's totals."""

from __future__ import annotations

import pytest

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
from trainer.learning.errors import LearningRuleError
from trainer.learning.prerequisites import module_status, module_statuses
from trainer.learning.progress import (
    MAX_SECONDS_PER_VIEW,
    course_progress,
    leave_page,
    mark_page,
    resume_page,
    start_module,
)

intro = module("intro", order=1)
platforms = module("platforms", order=2, requires=["intro"])
etiquette = module("etiquette", order=3, requires=["intro", "platforms"])


def test_a_module_without_prerequisites_is_open_from_the_start() -> None:
    status = module_status(intro, learner())
    assert (status.state, status.missing, status.available) == ("not_started", (), True)


def test_a_locked_module_names_the_modules_it_waits_for() -> None:
    status = module_status(etiquette, learner())
    assert status.state == "locked"
    assert status.missing == ("intro", "platforms")
    assert not status.available


def test_a_half_read_prerequisite_still_locks() -> None:
    record = read_module(learner(), intro, finished=False, page=1)
    assert module_status(platforms, record).missing == ("intro",)
    assert module_status(intro, record).state == "in_progress"


def test_reading_prerequisites_unlocks_step_by_step() -> None:
    record = read_module(learner(), intro)
    states = [s.state for s in module_statuses(course([intro, platforms, etiquette]), record)]
    assert states == ["done", "not_started", "locked"]
    assert module_status(etiquette, record).missing == ("platforms",)


def test_a_read_module_stays_done_when_the_course_adds_a_prerequisite() -> None:
    record = read_module(learner(), platforms.model_copy(update={"requires": ()}))
    assert module_status(platforms, record).state == "done"


def test_reaching_the_last_page_marks_the_module_read_once() -> None:
    progress = start_module("intro", now=at(0))
    progress = mark_page(progress, 0, 3, at(0))
    progress = mark_page(progress, 2, 3, at(2))  # jumped to the end from the contents
    assert progress.completed_at == at(2)
    progress = mark_page(progress, 0, 3, at(3))
    progress = mark_page(progress, 2, 3, at(4))  # reading again does not move the date
    assert (progress.completed_at, progress.page, progress.pages_seen) == (at(2), 2, [0, 2])


def test_a_one_page_module_is_read_as_soon_as_it_is_opened() -> None:
    progress = mark_page(start_module("short", now=at(0)), 0, 1, at(0))
    assert progress.done


def test_time_spent_counts_reading_but_not_a_learner_who_walked_away() -> None:
    progress = mark_page(start_module("intro", now=at(0)), 0, 5, at(0))
    progress = mark_page(progress, 1, 5, at(3))  # 3 minutes on page 0
    progress = mark_page(progress, 2, 5, at(3 + 120))  # two hours at lunch on page 1
    assert progress.seconds_spent == 3 * 60 + MAX_SECONDS_PER_VIEW
    progress = leave_page(progress, at(3 + 120 + 1))  # a minute on page 2, then closed
    assert progress.seconds_spent == 3 * 60 + MAX_SECONDS_PER_VIEW + 60


def test_a_clock_that_goes_backwards_adds_no_time() -> None:
    progress = mark_page(start_module("intro", now=at(10)), 0, 3, at(10))
    progress = mark_page(progress, 1, 3, at(5))
    assert progress.seconds_spent == 0
    assert progress.updated_at == at(10)


def test_a_page_outside_the_module_is_refused() -> None:
    with pytest.raises(LearningRuleError):
        mark_page(start_module("intro"), 3, 3)


def test_resume_page_stays_inside_a_module_that_became_shorter() -> None:
    progress = mark_page(start_module("intro", now=at(0)), 4, 6, at(1))
    assert resume_page(progress, 6) == 4
    assert resume_page(progress, 3) == 2
    assert resume_page(None, 3) == 0


def test_course_progress_counts_modules_quizzes_policy_and_the_overall_bar() -> None:
    basics = quiz("basics-quiz", [single("a"), single("b")], pass_mark=0.5)
    the_course = course(
        [module("intro", order=1, quiz_id="basics-quiz"), platforms, etiquette], [basics]
    )
    record = read_module(learner(), the_course.module("intro"))
    record = with_attempts(record, take_quiz(basics, [], {"a": 0, "b": 1}, when=at(10)))
    progress = course_progress(the_course, record)
    assert (progress.modules_done, progress.modules_total) == (1, 3)
    assert (progress.quizzes_passed, progress.quizzes_total) == (1, 1)
    assert progress.policy.state == "not_decided"
    assert progress.fraction == pytest.approx(2 / 5)  # 3 modules + 1 quiz + the policy
    assert not progress.complete

    for mod in the_course.modules[1:]:
        record = read_module(record, mod, when=at(20))
    record = decided(record, the_course.policy, when=at(30))
    finished = course_progress(the_course, record)
    assert (finished.fraction, finished.complete) == (1.0, True)


def test_course_progress_reports_a_policy_of_another_version_as_outdated() -> None:
    old, new = policy(version="1.0"), policy(version="2.0")
    record = decided(learner(), old)
    assert course_progress(course([intro], course_policy=new), record).policy.state == "outdated"
