"""Asks before signing the learner out, so one stray key never drops someone at the sign-in."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trainer.tui.text import plain


class ConfirmSwitchLearner(ModalScreen[bool]):
    """True when the learner really wants to sign out and let someone else sign in."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.learner_name = name

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="switch-dialog"):
            yield Static(
                plain(
                    t(
                        "Sign out {name} so that someone else can sign in? "
                        "Everything is saved; {name} continues where they left off next time.",
                        name=self.learner_name,
                    )
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("Switch learner"), id="yes", variant="warning")
                yield Button(t("Stay signed in"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def decide(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
