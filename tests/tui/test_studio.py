"""The content studio as an ambassador uses it: post ideas, the writing screen, verdicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from tests.tui.conftest import REPO, load
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import SECRET_FILE, AmbassadorPosts
from trainer.studio.review import decide
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.post_ideas import PostIdeasScreen
from trainer.tui.screens.post_verdicts import VerdictsScreen
from trainer.tui.screens.post_writer import PostWriterScreen
from trainer.tui.widgets.draft_area import DraftArea

TODAY = dt.date(2026, 11, 30)
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def saves_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "downloads"
    monkeypatch.setattr(PostWriterScreen, "save_directory", folder)
    return folder


def studio_app(tmp_path: Path, lang: str = "pl") -> TrainerApp:
    """The sample course, and Anna signed in on this computer with a fixed studio key."""
    data_dir = tmp_path / "data"
    folder = DataFolder(data_dir)
    profile = LearnerProfile(
        learner_id="anna",
        name="Anna Nowak",
        email="anna@przykladowa.pl",
        team="Płatności",
        created_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
    )
    folder.create_learner(profile)
    folder.set_last_learner_id("anna")
    (data_dir / SECRET_FILE).write_text("00" * 32, encoding="ascii")
    return make_app(load(REPO), data_dir, lang)


async def settle(pilot: Pilot[Any]) -> None:
    for area in pilot.app.screen.query(DraftArea):
        area.cursor_blink = False
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_writer(
    pilot: Pilot[Any], template_id: str, network: str = "linkedin"
) -> PostWriterScreen:
    app: TrainerApp = pilot.app  # type: ignore[assignment]
    template = app.services.course.hub_template(template_id)
    screen = PostWriterScreen(template=template, lang=app.services.lang, network=network)  # type: ignore[arg-type]
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_the_map_leads_to_post_ideas_filtered_by_network_and_without_expired(
    tmp_path: Path,
) -> None:
    app = studio_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PostIdeasScreen)
        ids = {t.id for t in screen.shown}
        assert "christmas-campaign-2025" not in ids and "blog-article" in ids
        screen.query_one("#filter-network", Select).value = "x"
        await settle(pilot)
        assert screen.shown and all("x" in t.networks for t in screen.shown)
        ideas = screen.query_one("#ideas-list", OptionList)
        ideas.focus()
        ideas.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        writer = app.screen
        assert isinstance(writer, PostWriterScreen) and writer.network == "x"


async def test_writing_a_post_checks_as_you_type_and_i_posted_it_is_stored(tmp_path: Path) -> None:
    app = studio_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        writer = await open_writer(pilot, "blog-article")
        area = writer.query_one(DraftArea)
        assert area.text.startswith("[REKLAMA] Pracuję w Przykładowej.")
        assert "utm_campaign=blog-article&utm_content=" in area.text
        assert writer.check is not None and writer.check.codes() == ["unfilled-placeholder"]
        # The placeholder is underlined in red where it stands.
        row = next(i for i, line in enumerate(area.text.split("\n")) if "{{" in line)
        styled = area.get_line(row)
        start = styled.plain.index("{{")
        assert any(
            span.start <= start < span.end and "red" in str(span.style) for span in styled.spans
        )
        # Replace the placeholder by typing, as an ambassador would.
        text = area.text
        placeholder = "{{twoja_lekcja}}"
        offset = text.index(placeholder)
        line = text[:offset].count("\n")
        col = offset - (text.rfind("\n", 0, offset) + 1)
        area.selection = ((line, col), (line, col + len(placeholder)))  # type: ignore[assignment]
        await pilot.press(*"testy kontraktowe")
        await settle(pilot)
        assert writer.check.codes() == []
        assert "Nie znaleziono problemów" in str(
            writer.query_one("#writer-findings", OptionList).get_option_at_index(0).prompt
        )
        counts = str(writer.query_one("#writer-counts", Static).render())
        assert "LinkedIn" in counts and "X " in counts
        await pilot.press("ctrl+g")
        await settle(pilot)
        app.screen.query_one(Input).value = "https://www.linkedin.com/feed/update/urn:li:1"
        await pilot.press("enter")
        await settle(pilot)
    post = DataFolder(tmp_path / "data").learner("anna").read().posts[0]
    assert post.template_id == "blog-article" and post.findings == []
    assert "testy kontraktowe" in post.draft
    assert post.posted_url == "https://www.linkedin.com/feed/update/urn:li:1"


async def test_copy_uses_the_clipboard_and_always_saves_a_file(
    tmp_path: Path, saves_in_tmp: Path
) -> None:
    app = studio_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        writer = await open_writer(pilot, "blog-article")
        await pilot.press("ctrl+b")
        await settle(pilot)
        text = writer.query_one(DraftArea).text
        assert app.clipboard == text
    saved = saves_in_tmp / "blog-article-linkedin.txt"
    assert saved.read_text(encoding="utf-8") == text
    assert DataFolder(tmp_path / "data").learner("anna").read().posts[0].draft == text


async def test_findings_follow_the_network_and_jump_to_their_span(tmp_path: Path) -> None:
    app = studio_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        writer = await open_writer(pilot, "product-launch")
        area = writer.query_one(DraftArea)
        area.text = "#PrzykladowaEmployee " + "🚀" * 150
        await settle(pilot)
        assert writer.check is not None and "too-long" not in writer.check.codes()
        writer.query_one("#writer-network", Select).value = "x"
        await settle(pilot)
        assert "too-long" in writer.check.codes()
        findings = writer.query_one("#writer-findings", OptionList)
        findings.focus()
        index = writer.check.codes().index("too-long")
        findings.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert area.has_focus and area.selection.start == (0, 21 + 129)


async def test_hostile_text_in_the_draft_is_shown_harmless(tmp_path: Path) -> None:
    app = studio_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        writer = await open_writer(pilot, "blog-article")
        area = writer.query_one(DraftArea)
        area.text = "#ad Przykładowa [@click=app.quit]x[/] \x1b[31mred \u202eevil"
        await settle(pilot)
        shown = area.get_line(0).plain
        assert "\x1b" not in shown and "\u202e" not in shown and "[@click=app.quit]x[/]" in shown
        assert writer.check is not None and "hidden-character" in writer.check.codes()
        assert app.is_running  # the markup did not run


async def test_the_ambassador_sees_a_coordinators_verdict_once_at_sign_in(tmp_path: Path) -> None:
    app = studio_app(tmp_path)
    folder = DataFolder(tmp_path / "data")
    posts = AmbassadorPosts(folder.learner("anna"), app.services.course.config.posts)
    post = posts.new(
        source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
    )
    posts.submit(post, "[REKLAMA] Pracuję w Przykładowej.")
    decide(
        folder,
        "anna",
        post.post_id,
        decision="changes_requested",
        comment="Dodaj jedno zdanie od siebie.",
        reviewer="hr@przykladowa.pl",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, VerdictsScreen)
        shown = str(app.screen.query_one("#verdicts-text", Static).render())
        assert "Artykuł na firmowym blogu: do poprawy" in shown
        assert "Dodaj jedno zdanie od siebie." in shown
        await pilot.click("#close")
        await settle(pilot)
        assert not isinstance(app.screen, VerdictsScreen)
    again = studio_app_again(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, VerdictsScreen)


def studio_app_again(tmp_path: Path) -> TrainerApp:
    return make_app(load(REPO), tmp_path / "data", "pl")


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_writing_screen_snapshot(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    async def write(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_writer(pilot, "job-offer-data-analyst")

    assert snap_compare(studio_app(tmp_path, lang), terminal_size=size, run_before=write)


@pytest.mark.parametrize("size", SIZES)
def test_post_ideas_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def ideas(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(PostIdeasScreen(today=TODAY))
        await settle(pilot)

    assert snap_compare(studio_app(tmp_path, "pl"), terminal_size=size, run_before=ideas)


async def test_a_learner_who_finished_onboarding_is_offered_post_ideas(tmp_path: Path) -> None:
    from textual.widgets import Button

    from trainer.tui.screens.completion import CompletionScreen

    app = studio_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.session.is_complete = lambda: True  # type: ignore[union-attr,method-assign]
        await app.push_screen(CompletionScreen())
        await settle(pilot)
        app.screen.query_one("#post-ideas", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, PostIdeasScreen)


def test_writing_screen_without_colour_still_marks_problems(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def write(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await open_writer(pilot, "job-offer-data-analyst")

    assert snap_compare(studio_app(tmp_path, "pl"), terminal_size=(80, 24), run_before=write)


async def test_enter_on_post_ideas_opens_the_first_idea_at_once(tmp_path: Path) -> None:
    """The hint says Enter opens the template: the first idea is highlighted when the list opens."""
    app = studio_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        ideas = app.screen
        assert isinstance(ideas, PostIdeasScreen)
        first = ideas.shown[0]
        await pilot.press("enter")
        await settle(pilot)
        writer = app.screen
        assert isinstance(writer, PostWriterScreen)
        assert writer.template is not None and writer.template.id == first.id
