"""First screen for a new learner: e-mail, full name and team."""

from __future__ import annotations

import asyncio
import re

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Static

from trainer.session import LearnerSession, SignInDetails, SignInProblem
from trainer.store.errors import SetAsideError, StoreError
from trainer.tui.record_notices import set_aside_text
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.short_terminal import fit_form
from trainer.tui.text import plain, plain_line
from trainer.tui.widgets.footer import TrainerFooter

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SignInScreen(TrainerScreen):
    """Signs in an existing or invited learner by e-mail, or creates a new one."""

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        with VerticalScroll(id="sign-in"), Center(), Vertical(id="sign-in-form"):
            yield Static(plain_line(t("signin.title")), id="sign-in-title")
            yield Static(plain(t("signin.intro")), classes="muted")
            yield Label(t("signin.email"), markup=False)
            yield Input(id="email", placeholder=t("signin.email_example"), max_length=254)
            yield Static("", id="email-error", classes="error")
            yield Label(t("signin.name"), markup=False)
            yield Input(id="name", max_length=200)
            yield Static("", id="name-error", classes="error")
            yield Label(t("signin.team"), markup=False)
            yield Input(id="team", max_length=100)
            yield Static("", id="team-error", classes="error")
            yield Static("", id="sign-in-status", classes="muted")
            yield Button(t("signin.submit"), id="submit", variant="primary")
        yield TrainerFooter()

    def on_resize(self, event: events.Resize) -> None:
        fit_form(self, "#sign-in-form", event.size.height)

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()
        fit_form(self, "#sign-in-form", self.app.size.height)

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        order = ["email", "name", "team"]
        current = event.input.id or ""
        if current == "team":
            self.submit()
        elif current in order:
            self.query_one(f"#{order[order.index(current) + 1]}", Input).focus()

    @on(Input.Changed)
    def clear_error(self, event: Input.Changed) -> None:
        """A corrected field stops showing its old complaint."""
        if event.input.id in ("email", "name", "team"):
            self.query_one(f"#{event.input.id}-error", Static).display = False

    @on(Input.Blurred, "#email")
    def email_left(self) -> None:
        self.look_up_email(self.query_one("#email", Input).value)

    @work(exclusive=True, group="lookup")
    async def look_up_email(self, email: str) -> None:
        """Fill the form for a known or invited e-mail, so invited people only confirm."""
        data = self.trainer.services.data
        if data is None or not EMAIL_SHAPE.match(email.strip()):
            return
        profile = await asyncio.to_thread(LearnerSession.profile_for_email, data, email.strip())
        if profile is None:
            return
        name_input = self.query_one("#name", Input)
        team_input = self.query_one("#team", Input)
        if not name_input.value:
            name_input.value = profile.name
        if not team_input.value:
            team_input.value = profile.team
        t = self.trainer.t
        key = "signin.invited" if profile.status == "invited" else "signin.known"
        status = self.query_one("#sign-in-status", Static)
        status.update(plain(t(key, name=profile.name)))
        status.display = True

    @on(Button.Pressed, "#submit")
    def submit(self) -> None:
        details = SignInDetails(
            email=self.query_one("#email", Input).value,
            name=self.query_one("#name", Input).value,
            team=self.query_one("#team", Input).value,
        )
        problems = details.problems()
        t = self.trainer.t
        for field in ("email", "name", "team"):
            problem = problems.get(field)
            error = self.query_one(f"#{field}-error", Static)
            error.update(plain(t(_PROBLEM_KEYS[problem]) if problem else ""))
            error.display = problem is not None
        if problems:
            first = next(iter(problems))
            self.query_one(f"#{first}", Input).focus()
            return
        self.sign_in(details)

    @work(exclusive=True, group="sign-in")
    async def sign_in(self, details: SignInDetails) -> None:
        data = self.trainer.services.data
        assert data is not None
        self.query_one("#submit", Button).disabled = True
        try:
            session = await asyncio.to_thread(
                LearnerSession.sign_in,
                self.trainer.services.course,
                data,
                details,
                self.trainer.services.lang,
            )
        except SetAsideError as aside:
            self.notify(
                set_aside_text(self.trainer.t, aside), severity="error", timeout=30, markup=False
            )
            return
        except StoreError as error:
            self.trainer.report_save_failure(error)
            return
        finally:
            self.query_one("#submit", Button).disabled = False
        self.trainer.begin_session(session)


_PROBLEM_KEYS: dict[SignInProblem, str] = {
    "email": "signin.err.email",
    "name": "signin.err.name",
    "team": "signin.err.team",
    "too_long": "signin.err.too_long",
}
