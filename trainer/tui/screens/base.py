"""What every screen of the learner app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


class TrainerScreen(Screen[None]):
    """A learner-app screen; `trainer` is the running app with its services and session."""

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]
