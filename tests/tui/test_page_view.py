"""The page reader widget: pages read well, hostile content stays inert, the end is noticed."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.strip import Strip

from trainer.tui.markdown_render import render_markdown_lines
from trainer.tui.widgets.page_view import PageView

UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE_PAGE = (
    "Click [@click=app.quit]x[/] or [bold red]shout[/] here.\n\n"
    "Screen wipe \x1b[2J and title \x1b]0;pwned\x07 and C1 \x9b31m and \u202eevil.\n\n"
    "- item with [link](https://example.com/a) and \x1b[31mred\n"
)

REPRESENTATIVE_PAGE = """\
Welcome to the **ambassador programme**. Read each page, then take the *quiz*.

### What you share

- Company news from the [newsroom](https://example.com/news)
- Job offers, with the `#jobs` tag
  1. check the offer is still open
  2. add one personal sentence
- ~~Rumours~~ never

> Share what you would be happy to see quoted in a newspaper.

| Channel  | Allowed | Review |
|----------|:-------:|-------:|
| LinkedIn | yes     | none   |
| TikTok   | ask     | 2 days |

- [x] I know where the newsroom is
- [ ] I have set up my profile

```
#ambassador #jobs
```

![Our logo](images/logo.png)

---

Questions? Write to <ambassadors@example.com>.
"""


def long_page(paragraphs: int = 40) -> str:
    return "\n\n".join(
        f"Paragraph {number}: " + "words that fill the page " * 8 for number in range(paragraphs)
    )


class PageApp(App[None]):
    """Just a page and the reader's page keys, to prove the widget leaves them alone."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,p", "turn('previous')", "Previous"),
        Binding("right,n", "turn('next')", "Next"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown
        self.turns: list[str] = []
        self.ends: list[PageView.ReachedEnd] = []

    def compose(self) -> ComposeResult:
        yield PageView(self.markdown, id="page")

    def on_mount(self) -> None:
        self.query_one(PageView).focus()

    def action_turn(self, direction: str) -> None:
        self.turns.append(direction)

    def on_page_view_reached_end(self, message: PageView.ReachedEnd) -> None:
        self.ends.append(message)


async def settle(pilot: Any, view: PageView) -> None:
    """Let keys and scrolls land, then wait for the repaint after which the view checks its end."""
    await pilot.pause()
    await view.wait_for_refresh()
    await pilot.pause()


def painted(view: PageView) -> list[Strip]:
    """The strips the widget paints for its whole visible area, as the compositor asks for them."""
    return view.render_lines(Region(0, 0, view.outer_size.width, view.outer_size.height))


def painted_text(view: PageView) -> str:
    return "\n".join(strip.text for strip in painted(view))


def segments(strips: list[Strip]) -> list[Segment]:
    return [segment for strip in strips for segment in strip]


async def test_page_shows_headings_lists_and_link_addresses() -> None:
    app = PageApp(REPRESENTATIVE_PAGE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = painted_text(app.query_one(PageView))
    assert "What you share" in text
    assert "• Company news from the newsroom (https://example.com/news)" in text
    assert "  1. check the offer is still open" in text
    assert "Channel" in text and "│" in text
    assert "**" not in text and "###" not in text


async def test_hostile_content_is_shown_literally_and_never_reaches_the_terminal() -> None:
    app = PageApp(HOSTILE_PAGE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strips = painted(app.query_one(PageView))
    text = "\n".join(strip.text for strip in strips)
    assert "[@click=app.quit]x[/]" in text
    assert "[bold red]shout[/]" in text
    assert "Screen wipe [2J and title ]0;pwned and C1 31m and evil." in text
    for segment in segments(strips):
        assert not UNSAFE.search(segment.text), repr(segment.text)
        style = segment.style
        assert style is None or (not style.link and not style.meta), style


async def test_markup_in_content_runs_no_action_when_clicked() -> None:
    app = PageApp(HOSTILE_PAGE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(PageView)
        first_line = painted(view)[0].text
        column = first_line.index("x[/]")
        clicked = await pilot.click(PageView, offset=(column + 1, 0))  # +1: left padding
        await pilot.pause()
        assert clicked
        assert app.is_running
        assert "[@click=app.quit]x[/]" in painted_text(view)
    assert app.return_code is None


async def test_short_page_reports_its_end_at_once_and_only_once() -> None:
    app = PageApp("A single paragraph that fits.")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(PageView)
        await settle(pilot, view)
        assert view.at_end and view.end_seen
        await pilot.press("end", "pagedown", "down")
        await pilot.pause()
    assert [message.page_view for message in app.ends] == [view]


async def test_long_page_reports_its_end_only_after_scrolling_there() -> None:
    app = PageApp(long_page())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(PageView)
        assert view.max_scroll_y > 20
        assert not view.at_end and app.ends == []
        await pilot.press("pagedown", "down")
        await pilot.pause()
        assert view.scroll_offset.y > 0 and app.ends == []
        await pilot.press("end")
        await settle(pilot, view)
        assert view.at_end and len(app.ends) == 1
        await pilot.press("home")
        await settle(pilot, view)
        assert not view.at_end and view.end_seen
        await pilot.press("end")
        await settle(pilot, view)
        assert view.at_end
    assert len(app.ends) == 1


async def test_mouse_wheel_scrolls_the_page_to_its_end() -> None:
    app = PageApp(long_page(12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(PageView)
        for _ in range(view.max_scroll_y + 5):
            view.post_message(events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))
        await settle(pilot, view)
        assert view.at_end
    assert len(app.ends) == 1


async def test_new_page_starts_at_its_top_and_reports_its_own_end() -> None:
    app = PageApp(long_page())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(PageView)
        await pilot.press("end")
        await pilot.pause()
        view.update(long_page(30).replace("Paragraph", "Section"))
        await pilot.pause()
        assert view.scroll_offset.y == 0
        assert not view.end_seen
        assert painted_text(view).lstrip().startswith("Section 0:")
        await pilot.press(*["pagedown"] * 40)
        await settle(pilot, view)
        assert view.at_end
    assert len(app.ends) == 2


async def test_page_given_before_mounting_is_the_one_shown() -> None:
    class EarlyApp(PageApp):
        def compose(self) -> ComposeResult:
            view = PageView("first page", id="page")
            view.update("### The page set before mounting")
            yield view

    app = EarlyApp("")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = painted_text(app.query_one(PageView))
    assert "The page set before mounting" in text and "first page" not in text


async def test_hidden_page_reports_its_end_only_once_shown() -> None:
    class HiddenApp(PageApp):
        def compose(self) -> ComposeResult:
            view = PageView(self.markdown, id="page")
            view.display = False
            yield view

    app = HiddenApp("A short policy.")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(PageView)
        await pilot.pause()
        assert app.ends == []
        view.display = True
        await settle(pilot, view)
        assert view.end_seen
    assert len(app.ends) == 1


async def test_left_right_n_p_stay_with_the_readers_page_navigation() -> None:
    app = PageApp(long_page())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.query_one(PageView)
        await pilot.press("right", "n", "left", "p")
        await pilot.pause()
    assert app.turns == ["next", "next", "previous", "previous"]


async def test_resizing_rewraps_the_page_to_the_new_width() -> None:
    paragraph = "Ambassadors share news " * 12
    app = PageApp(paragraph)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(PageView)
        wide_lines = view.line_count
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        narrow_width = view.scrollable_content_region.width
        narrow_lines = view.line_count
        shown = [strip.text.rstrip() for strip in painted(view)]
    assert narrow_lines > wide_lines
    assert all(len(line) <= narrow_width + 1 for line in shown)  # +1: left padding
    assert " ".join(line.strip() for line in shown if line.strip()) == paragraph.strip()


async def test_theme_switch_recolours_the_page() -> None:
    app = PageApp("### Heading")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        view = app.query_one(PageView)

        def heading_style() -> Any:
            return next(s.style for s in painted(view)[0] if s.text.strip() == "Heading")

        dark = heading_style()
        app.theme = "textual-light"
        await pilot.pause()
        light = heading_style()
    assert dark.color != light.color
    assert dark.bold and light.bold


MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "### ",
        "- ",
        "1. ",
        "> ",
        "- [ ] ",
        "- [x] ",
        "```\n",
        "\n",
        "\n\n",
        "  ",
        "**",
        "*",
        "`",
        "~~",
        "[",
        "](",
        ")",
        "![",
        "<div>",
        "</div>",
        "|",
        "|---|",
        "---",
        "\x1b[2J",
        "\x1b]0;pwned\x07",
        "\x9b",
        "\u202e",
        "\t",
        "\r\n",
        "[@click=app.quit]",
        "word ",
        "longwordwithoutanyspaces" * 3,
        "zażółć ",
        "漢字 ",
        "https://example.com/x",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=8)), max_size=40), st.integers(1, 90))
def test_any_page_renders_without_control_characters(pieces: list[str], width: int) -> None:
    for segment in segments(render_markdown_lines("".join(pieces), width)):
        assert not UNSAFE.search(segment.text), repr(segment.text)
        assert segment.style is None or not (segment.style.link or segment.style.meta)


def test_long_words_fold_and_nothing_is_wider_than_the_page() -> None:
    page = (
        "A " + "x" * 100 + " word.\n\n- nested\n  - deeper with " + "y" * 60 + "\n\n"
        "| a | b |\n|---|---|\n| " + "long cell text " * 6 + " | " + "z" * 40 + " |\n\n"
        "```\n" + "code " * 20 + "\n```\n"
    )
    for width in (20, 37, 80):
        lines = render_markdown_lines(page, width)
        assert all(strip.cell_length <= width for strip in lines), width
        joined = "".join(strip.text.replace(" ", "") for strip in lines)
        assert "x" * 100 in joined.replace("\n", "")


def test_renderer_shows_tasks_images_code_and_raw_html_as_text() -> None:
    page = (
        "- [x] done\n- [ ] to do\n\n![Logo](img/logo.png)\n\n"
        '```\n    indented();\n```\n\n<div onclick="x()">raw</div>\n\n> quoted\n'
    )
    lines = [strip.text.rstrip() for strip in render_markdown_lines(page, 60)]
    assert "☑ done" in lines and "☐ to do" in lines
    assert "[image: Logo] (img/logo.png)" in lines
    assert "     indented();" in lines
    assert '<div onclick="x()">raw</div>' in lines
    assert "▌ quoted" in lines


def test_representative_page_snapshot(snap_compare: Any) -> None:
    assert snap_compare(PageApp(REPRESENTATIVE_PAGE), terminal_size=(80, 24))
