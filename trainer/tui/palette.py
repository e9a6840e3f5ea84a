"""Textual's command palette, with its own words in the interface language.

Textual writes "No matches found" in English into the palette's list (there is no parameter
for it); this subclass draws the same line in the learner's language. A test opens the palette,
types a query that matches nothing and reads the screen, so a Textual upgrade that renames the
hook shows up as a failing test, not as English on a Polish screen.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class TrainerCommandPalette(CommandPalette):
    def __init__(self, *, placeholder: str, no_matches: str) -> None:
        super().__init__(id="--command-palette", placeholder=placeholder)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with our text: after a short pause, say that nothing matched."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:  # browsing, not searching: an empty list needs no notice
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(self.no_matches, style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
