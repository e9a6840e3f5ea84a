"""The social-media policy: read to the end, tick, type your name, accept (or decline)."""

from __future__ import annotations

import asyncio
from typing import ClassVar, Literal

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Header, Input, Static

from trainer.store.errors import RuleRefusedError, StoreError
from trainer.tui.record_notices import refused_text
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.short_terminal import fit_form
from trainer.tui.text import plain, plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.page_view import PageView


class ConfirmDecline(ModalScreen[bool]):
    """Declining is recorded as evidence too, so we ask once more."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="dialog"):
            yield Static(plain(t("policy.confirm_decline")))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("policy.yes_decline"), id="yes", variant="error")
                yield Button(t("policy.cancel"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def decide(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class PolicyChangesScreen(ModalScreen[None]):
    """What changed since the version the learner accepted."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "close")]

    def __init__(self, heading: str, changes: str) -> None:
        super().__init__()
        self.heading = heading
        self.changes = changes

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="changes-dialog"):
            yield Static(plain(self.heading), classes="title")
            yield PageView(id="changes")
            yield Button(t("common.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(PageView).update(self.changes)
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class PolicyScreen(TrainerScreen):
    """Acceptance needs: scrolled to the end, the box ticked, the learner's full name typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "map", key_display="Esc"),
        Binding("w", "show_changes", "what changed", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.read_to_end = False

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        session = self.trainer.session
        assert session is not None
        text = session.course.policy.text(self.trainer.services.lang)
        yield Header()
        yield Static(
            plain_line(f"{text.title} · v{text.version} · {t.date(text.effective)}"),
            id="policy-title",
        )
        yield Static(id="policy-state", classes="muted")
        yield PageView(id="policy-text")
        with Vertical(id="policy-controls"):
            yield Static(plain_line(t("policy.scroll")), id="scroll-note", classes="muted")
            yield Checkbox(t("policy.checkbox"), id="agree", disabled=True)
            yield Input(
                placeholder=t("policy.name_placeholder"),
                id="typed-name",
                max_length=200,
                disabled=True,
            )
            yield Static(id="name-hint", classes="muted")
            with Horizontal(id="policy-buttons"):
                yield Button(t("policy.accept"), id="accept", variant="success", disabled=True)
                yield Button(t("policy.decline"), id="decline", variant="error")
        yield TrainerFooter()

    def on_resize(self, event: events.Resize) -> None:
        fit_form(self, "#policy-controls", event.size.height)

    def on_mount(self) -> None:
        fit_form(self, "#policy-controls", self.app.size.height)
        session = self.trainer.session
        assert session is not None
        t = self.trainer.t
        text = session.course.policy.text(self.trainer.services.lang)
        self.query_one("#typed-name", Input).tooltip = t(
            "policy.type_name", name=session.record.profile.name
        )
        self.query_one("#policy-text", PageView).update(text.body)
        self.query_one("#policy-text", PageView).focus()
        self.show_state()
        if session.policy_changes() is not None:
            self.call_after_refresh(self.action_show_changes)

    def show_state(self) -> None:
        session = self.trainer.session
        assert session is not None
        t = self.trainer.t
        status = session.policy_status()
        last = status.last_decision
        note = ""
        if status.state == "accepted_current" and last is not None:
            note = t("policy.accepted", version=last.version, date=t.datetime(last.decided_at))
        elif status.state == "declined" and last is not None:
            note = t("policy.declined_info", date=t.datetime(last.decided_at))
        elif status.state == "outdated" and last is not None:
            note = t("policy.changed_unknown", version=last.version) + " (w)"
        self.query_one("#policy-state", Static).update(plain_line(note))
        self.query_one("#policy-state", Static).display = bool(note)

    def action_show_changes(self) -> None:
        session = self.trainer.session
        assert session is not None
        changes = session.policy_changes()
        if changes is None:
            return
        version, diff = changes
        t = self.trainer.t
        self.app.push_screen(PolicyChangesScreen(t("policy.changed", version=version), diff))

    @on(PageView.ReachedEnd, "#policy-text")
    def reached_end(self) -> None:
        if self.read_to_end:
            return
        self.read_to_end = True
        self.query_one("#scroll-note", Static).update(
            plain_line(self.trainer.t("policy.read_done"))
        )
        self.query_one("#agree", Checkbox).disabled = False
        self.query_one("#typed-name", Input).disabled = False
        self.query_one("#typed-name", Input).placeholder = self.trainer.t(
            "policy.type_name",
            name=self.trainer.session.record.profile.name,  # type: ignore[union-attr]
        )
        self.update_accept()

    @on(Checkbox.Changed, "#agree")
    @on(Input.Changed, "#typed-name")
    def update_accept(self) -> None:
        session = self.trainer.session
        assert session is not None
        typed = self.query_one("#typed-name", Input).value
        ready = session.can_accept_policy(
            scrolled_to_end=self.read_to_end,
            box_checked=self.query_one("#agree", Checkbox).value,
            typed_name=typed,
        )
        self.query_one("#accept", Button).disabled = not ready
        # Say what the name must be as soon as it is being typed and does not match yet.
        hint = self.query_one("#name-hint", Static)
        show = self.read_to_end and not ready and bool(typed.strip())
        name = session.record.profile.name
        hint.update(plain_line(self.trainer.t("policy.name_hint", name=name)) if show else "")
        hint.display = show

    @on(Input.Submitted, "#typed-name")
    def typed_enter(self) -> None:
        if not self.query_one("#accept", Button).disabled:
            self.decide("accepted")
        elif self.read_to_end:
            session = self.trainer.session
            assert session is not None
            self.notify(
                self.trainer.t("policy.name_mismatch", name=session.record.profile.name),
                severity="warning",
                markup=False,
            )

    @on(Button.Pressed, "#accept")
    def accept(self) -> None:
        self.decide("accepted")

    @on(Button.Pressed, "#decline")
    def decline(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.decide("declined")

        self.app.push_screen(ConfirmDecline(), confirmed)

    @work(exclusive=True, group="decide")
    async def decide(self, decision: Literal["accepted", "declined"]) -> None:
        session = self.trainer.session
        assert session is not None
        t = self.trainer.t
        try:
            await asyncio.to_thread(
                session.decide_policy,
                decision,
                typed_name=self.query_one("#typed-name", Input).value,
                scrolled_to_end=self.read_to_end,
                box_checked=self.query_one("#agree", Checkbox).value,
            )
        except RuleRefusedError as refusal:
            self.notify(refused_text(t, refusal), severity="warning", timeout=15, markup=False)
            from trainer.tui.navigation import after_policy

            self.app.call_later(after_policy, self.trainer, self)
            return
        except StoreError as error:
            self.trainer.report_save_failure(error)
            return
        key = "policy.saved_accept" if decision == "accepted" else "policy.saved_decline"
        self.notify(t(key), markup=False)
        from trainer.tui.navigation import after_policy

        # Leave this screen from the app's queue, not from this screen's own worker (which
        # would be cancelled by the switch it performs).
        self.app.call_later(after_policy, self.trainer, self)

    def action_back(self) -> None:
        self.dismiss(None)
