"""A data folder that forwards to an LRS, on the mini course, with learners who take steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.export.test_sample_course_journey import take_quiz
from tests.responses import correct_response
from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.forwarding.config import ForwardingConfig, write_config
from trainer.forwarding.outbox import attach_outbox
from trainer.learning.records import LearnerProfile, ModuleProgress
from trainer.store.folder import DataFolder

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load_course(FIXTURES / "mini_course").course
    assert loaded is not None
    return loaded


def forwarding_folder(root: Path, course: Course, endpoint: str) -> DataFolder:
    data = DataFolder(root)
    write_config(data, ForwardingConfig(endpoint=endpoint, user="coordinator"))
    assert attach_outbox(data, course)
    return data


def new_learner(data: DataFolder, n: int) -> str:
    learner_id = data.new_learner_id(f"Learner {n:02d}", f"learner{n:02d}@firma.pl")
    data.create_learner(
        LearnerProfile(
            learner_id=learner_id,
            name=f"Learner {n:02d}",
            email=f"learner{n:02d}@firma.pl",
            team="Sales",
            status="active",
        )
    )
    return learner_id


def finish_module(data: DataFolder, course: Course, learner_id: str, index: int, n: int) -> None:
    module = course.modules[index]
    pages = len(module.text("en").pages)
    data.learner(learner_id).save_module_progress(
        ModuleProgress(
            module_id=module.id,
            page=pages - 1,
            pages_seen=list(range(pages)),
            started_at=START + dt.timedelta(hours=index, minutes=n - 5),
            completed_at=START + dt.timedelta(hours=index, minutes=n),
        )
    )


def pass_quiz(data: DataFolder, course: Course, learner_id: str, n: int) -> None:
    quiz = next(course.quizzes[m.quiz] for m in course.modules if m.quiz)
    take_quiz(
        data.learner(learner_id),
        quiz,
        correct_response,
        lang="en",
        now=START + dt.timedelta(hours=5, minutes=n),
    )
