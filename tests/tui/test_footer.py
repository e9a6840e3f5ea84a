"""The key bar follows the focused widget's keys, and is not rebuilt when they stay the same."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from trainer.tui.widgets.footer import TrainerFooter


class NoteButton(Button):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "note", "take a note")]


class FooterApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f1", "help", "help")]

    def compose(self) -> ComposeResult:
        yield Button("plain", id="plain")
        yield Button("also plain", id="also-plain")
        yield NoteButton("with a key", id="note")
        yield TrainerFooter()


def shown_keys(app: FooterApp) -> list[str]:
    return [key.description for key in app.query(FooterKey) if key.description]


async def test_the_footer_follows_focus_and_skips_rebuilds_that_change_nothing() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown_keys(app) == ["help", "palette"]
        keys_before = list(app.query(FooterKey))

        app.query_one("#also-plain", Button).focus()  # same keys: the footer stays as it is
        await pilot.pause()
        await pilot.pause()
        assert list(app.query(FooterKey)) == keys_before

        app.query_one("#note", Button).focus()  # a widget with a key of its own
        await pilot.pause()
        await pilot.pause()
        assert shown_keys(app) == ["help", "take a note", "palette"]  # F1 first

        app.query_one("#plain", Button).focus()
        await pilot.pause()
        await pilot.pause()
        assert shown_keys(app) == ["help", "palette"]
