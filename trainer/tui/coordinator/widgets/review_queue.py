"""The dashboard's review tab: posts ambassadors sent for review, with their findings.

Approve, or request changes with a comment; the decision is stored in the ambassador's record
(who and when) and in the audit trail, and the ambassador sees it at their next sign-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from trainer.audit import default_actor
from trainer.learning.records import StudioPost
from trainer.plain_text import single_line, terminal_safe
from trainer.posts.networks import NETWORK_NAMES
from trainer.store.errors import StoreError
from trainer.studio.review import QueuedPost, decide, review_queue

if TYPE_CHECKING:
    from trainer.tui.coordinator.app import CoordinatorApp


class ReviewQueue(Vertical):
    """Submitted posts awaiting a decision, oldest first; the chosen one in full below."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queue: list[QueuedPost] = []

    @property
    def coordinator(self) -> CoordinatorApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        t = self.coordinator.t
        yield Static(id="review-count")
        yield DataTable[Text](id="review-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="review-post", classes="review-post")
        yield Input(
            placeholder=t("Comment for the ambassador"), id="review-comment", max_length=2000
        )
        with Horizontal(id="review-buttons"):
            yield Button(t("Approve"), id="approve", variant="success", compact=True)
            yield Button(t("Request changes"), id="changes", variant="warning", compact=True)

    def on_mount(self) -> None:
        t = self.coordinator.t
        table = self.query_one(DataTable)
        for key, label in (
            ("submitted", t("Sent")),
            ("name", t("Ambassador")),
            ("team", t("Team")),
            ("source", t("Source")),
            ("network", t("Network")),
            ("template", t("Template or exercise")),
            ("findings", t("Findings")),
        ):
            table.add_column(label, key=key)
        self.reload()

    @work(thread=True, exclusive=True, group="review")
    def reload(self) -> None:
        unreadable: list[StoreError] = []
        queue = review_queue(self.coordinator.services.data, on_error=unreadable.append)
        self.app.call_from_thread(self.show_queue, queue, len(unreadable))

    def show_queue(self, queue: list[QueuedPost], unreadable: int = 0) -> None:
        t = self.coordinator.t
        self.queue = queue
        table = self.query_one(DataTable)
        table.clear()
        for index, queued in enumerate(queue):
            post = queued.post
            errors = post.errors
            warnings = sum(f.level == "warning" for f in post.findings)
            table.add_row(
                Text(t.datetime(post.submitted_at) if post.submitted_at else "—"),
                Text(single_line(queued.profile.name)),
                Text(single_line(queued.profile.team) or "—"),
                Text(self.source_name(post.source)),
                Text(NETWORK_NAMES[post.network]),
                Text(single_line(post.template_id or post.question_id or "—")),
                Text(
                    t("errors: {errors}, warnings: {warnings}", errors=errors, warnings=warnings),
                    style="bold red" if errors else "",
                ),
                key=str(index),
            )
        count = t("Posts awaiting review: {n}", n=len(queue))
        if unreadable:
            # Their posts cannot be listed: say so (the learners tab names the files).
            count += " " + t("Learner files that cannot be read: {n}", n=unreadable)
        self.query_one("#review-count", Static).update(Text(count))
        self.show_post(0 if queue else None)

    def source_name(self, source: str) -> str:
        t = self.coordinator.t
        return t("Exercise") if source == "exercise" else t("Hub")

    def exercise_title(self, post: StudioPost) -> str:
        """Which quiz question the draft answers, in the coordinator's language."""
        t = self.coordinator.t
        quiz = self.coordinator.services.course.quizzes.get(post.quiz_id or "")
        if quiz is None:
            return single_line(
                t(
                    "Writing exercise {question} (quiz {quiz})",
                    question=post.question_id or "—",
                    quiz=post.quiz_id or "—",
                )
            )
        text = quiz.text(self.coordinator.services.lang)
        prompt = next(
            (q.prompt.split("\n")[0] for q in text.questions if q.id == post.question_id),
            post.question_id or "—",
        )
        return single_line(
            t("Writing exercise in {quiz}: {question}", quiz=text.title, question=prompt)
        )

    @on(DataTable.RowHighlighted, "#review-table")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_post(event.cursor_row)

    def selected(self) -> QueuedPost | None:
        row = self.query_one(DataTable).cursor_row
        return self.queue[row] if 0 <= row < len(self.queue) else None

    def show_post(self, row: int | None) -> None:
        t = self.coordinator.t
        shown = self.query_one("#review-post", Static)
        buttons_enabled = row is not None and 0 <= row < len(self.queue)
        for button in self.query(Button):
            button.disabled = not buttons_enabled
        if not buttons_enabled or row is None:
            shown.update(Text(t("Nothing to review.")))
            return
        post = self.queue[row].post
        lines = Text()
        if post.source == "exercise":
            lines.append(self.exercise_title(post) + "\n\n", "bold")
        lines.append(terminal_safe(post.draft))
        if post.findings:
            lines.append("\n\n")
            for finding in post.findings:
                style = {"error": "red", "warning": "yellow", "tip": "cyan"}[finding.level]
                lines.append(
                    f"{finding.level} {finding.line}:{finding.col} {finding.code}\n", style
                )
        if post.verdict is not None:
            lines.append(
                "\n"
                + t(
                    "Earlier decision: {decision} ({reviewer})",
                    decision=post.verdict.decision,
                    reviewer=single_line(post.verdict.reviewer),
                )
            )
        shown.update(lines)

    @on(Button.Pressed, "#approve")
    def approve(self) -> None:
        self.decide("approved")

    @on(Button.Pressed, "#changes")
    def request_changes(self) -> None:
        self.decide("changes_requested")

    def decide(self, decision: str) -> None:
        t = self.coordinator.t
        queued = self.selected()
        if queued is None:
            return
        comment = self.query_one("#review-comment", Input).value
        try:
            decide(
                self.coordinator.services.data,
                queued.profile.learner_id,
                queued.post.post_id,
                decision=decision,
                comment=comment,
                reviewer=self.coordinator.services.actor or default_actor(),
            )
        except ValueError:
            self.notify(
                t("Say what to change: a request for changes needs a comment."),
                severity="warning",
                markup=False,
            )
            self.query_one("#review-comment", Input).focus()
            return
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.query_one("#review-comment", Input).value = ""
        self.notify(
            t(
                "Decision saved: {name} will see it at their next sign-in.",
                name=single_line(queued.profile.name),
            ),
            markup=False,
        )
        self.reload()
