"""A learner who finished learns what happens next and saves the record where they choose."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import AppFactory
from tests.tui.journey import answer_all
from tests.tui.test_learner_journey import SIZE, accept_policy, start_quiz
from trainer.tui.app import TrainerApp
from trainer.tui.screens.completion import CompletionScreen, SaveRecordDialog
from trainer.tui.widgets.page_view import PageView


async def finish_course(pilot: object, app: TrainerApp) -> None:
    await start_quiz(pilot, app)  # type: ignore[arg-type]
    await answer_all(pilot, correctly=True)  # type: ignore[arg-type]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("c")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await accept_policy(pilot, app, "Ola Kowalska")  # type: ignore[arg-type]


async def test_the_completion_screen_says_what_happens_next(make_learner_app: AppFactory) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await finish_course(pilot, app)
        assert isinstance(app.screen, CompletionScreen)
        text = app.screen.query_one(PageView).markdown
    assert "Your coordinator already sees that you have completed the course" in text
    # the course's `next_steps:` in the learner's language, numbered, in order
    assert "1. Join the #ambassadors channel" in text
    assert "2. Napisz pierwszy post z hubu." in text  # a step written in one language only
    assert "**s** saves it as a file" in text and "**p** saves your certificate" in text
    assert text.index("What happens next") < text.index("# Course completion record")


async def test_the_record_goes_to_the_chosen_folder_and_never_replaces_a_file(
    make_learner_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    chosen = tmp_path / "my records"
    app = make_learner_app("pl")
    async with app.run_test(size=SIZE) as pilot:
        await finish_course(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SaveRecordDialog)
        folder = app.screen.query_one("#save-folder", Input)
        assert folder.value == str(home / "Downloads")  # the Downloads folder is offered
        folder.value = str(chosen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompletionScreen)
        learner_id = app.session.record.profile.learner_id  # type: ignore[union-attr]
        first = chosen / f"ambassador-training-{learner_id}.md"
        first.write_text("my own notes", encoding="utf-8")  # a file the learner keeps

        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#save-here")  # the Downloads folder offered again
        await pilot.pause()
        notes = [n.message for n in app._notifications]

    assert first.read_text(encoding="utf-8") == "my own notes"
    downloads = home / "Downloads"
    second = downloads / f"ambassador-training-{learner_id}.md"
    assert second.read_text(encoding="utf-8").startswith("# Potwierdzenie ukończenia kursu")
    assert any(str(second) in note for note in notes), notes


async def test_saving_twice_into_one_folder_gives_the_second_file_a_number(
    make_learner_app: AppFactory, tmp_path: Path
) -> None:
    chosen = tmp_path / "records"
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await finish_course(pilot, app)
        for _ in range(2):
            await pilot.press("s")
            await pilot.pause()
            app.screen.query_one("#save-folder", Input).value = str(chosen)
            await pilot.press("enter")
            await pilot.pause()
        learner_id = app.session.record.profile.learner_id  # type: ignore[union-attr]
        notes = [n.message for n in app._notifications]
    names = sorted(p.name for p in chosen.iterdir())
    stem = f"ambassador-training-{learner_id}"
    assert names == [f"{stem} (2).md", f"{stem}.md"]
    assert any("(2).md" in note for note in notes), notes


async def test_escape_in_the_save_dialog_saves_nothing(
    make_learner_app: AppFactory, tmp_path: Path
) -> None:
    chosen = tmp_path / "records"
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await finish_course(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#save-folder", Input).value = str(chosen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompletionScreen)
    assert not chosen.exists()
