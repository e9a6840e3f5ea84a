"""Command palette entries: continue, jump to a module, open the policy, save my record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from trainer.tui.text import plain_line

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


TOPIC_WEIGHT = 0.5
"""A query found only in a module's or policy's title counts half: typing "save" finds
"Save my record" before a module called "Save the date"."""


@dataclass(frozen=True)
class Command:
    title: str  # as shown: "Go to module: Save the date"
    callback: Callable[[], object]
    own_words: str | None = (
        None  # the command's own part ("Go to module:") when the rest is a topic
    )


class PlainTitledCommands(Provider):
    """A provider whose titles come from content or learners: shown as text, never markup."""

    def _commands(self) -> Sequence[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(plain_line(command.title), command.callback, text=command.title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0 and command.own_words is not None:
                score = max(matcher.match(command.own_words), score * TOPIC_WEIGHT)
            if score > 0:
                title = command.title
                yield Hit(score, highlight_plain(matcher, title), command.callback, text=title)


class TrainingCommands(PlainTitledCommands):
    def _commands(self) -> list[Command]:
        from trainer.tui.navigation import go_to_next_step, open_module, open_target
        from trainer.tui.screens.completion import deliver_record

        app: TrainerApp = self.app  # type: ignore[assignment]
        session = app.session
        if session is None:
            return []
        t = app.t
        lang = app.services.lang
        commands = [Command(t("cmd.continue"), partial(go_to_next_step, app))]
        for module in session.course.modules:
            commands.append(
                Command(
                    t("cmd.module", title=module.text(lang).title),
                    partial(open_module, app, module.id),
                    own_words=t("cmd.module", title=""),
                )
            )
        commands.append(
            Command(
                t("cmd.policy", title=session.course.policy.text(lang).title),
                partial(open_target, app, "policy"),
                own_words=t("cmd.policy", title=""),
            )
        )
        commands.append(Command(t("cmd.save_record"), partial(deliver_record, app)))
        if app.services.data is not None:
            commands.append(Command(t("cmd.switch"), app.sign_out))
        return commands


def highlight_plain(matcher: Matcher, title: str) -> Content:
    """Like `Matcher.highlight`, which parses its input as markup, but for untrusted titles."""
    content = plain_line(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
