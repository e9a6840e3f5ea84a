"""The coordinator dashboard behind served sign-in: only the coordinator role gets past it.

`trainer serve --dashboard` runs this once per browser tab. Until someone with the role signs
in, no screen that reads learners' files exists (the command palette's export entries appear
only with the dashboard), and exports reach the coordinator's browser as downloads
(`App.deliver_text`, which textual-serve turns into a download link).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.events import Mount

from trainer.content.models import Course
from trainer.identity.roles import COORDINATOR, has_role
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder
from trainer.tui.coordinator.app import CoordinatorApp, CoordinatorServices


class ServedCoordinatorApp(CoordinatorApp):
    """The dashboard, opened only for a signed-in coordinator."""

    def on_mount(self, event: Mount | None = None) -> None:
        from trainer.tui.screens.served_sign_in import ServedSignInScreen

        # Textual also runs the base classes' `on_mount`, which would open the dashboard.
        if event is not None:
            event.prevent_default()
        self.push_screen(ServedSignInScreen(on_signed_in=self.admit))

    async def admit(self, learner_id: str, roles: tuple[str, ...]) -> None:
        """Check the role again on disk (it may have been revoked) before showing anything."""
        from trainer.tui.coordinator.screens.dashboard import DashboardScreen
        from trainer.tui.screens.served_sign_in import ServedSignInScreen

        try:
            actor = (
                await asyncio.to_thread(coordinator_actor, self.services.data, learner_id)
                if COORDINATOR in roles
                else None
            )
        except StoreError:
            actor = None
        screen = self.screen
        if actor is None:
            if isinstance(screen, ServedSignInScreen):
                screen.set_status(screen.say("not_coordinator"))
                screen.tell_server("trainer_signed_out")  # still at the sign-in screen
            return
        self.coordinator_id = learner_id
        # Exports and review decisions made in this tab name this person in the audit trail,
        # not the account the server runs under.
        self.services.actor = actor
        # Not awaited: this runs in a worker of the sign-in screen that is being replaced.
        self.switch_screen(DashboardScreen())


def coordinator_actor(data: DataFolder, learner_id: str) -> str | None:
    """`coordinator:<e-mail>` while the person holds the role on disk, else None."""
    if not has_role(data, learner_id):
        return None
    return f"coordinator:{data.learner(learner_id).read().profile.email}"


def make_served_coordinator_app(
    course: Course, data_dir: Path, lang: str | None
) -> ServedCoordinatorApp:
    from trainer.tui.launch import choose_language

    language = choose_language(lang, course.config.languages, course.default_language)
    return ServedCoordinatorApp(CoordinatorServices(course, language, DataFolder(data_dir)))
