"""The learner's summary: shown when the course is complete, and on request at any time."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Header, Static

from trainer.tui.downloads import local_save_folder
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.page_view import PageView

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def deliver_record(app: TrainerApp, save_directory: Path | None = None) -> None:
    """Save the learner's record as a Markdown file: in the terminal to the downloads folder
    (or `save_directory`), in a browser as a download."""
    session = app.session
    if session is None:
        return
    if not app.is_web:
        try:
            save_directory = local_save_folder(save_directory)
        except OSError:
            save_directory = Path.home()
    app.deliver_text(
        io.StringIO(session.summary_text()),
        save_directory=save_directory,
        save_filename=session.summary_filename(),
        mime_type="text/markdown",
        name="learner-record",
    )


class CompletionScreen(TrainerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "save my record"),
        Binding("escape", "back", "map", key_display="Esc"),
    ]

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        session = self.trainer.session
        assert session is not None
        name = session.record.profile.name
        yield Header()
        if session.is_complete():
            yield Static(
                Content.styled(plain_line(t("complete.title", name=name)).plain, "bold $success"),
                id="complete-title",
            )
            yield Static(plain_line(t("complete.intro")), id="complete-intro", classes="muted")
        else:
            yield Static(plain_line(t("complete.not_yet")), id="complete-title")
        yield PageView(id="summary")
        with Horizontal(id="complete-buttons"):
            yield Button(t("complete.save"), id="save", variant="primary")
            yield Button(t("quiz.to_map"), id="to-map")
        yield TrainerFooter()

    def on_mount(self) -> None:
        session = self.trainer.session
        assert session is not None
        self.query_one(PageView).update(session.summary_text())
        self.query_one("#save", Button).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        deliver_record(self.trainer)

    @on(Button.Pressed, "#to-map")
    def action_back(self) -> None:
        self.dismiss(None)
