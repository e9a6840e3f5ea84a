"""Drive the served sign-in screen with keys, as a person in the browser does."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from trainer.tui.screens.served_sign_in import ServedSignInScreen


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot: Pilot[int], selector: str, text: str) -> None:
    """Focus the field by clicking it and put the text in (as a paste would)."""
    await pilot.click(selector)
    pilot.app.screen.query_one(selector, Input).value = text


async def sign_in_with_code(pilot: Pilot[int], email: str, code: str, passphrase: str) -> None:
    assert isinstance(pilot.app.screen, ServedSignInScreen)
    await pilot.click("#use-code")
    await type_into(pilot, "#email", email)
    await pilot.press("enter")
    await type_into(pilot, "#code", code)
    await pilot.press("enter")
    await settle(pilot)
    await type_into(pilot, "#new-passphrase", passphrase)
    await pilot.press("enter")
    await type_into(pilot, "#repeat-passphrase", passphrase)
    await pilot.press("enter")
    await settle(pilot)


async def sign_in_with_passphrase(pilot: Pilot[int], email: str, passphrase: str) -> None:
    assert isinstance(pilot.app.screen, ServedSignInScreen)
    await type_into(pilot, "#email", email)
    await pilot.press("enter")
    await type_into(pilot, "#passphrase", passphrase)
    await pilot.press("enter")
    await settle(pilot)


def status_text(pilot: Pilot[int]) -> str:
    return str(pilot.app.screen.query_one("#served-status", Static).render())
