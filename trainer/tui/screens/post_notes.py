"""A template's notes for the ambassador (Markdown from the hub file)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trainer.i18n import N_
from trainer.tui.text import plain_line
from trainer.tui.widgets.page_view import PageView


class PostNotesScreen(ModalScreen[None]):
    CSS_PATH = "studio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,ctrl+l", "close", N_("close"))]

    def __init__(self, title: str, notes: str) -> None:
        super().__init__()
        self.notes_title = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="notes-dialog"):
            yield Static(plain_line(self.notes_title), id="notes-title")
            yield PageView(id="notes-text")
            yield Button(t("common.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        t = self.app.t  # type: ignore[attr-defined]
        self.query_one(PageView).update(self.notes or t("This template has no notes."))
        self.query_one(PageView).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
