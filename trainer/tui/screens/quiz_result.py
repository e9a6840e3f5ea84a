"""After a quiz: the score against the pass mark, what counts, attempts left, what next."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static

from trainer.content.models import Quiz
from trainer.i18n import N_
from trainer.learning.records import QuizAttempt
from trainer.tui.navigation import next_step_label
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


class QuizResultScreen(TrainerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", N_("continue")),
        Binding("r", "retake", "retake"),
        Binding("v", "review", "review"),
        Binding("escape", "back", "map", key_display="Esc"),
    ]

    def __init__(self, quiz: Quiz, attempt: QuizAttempt) -> None:
        super().__init__()
        self.quiz = quiz
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        session = self.trainer.session
        assert session is not None
        title = self.quiz.text(self.attempt.language).title
        summary = session.quiz_summary(self.quiz.id)
        score = self.attempt.score or 0.0
        maximum = self.attempt.max_score or 0
        scaled = self.attempt.scaled or 0.0
        yield Header()
        with VerticalScroll(id="result"):
            yield Static(plain_line(t("quiz.result.title", title=title)), classes="title")
            yield Static(
                plain_line(
                    t(
                        "quiz.result.score",
                        points=t.number(score),
                        max=t.number(maximum),
                        percent=t.percent(scaled),
                    )
                )
            )
            yield Static(
                plain_line(t("quiz.result.pass_mark", percent=t.percent(self.quiz.pass_mark)))
            )
            if self.attempt.passed:
                yield Static(Content.styled(t("quiz.result.passed"), "bold $success"))
            else:
                yield Static(Content.styled(t("quiz.result.failed"), "bold $error"))
            if summary.score is not None and self.quiz.attempts != 1:
                state = t("quiz.state.passed" if summary.passed else "quiz.state.failed")
                yield Static(
                    plain_line(
                        t(
                            "quiz.result.graded",
                            method=t(f"quiz.grading.{self.quiz.grading}"),
                            percent=t.percent(summary.score),
                            state=state,
                        )
                    )
                )
            if summary.attempts_left is None:
                if not summary.passed:
                    yield Static(plain_line(t("quiz.result.unlimited")))
            elif summary.attempts_left > 0:
                left = summary.attempts_left
                yield Static(
                    plain_line(t.plural("{n} attempt left.", "{n} attempts left.", left, n=left))
                )
            elif not summary.passed:
                yield Static(Content.styled(t("quiz.result.no_attempts"), "bold $warning"))
            if summary.can_retake and session.is_complete():
                # Completion is kept once earned (trainer.learning.completion): say so here.
                yield Static(
                    plain_line(
                        t(
                            "Your training is complete and stays complete: a retake can "
                            "improve your score but cannot take your completion away."
                        )
                    ),
                    id="retake-keeps-completion",
                    classes="muted",
                )
            yield Static(plain_line(t("quiz.result.next", step=next_step_label(self.trainer))))
        with Horizontal(id="result-buttons"):
            if self.continues_elsewhere():
                yield Button(t("Continue"), id="continue", variant="primary")
            if summary.can_retake:
                yield Button(t("quiz.retake"), id="retake")
            yield Button(t("quiz.review"), id="review")
            yield Button(t("quiz.to_map"), id="to-map")
        yield TrainerFooter()

    def on_mount(self) -> None:
        for first in ("#continue", "#retake", "#to-map"):
            buttons = self.query(first).results(Button)
            for button in buttons:
                button.focus()
                return

    def continues_elsewhere(self) -> bool:
        """Continue leads somewhere new (not back to this quiz's result, nor a retake of it)."""
        session = self.trainer.session
        if session is None:
            return False
        step = session.next_step()
        return step is None or step.target_id != self.quiz.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue":
            return self.continues_elsewhere()
        if action == "retake":
            session = self.trainer.session
            return (session is not None and session.quiz_summary(self.quiz.id).can_retake) or None
        return True

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        """Straight to the next step, without a detour through the course map."""
        from trainer.tui.navigation import go_to_next_step

        if not self.continues_elsewhere():
            return
        trainer = self.trainer
        self.dismiss(None)
        trainer.call_later(go_to_next_step, trainer)

    @on(Button.Pressed, "#retake")
    async def action_retake(self) -> None:
        from trainer.tui.screens.quiz import open_quiz

        await open_quiz(self.trainer, self.quiz.id, replace=self, start_new=True)

    @on(Button.Pressed, "#review")
    def action_review(self) -> None:
        from trainer.tui.screens.quiz_review import QuizReviewScreen

        self.app.push_screen(QuizReviewScreen(self.quiz))

    @on(Button.Pressed, "#to-map")
    def action_back(self) -> None:
        self.dismiss(None)
