"""Wrapped lines hang under their own text: on the course map and in the quiz review."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.tui.conftest import REPO, AppFactory
from tests.tui.journey import sign_in
from trainer.tui.hanging_text import HangingText

words = st.lists(
    st.text(alphabet="abcdefghijklmnopąćęłńóśźżABC,.-!?🔒", min_size=1, max_size=18),
    min_size=1,
    max_size=25,
)
prefixes = st.sampled_from(["", "✔ ", "   ", "   ☑ ", "🔒 ", "     12. ", "   Also accepted: "])


@settings(max_examples=150, deadline=None)
@given(
    paragraphs=st.lists(st.tuples(prefixes, words), min_size=1, max_size=4),
    width=st.integers(8, 120),
)
def test_every_word_is_kept_in_order_and_no_line_is_wider_than_the_column(
    paragraphs: list[tuple[str, list[str]]], width: int
) -> None:
    text = HangingText([(Content(p), Content(" ".join(w))) for p, w in paragraphs])
    lines = text.lines(width)
    assert all(line.cell_length <= width for line in lines if not _one_long_word(line, width))
    shown = " ".join(line.plain for line in lines).split()
    written = " ".join(p + " ".join(w) for p, w in paragraphs).split()
    assert "".join(shown) == "".join(written)  # a word longer than the column may be folded


def _one_long_word(line: Content, width: int) -> bool:
    return len(line.plain.split()) <= 2 and line.cell_length <= width + 2


@settings(max_examples=100, deadline=None)
@given(body=words, width=st.integers(30, 120))
def test_wrapped_lines_start_under_the_first_word_after_the_mark(
    body: list[str], width: int
) -> None:
    prefix = "   ☑ "
    lines = HangingText([(Content(prefix), Content(" ".join(body)))]).lines(width)
    assert lines[0].plain.startswith(prefix)
    for line in lines[1:]:
        assert line.plain.startswith(" " * len(prefix)) and not line.plain[len(prefix)].isspace()


MARK_OR_TRACK = re.compile(r"^(✔|◐|○|🔒|★|✎|[A-ZĄĆĘŁŃÓŚŹŻ -]+$)")


async def test_module_lines_on_the_map_hang_under_their_titles_at_80_columns(
    make_learner_app: AppFactory,
) -> None:
    for lang in ("pl", "en"):
        app = make_learner_app(lang, course_dir=REPO)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if app.screen.query("#email"):
                await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
            modules = app.screen.query_one("#modules", OptionList)
            lines = await _all_lines(pilot, modules)
        print("\n".join(lines))
        starts = [line for line in lines if line.strip()]
        assert starts
        hanging = 0
        for line in starts:
            if MARK_OR_TRACK.match(line) or line.startswith("─"):  # an item, a track, a rule
                continue
            # under the text after "○ " (policy) or "✔ " / "🔒 " and the indented summaries
            assert line.startswith("  "), f"{lang}: a wrapped line starts at column 0: {line!r}"
            hanging += 1
        assert hanging, "nothing wrapped: the map lines are too short to show anything"


async def _all_lines(pilot: Pilot[int], options: OptionList) -> list[str]:
    """Every line of the list as drawn, scrolling down a screenful at a time."""
    seen: dict[int, str] = {}
    top = 0
    while True:
        options.scroll_to(y=top, animate=False)
        await pilot.pause()
        scrolled = round(options.scroll_y)
        for row in range(options.scrollable_content_region.height):
            seen[scrolled + row] = options.render_line(row).text.rstrip()
        if scrolled >= options.max_scroll_y:
            return [seen[y] for y in sorted(seen)]
        top = scrolled + options.scrollable_content_region.height
