"""A writing exercise's answer: the studio's post editor with its live findings."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from trainer.content.models import PostExercise
from trainer.learning.records import Response
from trainer.posts.exercise import DraftVerdict, grade_draft
from trainer.posts.findings import PostCheck
from trainer.posts.networks import NETWORK_NAMES
from trainer.posts.rules import PostRules
from trainer.tui.i18n import Translator
from trainer.tui.text import plain_line
from trainer.tui.widgets.answers import AnswerInput
from trainer.tui.widgets.draft_area import DraftArea, finding_line

CHECK_DELAY = 0.1  # seconds of quiet typing before the findings are brought up to date


class PostAnswerInput(AnswerInput):
    """The draft, the counts and the findings, checked as the grader will check them."""

    def __init__(
        self,
        question: PostExercise,
        rules: PostRules,
        lang: str,
        t: Translator,
        typed: str | None = None,
    ) -> None:
        super().__init__(classes="answers post-answer")
        self.question = question
        self.rules = rules
        self.lang = lang
        self.t = t
        self.typed = question.template if typed is None else typed
        self.verdict: DraftVerdict | None = None
        self.timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield DraftArea(self.typed, id="post-draft")
        yield Static(id="post-counts", classes="muted")
        yield OptionList(id="post-findings")

    def on_mount(self) -> None:
        self.run_check()
        super().on_mount()
        # On a short terminal the findings would start under the fold, and PgDn moves the
        # editor's cursor: bring the editor and its findings into view, the prompt above them.
        self.call_after_refresh(self.bring_into_view)

    def focus_input(self) -> None:
        # Focus without scrolling: `bring_into_view` is the one scroll, so the view is the
        # same every time (a focus scroll racing it left the screen in either of two places).
        self.query_one(DraftArea).focus(scroll_visible=False)

    def bring_into_view(self) -> None:
        self.query_one("#post-findings", OptionList).scroll_visible(animate=False)

    @on(TextArea.Changed, "#post-draft")
    def draft_changed(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(CHECK_DELAY, self.run_check)

    def run_check(self) -> None:
        self.timer = None
        question = self.question
        text = self.query_one(DraftArea).text
        self.verdict = grade_draft(
            text, question.network, question.lang, self.rules, question.require
        )
        self.show(self.verdict.check)

    def show(self, check: PostCheck) -> None:
        t = self.t
        self.query_one(DraftArea).set_findings(check.findings)
        mark = " ✖" if check.length > check.limit else ""
        summary = t(
            "errors: {errors}, warnings: {warnings}, tips: {tips}",
            errors=sum(f.level == "error" for f in check.findings),
            warnings=sum(f.level == "warning" for f in check.findings),
            tips=sum(f.level == "tip" for f in check.findings),
        )
        self.query_one("#post-counts", Static).update(
            plain_line(
                f"{NETWORK_NAMES[check.network]} {check.length}/{check.limit}{mark} · {summary}"
            )
        )
        options = [
            Option(finding_line(finding, self.lang), id=f"f{index}")
            for index, finding in enumerate(check.findings)
        ] or [Option(plain_line("✔ " + t("No problems found.")), disabled=True)]
        self.query_one("#post-findings", OptionList).set_options(options)

    def response(self) -> Response | None:
        if self.timer is not None:  # submitted before the last check ran: check what is sent
            self.timer.stop()
            self.run_check()
        text = self.query_one(DraftArea).text
        return text if text.strip() else None

    def freeze(self) -> None:
        self.query_one(DraftArea).read_only = True
        self.query_one("#post-findings", OptionList).disabled = True
