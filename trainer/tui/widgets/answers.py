"""Answer inputs, one widget per question kind. Each reports the learner's response or None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from trainer.content.models import Choice, MultipleChoice, Ordering, Question, ShortAnswer
from trainer.content.models import SingleChoice as SingleChoiceQuestion
from trainer.learning.records import Response
from trainer.tui.i18n import Translator, localize_bindings
from trainer.tui.markdown_text import inline_markdown


class AnswerInput(Vertical):
    """Base of the answer widgets: `response()` is None until the learner has answered."""

    def response(self) -> Response | None:
        raise NotImplementedError

    def freeze(self) -> None:
        """No more changes once the answer is submitted."""
        for child in self.query("*"):
            child.disabled = True

    def focus_input(self) -> None:
        focusable = [w for w in self.query("*") if w.can_focus]
        if focusable:
            focusable[0].focus()


class WrappingRadioButton(RadioButton):
    """Textual's radio button is one line tall; answers can be a sentence or two."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.render().wrap(width)))


class SingleChoiceInput(AnswerInput):
    def __init__(self, choices: list[Choice], chosen: int | None = None) -> None:
        super().__init__(classes="answers")
        self.choices = choices
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with RadioSet():
            for choice in self.choices:
                yield WrappingRadioButton(
                    inline_markdown(choice.text), value=choice.index == self.chosen
                )

    def response(self) -> Response | None:
        index = self.query_one(RadioSet).pressed_index
        return None if index < 0 else self.choices[index].index


class MultipleChoiceInput(AnswerInput):
    def __init__(self, choices: list[Choice], chosen: list[int] | None = None) -> None:
        super().__init__(classes="answers")
        self.choices = choices
        self.chosen = set(chosen or [])

    def compose(self) -> ComposeResult:
        yield SelectionList[int](
            *[
                Selection(inline_markdown(c.text), c.index, c.index in self.chosen)
                for c in self.choices
            ]
        )

    def response(self) -> Response | None:
        selected = self.query_one(SelectionList).selected
        return sorted(selected) if selected else None


class ShortAnswerInput(AnswerInput):
    def __init__(self, typed: str | None = None) -> None:
        super().__init__(classes="answers")
        self.typed = typed or ""

    def compose(self) -> ComposeResult:
        yield Input(value=self.typed, max_length=200, id="short-answer")

    def response(self) -> Response | None:
        value = self.query_one(Input).value
        return value if value.strip() else None


class OrderingList(OptionList):
    """An option list whose highlighted item moves up and down with [ and ] (or shift+arrows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket,shift+up,ctrl+up", "move(-1)", "up", key_display="["),
        Binding("right_square_bracket,shift+down,ctrl+down", "move(1)", "down", key_display="]"),
    ]

    def __init__(self, items: list[str], order: list[int], t: Translator) -> None:
        self.items = items
        self.order = list(order)
        super().__init__(*self._item_options())
        localize_bindings(self, t)

    def _item_options(self) -> list[Option]:
        return [
            Option(Content(f"{position + 1}. ") + inline_markdown(self.items[i]))
            for position, i in enumerate(self.order)
        ]

    def action_move(self, step: int) -> None:
        if self.disabled or self.highlighted is None:
            return
        here = self.highlighted
        there = here + step
        if not 0 <= there < len(self.order):
            return
        self.order[here], self.order[there] = self.order[there], self.order[here]
        self.clear_options()
        self.add_options(self._item_options())
        self.highlighted = there


class OrderingInput(AnswerInput):
    """The list plus Up/Down buttons, so mouse users can reorder too."""

    def __init__(self, items: list[str], order: list[int], t: Translator) -> None:
        super().__init__(classes="answers")
        self.items = items
        self.initial_order = order
        self.t = t

    def compose(self) -> ComposeResult:
        yield OrderingList(self.items, self.initial_order, self.t)
        with Horizontal(classes="ordering-buttons"):
            yield Button(f"▲ {self.t('quiz.move_up')}", id="move-up", compact=True)
            yield Button(f"▼ {self.t('quiz.move_down')}", id="move-down", compact=True)

    @on(Button.Pressed, "#move-up")
    def move_up(self) -> None:
        self.query_one(OrderingList).action_move(-1)

    @on(Button.Pressed, "#move-down")
    def move_down(self) -> None:
        self.query_one(OrderingList).action_move(1)

    def response(self) -> Response | None:
        return list(self.query_one(OrderingList).order)


def answer_input_for(
    question: Question,
    display_order: list[int] | None,
    t: Translator,
    previous: Response | None = None,
) -> AnswerInput:
    """The right input for `question`, with choices in the attempt's displayed order."""
    if isinstance(question, SingleChoiceQuestion | MultipleChoice):
        shown = display_order or [c.index for c in question.choices]
        choices = [question.choices[i] for i in shown]
        if isinstance(question, SingleChoiceQuestion):
            return SingleChoiceInput(choices, previous if isinstance(previous, int) else None)
        return MultipleChoiceInput(choices, previous if isinstance(previous, list) else None)
    if isinstance(question, ShortAnswer):
        return ShortAnswerInput(previous if isinstance(previous, str) else None)
    assert isinstance(question, Ordering)
    order = previous if isinstance(previous, list) else display_order
    return OrderingInput(list(question.items), order or list(range(len(question.items))), t)


__all__ = ["AnswerInput", "answer_input_for"]
