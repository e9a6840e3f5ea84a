"""Going from the course map (or the command palette) to a module, quiz, policy or summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from trainer.session import StepKind

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def next_step_label(app: TrainerApp) -> str:
    """What Continue does next, in words (the course map's button, the quiz result)."""
    session = app.session
    assert session is not None
    t = app.t
    lang = app.services.lang
    step = session.next_step()
    if step is None:
        return t("map.continue.done")
    if step.kind == StepKind.MODULE:
        title = session.course.module(step.target_id).text(lang).title
        return t("map.continue.module", title=title, page=step.page + 1)
    if step.kind == StepKind.QUIZ:
        title = session.course.quizzes[step.target_id].text(lang).title
        if step.in_progress:
            return t("map.continue.quiz", title=title, n=step.question + 1)
        return t("map.continue.start_quiz", title=title)
    return t("map.continue.policy", title=session.course.policy.text(lang).title)


async def open_module(app: TrainerApp, module_id: str, page: int | None = None) -> None:
    from trainer.tui.screens.reader import ReaderScreen

    session = app.session
    assert session is not None
    status = session.module_status(module_id)
    if status.state == "locked":
        lang = app.services.lang
        titles = ", ".join(session.course.module(m).text(lang).title for m in status.missing)
        app.notify(app.t("reader.locked", modules=titles), severity="warning", markup=False)
        return
    if page is None:
        progress = session.record.modules.get(module_id)
        page = progress.page if progress is not None else 0
    await app.push_screen(ReaderScreen(session.course.module(module_id), page))


async def open_target(app: TrainerApp, target: str) -> None:
    """`target` is an option id of the course map: module:ID, quiz:ID, policy, summary, studio."""
    from trainer.tui.screens.completion import CompletionScreen
    from trainer.tui.screens.policy import PolicyScreen
    from trainer.tui.screens.quiz import open_quiz

    kind, _, target_id = target.partition(":")
    if kind == "module":
        await open_module(app, target_id)
    elif kind == "quiz":
        await open_quiz(app, target_id)
    elif kind == "policy":
        await app.push_screen(PolicyScreen())
    elif kind == "summary":
        await app.push_screen(CompletionScreen())
    elif kind == "studio":
        from trainer.tui.screens.post_ideas import PostIdeasScreen

        await app.push_screen(PostIdeasScreen())


async def go_to_next_step(app: TrainerApp) -> None:
    """The one obvious "Continue": exactly where the learner stopped, or what comes next."""
    from trainer.tui.screens.completion import CompletionScreen
    from trainer.tui.screens.policy import PolicyScreen
    from trainer.tui.screens.quiz import open_quiz

    session = app.session
    if session is None:
        return
    step = session.next_step()
    if step is None:
        await app.push_screen(CompletionScreen())
    elif step.kind == StepKind.MODULE:
        await open_module(app, step.target_id, step.page)
    elif step.kind == StepKind.QUIZ:
        await open_quiz(app, step.target_id)
    else:
        await app.push_screen(PolicyScreen())


async def after_policy(app: TrainerApp, policy_screen: Screen[None]) -> None:
    """After a decision: the summary if that completed the course, else back to the map."""
    from trainer.tui.screens.completion import CompletionScreen

    session = app.session
    if session is not None and session.is_complete():
        await app.switch_screen(CompletionScreen())
    elif app.screen is policy_screen:
        app.pop_screen()
