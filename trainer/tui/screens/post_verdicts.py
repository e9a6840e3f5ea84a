"""At sign-in: the coordinators' decisions on the ambassador's posts, shown once."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trainer.i18n import N_
from trainer.learning.records import StudioPost
from trainer.store.errors import StoreError
from trainer.studio.ambassador import AmbassadorPosts
from trainer.tui.text import plain, plain_line

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def unseen_verdicts(app: TrainerApp) -> list[StudioPost]:
    session, data = app.session, app.services.data
    if session is None or data is None:
        return []
    posts = AmbassadorPosts(
        data.learner(session.record.profile.learner_id), app.services.course.config.posts
    )
    try:
        return posts.unseen_verdicts()
    except StoreError:
        return []


class VerdictsScreen(ModalScreen[None]):
    """Each decision with its comment; closing it records that the ambassador has seen them."""

    CSS_PATH = "studio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("close"))]

    def __init__(self, verdicts: list[StudioPost]) -> None:
        super().__init__()
        self.verdicts = verdicts

    def compose(self) -> ComposeResult:
        app: TrainerApp = self.app  # type: ignore[assignment]
        t = app.t
        course = app.services.course
        lang = app.services.lang
        lines = []
        for post in self.verdicts:
            verdict = post.verdict
            assert verdict is not None
            opening_line = post.draft.split("\n")[0][:60]
            quiz = course.quizzes.get(post.quiz_id or "") if post.source == "exercise" else None
            if quiz is not None:
                title = t(
                    "writing exercise in {quiz} (“{draft}”)",
                    quiz=quiz.text(lang).title,
                    draft=opening_line,
                )
            elif post.template_id and any(h.id == post.template_id for h in course.hub):
                title = course.hub_template(post.template_id).text(lang).title
            else:
                title = opening_line
            what = t("approved") if verdict.decision == "approved" else t("changes requested")
            lines.append(
                f"• {title}: {what} ({verdict.reviewer}, {t.datetime(verdict.decided_at)})"
            )
            if verdict.comment:
                opening, closing = ("„", "”") if lang == "pl" else ("“", "”")
                lines.append(f"  {opening}{verdict.comment}{closing}")
        with Vertical(id="verdicts-dialog"):
            yield Static(plain_line(t("Decisions on your posts")), id="verdicts-title")
            yield Static(plain("\n".join(lines)), id="verdicts-text")
            yield Button(t("common.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        app: TrainerApp = self.app  # type: ignore[assignment]
        session, data = app.session, app.services.data
        if session is not None and data is not None:
            posts = AmbassadorPosts(
                data.learner(session.record.profile.learner_id), app.services.course.config.posts
            )
            try:
                posts.mark_seen(self.verdicts)
            except StoreError as error:
                app.report_save_failure(error)
        self.dismiss(None)
