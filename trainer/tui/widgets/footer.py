"""The key bar at the bottom of every screen: every key readable at any width, rebuilt only
when what it shows changes."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

BindingsShown = tuple[tuple[str, str, str, bool, str], ...]

FIRST_ACTIONS = ("help", "toggle_theme")
"""Shown first on every screen: at 80 columns the keys at the end of the bar are cut off, and
F1 (help) and F2 (light/dark) must stay reachable wherever the learner is."""
COMPACT_BELOW = 100
"""Narrower than this, keys are drawn with less space around them (80x24 is a first-class size)."""


def key_width(key: FooterKey, *, compact: bool) -> int:
    """The cells a key takes in the bar, its margin included (see Textual's footer styles)."""
    text = cell_len(key.key_display)
    if not key.description:
        return text + 1 if compact else text
    text += 1 + cell_len(key.description)
    return text + 1 if compact and not key.has_class("-command-palette") else text + 2


def key_rows(widths: list[int], room: int) -> list[int]:
    """How many keys go on each row when keys of `widths` are laid left to right in `room`."""
    rows: list[int] = []
    used = 0
    for width in widths:
        if rows and used + width <= room:
            rows[-1] += 1
            used += width
        else:
            rows.append(1)
            used = width
    return rows or [0]


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

    DEFAULT_CSS = """
    TrainerFooter.-rows {
        layout: vertical;
        .footer-row { height: 1; width: 1fr; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_pending = False
        self._shown: BindingsShown | None = None
        self._keys: list[FooterKey] = []
        self._rows = 1

    def on_resize(self, event: events.Resize) -> None:
        width = self.screen.size.width
        self.compact = width < COMPACT_BELOW
        if self._keys and len(self.rows_needed(self._keys, width)) != self._rows:
            self._shown = None  # the keys wrap differently at this width: lay them out again
            self.bindings_changed(self.screen)

    @staticmethod
    def rows_needed(keys: list[FooterKey], width: int) -> list[int]:
        """Keys per row: one row (the palette key docked at the right) when all fit."""
        compact = width < COMPACT_BELOW
        widths = [key_width(key, compact=compact) for key in keys]
        if not width or sum(widths) <= width:
            return [len(keys)]
        return key_rows(widths, width)

    def compose(self) -> ComposeResult:
        """Textual's keys, F1 and F2 moved to the front (see `FIRST_ACTIONS`); keys that do not
        fit on one row go on to a second (and third) row, whole, rather than being cut off at
        the screen's edge."""
        keys: list[Widget] = list(super().compose())
        rank = {action: index for index, action in enumerate(FIRST_ACTIONS)}
        keys.sort(key=lambda key: rank.get(getattr(key, "action", ""), len(rank)))
        if not all(isinstance(key, FooterKey) for key in keys):  # grouped keys: Textual's way
            self._keys = []
            self.set_rows(1)
            yield from keys
            return
        # Several rows: the palette key joins the others at the end of the last row (docked at
        # the right it would take its width from every row).
        flow = [k for k in keys if not k.has_class("-command-palette")]
        flow += [k for k in keys if k.has_class("-command-palette")]
        self._keys = [key for key in flow if isinstance(key, FooterKey)]
        rows = self.rows_needed(self._keys, self.screen.size.width)
        self.set_rows(len(rows))
        if len(rows) == 1:
            yield from keys
            return
        for key in flow:
            key.remove_class("-command-palette")
        start = 0
        for count in rows:
            yield HorizontalGroup(*flow[start : start + count], classes="footer-row")
            start += count

    def set_rows(self, rows: int) -> None:
        """The bar's height, changed only when it changes (each change lays the screen out)."""
        if rows != self._rows:  # one row is Textual's own height: set nothing for it at first
            self.styles.height = rows
        self._rows = rows
        self.set_class(rows > 1, "-rows")

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
