"""The light or dark look a person picks with F2 is there again next time they open the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tui.conftest import AppFactory
from tests.tui.journey import sign_in
from trainer.tui.app import DARK_THEME, LIGHT_THEME, TrainerApp
from trainer.user_settings import SETTINGS_FILE


async def _press_f2(app: TrainerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await pilot.press("f2")
        await pilot.pause()
        assert app.theme == LIGHT_THEME


async def test_the_light_look_is_remembered_after_a_restart(
    make_learner_app: AppFactory, own_settings_folder: Path
) -> None:
    await _press_f2(make_learner_app("pl"))
    saved = json.loads((own_settings_folder / SETTINGS_FILE).read_text())
    assert saved["look"] == "light"

    reopened = make_learner_app("en")
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reopened.theme == LIGHT_THEME
        await pilot.press("f2")  # and back to dark, remembered too
        await pilot.pause()
    assert json.loads((own_settings_folder / SETTINGS_FILE).read_text())["look"] == "dark"
    assert make_learner_app("en").theme == DARK_THEME


def test_the_look_is_not_kept_in_the_learner_record(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    """A shared data folder holds learners' records; one person's look is not one of them."""
    app = make_learner_app("en")
    assert app.services.settings_file is not None
    assert data_dir not in app.services.settings_file.parents


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"look": "purple"}', b"[]", b""],
    ids=["broken-json", "not-utf8", "unknown-look", "wrong-shape", "empty"],
)
async def test_a_damaged_settings_file_opens_the_app_in_the_dark_look(
    make_learner_app: AppFactory, own_settings_folder: Path, damage: bytes
) -> None:
    own_settings_folder.mkdir(parents=True)
    (own_settings_folder / SETTINGS_FILE).write_bytes(damage)
    app = make_learner_app("pl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DARK_THEME
        assert not app._notifications  # nothing to alarm anyone about
        await pilot.press("f2")
        await pilot.pause()
    # F2 wrote a sound file over the damaged one
    assert json.loads((own_settings_folder / SETTINGS_FILE).read_text())["look"] == "light"


async def test_an_unwritable_settings_place_keeps_the_look_for_this_run_and_says_so_calmly(
    make_learner_app: AppFactory, own_settings_folder: Path
) -> None:
    own_settings_folder.parent.mkdir(parents=True, exist_ok=True)
    own_settings_folder.write_text("a file where the settings folder should be")
    app = make_learner_app("pl")
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await pilot.press("f2")
        await pilot.pause(0.2)
        assert app.theme == LIGHT_THEME
        told = list(app._notifications)
        assert [n.message for n in told] == [
            "Jasny lub ciemny wygląd obowiązuje do zamknięcia aplikacji."
        ]
        assert told[0].severity == "information"
        await pilot.press("f2", "f2")  # told once, not at every key
        await pilot.pause(0.2)
        assert len(app._notifications) == 1
        assert app.theme == LIGHT_THEME  # three presses: light, dark, light


async def test_a_served_app_remembers_nothing_for_the_machine(
    make_learner_app: AppFactory, mini_course_dir: Path, data_dir: Path, own_settings_folder: Path
) -> None:
    """Under `trainer serve` every browser tab is a different person: one tab's F2 is not
    everyone's look."""
    from tests.tui.conftest import load
    from trainer.tui.app import make_app

    app = make_app(load(mini_course_dir), data_dir, "pl", served=True)
    assert app.services.settings_file is None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.theme == LIGHT_THEME
    assert not (own_settings_folder / SETTINGS_FILE).exists()
