"""At 80x24 the sign-in card is seen whole, without scrolling: on this computer and served in a
browser (passphrase, invite code and new-passphrase steps), in Polish and English, with the
field messages shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input

from tests.conftest import FIXTURES
from tests.tui.conftest import load
from tests.tui.test_snapshots import settle
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.served_sign_in import ServedSignInScreen

SERVED_STEPS = ["passphrase", "code", "new-passphrase"]


def sign_in_app(tmp_path: Path, lang: str, *, served: bool) -> TrainerApp:
    return make_app(load(FIXTURES / "mini_course"), tmp_path / "data", lang, served=served)


def assert_card_is_whole(pilot: Pilot[Any], what: str) -> None:
    screen = pilot.app.screen
    scroll = screen.query_one("#sign-in", VerticalScroll)
    assert scroll.max_scroll_y == 0, (what, scroll.virtual_size, scroll.size)
    card = screen.query_one("#sign-in-form").region
    assert scroll.region.contains_region(card), (what, card, scroll.region)
    for widget in [*screen.query(Input), *screen.query(Button)]:
        if all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget)):
            assert card.contains_region(widget.region), (what, widget.id, widget.region)


@pytest.mark.parametrize("lang", ["pl", "en"])
async def test_the_sign_in_card_fits_at_80x24(tmp_path: Path, lang: str) -> None:
    app = sign_in_app(tmp_path, lang, served=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert_card_is_whole(pilot, "empty")
        await pilot.click("#submit")  # every field complains
        await settle(pilot)
        assert_card_is_whole(pilot, "with messages")
        await pilot.resize_terminal(120, 40)  # room enough: fields framed as usual
        await settle(pilot)
        assert not app.screen.query_one("#email", Input).compact


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("step", SERVED_STEPS)
async def test_the_served_sign_in_card_fits_at_80x24(tmp_path: Path, lang: str, step: str) -> None:
    app = sign_in_app(tmp_path, lang, served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServedSignInScreen)
        screen.show_mode(step)
        await settle(pilot)
        assert_card_is_whole(pilot, step)
        screen.set_status(screen.say("err.email"))  # a message under the fields
        await settle(pilot)
        assert_card_is_whole(pilot, f"{step} with a message")
