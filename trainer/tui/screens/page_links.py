"""The links of the page being read: course links open here, web links in the browser.

A link to another module, a quiz or the policy (`../policy/social-media.md`) opens that screen
in the app, in a terminal and served alike; the screen is dismissed with its target and the
reader goes there, respecting prerequisites. Web links are never opened in a terminal: an
opened link would start a browser on the machine running the app, which with `trainer serve`
is the server. Served, `App.open_url` asks the learner's own browser to open the address
instead (textual-serve's `open_url` message), and only for http and https addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Final
from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trainer.content.course_links import CourseLinkTarget
from trainer.content.markdown_source import course_markdown
from trainer.i18n import N_, Message
from trainer.plain_text import single_line
from trainer.tui.i18n import Translator
from trainer.tui.text import plain, plain_line

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp

WEB_SCHEMES: Final = ("http", "https")

_TEXT: Final[dict[str, Message]] = {
    "title": N_("Links on this page"),
    "none": N_("There are no links on this page."),
    "served": N_("Enter opens the link in a new tab of your browser. Esc closes."),
    "local": N_(
        "Copy the address into your browser (the app never opens links itself). Esc closes."
    ),
    "opened": N_("Opened in your browser: {url}"),
    "in_app": N_("opens here"),
    "course_file": N_("A file of the course that the app cannot show: {url}"),
    "not_web": N_("Only http and https addresses are opened: {url}"),
}


@dataclass(frozen=True)
class PageLink:
    text: str
    address: str

    @property
    def opens_in_browser(self) -> bool:
        return urlsplit(self.address).scheme.lower() in WEB_SCHEMES


def page_links(markdown: str) -> list[PageLink]:
    """Every link of a page, in reading order, without repeats."""
    found: list[PageLink] = []
    seen: set[tuple[str, str]] = set()
    for token in course_markdown().parse(markdown):
        if token.type != "inline" or not token.children:
            continue
        address: str | None = None
        words: list[str] = []
        for child in token.children:
            if child.type == "link_open":
                address, words = str(child.attrs.get("href", "")), []
            elif child.type == "link_close" and address is not None:
                link = PageLink(single_line(" ".join("".join(words).split())), single_line(address))
                if (link.text, link.address) not in seen:
                    seen.add((link.text, link.address))
                    found.append(link)
                address = None
            elif address is not None and child.type in ("text", "code_inline"):
                words.append(child.content)
    return found


class PageLinksScreen(ModalScreen[CourseLinkTarget | None]):
    """Lists a page's links; course links open in the app, web links in the learner's browser
    (only when served)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l", "dismiss_links", "close", key_display="Esc")
    ]
    DEFAULT_CSS = """
    PageLinksScreen { align: center middle; }
    PageLinksScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PageLinksScreen OptionList { height: auto; max-height: 20; }
    """

    def __init__(
        self, links: list[PageLink], targets: list[CourseLinkTarget | None] | None = None
    ) -> None:
        super().__init__()
        self.links = links
        self.targets = targets or [None] * len(links)

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]

    def say(self, key: str, **values: object) -> str:
        return Translator(self.trainer.services.lang, _TEXT)(key, **values)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain_line(self.say("title")), classes="title")
            if not self.links:
                yield Static(plain(self.say("none")))
                return
            served = self.trainer.services.served
            yield Static(plain(self.say("served" if served else "local")), classes="muted")
            yield OptionList(
                *[
                    Option(plain(self.describe(i, link)), id=str(i))
                    for i, link in enumerate(self.links)
                ],
                id="page-links",
            )

    def describe(self, index: int, link: PageLink) -> str:
        target = self.targets[index]
        where = f"→ {self.say('in_app')}" if self.opens_here(target) else link.address
        return f"{link.text or link.address}\n  {where}"

    @staticmethod
    def opens_here(target: CourseLinkTarget | None) -> bool:
        return target is not None and target.kind != "file"

    @on(OptionList.OptionSelected, "#page-links")
    def open_link(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        index = int(event.option.id)
        target = self.targets[index]
        if target is not None and self.opens_here(target):
            self.dismiss(target)
            return
        link = self.links[index]
        if target is not None:
            self.notify(self.say("course_file", url=link.address), markup=False)
            return
        if not self.trainer.services.served:
            return  # in a terminal a web address is only shown
        if not link.opens_in_browser:
            self.notify(self.say("not_web", url=link.address), severity="warning", markup=False)
            return
        self.app.open_url(link.address, new_tab=True)
        self.notify(self.say("opened", url=link.address), markup=False)

    def action_dismiss_links(self) -> None:
        self.dismiss(None)
