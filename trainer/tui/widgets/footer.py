"""The key bar at the bottom of every screen, rebuilt only when what it shows changes."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

BindingsShown = tuple[tuple[str, str, str, bool, str], ...]

FIRST_ACTIONS = ("help", "toggle_theme")
"""Shown first on every screen: at 80 columns the keys at the end of the bar are cut off, and
F1 (help) and F2 (light/dark) must stay reachable wherever the learner is."""
COMPACT_BELOW = 100
"""Narrower than this, keys are drawn with less space around them (80x24 is a first-class size)."""


class TrainerFooter(Footer):
    """Textual's `Footer`, minus the rebuilds that change nothing.

    Textual's footer throws away and re-mounts every key each time a screen publishes
    "bindings updated": on start-up that is several times in a row (the first focus, the
    localized descriptions, the focused button), and again on every focus move, although the
    keys shown are the same. Re-mounting keys is the largest part of showing the first screen
    (each key's styles are worked out again). Here the requests made before the next refresh
    are merged into one, and that one is skipped when the keys, labels and enabled states are
    those already on screen.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_pending = False
        self._shown: BindingsShown | None = None

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def compose(self) -> ComposeResult:
        """Textual's keys, F1 and F2 moved to the front (see `FIRST_ACTIONS`)."""
        keys = list(super().compose())
        rank = {action: index for index, action in enumerate(FIRST_ACTIONS)}
        keys.sort(key=lambda key: rank.get(getattr(key, "action", ""), len(rank)))
        yield from keys

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    def bindings_shown(self) -> BindingsShown:
        """What `Footer.compose` would show: key, key label, description, enabled, tooltip."""
        app = self.app
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self.bindings_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()
