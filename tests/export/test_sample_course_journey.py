"""A learner goes through the sample course with the learning rules and the store, the way the
learner app drives them; the coordinator's exports and report then tell the same story."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.export.xapi_spec import validate_statement
from tests.responses import correct_response
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.content.models import Course, Question, Quiz
from trainer.learning.attempts import answer_question, finish, new_attempt
from trainer.learning.policy import decide_policy
from trainer.learning.progress import mark_page, start_module
from trainer.learning.records import LearnerProfile, Response
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder
from trainer.store.learner import LearnerStore

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def take_quiz(
    store: LearnerStore,
    quiz: Quiz,
    respond: Callable[[Question], Response],
    *,
    lang: str,
    now: dt.datetime,
    seed: int = 1,
) -> dt.datetime:
    """One whole attempt, answered by `respond`, saved as the app saves it; returns its end."""
    attempt = new_attempt(quiz, store.read().attempts, lang=lang, seed=seed, now=now)
    store.start_attempt(attempt)
    for question_id in attempt.question_ids:
        now += dt.timedelta(seconds=15)
        question = quiz.text(lang).question(question_id)
        answer = answer_question(attempt, quiz, question_id, respond(question), now=now)
        store.record_answer(attempt.attempt_id, answer)
    done = finish(store.read().attempts_for(quiz.id)[-1], quiz, now=now)
    store.finish_attempt(
        attempt.attempt_id,
        finished_at=done.finished_at,
        score=done.score,
        max_score=done.max_score,
        passed=done.passed,
    )
    return now


def _go_through_course(folder: DataFolder, course: Course, learner_id: str) -> None:
    store = folder.learner(learner_id)
    now = START
    for module in course.modules:
        pages = len(module.text("pl").pages)
        progress = start_module(module.id, now=now)
        for page in range(pages):
            now += dt.timedelta(seconds=40)
            progress = mark_page(progress, page, pages, now=now)
            store.save_module_progress(progress)
        if module.quiz is None:
            continue
        now = take_quiz(store, course.quizzes[module.quiz], correct_response, lang="pl", now=now)
    profile = store.read().profile
    decision = decide_policy(
        course.policy,
        profile,
        "accepted",
        lang="pl",
        scrolled_to_end=True,
        box_checked=True,
        typed_name=profile.name,
        now=now + dt.timedelta(minutes=1),
    )
    store.record_policy_decision(decision)


def sample_course_folder(data: Path, other: LearnerProfile) -> tuple[DataFolder, Course]:
    """A data folder on the bundled course: Łucja, who finished everything, and `other`."""
    course = load_course(bundled_course_dir()).course
    assert course is not None
    folder = DataFolder(data)
    folder.create_learner(
        LearnerProfile(
            learner_id="lucja",
            name="Łucja Żółkiewska",
            email="lucja@firma.pl",
            team="Sprzedaż",
            created_at=START - dt.timedelta(days=1),  # the same Łucja in every folder made here
        )
    )
    folder.create_learner(other)
    _go_through_course(folder, course, "lucja")
    return folder, course


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Course]:
    data = tmp_path_factory.mktemp("journey") / "data"
    jan = LearnerProfile(learner_id="jan", name="Jan Nowak", email="jan@firma.pl", team="IT")
    _, course = sample_course_folder(data, jan)
    env = {"TRAINER_DATA_DIR": str(data), "TRAINER_COURSE": str(bundled_course_dir())}
    return env, course


def _invoke(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_csv_shows_the_finished_learner_complete_and_the_other_not_started(
    journey: tuple[dict[str, str], Course],
) -> None:
    env, course = journey
    rows = list(
        csv.DictReader(io.StringIO(_invoke(env, "export", "--lang", "en").removeprefix("\ufeff")))
    )
    lucja = [r for r in rows if r["learner_id"] == "lucja"]
    assert len(lucja) == len(course.modules)
    assert {r["module_status"] for r in lucja} == {"done"}
    assert {r["quiz_passed"] for r in lucja if r["quiz_id"]} == {"yes"}
    assert {r["best_score_percent"] for r in lucja if r["quiz_id"]} == {"100"}
    assert {r["course_complete"] for r in lucja} == {"yes"}
    assert {r["policy_current"] for r in lucja} == {"yes"}
    assert lucja[0]["policy_sha256"] == course.policy.text("pl").sha256
    jan = [r for r in rows if r["learner_id"] == "jan"]
    assert {r["module_status"] for r in jan} == {"not started"}


def test_xapi_statements_cover_every_module_quiz_and_the_policy(
    journey: tuple[dict[str, str], Course],
) -> None:
    env, course = journey
    lines = _invoke(env, "export", "--format", "xapi", "--base-iri", "https://lrs.firma.pl/a/")
    statements = [validate_statement(json.loads(line)) for line in lines.splitlines()]
    verbs = [s.verb.id.rsplit("/", 1)[-1] for s in statements]
    assert verbs.count("completed") == len(course.modules) + 1  # and the course, once
    course_done = [
        s
        for s in statements
        if s.object.id == "https://lrs.firma.pl/a/course" and not s.verb.id.endswith("/registered")
    ]
    assert [s.verb.id.rsplit("/", 1)[-1] for s in course_done] == ["completed"]
    assert verbs.count("passed") == sum(1 for m in course.modules if m.quiz)
    assert verbs.count("accept") == 1
    enrolled = [s for s in statements if s.verb.id.endswith("/registered")]
    assert sorted(s.actor.mbox or "" for s in enrolled) == [
        "mailto:jan@firma.pl",
        "mailto:lucja@firma.pl",
    ]


def test_report_funnel_counts_one_complete_learner_of_two(
    journey: tuple[dict[str, str], Course],
) -> None:
    env, _ = journey
    funnel = json.loads(_invoke(env, "report", "--format", "json"))["funnel"]
    assert funnel == {
        "invited": 2,
        "signed_in": 2,
        "started": 1,
        "modules_done": 1,
        "quizzes_passed": 1,
        "policy_accepted_current": 1,
        "complete": 1,
        "overdue": 0,
        "with_due_date": 0,
    }
