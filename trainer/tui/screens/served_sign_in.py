"""Sign-in for `trainer serve`: e-mail + passphrase, or e-mail + invite code -> new passphrase.

What the person sees never depends on whether the address belongs to anyone (see
`trainer.identity.gate`). The session opened afterwards is the signed-in learner's only.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, Final, Protocol

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Static

from trainer.i18n import N_, P_, Message
from trainer.identity.gate import SOURCE_ADDRESS_VARIABLE, ServedSignIn, SignInOutcome, Verdict
from trainer.identity.passphrase import MIN_LENGTH, PassphraseProblem
from trainer.session import LearnerSession
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder
from trainer.tui.i18n import Translator
from trainer.tui.record_notices import set_aside_text
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.short_terminal import fit_form
from trainer.tui.text import plain, plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.header_icon import PORTABLE_HEADER_ICON
from trainer.tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp

SignedIn = Callable[[str, tuple[str, ...]], Awaitable[None]]


class _Services(Protocol):
    @property
    def data(self) -> DataFolder | None: ...
    @property
    def lang(self) -> str: ...


_TEXT: Final[dict[str, Message]] = {
    # key: English message (translations in trainer/locale/)
    "title": P_("title", "Sign in"),
    "intro": N_(
        "Enter your e-mail and passphrase. First time here? Choose “I have an invite code”."
    ),
    "email": N_("E-mail"),
    # An instruction, not an example address: an example in grey reads as already filled in.
    "email.placeholder": N_("type your work e-mail address"),
    "passphrase": N_("Passphrase"),
    "code": N_("Invite code (e.g. 7KQ2-M9XD-4HPA)"),
    "new": N_("New passphrase (at least {min_length} characters; a few words work well)"),
    "repeat": N_("Repeat the new passphrase"),
    "submit": P_("submit", "Sign in"),
    "use_code": N_("I have an invite code"),
    "use_passphrase": N_("I already have a passphrase"),
    "check_code": N_("Next"),
    "set": N_("Set passphrase and start"),
    "code_ok": N_("The code is valid. Choose the passphrase you will sign in with."),
    "refused": N_("That e-mail and passphrase were not recognised. Check them and try again."),
    "code_refused": N_(
        "This code does not match this e-mail, or it has expired or was already used. Ask "
        "your coordinator for a new code."
    ),
    "throttled": N_("Too many failed attempts. Try again in {seconds} s."),
    "working": N_("Checking…"),
    "err.email": N_("Enter your e-mail address, e.g. anna.smith@company.com."),
    "err.blank": N_("Enter a passphrase."),
    "err.too_short": N_("The passphrase is too short: it needs at least {min_length} characters."),
    "err.too_long": N_("The passphrase is too long."),
    "err.mismatch": N_("The two passphrases you typed are not the same."),
    "err.code": N_("Enter the code from your invitation."),
    "not_coordinator": N_(
        "This account does not have the coordinator role. Ask for it: trainer coordinator "
        "add EMAIL."
    ),
    "failed": N_("Your progress could not be opened: {error}"),
}

_FIELD_LABELS: Final = {
    "email": "email",
    "passphrase": "passphrase",
    "code": "code",
    "new": "new-passphrase",
    "repeat": "repeat-passphrase",
}

_PROBLEM_KEYS: Final[dict[PassphraseProblem, str]] = {
    "blank": "err.blank",
    "too_short": "err.too_short",
    "too_long": "err.too_long",
    "mismatch": "err.mismatch",
}


class ServedSignInScreen(TrainerScreen):
    """Proves who is at the browser before any learner's record is opened."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_to_passphrase", "back", show=False)
    ]
    DEFAULT_CSS = """
    ServedSignInScreen .sign-in-step { height: auto; }
    ServedSignInScreen .sign-in-buttons { height: auto; margin-top: 1; }
    ServedSignInScreen .sign-in-buttons Button { margin-right: 2; }
    ServedSignInScreen #served-status { margin-top: 1; }
    """

    def __init__(self, on_signed_in: SignedIn | None = None) -> None:
        """`on_signed_in(learner_id, roles)` runs after a sign-in; default: the learner app's."""
        super().__init__()
        self.on_signed_in = on_signed_in
        self.mode: str = "passphrase"  # "passphrase" | "code" | "new-passphrase"
        self.checked_code = ""

    @property
    def services(self) -> _Services:
        """The app's services: the learner app's or the coordinator dashboard's."""
        return self.app.services  # type: ignore[attr-defined, no-any-return]

    def say(self, key: str, **values: object) -> str:
        return Translator(self.services.lang, _TEXT)(key, min_length=MIN_LENGTH, **values)

    def compose(self) -> ComposeResult:
        say = self.say
        yield Header(icon=PORTABLE_HEADER_ICON)
        with VerticalScroll(id="sign-in"), Center(), Vertical(id="sign-in-form"):
            yield Static(plain_line(say("title")), id="sign-in-title")
            yield Static(plain(say("intro")), classes="muted")
            yield Label(say("email"), markup=False, id="email-label")
            yield TextField(id="email", placeholder=say("email.placeholder"), max_length=254)
            with Vertical(id="passphrase-step", classes="sign-in-step"):
                yield Label(say("passphrase"), markup=False, id="passphrase-label")
                yield TextField(id="passphrase", password=True, max_length=1024)
                with Horizontal(classes="sign-in-buttons"):
                    yield Button(say("submit"), id="sign-in-button", variant="primary")
                    yield Button(say("use_code"), id="use-code")
            with Vertical(id="code-step", classes="sign-in-step"):
                yield Label(say("code"), markup=False, id="code-label")
                yield TextField(id="code", max_length=40)
                with Horizontal(classes="sign-in-buttons"):
                    yield Button(say("check_code"), id="check-code", variant="primary")
                    yield Button(say("use_passphrase"), id="use-passphrase")
            with Vertical(id="new-passphrase-step", classes="sign-in-step"):
                yield Label(say("new"), markup=False, id="new-passphrase-label")
                yield TextField(id="new-passphrase", password=True, max_length=1024)
                yield Label(say("repeat"), markup=False, id="repeat-passphrase-label")
                yield TextField(id="repeat-passphrase", password=True, max_length=1024)
                with Horizontal(classes="sign-in-buttons"):
                    yield Button(say("set"), id="set-passphrase", variant="primary")
                    yield Button(say("use_passphrase"), id="back-to-passphrase")
            yield Static("", id="served-status", classes="error")
        yield TrainerFooter()

    def on_resize(self, event: events.Resize) -> None:
        fit_form(self, "#sign-in-form", event.size.height)

    def on_mount(self) -> None:
        fit_form(self, "#sign-in-form", self.app.size.height)
        # A blinking cursor is a websocket frame every half second per idle browser tab.
        for field in self.query(Input):
            field.cursor_blink = False
        self.gate = ServedSignIn(self._data(), source=os.environ.get(SOURCE_ADDRESS_VARIABLE))
        self.show_mode("passphrase")
        self.query_one("#email", Input).focus()
        # Shown again after a sign-out: the tab counts as not signed in again (its sign-in
        # timeout starts over); at the start of a tab the server knows that already.
        self.tell_server("trainer_signed_out")
        # Served, the app may start unfocused (no browser focus yet): mark the field anyway.
        self.call_after_refresh(self.mark_focused_field)

    def _data(self) -> DataFolder:
        data = self.services.data
        assert data is not None, "served mode always has a data folder"
        return data

    # -- which step is shown -------------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        self.mark_focused_field()

    def mark_focused_field(self) -> None:
        """Mark the focused field's label: in a browser the focus colour alone is easy to miss."""
        focused = self.focused
        for key, field in _FIELD_LABELS.items():
            label = self.query_one(f"#{field}-label", Label)
            marked = focused is not None and focused.id == field
            label.update(plain_line(("▶ " if marked else "") + self.say(key)))

    def show_mode(self, mode: str) -> None:
        self.mode = mode
        for step in ("passphrase", "code", "new-passphrase"):
            self.query_one(f"#{step}-step").display = step == mode
        self.query_one("#email", Input).disabled = mode == "new-passphrase"
        self.set_status("")

    def set_status(self, message: str, *, error: bool = True) -> None:
        status = self.query_one("#served-status", Static)
        status.update(plain(message))
        status.set_class(not error, "muted")
        status.set_class(error, "error")
        status.display = bool(message)

    @on(Button.Pressed, "#use-code")
    def action_use_code(self) -> None:
        self.show_mode("code")
        self.query_one("#code", Input).focus()

    @on(Button.Pressed, "#use-passphrase, #back-to-passphrase")
    def action_back_to_passphrase(self) -> None:
        self.checked_code = ""
        for field in ("passphrase", "code", "new-passphrase", "repeat-passphrase"):
            self.query_one(f"#{field}", Input).value = ""
        self.show_mode("passphrase")
        self.query_one("#email", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        field = event.input.id or ""
        if field == "email":
            following = {"passphrase": "#passphrase", "code": "#code"}.get(self.mode)
            if following:
                self.query_one(following, Input).focus()
        elif field == "passphrase":
            self.submit_passphrase()
        elif field == "code":
            self.submit_code()
        elif field == "new-passphrase":
            self.query_one("#repeat-passphrase", Input).focus()
        elif field == "repeat-passphrase":
            self.submit_new_passphrase()

    # -- the three requests ----------------------------------------------------------------------

    def _email(self) -> str | None:
        email = self.query_one("#email", Input).value.strip()
        if "@" not in email or len(email) < 3:
            self.set_status(self.say("err.email"))
            self.query_one("#email", Input).focus()
            return None
        return email

    @on(Button.Pressed, "#sign-in-button")
    def submit_passphrase(self) -> None:
        email = self._email()
        if email is None:
            return
        passphrase = self.query_one("#passphrase", Input).value
        if not passphrase:
            self.set_status(self.say("err.blank"))
            self.query_one("#passphrase", Input).focus()
            return
        self.run_check(self.gate.with_passphrase, email, passphrase)

    @on(Button.Pressed, "#check-code")
    def submit_code(self) -> None:
        email = self._email()
        if email is None:
            return
        code = self.query_one("#code", Input).value
        if not code.strip():
            self.set_status(self.say("err.code"))
            self.query_one("#code", Input).focus()
            return
        self.run_check(self.gate.check_invite, email, code)

    @on(Button.Pressed, "#set-passphrase")
    def submit_new_passphrase(self) -> None:
        email = self.query_one("#email", Input).value.strip()
        self.run_check(
            self.gate.accept_invite,
            email,
            self.checked_code,
            self.query_one("#new-passphrase", Input).value,
            self.query_one("#repeat-passphrase", Input).value,
        )

    @work(exclusive=True, group="served-sign-in")
    async def run_check(self, check: Callable[..., SignInOutcome], *arguments: str) -> None:
        """Run the slow check (scrypt, file locks) off the event loop, then act on it."""
        self.set_status(self.say("working"), error=False)
        self._busy(True)
        try:
            outcome = await asyncio.to_thread(check, *arguments)
        except StoreError as error:
            self.set_status(self.say("failed", error=str(error)))
            return
        finally:
            self._busy(False)
        await self.act_on(outcome)

    def _busy(self, busy: bool) -> None:
        for button in self.query(Button):
            button.disabled = busy

    def clear_secrets(self) -> None:
        for field in ("passphrase", "new-passphrase", "repeat-passphrase", "code"):
            self.query_one(f"#{field}", Input).value = ""

    async def act_on(self, outcome: SignInOutcome) -> None:
        if outcome.verdict in (Verdict.THROTTLED, Verdict.REFUSED) and self.mode == "passphrase":
            self.query_one("#passphrase", Input).value = ""
            self.query_one("#passphrase", Input).focus()
        if outcome.verdict == Verdict.THROTTLED:
            self.set_status(self.say("throttled", seconds=outcome.wait_seconds))
        elif outcome.verdict == Verdict.REFUSED:
            if self.mode == "new-passphrase":  # the code was used up meanwhile
                self.checked_code = ""
                self.show_mode("code")
            refused = self.say("refused" if self.mode == "passphrase" else "code_refused")
            if outcome.wait_seconds:
                refused += " " + self.say("throttled", seconds=outcome.wait_seconds)
            self.set_status(refused)
        elif outcome.verdict == Verdict.PASSPHRASE_PROBLEM:
            self.set_status(" ".join(self.say(_PROBLEM_KEYS[p]) for p in outcome.problems))
            self.query_one("#new-passphrase", Input).focus()
        elif outcome.verdict == Verdict.INVITE_VALID:
            self.checked_code = self.query_one("#code", Input).value
            self.show_mode("new-passphrase")
            self.set_status(self.say("code_ok"), error=False)
            self.query_one("#new-passphrase", Input).focus()
        elif outcome.verdict == Verdict.SIGNED_IN and outcome.learner_id is not None:
            self.clear_secrets()
            self.tell_server_signed_in()
            if self.on_signed_in is not None:
                await self.on_signed_in(outcome.learner_id, outcome.roles)
            else:
                await self.open_session(outcome.learner_id, outcome.roles)

    def tell_server_signed_in(self) -> None:
        """`trainer serve` stops counting this tab against the limits for people not signed in."""
        self.tell_server("trainer_signed_in")

    def tell_server(self, kind: str) -> None:
        """A meta packet for `trainer serve`'s web server (see trainer/serve/web.py): signed in,
        or signed out again. Textual has no public accessor for the driver, and only the web
        driver can write meta packets."""
        write_meta = getattr(self.app._driver, "write_meta", None)
        if callable(write_meta):
            write_meta({"type": kind})

    async def open_session(self, learner_id: str, roles: tuple[str, ...]) -> None:
        session = await asyncio.to_thread(open_signed_in_session, self.trainer, learner_id)
        if session is None:
            data = self.trainer.services.data
            aside = data.set_aside().get(learner_id) if data is not None else None
            if aside is not None:
                self.set_status(set_aside_text(self.trainer.t, aside))
            else:
                self.set_status(self.say("failed", error=learner_id))
            return
        self.clear_secrets()
        self.trainer.roles = roles
        self.trainer.begin_session(session)


def open_signed_in_session(app: TrainerApp, learner_id: str) -> LearnerSession | None:
    """The signed-in learner's session; an invited profile becomes active on first sign-in."""
    data = app.services.data
    assert data is not None
    session = LearnerSession.open(app.services.course, data, learner_id, app.services.lang)
    if session is None:
        return None
    profile = session.record.profile
    if profile.status == "invited":
        session.store.update_profile(profile.model_copy(update={"status": "active"}))
        session.reload()
    return session
