"""Help for coordinators, from `help/help.<lang>.md` beside the dashboard's code."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from trainer.tui.screens.help import HelpScreen, help_markdown

HELP_DIR = Path(__file__).resolve().parent.parent / "help"


def coordinator_help(lang: str) -> str:
    return help_markdown(lang, HELP_DIR)


class CoordinatorHelpScreen(HelpScreen):
    HELP_DIR: ClassVar[Path] = HELP_DIR
