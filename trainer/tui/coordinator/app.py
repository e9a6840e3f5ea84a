"""The coordinator dashboard application: the services, the theme, app-wide keys."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.events import DeliveryComplete, DeliveryFailed

from trainer.content.models import Course
from trainer.plain_text import single_line
from trainer.store.folder import DataFolder
from trainer.tui.app import DARK_THEME, LIGHT_THEME
from trainer.tui.coordinator.commands import CoordinatorCommands
from trainer.tui.coordinator.strings import CoordinatorText
from trainer.tui.downloads import keep_private

TUI_DIR = Path(__file__).resolve().parent.parent
EXPORT_DELIVERY = "coordinator-export"


@dataclass
class CoordinatorServices:
    """What every dashboard screen may need, created once by the factory and passed down."""

    course: Course
    lang: str
    data: DataFolder
    save_directory: Path | None = None  # where exports land in a terminal (None: Downloads)
    actor: str | None = None  # who the audit trail names (None: this machine's user)


def translate_bindings(node: DOMNode, t: CoordinatorText) -> None:
    """Show footer descriptions written as `key.*` message keys in the coordinator's language.

    Bindings are declared once per class, so the translated copies replace the node's own
    binding map (Textual copies it per instance).
    """
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(b.description))
            if b.description.startswith("key.")
            else dataclasses.replace(b, description=t("key.palette"))
            if b.action == "command_palette"  # Textual's own key, described in English
            else b
            for b in bindings
        ]


class CoordinatorApp(App[int]):
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        TUI_DIR / "trainer.tcss",
        Path(__file__).resolve().parent / "coordinator.tcss",
    ]
    COMMANDS = App.COMMANDS | {CoordinatorCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help", key_display="F1"),
        Binding("f2", "toggle_theme", "key.theme", key_display="F2"),
        Binding("ctrl+q", "quit", "key.quit", key_display="^q", priority=True),
    ]

    def __init__(self, services: CoordinatorServices) -> None:
        super().__init__()
        self.services = services
        self.t = CoordinatorText(services.lang)
        translate_bindings(self, self.t)
        self.title = self.t("app.title")
        self.sub_title = single_line(services.course.title(services.lang))
        self.theme = DARK_THEME

    def on_mount(self) -> None:
        from trainer.tui.coordinator.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())

    def on_delivery_complete(self, event: DeliveryComplete) -> None:
        keep_private(event.path)
        if event.name != EXPORT_DELIVERY:
            return
        if event.path is None:
            self.notify(self.t("export.downloaded"), markup=False)
        else:
            self.notify(self.t("export.saved", path=str(event.path)), markup=False, timeout=10)

    def on_delivery_failed(self, event: DeliveryFailed) -> None:
        self.notify(
            self.t("common.saving_failed", error=single_line(str(event.exception))),
            severity="error",
            markup=False,
        )

    def action_help(self) -> None:
        from trainer.tui.coordinator.screens.help import CoordinatorHelpScreen

        if not isinstance(self.screen, CoordinatorHelpScreen):
            self.push_screen(CoordinatorHelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME


def make_coordinator_app(
    course: Course, data_dir: Path, lang: str | None, *, save_directory: Path | None = None
) -> CoordinatorApp:
    """The one way to build the dashboard (the CLI and the tests both use it).

    The dashboard only reads the data folder: it runs no start-up recovery, so a damaged
    learner file is reported in the table's notice and left for `trainer verify` and the
    learner app's recovery, never moved by the coordinator's view.
    """
    from trainer.tui.launch import choose_language

    language = choose_language(lang, course.config.languages, course.default_language)
    return CoordinatorApp(
        CoordinatorServices(course, language, DataFolder(data_dir), save_directory)
    )
