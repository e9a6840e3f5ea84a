"""Command palette entries: continue, jump to a module, open the policy, save my record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from trainer.tui.text import plain_line

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


class PlainTitledCommands(Provider):
    """A provider whose titles come from content or learners: shown as text, never markup."""

    def _commands(self) -> Sequence[tuple[str, Callable[[], object]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for title, callback in self._commands():
            yield DiscoveryHit(plain_line(title), callback, text=title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight_plain(matcher, title), callback, text=title)


class TrainingCommands(PlainTitledCommands):
    def _commands(self) -> list[tuple[str, Callable[[], Awaitable[None] | None]]]:
        from trainer.tui.navigation import go_to_next_step, open_module, open_target
        from trainer.tui.screens.completion import deliver_record

        app: TrainerApp = self.app  # type: ignore[assignment]
        session = app.session
        if session is None:
            return []
        t = app.t
        lang = app.services.lang
        commands: list[tuple[str, Callable[[], Awaitable[None] | None]]] = [
            (t("cmd.continue"), partial(go_to_next_step, app)),
        ]
        for module in session.course.modules:
            commands.append(
                (
                    t("cmd.module", title=module.text(lang).title),
                    partial(open_module, app, module.id),
                )
            )
        commands.append(
            (
                t("cmd.policy", title=session.course.policy.text(lang).title),
                partial(open_target, app, "policy"),
            )
        )
        commands.append((t("cmd.save_record"), partial(deliver_record, app)))
        if app.services.data is not None:
            commands.append((t("cmd.switch"), app.sign_out))
        return commands


def highlight_plain(matcher: Matcher, title: str) -> Content:
    """Like `Matcher.highlight`, which parses its input as markup, but for untrusted titles."""
    content = plain_line(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
