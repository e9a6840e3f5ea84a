"""A damaged learner file never crashes the app, is never read as empty, and is reported."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import AppFactory
from tests.tui.journey import sign_in
from trainer.store.folder import DataFolder
from trainer.tui.screens.sign_in import SignInScreen


async def test_a_hand_damaged_record_is_set_aside_and_only_its_learner_is_told(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
    learner_id = DataFolder(data_dir).learner_ids()[0]
    path = DataFolder(data_dir).learner_path(learner_id)
    tables = json.loads(path.read_text(encoding="utf-8"))
    for doc in tables["modules"].values():
        doc["page"] = "not a number"  # still valid JSON: only a full check finds it
    path.write_text(json.dumps(tables), encoding="utf-8")

    app = make_learner_app("pl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        # Whoever sits at the keyboard may be a colleague: no notice about Ola's file, and
        # the app does not continue as Ola.
        assert isinstance(app.screen, SignInScreen)
        assert list(app._notifications) == []
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        assert isinstance(app.screen, SignInScreen)  # not registered anew as a stranger
        messages = " ".join(n.message for n in app._notifications)
        assert "Nie udało się odczytać zapisu Twojego szkolenia" in messages
        assert "osobą koordynującą" in messages
        assert learner_id not in messages and ".corrupt-" not in messages
    quarantined = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert quarantined, "the damaged file was kept aside, not deleted or emptied"
    assert DataFolder(data_dir).learner_ids() == []
