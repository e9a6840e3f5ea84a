"""What Textual would say in English is said in the learner's language; dates on the summary are
the learner's local time in words; the palette puts commands before module titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandList

from tests.tui.conftest import AppFactory
from tests.tui.journey import sign_in
from tests.tui.screen_marks import screen_lines
from tests.tui.test_polish_formats import POLISH_DATE_TIME
from tests.tui.test_snapshots import app_at, at, settle
from trainer.tui.app import TrainerApp
from trainer.tui.navigation import open_target

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


async def _palette_rows(app: TrainerApp, pilot: object, query: str) -> list[str]:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.pause(0.1)  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    await pilot.pause(0.8)  # type: ignore[attr-defined]  # "no matches" waits half a second
    await app.workers.wait_for_complete()
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


@pytest.mark.parametrize(("lang", "said"), [("pl", "Nic nie pasuje"), ("en", "No matches found")])
async def test_a_palette_search_that_finds_nothing_says_so_in_the_learners_language(
    make_learner_app: AppFactory, lang: str, said: str
) -> None:
    app = make_learner_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await _palette_rows(app, pilot, "qqxqq")
        text = "\n".join(screen_lines(app))
        assert said in text
        if lang == "pl":
            assert "No matches" not in text


@pytest.mark.parametrize(
    ("lang", "title", "query", "command"),
    [
        ("en", "Save the date: our events", "save", "Save my record to a file"),
        ("pl", "Zapisz się do społeczności", "zapisz", "Zapisz moje podsumowanie do pliku"),
        ("pl", "Pomoc dla nowych osób", "pomoc", "Pomoc"),
    ],
)
async def test_the_palette_lists_a_command_before_a_module_titled_with_the_same_word(
    make_learner_app: AppFactory,
    mini_course_dir: Path,
    lang: str,
    title: str,
    query: str,
    command: str,
) -> None:
    for module in (mini_course_dir / "modules").glob("*.md"):
        text = module.read_text(encoding="utf-8")
        module.write_text(re.sub(r"(?m)^title: .*$", f'title: "{title}"', text, count=1))
    app = make_learner_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        rows = await _palette_rows(app, pilot, query)
    assert any(title in row for row in rows), rows  # the modules are found too ...
    assert rows[0].startswith(command), rows  # ... after the command


@pytest.mark.usefixtures("warsaw_time")
@pytest.mark.parametrize("lang", ["pl", "en"])
async def test_the_summary_screen_words_its_dates_in_local_time(tmp_path: Path, lang: str) -> None:
    app = app_at(tmp_path, "done", lang)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.session is not None
        app.session.clock = lambda: at(60)
        await open_target(app, "summary")
        await settle(pilot)
        page = app.screen.query_one("PageView")
        text = "\n".join(page.render_line(y).text for y in range(page.virtual_size.height))
    assert not ISO_TIME.search(text), text
    if lang == "pl":
        # T0 is 2 November 2026, 09:00 UTC: 10:00 in Warsaw, plus the steps' minutes
        assert POLISH_DATE_TIME.search(text), text
        assert "2 listopada 2026, 10:50" in text  # the policy, accepted at T0 + 50 min
    else:
        assert "November 2, 2026, 10:50" in text


async def test_the_saved_record_keeps_utc_times(tmp_path: Path) -> None:
    """The file a learner saves is evidence others check: ISO 8601 in UTC, as before."""
    app = app_at(tmp_path, "done", "pl")
    async with app.run_test(size=(80, 24)):
        assert app.session is not None
        assert "2026-11-02T09:50:00Z" in app.session.summary_text()
