"""The learner's summary: shown when the course is complete, and on request at any time."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Header, Static

from trainer.certificates.secret import CertificateSecretError
from trainer.i18n import N_
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.tui.downloads import local_save_folder
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.page_view import PageView

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def deliver_record(app: TrainerApp, save_directory: Path | None = None) -> None:
    """Save the learner's record as a Markdown file: in the terminal to the downloads folder
    (or `save_directory`), in a browser as a download."""
    session = app.session
    if session is None:
        return
    if not app.is_web:
        try:
            save_directory = local_save_folder(save_directory)
        except OSError:
            save_directory = Path.home()
    app.deliver_text(
        io.StringIO(session.summary_text()),
        save_directory=save_directory,
        save_filename=session.summary_filename(),
        mime_type="text/markdown",
        name="learner-record",
    )


def deliver_certificate(
    app: TrainerApp, save_directory: Path | None = None
) -> tuple[str, Path | None] | None:
    """Save the learner's PDF certificate: the code, and where it went in the terminal (None
    in a browser, which downloads it). None when the course is not complete.

    `TRAINER_PUBLIC_URL` (the served app's address) puts a link to its `/verify` page in the
    QR code; without it the QR code holds the verification code."""
    session = app.session
    if session is None or not session.is_complete():
        return None
    document = session.certificate(public_url=os.environ.get("TRAINER_PUBLIC_URL") or None)
    if app.is_web:
        app.call_from_thread(
            app.deliver_binary,
            io.BytesIO(document.pdf),
            save_filename=document.filename,
            mime_type="application/pdf",
            name="certificate",
        )
        return document.code, None
    # In a terminal we write the file ourselves: Textual 8.2's local `deliver_binary` opens
    # the target in text mode for any file object that is not a `typing.BinaryIO` subclass
    # (BytesIO and open(..., "rb") are not) and fails on the first write.
    try:
        folder = local_save_folder(save_directory)
    except OSError:
        folder = Path.home()
    target = folder / document.filename
    write_atomically(target, document.pdf)
    return document.code, target


class CompletionScreen(TrainerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "save my record"),
        Binding("p", "certificate", N_("save my certificate (PDF)")),
        Binding("escape", "back", "map", key_display="Esc"),
    ]

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        session = self.trainer.session
        assert session is not None
        name = session.record.profile.name
        yield Header()
        if session.is_complete():
            yield Static(
                Content.styled(plain_line(t("complete.title", name=name)).plain, "bold $success"),
                id="complete-title",
            )
            yield Static(plain_line(t("complete.intro")), id="complete-intro", classes="muted")
        else:
            yield Static(plain_line(t("complete.not_yet")), id="complete-title")
        yield PageView(id="summary")
        with Horizontal(id="complete-buttons"):
            yield Button(t("complete.save"), id="save", variant="primary")
            if session.is_complete():
                yield Button(t("Save my certificate (PDF)"), id="certificate")
                if self.trainer.services.data is not None and session.course.hub:
                    # Onboarding done: the studio is the next thing to do.
                    yield Button(t("Post ideas"), id="post-ideas")
            yield Button(t("quiz.to_map"), id="to-map")
        yield TrainerFooter()

    def on_mount(self) -> None:
        session = self.trainer.session
        assert session is not None
        self.query_one(PageView).update(session.summary_text())
        self.query_one("#save", Button).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        deliver_record(self.trainer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "certificate":
            session = self.trainer.session
            return session is not None and session.is_complete()
        return True

    @on(Button.Pressed, "#certificate")
    def action_certificate(self) -> None:
        self._save_certificate()

    @work(thread=True, exclusive=True, group="certificate")
    def _save_certificate(self) -> None:
        """Laying out the PDF takes a moment: off the UI thread."""
        t = self.trainer.t
        try:
            saved = deliver_certificate(self.trainer)
        except (OSError, StoreError, CertificateSecretError) as error:
            message = t("The certificate could not be saved: {error}", error=str(error))
            self.app.call_from_thread(
                self.notify, plain_line(message).plain, severity="error", markup=False
            )
            return
        if saved is None:
            return
        code, where = saved
        if where is None:
            message = t("Certificate sent to your browser. Verification code: {code}", code=code)
        else:
            message = t(
                "Certificate saved: {path}. Verification code: {code}", path=str(where), code=code
            )
        self.app.call_from_thread(self.notify, plain_line(message).plain, markup=False)

    @on(Button.Pressed, "#post-ideas")
    def open_post_ideas(self) -> None:
        from trainer.tui.screens.post_ideas import PostIdeasScreen

        self.app.push_screen(PostIdeasScreen())

    @on(Button.Pressed, "#to-map")
    def action_back(self) -> None:
        self.dismiss(None)
