"""“I posted it”: an optional address of the published post, or cancel."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from trainer.i18n import N_
from trainer.tui.text import plain_line


class PostedDialog(ModalScreen[str | None]):
    """Dismisses with the address ("" when none was given), or None when cancelled."""

    CSS_PATH = "studio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("cancel"))]

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="posted-dialog"):
            yield Static(plain_line(t("Great! Where is it? (optional)")), id="posted-title")
            yield Input(
                placeholder="https://www.linkedin.com/feed/update/…",
                id="posted-url",
                max_length=2000,
            )
            with Horizontal(id="posted-buttons"):
                yield Button(t("Mark as posted"), id="confirm", variant="primary")
                yield Button(t("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
