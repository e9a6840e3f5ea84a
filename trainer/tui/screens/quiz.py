"""Taking a quiz: one question at a time, each answer saved the moment it is given."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from trainer.content.models import (
    MultipleChoice,
    Ordering,
    PostExercise,
    Question,
    Quiz,
    QuizText,
    ShortAnswer,
    SingleChoice,
)
from trainer.i18n import N_, Translator
from trainer.learning.exercise_review import exercise_post_id
from trainer.learning.grading import latest_answers
from trainer.learning.records import AnswerRecord, QuizAttempt
from trainer.store.errors import RuleRefusedError, StoreError
from trainer.tui.markdown_text import MarkdownBlock, inline_markdown, markdown_literal
from trainer.tui.record_notices import refused_text
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.answers import AnswerInput, answer_input_for
from trainer.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


@dataclass(frozen=True)
class RightAnswer:
    """The right answer as it is shown after answering and in reviews: one answer a line."""

    heading: str  # English message id: "Correct answer: {answer}", "Correct answers:", ...
    answers: tuple[str, ...]  # inline Markdown for choices and items, plain text when typed
    typed: bool = False  # short answers: what the learner may type, not Markdown
    also_accepted: tuple[str, ...] = ()  # other spellings a typed answer may have
    numbered: bool = False  # ordering: the items in their right order


def right_answer(question: Question) -> RightAnswer | None:
    """What to show as the right answer; None for writing exercises (the checker decides)."""
    if isinstance(question, SingleChoice):
        return RightAnswer(
            "quiz.correct_answer", tuple(c.text for c in question.choices if c.correct)
        )
    if isinstance(question, MultipleChoice):
        return RightAnswer(
            "quiz.correct_answers", tuple(c.text for c in question.choices if c.correct)
        )
    if isinstance(question, ShortAnswer):
        first, *others = question.accepted
        return RightAnswer("quiz.correct_answer", (first,), typed=True, also_accepted=tuple(others))
    if isinstance(question, Ordering):
        return RightAnswer(N_("Correct order:"), question.items, numbered=True)
    return None


def right_answer_markdown(t: Translator, right: RightAnswer) -> str:
    """For the feedback under a question (Markdown): a list when there is more than one line."""

    def shown(answer: str) -> str:
        return markdown_literal(answer) if right.typed else inline_plain(answer)

    if right.heading == "quiz.correct_answer":
        lines = [t("quiz.correct_answer", answer=shown(right.answers[0]))]
    else:
        lines = [t(right.heading), ""]
        for n, answer in enumerate(right.answers, start=1):
            lines.append(f"{n}. {shown(answer)}" if right.numbered else f"- {shown(answer)}")
    if right.also_accepted:
        also = ", ".join(markdown_literal(a) for a in right.also_accepted)
        lines += ["", t("Also accepted: {answers}", answers=also)]
    return "\n".join(lines)


def chosen_feedback(question: Question, response: object) -> list[str]:
    if isinstance(question, SingleChoice) and isinstance(response, int):
        feedback = question.choices[response].feedback
        return [feedback] if feedback else []
    if isinstance(question, MultipleChoice) and isinstance(response, list):
        return [f for i in response if (f := question.choices[i].feedback)]
    return []


class QuizScreen(TrainerScreen):
    """Asks the attempt's questions in its stored order, resuming at the first unanswered one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "hint", "hint"),
        Binding("ctrl+s", "submit", "answer / next", key_display="^s"),
        Binding("pagedown", "scroll_body(1)", "scroll", key_display="PgDn", show=False),
        Binding("pageup", "scroll_body(-1)", "scroll", key_display="PgUp", show=False),
        Binding("escape", "back", "map", key_display="Esc"),
    ]

    def __init__(self, quiz: Quiz, attempt: QuizAttempt) -> None:
        super().__init__()
        self.quiz = quiz
        self.attempt = attempt
        self.index = 0
        self.hint_used = False
        self.answered: AnswerRecord | None = None

    @property
    def text(self) -> QuizText:
        return self.quiz.text(self.attempt.language)

    @property
    def question(self) -> Question:
        return self.text.question(self.attempt.question_ids[self.index])

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        yield Static(id="quiz-position")
        yield Static(self.language_notice(), id="quiz-language", classes="notice")
        with VerticalScroll(id="quiz-body", can_focus=False):
            yield MarkdownBlock(id="quiz-intro", classes="muted")
            yield MarkdownBlock(id="prompt")
            yield Static(id="instruction", classes="muted")
            yield Vertical(id="answer-slot")
            yield MarkdownBlock(id="hint", classes="hint")
            yield Static(id="verdict")
            yield MarkdownBlock(id="feedback", classes="feedback")
        with Horizontal(id="quiz-buttons"):
            yield Button(t("quiz.hint"), id="hint-button")
            yield Button(t("quiz.answer"), id="submit", variant="primary")
        yield TrainerFooter()

    def language_notice(self) -> Content:
        """An attempt keeps the language it was started in (its questions are what is graded):
        resumed with the app in another language, it says so."""
        t = self.trainer.t
        if self.attempt.language == self.trainer.services.lang:
            return Content("")
        return plain_line(
            t(
                "This attempt was started in {language}: its questions stay in {language}, "
                "so that what is graded is exactly what you see.",
                language=t.language_name(self.attempt.language),
            )
        )

    def on_mount(self) -> None:
        from trainer.learning.attempts import resume_question

        self.query_one("#quiz-language").display = (
            self.attempt.language != self.trainer.services.lang
        )
        self.index = min(resume_question(self.attempt), len(self.attempt.question_ids) - 1)
        self.show_question()

    def show_question(self) -> None:
        t = self.trainer.t
        question = self.question
        self.hint_used = False
        self.answered = None
        self.refresh_bindings()
        total = len(self.attempt.question_ids)
        self.query_one("#quiz-position", Static).update(
            plain_line(
                f"{self.text.title} · {t('quiz.question', n=self.index + 1, total=total)}"
                f" · {t('quiz.points', n=question.points)}"
            )
        )
        self.query_one("#prompt", MarkdownBlock).update(question.prompt)
        intro = self.query_one("#quiz-intro", MarkdownBlock)
        intro.display = self.index == 0 and not self.attempt.answers
        if intro.display:
            intro.update(self.intro_markdown())
        kind_key = {
            "single": "quiz.single",
            "multiple": "quiz.multiple",
            "short": "quiz.short",
            "ordering": "quiz.ordering",
            "post": N_("Write the post below; it passes when the checker finds no errors."),
        }[question.kind]
        instruction = t(kind_key)
        shown = self.query_one("#instruction", Static)
        shown.update(plain_line(instruction))
        # Said once: many questions already end with the same instruction in their own words.
        shown.display = _words(instruction) not in _words(question.prompt)
        hint = self.query_one("#hint", MarkdownBlock)
        hint.update("")
        hint.display = False
        self.query_one("#hint-button", Button).display = question.hint is not None
        self.query_one("#hint-button", Button).disabled = False
        self.query_one("#verdict", Static).update("")
        feedback = self.query_one("#feedback", MarkdownBlock)
        feedback.update("")
        feedback.display = False
        slot = self.query_one("#answer-slot")
        slot.remove_children()
        answer = answer_input_for(
            question,
            self.attempt.choice_orders.get(question.id),
            t,
            post_rules=self.quiz.post_rules,
            lang=self.trainer.services.lang,
        )
        slot.mount(answer)
        submit = self.query_one("#submit", Button)
        submit.label = Content(t("quiz.answer"))
        submit.disabled = False
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    def action_hint(self) -> None:
        question = self.question
        if question.hint is None or self.answered is not None:
            return
        self.hint_used = True
        hint = self.query_one("#hint", MarkdownBlock)
        hint.update(f"**{self.trainer.t('quiz.hint_label')}** {question.hint}")
        self.refresh_bindings()
        hint.display = True
        self.query_one("#hint-button", Button).disabled = True

    @on(Button.Pressed, "#hint-button")
    def hint_pressed(self) -> None:
        self.action_hint()

    @on(Input.Submitted, "#short-answer")
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if self.answered is not None:
            self.advance()
            return
        response = self.query_one(AnswerInput).response()
        if response is None:
            self.notify(self.trainer.t("quiz.need_answer"), severity="warning", markup=False)
            return
        self.save_answer(response)

    @work(exclusive=True, group="answer")
    async def save_answer(self, response: int | list[int] | str) -> None:
        session = self.trainer.session
        assert session is not None
        submit = self.query_one("#submit", Button)
        submit.disabled = True
        try:
            record = await asyncio.to_thread(
                session.answer, self.attempt.attempt_id, self.question.id, response, self.hint_used
            )
        except RuleRefusedError as refusal:
            submit.disabled = False
            self.notify(
                refused_text(self.trainer.t, refusal), severity="warning", timeout=15, markup=False
            )
            self.show_what_was_saved()
            return
        except StoreError as error:
            submit.disabled = False
            self.trainer.report_save_failure(error)
            return
        refreshed = session.attempt(self.attempt.attempt_id)
        if refreshed is not None:
            self.attempt = refreshed
        self.show_verdict(record)
        submit.disabled = False

    def show_what_was_saved(self) -> None:
        """After another window answered or finished: show its answer, or its result."""
        session = self.trainer.session
        assert session is not None
        saved = session.attempt(self.attempt.attempt_id)
        if saved is None:
            return
        self.attempt = saved
        if saved.finished:
            from trainer.tui.screens.quiz_result import QuizResultScreen

            self.app.call_later(self.app.switch_screen, QuizResultScreen(self.quiz, saved))
            return
        answer = latest_answers(saved).get(self.question.id)
        if answer is not None:
            self.show_verdict(answer)

    def show_verdict(self, record: AnswerRecord) -> None:
        t = self.trainer.t
        question = self.question
        self.answered = record
        self.query_one(AnswerInput).freeze()
        self.query_one("#hint-button", Button).disabled = True
        if record.correct:
            verdict = Content.styled(t("quiz.correct"), "bold $success")
        elif record.points > 0:
            verdict = Content.styled(
                t("quiz.partly", points=t.number(record.points), max=t.number(record.max_points)),
                "bold $warning",
            )
        else:
            verdict = Content.styled(t("quiz.wrong"), "bold $error")
        self.query_one("#verdict", Static).update(verdict)
        parts = [f"- {f}" for f in chosen_feedback(question, record.response)]
        if isinstance(question, PostExercise):
            if not record.correct:
                parts.append(t("Fix the errors marked in the post and try it again."))
            session = self.trainer.session
            post_id = exercise_post_id(self.attempt.attempt_id, question.id)
            if session is not None and session.record.post(post_id) is not None:
                parts.append(
                    t(
                        "Your post was also sent to the program's coordinators for review: "
                        "you will see their decision when you next sign in."
                    )
                )
        elif not record.correct and (right := right_answer(question)) is not None:
            parts.append("\n" + right_answer_markdown(t, right))
        if question.explanation:
            parts.append(f"\n**{t('quiz.explanation')}**\n\n{question.explanation}")
        feedback = self.query_one("#feedback", MarkdownBlock)
        feedback.update("\n".join(parts))
        feedback.display = bool(parts)
        last = self.index == len(self.attempt.question_ids) - 1
        self.query_one("#submit", Button).label = Content(
            t("quiz.finish") if last else t("quiz.next")
        )
        self.query_one("#submit", Button).focus()
        self.refresh_bindings()
        # Below short terminals the verdict and explanation start under the fold: bring them up.
        self.call_after_refresh(
            self.query_one("#quiz-body", VerticalScroll).scroll_to_widget,
            self.query_one("#verdict"),
            animate=False,
            top=True,
        )

    def intro_markdown(self) -> str:
        """The quiz's own introduction and its rules, before the first question."""
        t = self.trainer.t
        quiz = self.quiz
        lines = [t("quiz.intro.pass", percent=t.percent(quiz.pass_mark))]
        if quiz.attempts is None:
            lines.append(t("quiz.intro.attempt_unlimited", n=self.attempt.number))
        else:
            lines.append(t("quiz.intro.attempt", n=self.attempt.number, total=quiz.attempts))
        pool = len(self.text.questions)
        if len(self.attempt.question_ids) < pool:
            drawn = len(self.attempt.question_ids)
            lines.append(
                t.plural(
                    "{n} question drawn from {pool}.",
                    "{n} questions drawn from {pool}.",
                    drawn,
                    n=drawn,
                    pool=pool,
                )
            )
        if quiz.scoring == "partial":
            lines.append(t("quiz.intro.partial"))
        if quiz.attempts != 1:
            lines.append(t("quiz.intro.counts", method=t(f"quiz.grading.{quiz.grading}")))
        rules = " ".join(lines)
        return f"{self.text.intro}\n\n*{rules}*" if self.text.intro.strip() else f"*{rules}*"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.question.hint is not None and self.answered is None and not self.hint_used
        return True

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    def advance(self) -> None:
        if self.index < len(self.attempt.question_ids) - 1:
            self.index += 1
            self.show_question()
        else:
            self.finish()

    @work(exclusive=True, group="answer")
    async def finish(self) -> None:
        session = self.trainer.session
        assert session is not None
        try:
            attempt = await asyncio.to_thread(session.finish_quiz, self.attempt.attempt_id)
        except RuleRefusedError as refusal:
            self.notify(
                refused_text(self.trainer.t, refusal), severity="warning", timeout=15, markup=False
            )
            self.show_what_was_saved()
            return
        except StoreError as error:
            self.trainer.report_save_failure(error)
            return
        from trainer.tui.screens.quiz_result import QuizResultScreen

        self.app.call_later(self.app.switch_screen, QuizResultScreen(self.quiz, attempt))

    def action_back(self) -> None:
        self.dismiss(None)


def inline_plain(text: str) -> str:
    """Inline Markdown flattened to its words (for "correct answer: ..." lines)."""
    return inline_markdown(text).plain


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


async def open_quiz(
    app: TrainerApp,
    quiz_id: str,
    *,
    replace: Screen[None] | None = None,
    start_new: bool = False,
) -> None:
    """Open the quiz: resume an unfinished attempt; else show the last result (which offers
    a retake) unless `start_new`; else start the first attempt."""
    from trainer.learning.errors import AttemptsExhausted
    from trainer.tui.screens.quiz_result import QuizResultScreen

    session = app.session
    assert session is not None
    quiz = session.course.quizzes[quiz_id]
    gate = session.quiz_gate(quiz_id)
    if gate is not None:
        title = session.course.module(gate).text(app.services.lang).title
        app.notify(app.t("quiz.locked", title=title), severity="warning", markup=False)
        return
    last = session.last_finished_attempt(quiz_id)
    unfinished = any(not a.finished for a in session.record.attempts_for(quiz_id))
    if last is not None and not unfinished and not start_new:
        result: Screen[None] = QuizResultScreen(quiz, last)
        if replace is not None and app.screen is replace:
            await app.switch_screen(result)
        else:
            await app.push_screen(result)
        return
    try:
        attempt = await asyncio.to_thread(session.begin_quiz, quiz_id)
    except AttemptsExhausted:
        last = session.last_finished_attempt(quiz_id)
        screen: Screen[None] | None = QuizResultScreen(quiz, last) if last else None
        if screen is None:
            app.notify(app.t("quiz.result.no_attempts"), severity="warning", markup=False)
            return
    except StoreError as error:
        app.report_save_failure(error)
        return
    else:
        screen = QuizScreen(quiz, attempt)
    if replace is not None and app.screen is replace:
        await app.switch_screen(screen)
    else:
        await app.push_screen(screen)
