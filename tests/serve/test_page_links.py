from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.serve.conftest import invite
from tests.serve.signing_in import settle, sign_in_with_code
from trainer.content.loader import load_course
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.page_links import PageLink, PageLinksScreen, page_links
from trainer.tui.screens.reader import ReaderScreen

RULES_PAGE = (
    "Read the [policy](../policy/social-media.en.md) and the "
    "[company blog](https://blog.example.com/ambassadors) before posting.\n\n"
    "[Write to us](mailto:ambassadors@example.com), see the [blog again]"
    "(https://blog.example.com/ambassadors); a [script](javascript:alert(1)) is no link."
)


def test_links_of_a_page_in_reading_order() -> None:
    assert page_links(RULES_PAGE) == [
        PageLink("policy", "../policy/social-media.en.md"),
        PageLink("company blog", "https://blog.example.com/ambassadors"),
        PageLink("Write to us", "mailto:ambassadors@example.com"),
        PageLink("blog again", "https://blog.example.com/ambassadors"),
    ]
    assert [link.opens_in_browser for link in page_links(RULES_PAGE)] == [
        False,
        True,
        False,
        True,
    ]


@pytest.fixture
def course_with_web_link(mini_course_dir: Path) -> Path:
    module = mini_course_dir / "modules" / "01-welcome.en.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.rstrip("\n") + "\n\n" + RULES_PAGE + "\n", encoding="utf-8")
    return mini_course_dir


def app_for(course_dir: Path, data_dir: Path, *, served: bool) -> TrainerApp:
    result = load_course(course_dir)
    assert result.course is not None, [d.format() for d in result.diagnostics]
    return make_app(result.course, data_dir, "en", served=served)


async def open_links_on_last_page(pilot: Pilot[int], opened: list[str]) -> PageLinksScreen:
    """Read to the last page of the first module and press `l`; record what would open."""
    pilot.app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign,misc]
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    await pilot.press("right", "right")
    await settle(pilot)
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PageLinksScreen)
    return pilot.app.screen


async def test_served_learner_opens_a_web_link_in_their_browser_only(
    course_with_web_link: Path, data_dir: Path
) -> None:
    code = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    opened: list[str] = []
    app = app_for(course_with_web_link, data_dir, served=True)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in_with_code(pilot, "anna@firma.pl", code, "four words in a row")
        screen = await open_links_on_last_page(pilot, opened)
        links = screen.query_one("#page-links")
        links.focus()
        await pilot.press("down")  # past the policy, which opens in the app (test_reader_links)
        for _ in range(3):  # blog, mailto:, blog again
            await pilot.press("enter")
            await pilot.press("down")
        await pilot.pause()
    assert opened == ["https://blog.example.com/ambassadors"] * 2


async def test_in_a_terminal_links_are_only_listed(
    course_with_web_link: Path, data_dir: Path
) -> None:
    from tests.tui.journey import sign_in

    opened: list[str] = []
    app = app_for(course_with_web_link, data_dir, served=False)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "anna@firma.pl", "Anna Nowak", "Sales")
        screen = await open_links_on_last_page(pilot, opened)
        screen.query_one("#page-links").focus()
        for _ in range(4):
            await pilot.press("enter", "down")
        await pilot.pause()
    assert opened == []
