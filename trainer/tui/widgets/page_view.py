"""One scrollable widget that shows a whole page of course Markdown.

The reader and the policy screen need a page on screen in milliseconds, so this draws the page
through the Line API from lines laid out once per width (see `trainer.tui.markdown_render`),
instead of Textual's `Markdown` widget with one child widget per block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from trainer.tui.markdown_render import (
    DrawPicture,
    PageDocument,
    PageLine,
    PageStyles,
    layout_page,
    parse_page,
)


class PageView(ScrollView, can_focus=True, inherit_bindings=False):
    """A page of Markdown shown as text: links with their address, never clickable or opened."""

    # Mouse selection needs offsets in every segment; a page is read, not copied from.
    ALLOW_SELECT = False

    # Only vertical keys: left/right, n/p and the like belong to the screen's page navigation.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page-view--heading",
        "page-view--link",
        "page-view--link-address",
        "page-view--code",
        "page-view--code-block",
        "page-view--quote",
        "page-view--quote-bar",
        "page-view--bullet",
        "page-view--rule",
        "page-view--table-header",
        "page-view--table-border",
        "page-view--image",
        "page-view--html",
    }

    DEFAULT_CSS = """
    PageView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        padding: 0 1;
        & > .page-view--heading { color: $text-primary; text-style: bold; }
        & > .page-view--link { color: $text-accent; text-style: underline; }
        & > .page-view--link-address { color: $text-muted; }
        & > .page-view--code { color: $text-warning; background: $boost; }
        & > .page-view--code-block { color: $foreground; background: $panel; }
        & > .page-view--quote { color: $text-muted; text-style: italic; }
        & > .page-view--quote-bar { color: $secondary; }
        & > .page-view--bullet { color: $text-primary; text-style: bold; }
        & > .page-view--rule { color: $secondary; }
        & > .page-view--table-header { color: $text-primary; text-style: bold; }
        & > .page-view--table-border { color: $text-muted; }
        & > .page-view--image { color: $text-success; text-style: italic; }
        & > .page-view--html { color: $text-muted; }
        &:focus { scrollbar-color: $primary; }
    }
    """

    @dataclass
    class ReachedEnd(Message):
        """The bottom of the page has been on screen: the reader has scrolled through it all.

        Posted once per page, also straight away when the page fits on one screen; the policy
        screen enables "I accept" on it.
        """

        page_view: PageView
        """The `PageView` whose end was reached."""

        @property
        def control(self) -> PageView:
            """Alias for `page_view`, so `@on(PageView.ReachedEnd, "#policy")` works."""
            return self.page_view

    def __init__(
        self,
        markdown: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._document: PageDocument = parse_page(markdown)
        self._markdown = markdown
        self._lines: list[PageLine] = []
        self._strips: LRUCache[int, Strip] = LRUCache(256)
        self._laid_out_for: tuple[int, PageStyles] | None = None
        self._end_seen = False
        self._styles_stale = False
        self.pictures: DrawPicture | None = None  # set by the screen: draws the page's images

    @property
    def markdown(self) -> str:
        """The Markdown source of the page on show."""
        return self._markdown

    @property
    def line_count(self) -> int:
        """Screen lines the page takes at the current width (0 before the first layout)."""
        return len(self._lines)

    @property
    def at_end(self) -> bool:
        """True while the last line of the page is visible."""
        return self._laid_out_for is not None and self.scroll_offset.y >= self.max_scroll_y

    @property
    def end_seen(self) -> bool:
        """True once the end of the current page has been visible (reset by `update`)."""
        return self._end_seen

    def update(self, markdown: str) -> None:
        """Show a new page, from its top; `ReachedEnd` will be posted again for it."""
        self._document = parse_page(markdown)
        self._markdown = markdown
        self._laid_out_for = None
        self._end_seen = False
        if not self.is_mounted:
            return  # laid out on mount
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._lay_out()
        self.refresh()

    def on_mount(self) -> None:
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        # A view shown after being hidden (or made taller) may now show its last line.
        self.call_after_refresh(self._check_end)

    def notify_style_update(self) -> None:
        """A theme switch changes every colour: re-check the styles at the next paint.

        Not here: Textual updates component-class styles only after this call.
        """
        super().notify_style_update()
        self._styles_stale = True
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_end()

    def _page_styles(self) -> PageStyles:
        def component(name: str) -> Style:
            return self.get_component_rich_style(f"page-view--{name}")

        return PageStyles(
            base=self.rich_style,
            heading=component("heading"),
            link=component("link"),
            link_address=component("link-address"),
            code=component("code"),
            code_block=component("code-block"),
            quote=component("quote"),
            quote_bar=component("quote-bar"),
            bullet=component("bullet"),
            rule=component("rule"),
            table_header=component("table-header"),
            table_border=component("table-border"),
            image=component("image"),
            html=component("html"),
        )

    def _lay_out(self) -> None:
        """Re-wrap the page when the width or the theme changed; nothing else costs a layout."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._styles_stale = False
        styles = self._page_styles()
        if self._laid_out_for == (width, styles):
            return
        self._laid_out_for = (width, styles)
        self._lines = layout_page(self._document, width, styles, self.pictures)
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()
        # The scroll range only settles after the next layout pass.
        self.call_after_refresh(self._check_end)

    def _check_end(self) -> None:
        if not self._end_seen and self.at_end and self.size.height > 0:
            self._end_seen = True
            # Scrolls and refresh callbacks run in the app's or screen's context; naming the
            # sender keeps the message bubbling past the screen to the app.
            self.post_message(self.ReachedEnd(self).set_sender(self))

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._styles_stale:
            self._lay_out()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._strips[index] = self._lines[index].to_strip(width, base)
        return strip
