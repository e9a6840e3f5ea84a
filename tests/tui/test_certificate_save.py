"""A learner who finished saves their certificate from the completion screen; it verifies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.tui.conftest import AppFactory
from tests.tui.journey import answer_all
from tests.tui.test_learner_journey import SIZE, accept_policy, start_quiz
from trainer.certificates.register import verify_certificate
from trainer.tui.screens.completion import CompletionScreen
from trainer.tui.widgets.page_view import PageView


async def test_the_finished_learner_saves_a_certificate_whose_code_verifies(
    make_learner_app: AppFactory,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # the app saves into ~/Downloads
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        await answer_all(pilot, correctly=True)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await accept_policy(pilot, app, "Ola Kowalska")
        assert isinstance(app.screen, CompletionScreen)
        summary = app.screen.query_one(PageView).markdown
        code = summary.split("verification code: ")[-1].split()[0]

        await pilot.press("p")
        await app.workers.wait_for_complete()
        downloads = home / "Downloads"
        for _ in range(100):  # Textual writes deliveries from a thread of its own
            await pilot.pause(0.05)
            done = list(downloads.glob("*.pdf")) if downloads.exists() else []
            if done and done[0].read_bytes().rstrip().endswith(b"%%EOF"):
                break
        notes = [n.message for n in app._notifications]

    assert verify_certificate(data_dir, code).state == "valid"
    assert any(code in note for note in notes), notes
    saved = sorted(downloads.glob(f"certificate-*-{code}.pdf"))
    assert saved, sorted(home.rglob("*"))
    text = subprocess.run(
        ["pdftotext", str(saved[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ola Kowalska" in text and code in text
