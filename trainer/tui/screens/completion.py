"""The learner's summary: shown when the course is complete, and on request at any time."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Header, Input, Static

from trainer.certificates.secret import CertificateSecretError
from trainer.i18n import N_
from trainer.store.errors import StoreError
from trainer.tui.downloads import local_save_folder, save_new_file
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.page_view import PageView

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def default_save_folder() -> Path:
    """Where a learner's files go unless they choose: the user's Downloads folder."""
    try:
        return local_save_folder()
    except OSError:
        return Path.home()


def save_record(app: TrainerApp, folder: Path) -> Path | None:
    """Write the learner's record into `folder` under a name not yet taken; its path."""
    session = app.session
    if session is None:
        return None
    data = session.summary_text().encode("utf-8")
    return save_new_file(folder.expanduser(), session.summary_filename(), data)


def deliver_record(app: TrainerApp, save_directory: Path | None = None) -> None:
    """Save the learner's record as a Markdown file: in a browser as a download; in the
    terminal into `save_directory`, or, without one, into the folder the learner picks (the
    Downloads folder is offered). An existing file is never replaced."""
    session = app.session
    if session is None:
        return
    if app.is_web:
        app.deliver_text(
            io.StringIO(session.summary_text()),
            save_filename=session.summary_filename(),
            mime_type="text/markdown",
            name="learner-record",
        )
        return
    if save_directory is not None:
        _save_and_tell(app, save_directory)
        return

    def chosen(folder: Path | None) -> None:
        if folder is not None:
            _save_and_tell(app, folder)

    app.push_screen(SaveRecordDialog(default_save_folder()), chosen)


def _save_and_tell(app: TrainerApp, folder: Path) -> None:
    try:
        path = save_record(app, folder)
    except OSError as error:
        message = app.t("Your record could not be saved: {error}", error=str(error))
        app.notify(plain_line(message).plain, severity="error", markup=False)
        return
    if path is not None:
        app.notify(plain_line(app.t("complete.saved", path=str(path))).plain, markup=False)


class SaveRecordDialog(ModalScreen[Path | None]):
    """Asks where to save the record: the Downloads folder is filled in, any folder may be typed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        t = self.app.t  # type: ignore[attr-defined]
        with Vertical(id="save-dialog"):
            yield Static(
                t("Save your record in this folder (type another one if you like):"),
                markup=False,
            )
            yield Input(str(self.folder), id="save-folder")
            yield Static(
                t("A file already there is kept: the new one gets a number."),
                classes="muted",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("Save"), id="save-here", variant="primary")
                yield Button(t("Cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-here")
    def save_here(self) -> None:
        typed = self.query_one("#save-folder", Input).value.strip()
        self.dismiss(Path(typed).expanduser() if typed else self.folder)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


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
    return document.code, save_new_file(folder, document.filename, document.pdf)


def what_next(app: TrainerApp) -> str:
    """The "what happens next" part above the summary, as Markdown: that the coordinator already
    sees the completion, the program's next steps (`next_steps:` in course.yml) and how to get
    the record and the certificate. Empty while the course is not complete."""
    session = app.session
    if session is None or not session.is_complete():
        return ""
    t = app.t
    heading = t("What happens next")
    lines = [f"## {heading}", ""]
    if app.services.data is not None:
        lines += [
            t(
                "Your coordinator already sees that you have completed the course: "
                "there is nothing to send."
            ),
            "",
        ]
    steps = session.course.next_steps(session.lang)
    if steps:
        steps_heading = t("Next steps in the program")
        lines += [f"**{steps_heading}**", ""]
        lines += [f"{n}. {' '.join(step.split())}" for n, step in enumerate(steps, start=1)]
        lines.append("")
    if app.services.data is not None:
        lines.append(
            t(
                "Your record: **s** saves it as a file (you choose the folder), "
                "**p** saves your certificate as a PDF with a verification code that your "
                "coordinator can check."
            )
        )
    else:
        lines.append(t("Your record: **s** saves it as a file (you choose the folder)."))
    lines += ["", "---", ""]
    return "\n".join(lines)


class CompletionScreen(TrainerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Short words: at 80 columns the whole bar must fit (the buttons say it in full).
        Binding("s", "save", N_("record")),
        Binding("p", "certificate", N_("certificate")),
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
        # On screen, times in the learner's own time zone and words; the saved file keeps UTC.
        shown = session.summary_text(when=self.trainer.t.datetime)
        self.query_one(PageView).update(what_next(self.trainer) + shown)
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
