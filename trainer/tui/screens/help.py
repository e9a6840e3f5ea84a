"""Help for ambassadors, from `help.<lang>.md` beside the code."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from trainer.tui.widgets.page_view import PageView

HELP_DIR = Path(__file__).resolve().parent.parent / "help"


def help_markdown(lang: str, help_dir: Path = HELP_DIR) -> str:
    path = help_dir / f"help.{lang}.md"
    if not path.is_file():
        path = help_dir / "help.en.md"
    return path.read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    """The help text of the app it is opened in (`HELP_DIR` names where it lives)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "close", "close")]
    HELP_DIR: ClassVar[Path] = HELP_DIR

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="help-dialog"):
            yield PageView(id="help-text")
            yield Button(t("common.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        lang = self.app.services.lang  # type: ignore[attr-defined]
        self.query_one(PageView).update(help_markdown(lang, self.HELP_DIR))
        self.query_one(PageView).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
