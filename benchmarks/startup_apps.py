"""Factories for `bench_reader.py --app`: the real learner app as a returning learner opens it.

`prepare()` runs once in the benchmark's parent process (it registers a learner in a fresh data
folder), so each timed child only does what `trainer` does at start-up: load and validate the
course, check the data folder, read the learner's record and show the course map.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import ClassVar

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


def make_map_widgets_app() -> App[None]:
    """The course map's widgets, stylesheet and keys with made-up text: no trainer code, no
    pydantic, no data. What the first screen's design costs on its own."""
    from textual.app import ComposeResult
    from textual.binding import Binding, BindingType
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Button, Footer, Header, OptionList, ProgressBar, Static
    from textual.widgets.option_list import Option

    class MapWidgetsApp(App[None]):
        CSS_PATH = REPO / "trainer" / "tui" / "trainer.tcss"
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("f1", "help", "help"),
            Binding("f2", "toggle_dark", "light/dark"),
            Binding("ctrl+q", "quit", "quit", priority=True),
            Binding("c", "continue", "continue"),
        ]

        def compose(self) -> ComposeResult:
            yield Header()
            with Vertical(id="map"):
                with Horizontal(id="map-top"):
                    yield Static("Signed in: Ola Test (Sales)", id="learner")
                    yield Button("Switch learner", id="switch", compact=True)
                with Horizontal(id="map-progress"):
                    yield ProgressBar(id="overall", total=9, show_eta=False)
                    yield Static("Progress: 0 of 9 steps", id="progress-label")
                yield Button("Continue: The ambassador program, page 1", id="continue")
                lines = [Option(f"○ Module {i} · 15 min · not started") for i in range(14)]
                yield OptionList(*lines, id="modules")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#continue").focus()

    return MapWidgetsApp()
