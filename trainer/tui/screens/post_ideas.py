"""Post ideas: the hub's current templates, filtered by network, topic and language."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from trainer.content.models import HubTemplate
from trainer.i18n import N_
from trainer.posts.networks import NETWORK_NAMES, NETWORKS, Network
from trainer.studio.drafts import IdeaFilter, post_ideas
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter

ANY = "any"


class PostIdeasScreen(TrainerScreen):
    """Pick a template (or an idea to write about) and open it in the writing screen."""

    CSS_PATH = "studio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write_own", N_("write your own")),
        Binding("escape", "back", N_("map"), key_display="Esc"),
    ]

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.today = today or dt.date.today()
        self.shown: list[HubTemplate] = []

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        course = self.trainer.services.course
        lang = self.trainer.services.lang
        yield Header()
        with Vertical(id="ideas"):
            yield Static(plain_line(t("Post ideas")), id="ideas-title")
            with Horizontal(id="ideas-filters"):
                yield Select(
                    [(t("All networks"), ANY), *[(NETWORK_NAMES[n], n) for n in NETWORKS]],
                    value=ANY,
                    allow_blank=False,
                    compact=True,
                    id="filter-network",
                )
                yield Select(
                    [
                        (t("All topics"), ANY),
                        *[
                            (course.topic_title(topic.id, lang), topic.id)
                            for topic in course.config.topics
                        ],
                    ],
                    value=ANY,
                    allow_blank=False,
                    compact=True,
                    id="filter-topic",
                )
                yield Select(
                    [(code.upper(), code) for code in course.config.languages],
                    value=lang if lang in course.config.languages else course.default_language,
                    allow_blank=False,
                    compact=True,
                    id="filter-lang",
                )
            yield OptionList(id="ideas-list")
            yield Static(id="ideas-hint", classes="muted")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.refresh_ideas()
        self.query_one("#ideas-list", OptionList).focus()

    def wanted(self) -> IdeaFilter:
        network = self.query_one("#filter-network", Select).value
        topic = self.query_one("#filter-topic", Select).value
        lang = self.query_one("#filter-lang", Select).value
        return IdeaFilter(
            network=network if network in NETWORKS else None,
            topic=topic if isinstance(topic, str) and topic != ANY else None,
            lang=lang if isinstance(lang, str) else None,
        )

    @on(Select.Changed)
    def refresh_ideas(self) -> None:
        t = self.trainer.t
        course = self.trainer.services.course
        wanted = self.wanted()
        self.shown = post_ideas(course, wanted, self.today)
        ideas = self.query_one("#ideas-list", OptionList)
        ideas.clear_options()
        for index, template in enumerate(self.shown):
            ideas.add_option(Option(self.idea_lines(template, wanted.lang), id=f"idea{index}"))
        if self.shown:  # Enter opens the first idea straight away, as the hint says
            ideas.highlighted = 0
        hint = (
            t("Enter opens the template in the writing screen; W starts an empty post.")
            if self.shown
            else t("No current templates match these filters.")
        )
        self.query_one("#ideas-hint", Static).update(plain_line(hint))

    def idea_lines(self, template: HubTemplate, lang: str | None) -> Content:
        t = self.trainer.t
        ui_lang = self.trainer.services.lang
        course = self.trainer.services.course
        text = template.text(lang or ui_lang)
        mark = "💡" if template.kind == "inspiration" else "✎"
        networks = ", ".join(NETWORK_NAMES[n] for n in template.networks)
        topics = ", ".join(course.topic_title(topic, ui_lang) for topic in template.topics)
        details = " · ".join(part for part in (networks, topics) if part)
        if template.valid_until is not None:
            details += " · " + t("until {date}", date=self.trainer.t.date(template.valid_until))
        first = plain_line(f"{mark} {text.title}").stylize("bold")
        indent = Content("   ")
        second = indent + plain_line(details).stylize("dim")
        lines = [first, second]
        if text.summary:
            lines.append(indent + plain_line(text.summary))
        return Content("\n").join(lines)

    @on(OptionList.OptionSelected, "#ideas-list")
    def open_idea(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        template = self.shown[int(event.option.id.removeprefix("idea"))]
        wanted = self.wanted()
        network: Network = (
            wanted.network
            if wanted.network is not None and wanted.network in template.networks
            else template.networks[0]
        )
        self.open_writer(template, network, wanted.lang or self.trainer.services.lang)

    def open_writer(self, template: HubTemplate | None, network: Network, lang: str) -> None:
        from trainer.tui.screens.post_writer import PostWriterScreen

        self.app.push_screen(PostWriterScreen(template=template, lang=lang, network=network))

    def action_write_own(self) -> None:
        wanted = self.wanted()
        self.open_writer(
            None, wanted.network or "linkedin", wanted.lang or self.trainer.services.lang
        )

    def action_back(self) -> None:
        self.dismiss(None)
