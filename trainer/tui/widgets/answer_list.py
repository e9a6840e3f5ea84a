"""A list of answers whose options may be any number of lines tall.

Textual's `SelectionList` and `OptionList` draw one option per screen line, so when an answer
wraps the tick boxes slide onto the wrong answers. Here every option is its own row, as tall as
its text needs, with the text hanging under the marker; the marks are drawn from the same state
that `AnswerList.response()` reads, so what the learner sees ticked is what is graded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

ListKind = Literal["single", "multiple", "ordering"]

CURSOR = "▶"
MARKS: dict[ListKind, tuple[str, str]] = {
    "single": ("◉", "○"),
    "multiple": ("☑", "☐"),
}


class AnswerRow(Horizontal):
    """One answer: a fixed-width marker column and the text wrapping beside it."""

    def __init__(self, position: int) -> None:
        super().__init__(classes="answer-row")
        self.position = position

    def compose(self) -> ComposeResult:
        yield Static(classes="answer-marker", markup=False)
        yield Static(classes="answer-text", markup=False)

    def show(self, marker: str, text: Content, *, cursor: bool, marked: bool) -> None:
        self.query_one(".answer-marker", Static).update(Content(marker))
        self.query_one(".answer-text", Static).update(text)
        self.set_class(cursor, "-cursor")
        self.set_class(marked, "-marked")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        parent = self.parent
        if isinstance(parent, AnswerList):
            parent.clicked(self.position)


class AnswerList(Vertical, can_focus=True):
    """Single choice (◉/○), multiple choice (☑/☐) or ordering (1. 2. 3.), keys and mouse.

    `labels` are the answers as shown, top to bottom; `values` what each stands for in the
    response (the choice index in the question file, or the item index for ordering).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "previous", show=False),
        Binding("down,j", "cursor(1)", "next", show=False),
        Binding("home", "cursor_to(0)", "first", show=False),
        Binding("end", "cursor_to(-1)", "last", show=False),
        Binding("space,enter", "choose", "choose", show=False),
    ]
    ORDERING_BINDINGS: ClassVar[list[Binding]] = [
        Binding("left_square_bracket,shift+up,ctrl+up", "move(-1)", "up", key_display="["),
        Binding("right_square_bracket,shift+down,ctrl+down", "move(1)", "down", key_display="]"),
    ]

    @dataclass
    class Changed(Message):
        """The learner marked, unmarked or moved an answer."""

        answer_list: AnswerList

        @property
        def control(self) -> AnswerList:
            return self.answer_list

    def __init__(
        self,
        kind: ListKind,
        labels: list[Content],
        values: list[int],
        *,
        marked: set[int] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=f"answer-list -{kind}")
        self.kind: ListKind = kind
        self.labels = dict(zip(values, labels, strict=True))
        # The values top to bottom: fixed for choices, the learner's order for ordering.
        self.order = list(values)
        self.marked: set[int] = set(marked or ()) & set(values)
        if kind == "single" and len(self.marked) > 1:
            raise ValueError("a single-choice list has at most one marked answer")
        self.cursor = 0
        if kind == "ordering":
            for binding in self.ORDERING_BINDINGS:
                self._bindings.bind(
                    binding.key,
                    binding.action,
                    binding.description,
                    key_display=binding.key_display,
                )

    def compose(self) -> ComposeResult:
        for position in range(len(self.order)):
            yield AnswerRow(position)

    def on_mount(self) -> None:
        self.redraw()

    # What the screen shows and what is graded come from here and nowhere else.
    def marker(self, position: int) -> str:
        cursor = CURSOR if position == self.cursor and not self.disabled else " "
        if self.kind == "ordering":
            width = len(str(len(self.order)))
            return f"{cursor} {position + 1:>{width}}. "
        chosen, empty = MARKS[self.kind]
        return f"{cursor} {chosen if self.order[position] in self.marked else empty} "

    def response(self) -> int | list[int] | None:
        if self.kind == "ordering":
            return list(self.order)
        if self.kind == "single":
            return next(iter(self.marked)) if self.marked else None
        return sorted(self.marked) if self.marked else None

    def redraw(self) -> None:
        for row in self.query(AnswerRow):
            value = self.order[row.position]
            row.show(
                self.marker(row.position),
                self.labels[value],
                cursor=row.position == self.cursor,
                marked=value in self.marked,
            )

    def _row(self, position: int) -> AnswerRow | None:
        for row in self.query(AnswerRow):
            if row.position == position:
                return row
        return None

    def _move_cursor(self, position: int) -> None:
        self.cursor = max(0, min(position, len(self.order) - 1))
        self.redraw()
        row = self._row(self.cursor)
        if row is not None:
            row.scroll_visible(animate=False)

    def action_cursor(self, step: int) -> None:
        self._move_cursor(self.cursor + step)

    def action_cursor_to(self, position: int) -> None:
        self._move_cursor(position if position >= 0 else len(self.order) - 1)

    def action_choose(self) -> None:
        if self.disabled or self.kind == "ordering" or not self.order:
            return
        value = self.order[self.cursor]
        if self.kind == "single":
            self.marked = {value}
        elif value in self.marked:
            self.marked.discard(value)
        else:
            self.marked.add(value)
        self.redraw()
        self.post_message(self.Changed(self))

    def action_move(self, step: int) -> None:
        """Move the highlighted item up (-1) or down (1) in an ordering list."""
        if self.disabled or self.kind != "ordering":
            return
        here, there = self.cursor, self.cursor + step
        if not 0 <= there < len(self.order):
            return
        self.order[here], self.order[there] = self.order[there], self.order[here]
        self._move_cursor(there)
        self.post_message(self.Changed(self))

    def clicked(self, position: int) -> None:
        if self.disabled:
            return
        self.focus()
        self._move_cursor(position)
        if self.kind != "ordering":
            self.action_choose()

    def freeze(self) -> None:
        """Answer submitted: no more changes, and no cursor pretending otherwise."""
        self.disabled = True
        self.redraw()


__all__ = ["AnswerList", "AnswerRow", "ListKind"]
