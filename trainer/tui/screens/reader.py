"""The module reader: one `##` section per page, a contents sidebar, next/previous keys."""

from __future__ import annotations

import asyncio
import contextlib
from functools import cached_property
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from trainer.content.course_links import CourseLinkTarget
from trainer.content.models import Module, ModuleText
from trainer.store.errors import StoreError
from trainer.tui.pictures import PictureRenderer, PictureSource
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.page_view import PageView


class ReaderScreen(TrainerScreen):
    """Shows one module page by page and records how far the learner got."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "next_page", "next", key_display="→"),
        Binding("left,p", "previous_page", "previous", key_display="←"),
        # Like less and vimtutor: Space and PgDn scroll, and at the bottom turn the page.
        Binding("space,pagedown", "read_on", "read on", show=False, priority=True),
        Binding("t", "toggle_contents", "contents"),
        Binding("l", "links", "links"),
        Binding("q", "take_quiz", "quiz"),
        Binding("escape", "back", "map", key_display="Esc"),
    ]

    def __init__(self, module: Module, page: int = 0, *, record_progress: bool = True) -> None:
        super().__init__()
        self.module = module
        self.page = page
        self.record_progress = record_progress
        self.saving: list[Worker[None]] = []
        self.end_recorded: int | None = None  # the last page, once its visit is being saved

    @property
    def text(self) -> ModuleText:
        return self.module.text(self.trainer.services.lang)

    @cached_property
    def pictures(self) -> PictureRenderer:
        """Draws the module's images (paths relative to the file of the language shown)."""
        root = self.trainer.services.course.root
        return PictureRenderer(PictureSource(root, self.text.path))

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        with Horizontal(id="reader"):
            with Vertical(id="contents-pane"):
                yield Static(t("reader.contents"), id="contents-title", markup=False)
                yield OptionList(
                    *[
                        Option(plain_line(f"{p.index + 1}. {p.title}"), id=str(p.index))
                        for p in self.text.pages
                    ],
                    id="contents",
                )
            with Vertical(id="page-pane"):
                yield Static(id="page-title")
                yield PageView(id="page")
                yield Static(id="page-status")
        yield TrainerFooter()

    def on_mount(self) -> None:
        # Narrow terminals get the whole width for the text; the sidebar is one key away.
        if self.app.size.width < 100:
            self.query_one("#contents-pane").display = False
        self.show_page(min(self.page, len(self.text.pages) - 1))
        self.query_one(PageView).focus()

    def show_page(self, index: int) -> None:
        pages = self.text.pages
        self.page = index
        page = pages[index]
        self.query_one("#page-title", Static).update(
            plain_line(f"{self.text.title} › {page.title}" if index else self.text.title)
        )
        view = self.query_one(PageView)
        view.pictures = self.pictures
        view.update(page.markdown)
        contents = self.query_one("#contents", OptionList)
        contents.highlighted = index
        self.update_status()
        self.refresh_bindings()
        # The last page marks the module read, so it is recorded once its end has been seen
        # (see `end_reached`); the others are recorded at once, for resuming.
        if self.record_progress and index < len(pages) - 1:
            self.record_visit(index)

    @on(PageView.ReachedEnd, "#page")
    def end_reached(self) -> None:
        self.record_end_of_module()
        self.update_status()
        self.refresh_bindings()

    def record_end_of_module(self) -> None:
        """Record the last page as read (once), if it is the page on show."""
        last = len(self.text.pages) - 1
        if self.record_progress and self.page == last and self.end_recorded != last:
            self.end_recorded = last
            self.record_visit(last)

    @property
    def end_seen(self) -> bool:
        """The page's end has been on screen, or is now (a key may beat `ReachedEnd`).

        False while the page is not mounted: the footer asks `check_action` before the page
        is composed and while the screen is being taken down.
        """
        views = self.query(PageView)
        if not views:
            return False
        view = views.first()
        return view.end_seen or view.at_end

    def update_status(self) -> None:
        t = self.trainer.t
        # What the status line says is what is recorded: the end of the last page can be on
        # screen (a short page) before the view's `ReachedEnd` arrives, and "Module read"
        # must not be shown for a visit not handed to the store yet.
        last = len(self.text.pages) - 1
        if self.page == last and self.end_recorded != last and self.end_seen:
            self.record_end_of_module()
        total = len(self.text.pages)
        parts = [t("reader.page", n=self.page + 1, total=total)]
        if not self.end_seen:
            parts.append(t("More below: Space or → scrolls."))
        elif self.page == total - 1:
            if self.module.quiz is not None:
                parts.append(t("reader.module_done", next=t("Press → or q to take the quiz.")))
            else:
                parts.append(t("reader.module_done", next=t("reader.back_to_map")))
        self.query_one("#page-status", Static).update(plain_line("  ·  ".join(parts)))

    def record_visit(self, index: int) -> None:
        """Save the visit now (`write_now`: kept even if the app stops at once) and report
        its outcome in a worker."""
        session = self.trainer.session
        if session is None:
            return
        write = self.trainer.write_now(session.visit_page, self.module.id, index)
        self.saving.append(self.report_visit(write))

    @work(group="save")
    async def report_visit(self, write: asyncio.Future[object]) -> None:
        try:
            await asyncio.shield(write)  # cancelling this worker must not cancel the write
        except StoreError as error:
            self.trainer.report_save_failure(error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing here are not offered (no dead keys in the footer)."""
        last = len(self.text.pages) - 1
        if action == "next_page":
            return self.page < last or self.module.quiz is not None or not self.end_seen
        if action == "previous_page":
            return self.page > 0
        if action == "take_quiz":
            return self.module.quiz is not None and self.page == last and self.end_seen
        return True

    async def action_next_page(self) -> None:
        """→: the rest of this page first, then the next page; after the last, the quiz."""
        if not self.end_seen:
            self.query_one(PageView).scroll_page_down(animate=False)
            return
        self.end_reached()  # records the last page before the quiz's gate looks
        if self.page < len(self.text.pages) - 1:
            self.show_page(self.page + 1)
        else:
            await self.action_take_quiz()

    def action_read_on(self) -> None:
        """Space / PgDn: scroll; at the bottom of a page, turn to the next one."""
        view = self.query_one(PageView)
        if not view.at_end:
            view.scroll_page_down(animate=False)
        elif self.page < len(self.text.pages) - 1:
            self.show_page(self.page + 1)

    def action_previous_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)

    def action_toggle_contents(self) -> None:
        pane = self.query_one("#contents-pane")
        pane.display = not pane.display
        if pane.display:
            self.query_one("#contents", OptionList).focus()
        else:
            self.query_one(PageView).focus()

    @on(OptionList.OptionSelected, "#contents")
    def jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.show_page(int(event.option.id))
            self.query_one(PageView).focus()

    async def saved(self) -> None:
        """Wait for page saves still running, so what comes next sees this module's progress."""
        pending, self.saving = self.saving, []
        for worker in pending:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()

    async def action_take_quiz(self) -> None:
        if self.module.quiz is None:
            return
        self.end_reached()
        await self.saved()
        from trainer.tui.screens.quiz import open_quiz

        await open_quiz(self.trainer, self.module.quiz, replace=self)

    def action_links(self) -> None:
        from trainer.content.course_links import course_link_target
        from trainer.tui.screens.page_links import PageLinksScreen, page_links

        links = page_links(self.text.pages[self.page].markdown)
        course = self.trainer.services.course
        targets = [course_link_target(course, self.text.path, link.address) for link in links]
        self.app.push_screen(PageLinksScreen(links, targets), self.follow_link)

    async def follow_link(self, target: CourseLinkTarget | None) -> None:
        """Open a module (at its page), quiz or the policy, as the course map would."""
        from trainer.tui.navigation import open_module
        from trainer.tui.screens.policy import PolicyScreen
        from trainer.tui.screens.quiz import open_quiz

        if target is None:
            return
        course = self.trainer.services.course
        if target.kind == "module" and target.target_id == self.module.id:
            self.show_page(target.page or 0)
            return
        await self.saved()
        if target.kind == "module" and any(m.id == target.target_id for m in course.modules):
            await open_module(self.trainer, target.target_id, target.page)
        elif target.kind == "quiz" and target.target_id in course.quizzes:
            await open_quiz(self.trainer, target.target_id)
        elif target.kind == "policy" and target.target_id == course.config.policy:
            await self.app.push_screen(PolicyScreen())
        else:
            self.notify(
                self.trainer.t("This part of the course cannot be opened from here."),
                severity="warning",
                markup=False,
            )

    async def action_back(self) -> None:
        await self.saved()
        self.dismiss(None)
