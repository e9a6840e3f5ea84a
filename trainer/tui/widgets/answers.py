"""Answer inputs, one widget per question kind. Each reports the learner's response or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from trainer.content.models import (
    Choice,
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    ShortAnswer,
)
from trainer.content.models import SingleChoice as SingleChoiceQuestion
from trainer.learning.records import Response
from trainer.posts.rules import DEFAULT_RULES, PostRules
from trainer.tui.i18n import Translator, localize_bindings
from trainer.tui.markdown_text import inline_markdown
from trainer.tui.widgets.answer_list import AnswerList


class AnswerInput(Vertical):
    """Base of the answer widgets: `response()` is None until the learner has answered."""

    def response(self) -> Response | None:
        raise NotImplementedError

    def freeze(self) -> None:
        """No more changes once the answer is submitted."""
        for child in self.query("*"):
            child.disabled = True
        for answer_list in self.query(AnswerList):
            answer_list.freeze()

    def on_mount(self) -> None:
        # Focus follows the new question on every path (Enter, Ctrl+S, a click on "Next").
        self.focus_input()

    def focus_input(self) -> None:
        focusable = [w for w in self.query("*") if w.can_focus]
        if focusable:
            focusable[0].focus()


class ChoiceInput(AnswerInput):
    """One answer (◉/○) or several (☑/☐), in the attempt's displayed order."""

    def __init__(self, kind: str, choices: list[Choice], chosen: set[int], t: Translator) -> None:
        super().__init__(classes="answers")
        self.kind = kind
        self.choices = choices
        self.chosen = chosen
        self.t = t

    def compose(self) -> ComposeResult:
        answers = AnswerList(
            "single" if self.kind == "single" else "multiple",
            [inline_markdown(c.text) for c in self.choices],
            [c.index for c in self.choices],
            marked=self.chosen,
        )
        localize_bindings(answers, self.t)
        yield answers

    def response(self) -> Response | None:
        return self.query_one(AnswerList).response()


class ShortAnswerInput(AnswerInput):
    def __init__(self, typed: str | None = None) -> None:
        super().__init__(classes="answers")
        self.typed = typed or ""

    def compose(self) -> ComposeResult:
        yield Input(value=self.typed, max_length=200, id="short-answer")

    def response(self) -> Response | None:
        value = self.query_one(Input).value
        return value if value.strip() else None


class OrderingInput(AnswerInput):
    """The numbered list plus Up/Down buttons, so mouse users can reorder too."""

    def __init__(self, items: list[str], order: list[int], t: Translator) -> None:
        super().__init__(classes="answers")
        self.items = items
        self.initial_order = order
        self.t = t

    def compose(self) -> ComposeResult:
        answers = AnswerList(
            "ordering",
            [inline_markdown(self.items[i]) for i in self.initial_order],
            list(self.initial_order),
        )
        localize_bindings(answers, self.t)
        yield answers
        with Horizontal(classes="ordering-buttons"):
            yield Button(f"▲ {self.t('quiz.move_up')}", id="move-up", compact=True)
            yield Button(f"▼ {self.t('quiz.move_down')}", id="move-down", compact=True)

    @on(Button.Pressed, "#move-up")
    def move_up(self) -> None:
        self.query_one(AnswerList).action_move(-1)

    @on(Button.Pressed, "#move-down")
    def move_down(self) -> None:
        self.query_one(AnswerList).action_move(1)

    def response(self) -> Response | None:
        return self.query_one(AnswerList).response()


def answer_input_for(
    question: Question,
    display_order: list[int] | None,
    t: Translator,
    previous: Response | None = None,
    *,
    post_rules: PostRules = DEFAULT_RULES,
    lang: str = "en",
) -> AnswerInput:
    """The right input for `question`, with choices in the attempt's displayed order."""
    if isinstance(question, PostExercise):
        from trainer.tui.widgets.post_answer import PostAnswerInput

        typed = previous if isinstance(previous, str) else None
        return PostAnswerInput(question, post_rules, lang, t, typed)
    if isinstance(question, SingleChoiceQuestion | MultipleChoice):
        shown = display_order or [c.index for c in question.choices]
        choices = [question.choices[i] for i in shown]
        if isinstance(question, SingleChoiceQuestion):
            chosen = {previous} if isinstance(previous, int) else set()
            return ChoiceInput("single", choices, chosen, t)
        chosen = set(previous) if isinstance(previous, list) else set()
        return ChoiceInput("multiple", choices, chosen, t)
    if isinstance(question, ShortAnswer):
        return ShortAnswerInput(previous if isinstance(previous, str) else None)
    assert isinstance(question, Ordering)
    order = previous if isinstance(previous, list) else display_order
    return OrderingInput(list(question.items), order or list(range(len(question.items))), t)


__all__ = ["AnswerInput", "answer_input_for"]
