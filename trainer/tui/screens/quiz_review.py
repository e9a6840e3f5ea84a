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

from trainer.content.models import (
    MultipleChoice,
    Ordering,
    PostExercise,
    Quiz,
    ShortAnswer,
    SingleChoice,
)
from trainer.i18n import Translator
from trainer.learning.records import DraftFinding, QuizAttempt
from trainer.tui.hanging_text import HangingText
from trainer.tui.markdown_text import inline_markdown
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.quiz import RightAnswer, right_answer
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
        out: list[Paragraph] = []
        if attempt.language != self.trainer.services.lang:
            said = t(
                "This attempt was taken in {language}: its questions are shown as they were asked.",
                language=t.language_name(attempt.language),
            )
            out += [(Content("ⓘ "), plain_line(said).stylize("italic")), BLANK]
        for n, question_id in enumerate(attempt.question_ids, start=1):
            try:
                question = text.question(question_id)
            except KeyError:
                continue  # the question was removed from the course since this attempt
            answer = answers.get(question_id)
            mark = "·" if answer is None else ("✔" if answer.correct else "✘")
            prompt = inline_markdown(question.prompt.split("\n")[0]).stylize("bold")
            out.append((Content.styled(f"{mark} {n}. ", "bold"), prompt))
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
                    out.append((Content(f"{INDENT}{box} "), inline_markdown(choice.text) + mark))
            if answer is None:
                out.append((Content(INDENT), plain_line(t("quiz.review.no_answer"))))
            elif isinstance(question, PostExercise):
                out += self.draft_paragraphs(answer.response, answer.findings or [])
                out.append(BLANK)
                continue
            elif isinstance(question, Ordering) and isinstance(answer.response, list):
                out.append((Content(INDENT), plain_line(t("Your order:"))))
                out += numbered([question.items[i] for i in answer.response])
            elif isinstance(question, ShortAnswer):
                out.append(labelled(t("quiz.your_answer"), plain_line(str(answer.response))))
            if answer is not None and not answer.correct:
                right = right_answer(question)
                if right is not None:
                    out += right_answer_paragraphs(t, right)
            out.append(BLANK)
        shown = HangingText(out) if out else plain(t("quiz.review.none"))
        self.query_one("#review-text", Static).update(shown)

    def draft_paragraphs(self, draft: object, findings: list[DraftFinding]) -> list[Paragraph]:
        """The post as written (indented, as text) and the findings stored with it."""
        t = self.trainer.t
        out: list[Paragraph] = [(Content(INDENT), plain_line(t("Your post:")))]
        for line in str(draft).split("\n"):
            out.append((Content(f"{INDENT}│ "), plain_line(line)))
        if not findings:
            ok = Content.styled("✔ ", "$success")
            out.append((Content(INDENT) + ok, plain_line(t("No problems found."))))
        for finding in findings:
            mark = LEVEL_MARK[finding.level]
            color = {"error": "$error", "warning": "$warning", "tip": "$accent"}[finding.level]
            out.append(
                (
                    Content(INDENT) + Content.styled(f"{mark} ", color),
                    plain_line(
                        f"{finding.line}:{finding.col} {finding.message}"
                        + (f" → {finding.fix}" if finding.fix else "")
                    ),
                )
            )
        return out

    def action_back(self) -> None:
        self.dismiss(None)


Paragraph = tuple[Content, Content]
INDENT = "   "
BLANK: Paragraph = (Content(""), Content(""))


def numbered(items: list[str], style: str = "") -> list[Paragraph]:
    """Ordering items one a line, `1.` `2.` …, wrapped lines under the item's text."""
    return [
        (Content(f"{INDENT}  {n}. "), inline_markdown(item).stylize(style))
        for n, item in enumerate(items, start=1)
    ]


def right_answer_paragraphs(t: Translator, right: RightAnswer) -> list[Paragraph]:
    """The right answer under a wrong one: one answer a line, typed variants as "also"."""

    def shown(answer: str) -> Content:
        return plain_line(answer) if right.typed else inline_markdown(answer)

    good = "$success"
    out: list[Paragraph] = []
    if right.heading == "quiz.correct_answer":
        out.append(labelled(t("quiz.correct_answer"), shown(right.answers[0]), good))
    else:
        out.append((Content(INDENT), plain_line(t(right.heading)).stylize(good)))
        if right.numbered:
            out += numbered(list(right.answers), good)
        else:
            out += [(Content(f"{INDENT}  • "), shown(a).stylize(good)) for a in right.answers]
    if right.also_accepted:
        also = plain_line(", ".join(right.also_accepted))
        out.append(labelled(t("Also accepted: {answers}"), also, good))
    return out


def labelled(template: str, value: Content, style: str = "") -> Paragraph:
    """`Label: {value}` with the value's wrapped lines under the value, not under the label.

    `template` is the translated text with its one `{...}` field left in; a label after the
    value (some languages) is kept, just without the hanging.
    """
    before, field, after = template.partition("{")
    after = after.partition("}")[2]
    if not field:
        return (Content(INDENT), plain_line(template).stylize(style))
    body = value + plain_line(after) if after else value
    return (Content(INDENT) + plain(before).stylize(style), body.stylize(style))
