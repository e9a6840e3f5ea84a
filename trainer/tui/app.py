"""The Textual application: holds the services and switches between screens."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.events import DeliveryComplete, DeliveryFailed
from textual.screen import Screen

from trainer.content.models import Course
from trainer.session import LearnerSession
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder, RecoveryNotice
from trainer.tui.commands import TrainingCommands
from trainer.tui.downloads import keep_private
from trainer.tui.i18n import Translator, localize_bindings
from trainer.tui.record_notices import learner_of, own_recovery_text
from trainer.tui.widgets.header_icon import use_portable_header_icon
from trainer.user_settings import UserSettings, load_settings, save_settings, settings_path

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


@dataclass
class AppServices:
    """What every screen may need, created once by the factory and passed down."""

    course: Course
    lang: str
    data: DataFolder | None  # None in preview mode: nothing is stored
    recovery: list[RecoveryNotice] = field(default_factory=list)
    preview_path: Path | None = None
    served: bool = False  # `trainer serve`: sign in with a passphrase, links open in the browser
    # The machine user's settings file (light/dark); None: nothing remembered (served, tests).
    settings_file: Path | None = None


class TrainerApp(App[int]):
    CSS_PATH = Path(__file__).parent / "trainer.tcss"
    COMMANDS = App.COMMANDS | {TrainingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "help", key_display="F1"),
        Binding("f2", "toggle_theme", "light/dark", key_display="F2"),
        Binding("ctrl+q", "quit", "quit", key_display="^q", priority=True),
    ]

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.t = Translator(services.lang)
        # Start-up repairs of one learner's file, kept for that learner's own session.
        self.own_notices: dict[str, RecoveryNotice] = {}
        self.session: LearnerSession | None = None
        self.roles: tuple[str, ...] = ()  # served mode: what the signed-in person may do
        self.title = self.t("app.title")
        self.sub_title = services.course.title(services.lang)
        self.settings = (
            load_settings(services.settings_file)
            if services.settings_file is not None
            else UserSettings()
        )
        self.theme = LIGHT_THEME if self.settings.look == "light" else DARK_THEME
        self.settings_unsaved_told = False
        self.writes: set[asyncio.Future[object]] = set()

    def on_mount(self) -> None:
        localize_bindings(self, self.t)
        self.screen_change_signal.subscribe(self, self.localize_screen)
        for notice in self.services.recovery:
            learner_id = learner_of(notice)
            if learner_id is not None:  # told to that learner only, when they sign in
                self.own_notices[learner_id] = notice
                continue
            self.notify(
                self.t("store.recovered", message=notice.message),
                severity="warning",
                timeout=15,
                markup=False,
            )
        if self.services.preview_path is not None:
            from trainer.tui.screens.preview import PreviewScreen

            self.push_screen(PreviewScreen(self.services.preview_path))
            return
        self.start_for_last_learner()

    def start_for_last_learner(self) -> None:
        data = self.services.data
        assert data is not None
        if self.services.served:
            self.show_served_sign_in()
            return
        learner_id = data.last_learner_id()
        if learner_id is not None:
            session = LearnerSession.open(
                self.services.course, data, learner_id, self.services.lang
            )
            if session is None and self.repair_learner(data, learner_id):
                session = LearnerSession.open(
                    self.services.course, data, learner_id, self.services.lang
                )
            if session is not None:
                self.begin_session(session)
                return
        from trainer.tui.screens.sign_in import SignInScreen  # only when nobody is signed in

        self.push_screen(SignInScreen())

    def repair_learner(self, data: DataFolder, learner_id: str) -> bool:
        """A file that parses but holds damaged records: quarantine it, restore a backup."""
        try:
            notice = data.recover_learner(learner_id)
        except StoreError as error:
            self.notify(
                self.t("store.unreadable", error=str(error)), severity="error", markup=False
            )
            return False
        if notice is None:
            return False
        self.own_notices[learner_id] = notice  # shown when the session begins, to them only
        return True

    def begin_session(self, session: LearnerSession) -> None:
        """Show the course map of `session`'s learner, replacing whatever screens are open."""
        from trainer.tui.screens.course_map import CourseMapScreen

        self.session = session
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CourseMapScreen())
        notice = self.own_notices.pop(session.record.profile.learner_id, None)
        if notice is not None:
            self.notify(
                own_recovery_text(self.t, notice), severity="warning", timeout=20, markup=False
            )
        self.show_post_verdicts()

    def show_post_verdicts(self) -> None:
        """Coordinators' decisions on the learner's posts not shown yet, once, at sign-in."""
        from trainer.tui.screens.post_verdicts import VerdictsScreen, unseen_verdicts

        verdicts = unseen_verdicts(self)
        if verdicts:
            self.push_screen(VerdictsScreen(verdicts))

    def show_served_sign_in(self) -> None:
        """Served mode never continues as the last learner: everyone proves who they are."""
        from trainer.tui.screens.served_sign_in import ServedSignInScreen

        self.session = None
        self.roles = ()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ServedSignInScreen())

    def sign_out(self) -> None:
        from trainer.tui.screens.sign_in import SignInScreen

        if self.services.served:
            self.show_served_sign_in()
            return
        if self.services.data is not None:
            self.services.data.set_last_learner_id(None)
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(SignInScreen())

    def write_now(self, write: Callable[..., object], *args: object) -> asyncio.Future[object]:
        """Hand a write to the thread pool at once; the app waits for it before it ends.

        A worker started for a save may be cancelled before it runs when the app stops (a
        browser tab closed just after "Module read"); a write handed over here is not.
        """
        future = asyncio.get_running_loop().run_in_executor(None, functools.partial(write, *args))
        self.writes.add(future)
        future.add_done_callback(self.writes.discard)
        return future

    async def on_unmount(self) -> None:
        """The app is ending: let the writes still in the pool reach the learner's file."""
        if self.writes:
            await asyncio.wait(set(self.writes), timeout=60)

    def report_save_failure(self, error: BaseException) -> None:
        """A save that did not happen: say so plainly (the store's message says what to do)."""
        self.notify(
            self.t("common.saving_failed", error=str(error)),
            severity="error",
            markup=False,
            timeout=15,
        )

    def on_delivery_complete(self, event: DeliveryComplete) -> None:
        keep_private(event.path)
        if event.path is not None:
            self.notify(self.t("complete.saved", path=str(event.path)), markup=False)

    def on_delivery_failed(self, event: DeliveryFailed) -> None:
        self.report_save_failure(event.exception)

    def localize_screen(self, screen: Screen[object]) -> None:
        """Footer descriptions in the interface language, once per screen."""
        if not getattr(screen, "_trainer_localized", False):
            localize_bindings(screen, self.t)
            screen._trainer_localized = True  # type: ignore[attr-defined]
            screen.refresh_bindings()
            if self.services.served:  # a browser may lack the default icon's font
                screen.call_after_refresh(use_portable_header_icon, screen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the interface language and minus the developer ones."""
        t = self.t
        yield SystemCommand(t("cmd.help"), t("cmd.help.help"), self.action_help)
        # Our own light/dark switch (F2) rather than Textual's theme picker, which is English only.
        yield SystemCommand(t("cmd.theme"), t("cmd.theme.help"), self.action_toggle_theme)
        yield SystemCommand(t("cmd.quit"), t("cmd.quit.help"), self.action_quit)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            from trainer.tui.palette import TrainerCommandPalette

            self.push_screen(
                TrainerCommandPalette(
                    placeholder=self.t("cmd.placeholder"),
                    no_matches=self.t("No matches found"),
                )
            )

    def action_help(self) -> None:
        from trainer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in text fields) tells how to quit, in the learner's language."""
        self.notify(
            self.t("Press Ctrl+Q to quit."),
            title=self.t("Do you want to quit?"),
            markup=False,
        )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self.settings = self.settings.with_look("light" if self.theme == LIGHT_THEME else "dark")
        path = self.services.settings_file
        if path is not None:
            self.write_now(save_settings, self.settings, path).add_done_callback(
                self.settings_saved
            )

    def settings_saved(self, future: asyncio.Future[object]) -> None:
        """A look that cannot be remembered still applies now: say so once, calmly."""
        if future.cancelled():
            return
        saved = future.exception() is None and future.result() is True
        if not saved and not self.settings_unsaved_told:
            self.settings_unsaved_told = True
            self.notify(
                self.t("The light or dark look applies until you close the app."),
                markup=False,
            )


def make_app(
    course: Course, data_dir: Path, lang: str | None, *, served: bool = False
) -> TrainerApp:
    """The one way to build the learner app (the CLI and the tests both use it).

    A served process (one per browser tab) skips start-up recovery: `trainer serve` runs it
    once before the first tab opens, and a tab must not read every learner's file.
    """
    from trainer.tui.launch import choose_language

    language = choose_language(lang, course.config.languages, course.default_language)
    data = DataFolder(data_dir)
    notices = [] if served else data.recover()
    from trainer.forwarding.outbox import attach_outbox

    attach_outbox(data, course)  # forwarding to an LRS: each step also fills the outbox
    services = AppServices(course, language, data, recovery=notices, served=served)
    if not served:  # one machine user's choice; a served tab is anyone's browser
        services.settings_file = settings_path()
    return TrainerApp(services)
