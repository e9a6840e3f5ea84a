"""Factories for `bench_reader.py --app`: the real learner app as a returning learner opens it.

`prepare()` runs once in the benchmark's parent process (it registers a learner in a fresh data
folder), so each timed child only does what `trainer` does at start-up: load and validate the
course, check the data folder, read the learner's record and show the course map.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from textual.app import App

REPO = Path(__file__).resolve().parent.parent
DATA_ENV = "TRAINER_BENCH_DATA_DIR"


def prepare() -> None:
    from trainer.learning.records import LearnerProfile
    from trainer.store.folder import DataFolder

    data_dir = Path(tempfile.mkdtemp(prefix="trainer-startup-"))
    folder = DataFolder(data_dir)
    folder.create_learner(
        LearnerProfile(learner_id="bench", name="Bench Learner", email="b@firma.pl", team="QA")
    )
    folder.set_last_learner_id("bench")
    os.environ[DATA_ENV] = str(data_dir)
    os.environ["TRAINER_CACHE_DIR"] = str(data_dir / "cache")
    from trainer.tui.launch import open_course

    open_course(REPO)  # a returning learner's machine has the validated course cached


def make_learner_app() -> App[int]:
    """What `trainer` does: the course (from its cache when unchanged), then the app."""
    from trainer.tui.app import make_app
    from trainer.tui.launch import open_course

    course, _ = open_course(REPO)
    assert course is not None
    return make_app(course, Path(os.environ[DATA_ENV]), "en")
