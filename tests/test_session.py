"""The learner session over the real store: what two windows of one learner do together."""

from __future__ import annotations

import shutil
from pathlib import Path

from trainer.content.loader import load_course
from trainer.session import LearnerSession, SignInDetails
from trainer.store.folder import DataFolder

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_two_windows_of_one_learner_keep_each_others_pages(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini_course", tmp_path / "course")
    course = load_course(tmp_path / "course").course
    assert course is not None
    data = DataFolder(tmp_path / "data")
    details = SignInDetails(email="ola@firma.pl", name="Ola Kowalska", team="Sales")
    first = LearnerSession.sign_in(course, data, details, "en")
    second = LearnerSession.sign_in(course, data, details, "en")  # another tab, same learner

    first.visit_page("welcome", 0)
    second.visit_page("welcome", 1)  # its in-memory record never saw page 0
    first.visit_page("welcome", 2)  # nor did this one see page 1

    saved = data.learner(first.record.profile.learner_id).read().modules["welcome"]
    assert saved.pages_seen == [0, 1, 2]
    assert saved.completed_at is not None
