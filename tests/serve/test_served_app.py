from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.serve.conftest import invite
from tests.serve.signing_in import (
    settle,
    sign_in_with_code,
    sign_in_with_passphrase,
    status_text,
)
from trainer.identity.gate import ServedSignIn
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp
from trainer.tui.screens import served_sign_in
from trainer.tui.screens.course_map import CourseMapScreen
from trainer.tui.screens.reader import ReaderScreen
from trainer.tui.screens.served_sign_in import ServedSignInScreen

PASSPHRASE = "four words in a row"
AppFactory = Callable[[], TrainerApp]


async def test_invited_learner_sets_a_passphrase_and_reaches_the_course_map(
    served_app: AppFactory, data_dir: Path
) -> None:
    code = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    async with (app := served_app()).run_test(size=(100, 36)) as pilot:
        await sign_in_with_code(pilot, "anna@firma.pl", code, PASSPHRASE)
        assert isinstance(pilot.app.screen, CourseMapScreen)
        assert app.session is not None
        assert app.session.record.profile.email == "anna@firma.pl"
        assert app.session.record.profile.status == "active"
    async with (app := served_app()).run_test(size=(100, 36)) as pilot:
        assert isinstance(pilot.app.screen, ServedSignInScreen)
        await sign_in_with_passphrase(pilot, "anna@firma.pl", PASSPHRASE)
        assert isinstance(pilot.app.screen, CourseMapScreen)


async def test_a_short_or_mistyped_new_passphrase_is_explained(
    served_app: AppFactory, data_dir: Path
) -> None:
    code = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    async with served_app().run_test(size=(100, 36)) as pilot:
        await sign_in_with_code(pilot, "anna@firma.pl", code, "short")
        assert isinstance(pilot.app.screen, ServedSignInScreen)
        assert "at least 10 characters" in status_text(pilot)
        screen = pilot.app.screen
        screen.query_one("#new-passphrase").value = PASSPHRASE  # type: ignore[attr-defined]
        screen.query_one("#repeat-passphrase").value = PASSPHRASE + "x"  # type: ignore[attr-defined]
        await pilot.click("#set-passphrase")
        await settle(pilot)
        assert "not the same" in status_text(pilot)


async def test_wrong_passphrase_is_refused_then_throttled(
    served_app: AppFactory, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clock stands still, so a slow machine cannot let a wait run out mid-test.
    stopped = dt.datetime.now(dt.UTC)
    monkeypatch.setattr(
        served_sign_in, "ServedSignIn", functools.partial(ServedSignIn, clock=lambda: stopped)
    )
    code = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    async with served_app().run_test(size=(100, 36)) as pilot:
        await sign_in_with_code(pilot, "anna@firma.pl", code, PASSPHRASE)
    async with served_app().run_test(size=(100, 36)) as pilot:
        messages = []
        for _ in range(5):
            await sign_in_with_passphrase(pilot, "anna@firma.pl", "not my passphrase")
            assert isinstance(pilot.app.screen, ServedSignInScreen)
            messages.append(status_text(pilot))
            pilot.app.screen.query_one("#email").value = ""  # type: ignore[attr-defined]
        assert messages[0] == messages[1] == messages[2]
        assert "not recognised" in messages[0]
        assert "Try again in" not in messages[2]
        assert "Try again in 2 s" in messages[3]
        assert "Try again in" in messages[4]
        await sign_in_with_passphrase(pilot, "anna@firma.pl", PASSPHRASE)
        assert isinstance(pilot.app.screen, ServedSignInScreen), "blocked even when right"
    async with served_app().run_test(size=(100, 36)) as pilot:
        await sign_in_with_passphrase(pilot, "nobody@firma.pl", "not my passphrase")
        unknown = status_text(pilot)
    assert unknown == messages[0]


async def test_served_mode_never_continues_as_the_last_learner(
    served_app: AppFactory, data_dir: Path
) -> None:
    data = DataFolder(data_dir)
    data.create_learner(
        LearnerProfile(learner_id="local-one", name="Local One", email="local@firma.pl")
    )
    data.set_last_learner_id("local-one")
    async with (app := served_app()).run_test(size=(100, 36)) as pilot:
        assert isinstance(pilot.app.screen, ServedSignInScreen)
        assert app.session is None


async def test_second_learner_sees_only_their_own_progress_and_signing_out_returns_to_sign_in(
    served_app: AppFactory, data_dir: Path
) -> None:
    anna = invite(data_dir, "anna@firma.pl", "Anna Nowak")
    piotr = invite(data_dir, "piotr@firma.pl", "Piotr Zieliński")
    async with (app := served_app()).run_test(size=(100, 36)) as pilot:
        await sign_in_with_code(pilot, "anna@firma.pl", anna, PASSPHRASE)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("right", "right")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session is not None
        assert app.session.record.modules["welcome"].done
        await pilot.click("#switch")
        await pilot.pause()
        await pilot.click("#yes")  # "Switch learner" asks first
        await pilot.pause()
        assert isinstance(pilot.app.screen, ServedSignInScreen)
        assert app.session is None
        await sign_in_with_code(pilot, "piotr@firma.pl", piotr, "another fine passphrase")
        assert isinstance(pilot.app.screen, CourseMapScreen)
        session = app.session
        assert session is not None
        assert session.record.profile.email == "piotr@firma.pl"
        assert session.record.modules == {}
        assert "Anna" not in str(pilot.app.screen.query_one("#learner").render())


async def test_ctrl_a_in_a_sign_in_field_selects_all_so_a_paste_replaces_it(
    served_app: AppFactory,
) -> None:
    async with served_app().run_test(size=(100, 36)) as pilot:
        email = pilot.app.screen.query_one("#email", Input)
        await pilot.press(*"old@text.pl")
        await pilot.press("ctrl+a")
        assert email.selected_text == "old@text.pl"
        await pilot.press(*"anna@firma.pl")
        assert email.value == "anna@firma.pl"
        await pilot.press("home")  # Home still goes to the start
        assert email.cursor_position == 0


async def test_the_empty_e_mail_field_reads_as_an_instruction_not_an_address(
    served_app: AppFactory,
) -> None:
    async with served_app().run_test(size=(100, 36)) as pilot:
        placeholder = pilot.app.screen.query_one("#email", Input).placeholder
        assert "@" not in placeholder and placeholder == "type your work e-mail address"
