"""Past attempts of a quiz, each question in the order that attempt showed it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.models import MultipleChoice, PostExercise, Quiz, SingleChoice
from trainer.learning.records import DraftFinding, QuizAttempt
from trainer.tui.markdown_text import inline_markdown
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.quiz import correct_answer_text, response_text
from trainer.tui.text import plain, plain_line
from trainer.tui.widgets.answer_list import MARKS
from trainer.tui.widgets.draft_area import LEVEL_MARK
from trainer.tui.widgets.footer import TrainerFooter


class QuizReviewScreen(TrainerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "back", key_display="Esc")]

    def __init__(self, quiz: Quiz) -> None:
        super().__init__()
        self.quiz = quiz

    def attempts(self) -> list[QuizAttempt]:
        session = self.trainer.session
        assert session is not None
        return session.record.attempts_for(self.quiz.id)

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        yield Static(
            plain_line(
                t("quiz.review.title", title=self.quiz.text(self.trainer.services.lang).title)
            ),
            classes="title",
        )
        with Horizontal(id="review"):
            options = []
            for attempt in self.attempts():
                date = t.datetime(attempt.started_at)
                if attempt.finished:
                    state = t("quiz.state.passed" if attempt.passed else "quiz.state.failed")
                    label = t(
                        "quiz.review.attempt",
                        n=attempt.number,
                        date=date,
                        points=t.number(attempt.score or 0),
                        max=t.number(attempt.max_score or 0),
                        state=state,
                    )
                else:
                    label = t("quiz.review.unfinished", n=attempt.number, date=date)
                options.append(Option(plain_line(label), id=attempt.attempt_id))
            yield OptionList(*options, id="attempts")
            with VerticalScroll(id="review-detail"):
                yield Static(plain(t("quiz.review.none")) if not options else "", id="review-text")
        yield TrainerFooter()

    def on_mount(self) -> None:
        attempts = self.attempts()
        if attempts:
            self.show_attempt(attempts[-1])
            self.query_one("#attempts", OptionList).highlighted = len(attempts) - 1

    @on(OptionList.OptionHighlighted, "#attempts")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        for attempt in self.attempts():
            if attempt.attempt_id == event.option.id:
                self.show_attempt(attempt)

    def show_attempt(self, attempt: QuizAttempt) -> None:
        t = self.trainer.t
        text = self.quiz.text(attempt.language)
        answers = {a.question_id: a for a in attempt.answers}
        out = Content("")
        for n, question_id in enumerate(attempt.question_ids, start=1):
            try:
                question = text.question(question_id)
            except KeyError:
                continue  # the question was removed from the course since this attempt
            answer = answers.get(question_id)
            mark = "·" if answer is None else ("✔" if answer.correct else "✘")
            out += Content.styled(f"{mark} {n}. ", "bold")
            out += inline_markdown(question.prompt.split("\n")[0]).stylize("bold")
            out += Content("\n")
            if isinstance(question, SingleChoice | MultipleChoice):
                order = attempt.choice_orders.get(question_id) or [
                    c.index for c in question.choices
                ]
                chosen = answer.response if answer else None
                picked = {chosen} if isinstance(chosen, int) else set(chosen or [])
                for i in order:
                    choice = question.choices[i]
                    # The same marks as when answering: ◉/○ for one answer, ☑/☐ for several.
                    marks = MARKS["single" if isinstance(question, SingleChoice) else "multiple"]
                    box = marks[0] if i in picked else marks[1]
                    mark = "  ✔" if choice.correct else ("  ✘" if i in picked else "")
                    out += Content(f"   {box} ") + inline_markdown(choice.text) + Content(mark)
                    out += Content("\n")
            if answer is None:
                out += plain_line("   " + t("quiz.review.no_answer")) + Content("\n")
            elif isinstance(question, PostExercise):
                out += self.draft_content(answer.response, answer.findings or [])
                continue
            elif not isinstance(question, SingleChoice | MultipleChoice):
                out += plain_line(
                    "   " + t("quiz.your_answer", answer=response_text(question, answer.response))
                ) + Content("\n")
            if answer is not None and not answer.correct:
                out += plain_line(
                    "   "
                    + t(
                        "quiz.correct_answer",
                        answer=inline_markdown(correct_answer_text(question)).plain,
                    )
                ).stylize("$success") + Content("\n")
            out += Content("\n")
        self.query_one("#review-text", Static).update(out)

    def draft_content(self, draft: object, findings: list[DraftFinding]) -> Content:
        """The post as written (indented, as text) and the findings stored with it."""
        t = self.trainer.t
        out = plain_line("   " + t("Your post:")) + Content("\n")
        for line in str(draft).split("\n"):
            out += plain_line("   │ " + line) + Content("\n")
        if not findings:
            out += plain_line("   ✔ " + t("No problems found.")).stylize("$success", 3, 4)
            out += Content("\n")
        for finding in findings:
            mark = LEVEL_MARK[finding.level]
            color = {"error": "$error", "warning": "$warning", "tip": "$accent"}[finding.level]
            out += plain_line(
                f"   {mark} {finding.line}:{finding.col} {finding.message}"
                + (f" → {finding.fix}" if finding.fix else "")
            ).stylize(color, 3, 4) + Content("\n")
        return out + Content("\n")

    def action_back(self) -> None:
        self.dismiss(None)
