"""The learner's home: modules by track with their status, overall progress and one Continue."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from trainer.i18n import N_
from trainer.tui.hanging_text import HangingText
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter

STATUS_MARK = {"done": "✔", "in_progress": "◐", "not_started": "○", "locked": "🔒"}


class CourseMapScreen(TrainerScreen):
    """Everything the learner has to do, and the one obvious next step."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", N_("continue")),
        Binding("i", "post_ideas", N_("post ideas")),
        Binding("escape", "back_to_preview", N_("problems"), key_display="Esc"),
        # Not in the footer (the "Switch learner" button beside the name shows it; 80 columns
        # are few), but documented and working.
        Binding("s", "switch_learner", N_("switch learner"), show=False),
    ]

    def action_back_to_preview(self) -> None:
        """In `trainer preview`, the course's validation messages are one key away."""
        if self.trainer.services.preview_path is not None:
            self.dismiss(None)

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        with Vertical(id="map"):
            with Horizontal(id="map-top"):
                yield Static(id="learner")
                yield Button(t("map.switch"), id="switch", compact=True)
            yield Static(id="course-description", classes="muted")
            with Horizontal(id="map-progress"):
                yield ProgressBar(id="overall", show_eta=False, show_percentage=True)
                yield Static(id="progress-label")
            yield Button(t("map.continue"), id="continue", variant="primary")
            yield OptionList(id="modules")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.refresh_map()
        self.query_one("#continue", Button).focus()

    def on_screen_resume(self) -> None:
        self.refresh_map()

    def refresh_map(self) -> None:
        session = self.trainer.session
        if session is None:
            return
        t = self.trainer.t
        lang = self.trainer.services.lang
        course = session.course
        profile = session.record.profile
        self.query_one("#learner", Static).update(
            plain_line(t("map.signed_in", name=profile.name, team=profile.team or "—"))
        )
        description = course.description(lang)
        about = self.query_one("#course-description", Static)
        about.update(plain_line(description))
        about.display = bool(description.strip())
        progress = session.progress()
        bar = self.query_one("#overall", ProgressBar)
        bar.update(total=progress.total_steps, progress=progress.done_steps)
        label = t("map.progress", done=progress.done_steps, total=progress.total_steps)
        due = session.due_date()
        if due is not None and not progress.complete:
            key = "map.overdue" if session.is_overdue() else "map.due"
            label += " · " + t(key, date=t.date(due))
        self.query_one("#progress-label", Static).update(plain_line(label))
        self.query_one("#continue", Button).label = plain_line(self.continue_label())

        options: list[Option | None] = []
        for track in course.config.tracks:
            modules = [m for m in course.modules if m.track == track.id]
            if not modules:
                continue
            options.append(
                Option(
                    Content.styled(course.track_title(track.id, lang).upper(), "bold"),
                    disabled=True,
                )
            )
            for module in modules:
                options.append(Option(self.module_line(module.id), id=f"module:{module.id}"))
                if module.quiz is not None and module.quiz in course.quizzes:
                    options.append(Option(self.quiz_line(module.quiz), id=f"quiz:{module.quiz}"))
            options.append(None)
        policy = course.policy
        policy_text = policy.text(lang)
        state = session.policy_state()
        mark = "✔" if state == "accepted_current" else "○"
        policy_line = (
            t("map.policy", title=policy_text.title, version=policy.version)
            + f" — {t('policy.state.' + state)}"
        )
        options.append(Option(hanging(f"{mark} ", policy_line), id="policy"))
        options.append(Option(hanging("★ ", t("map.complete")), id="summary"))
        if self.trainer.services.data is not None and course.hub:
            options.append(
                Option(hanging("✎ ", t("Post ideas: write and check a post")), id="studio")
            )
        modules_list = self.query_one("#modules", OptionList)
        highlighted = modules_list.highlighted
        modules_list.clear_options()
        modules_list.add_options(options)
        if highlighted is not None and highlighted < modules_list.option_count:
            modules_list.highlighted = highlighted

    def module_line(self, module_id: str) -> HangingText:
        session = self.trainer.session
        assert session is not None
        t = self.trainer.t
        lang = self.trainer.services.lang
        module = session.course.module(module_id)
        status = session.module_status(module_id)
        line = (
            f"{module.text(lang).title}"
            f" · {t('map.minutes', n=module.minutes)} · {t('status.' + status.state)}"
        )
        if status.state == "locked":
            titles = ", ".join(session.course.module(m).text(lang).title for m in status.missing)
            line += f" ({t('map.locked_by', modules=titles)})"
        content = plain_line(line)
        if status.state == "locked":
            content = content.stylize("dim")
        # The title's wrapped lines hang under the title, the summary's under the summary.
        paragraphs = [(Content(f"{STATUS_MARK[status.state]} "), content)]
        summary = module.text(lang).summary
        if summary.strip():
            paragraphs.append((Content("   "), plain_line(summary).stylize("$text-muted")))
        return HangingText(paragraphs)

    def quiz_line(self, quiz_id: str) -> HangingText:
        session = self.trainer.session
        assert session is not None
        t = self.trainer.t
        quiz = session.course.quizzes[quiz_id]
        result = session.quiz_summary(quiz_id)
        if session.quiz_gate(quiz_id) is not None and not result.attempts_used:
            state = t("map.quiz.after_module")
        elif result.in_progress:
            state = t("map.quiz.in_progress")
        elif result.score is None:
            state = t("map.quiz.none")
        else:
            score = f"{round(result.score * 100)}%"
            if result.passed:
                state = t("map.quiz.passed", score=score)
            elif result.attempts_left == 0:
                state = t("map.quiz.no_attempts", score=score)
            else:
                state = t("map.quiz.failed", score=score)
        mark = "✔" if result.passed else "✎"
        title = quiz.text(self.trainer.services.lang).title
        return hanging(f"   {mark} ", f"{title} — {state}")

    def continue_label(self) -> str:
        from trainer.tui.navigation import next_step_label

        return next_step_label(self.trainer)

    @on(Button.Pressed, "#continue")
    async def action_continue(self) -> None:
        from trainer.tui.navigation import go_to_next_step

        await go_to_next_step(self.trainer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The studio's key only where there is a hub and a place to keep posts; Esc only in
        a preview."""
        if action == "post_ideas":
            return self.trainer.services.data is not None and bool(self.trainer.services.course.hub)
        if action == "back_to_preview":  # in `trainer preview`: back to the course's problems
            return self.trainer.services.preview_path is not None
        if action == "switch_learner":  # nobody signs in to a preview
            return self.trainer.services.preview_path is None
        return True

    async def action_post_ideas(self) -> None:
        from trainer.tui.navigation import open_target

        if self.trainer.services.data is not None and self.trainer.session is not None:
            await open_target(self.trainer, "studio")

    @on(Button.Pressed, "#switch")
    def action_switch_learner(self) -> None:
        """Ask first: signing out by accident would leave the learner at an empty form."""
        from trainer.tui.screens.switch_learner import ConfirmSwitchLearner

        session = self.trainer.session
        name = session.record.profile.name if session is not None else ""

        def decided(switch: bool | None) -> None:
            if switch:
                self.trainer.sign_out()

        self.app.push_screen(ConfirmSwitchLearner(name), decided)

    @on(OptionList.OptionSelected, "#modules")
    async def open_selected(self, event: OptionList.OptionSelected) -> None:
        from trainer.tui.navigation import open_target

        if event.option.id:
            await open_target(self.trainer, event.option.id)


def hanging(mark: str, text: str) -> HangingText:
    """One map line: `mark` first, the (untrusted) text wrapping under its own first word."""
    return HangingText([(Content(mark), plain_line(text))])
