"""The writing screen: a draft, the checker's findings as you type, and what the feed will show.

Every keystroke marks the draft as changed; the check runs once per batch of queued edits
(`call_later`), so fast typing never queues checks and the findings follow within a frame
(benchmarks/bench_posts.py measures it). The draft is saved in the learner's record whenever
the ambassador copies, saves, shares, marks it posted, sends it for review or leaves.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Header, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from trainer.content.models import HubTemplate
from trainer.i18n import N_
from trainer.learning.records import StudioPost
from trainer.plain_text import single_line
from trainer.posts.checker import check_post
from trainer.posts.findings import Finding, PostCheck
from trainer.posts.networks import NETWORK_NAMES, NETWORKS, Network, post_length
from trainer.posts.rules import PostLanguage, PostRules
from trainer.store.errors import StoreError
from trainer.studio.ambassador import AmbassadorPosts, pseudonym
from trainer.studio.drafts import campaign_link, fill_placeholders, share_url
from trainer.tui.downloads import local_save_folder
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.draft_area import DraftArea, finding_line
from trainer.tui.widgets.footer import TrainerFooter

_FILE_SAFE = re.compile(r"[^a-z0-9-]+")


class PostWriterScreen(TrainerScreen):
    """Write (or adapt) one post for one network, with the program's rules checked live."""

    CSS_PATH = "studio.tcss"
    # Keys a browser keeps for itself (Ctrl+T, Ctrl+N, Ctrl+W) are not used: under
    # `trainer serve` they would open tabs instead of reaching the app.
    save_directory: ClassVar[Path | None] = None
    """Where copies are saved in a terminal (None: the Downloads folder); tests set it."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+b", "copy_post", N_("copy")),
        Binding("ctrl+s", "save_file", N_("save to file")),
        Binding("ctrl+o", "share", N_("share")),
        Binding("ctrl+g", "posted", N_("posted")),
        Binding("ctrl+r", "submit", N_("send for review")),
        Binding("ctrl+l", "notes", N_("notes")),
        Binding("escape", "back", N_("back"), key_display="Esc"),
    ]

    def __init__(
        self,
        *,
        template: HubTemplate | None,
        lang: str,
        network: Network,
        post: StudioPost | None = None,
    ) -> None:
        super().__init__()
        self.template = template
        self.post_lang = lang
        self.network: Network = network
        self.post = post
        self.check: PostCheck | None = None
        self.check_pending = False
        self.checks_run = 0
        self.last_check_seconds = 0.0
        self.last_check_done = 0.0  # perf_counter() when the findings were last shown
        self.saved_text: str | None = None
        self._ambassador_ref: str | None = None
        self.other_lengths: dict[Network, int] = {}
        self.counts_timer: Timer | None = None
        self.shown_findings: tuple[tuple[str, str, int, int, str], ...] | None = None

    # -- building ------------------------------------------------------------------------

    @property
    def rules(self) -> PostRules:
        return self.trainer.services.course.config.posts

    def ambassador_ref(self) -> str | None:
        """The pseudonymous id in campaign links (read once: it is checked on every key)."""
        if self._ambassador_ref is None:
            data = self.trainer.services.data
            session = self.trainer.session
            if data is None or session is None:
                return None
            self._ambassador_ref = pseudonym(session.record.profile.learner_id, data.root)
        return self._ambassador_ref

    def link(self) -> str | None:
        ref = self.ambassador_ref()
        if self.template is None or ref is None:
            return None
        return campaign_link(self.template, self.network, self.rules, ref)

    def starting_text(self) -> str:
        if self.post is not None:
            return self.post.draft
        session = self.trainer.session
        if self.template is None or session is None:
            return ""
        text = self.template.text(self.post_lang).post
        return fill_placeholders(text, session.record.profile, self.rules, self.link())

    def networks(self) -> tuple[Network, ...]:
        return self.template.networks if self.template is not None else NETWORKS

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        title = self.template.text(self.post_lang).title if self.template else t("Your own post")
        yield Header()
        with Vertical(id="writer"):
            with Horizontal(id="writer-top"):
                yield Static(plain_line(title), id="writer-title")
                yield Select(
                    [(NETWORK_NAMES[n], n) for n in self.networks()],
                    value=self.network,
                    allow_blank=False,
                    compact=True,
                    id="writer-network",
                )
            yield DraftArea(self.starting_text(), id="draft")
            yield Static(id="writer-feed")
            yield Static(id="writer-counts")
            yield OptionList(id="writer-findings")
            with Horizontal(id="writer-buttons"):
                yield Button(t("Copy"), id="copy", variant="primary", compact=True)
                yield Button(t("Save to file"), id="save-file", compact=True)
                yield Button(t("Share"), id="share", compact=True)
                yield Button(t("I posted it"), id="posted", compact=True)
                yield Button(t("Send for review"), id="submit", compact=True)
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.run_check()
        self.query_one(DraftArea).focus()

    # -- checking ------------------------------------------------------------------------

    @on(TextArea.Changed, "#draft")
    def draft_changed(self) -> None:
        if not self.check_pending:
            self.check_pending = True
            self.call_later(self.run_check)

    @on(Select.Changed, "#writer-network")
    def network_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.network:
            self.network = event.value  # type: ignore[assignment]
            self.run_check()

    def run_check(self) -> None:
        started = time.perf_counter()
        self.check_pending = False
        text = self.query_one(DraftArea).text
        lang: PostLanguage | None = self.post_lang if self.post_lang in ("pl", "en") else None  # type: ignore[assignment]
        self.check = check_post(
            text,
            self.network,
            lang,
            self.rules,
            campaign=self.template.id if self.template else None,
            ambassador=self.ambassador_ref(),
        )
        self.show_check(text, self.check)
        self.checks_run += 1
        self.last_check_done = time.perf_counter()
        self.last_check_seconds = self.last_check_done - started

    def show_check(self, text: str, check: PostCheck) -> None:
        t = self.trainer.t
        self.query_one(DraftArea).set_findings(check.findings)
        if check.cutoff is None:
            feed = t("The feed shows the whole post.")
        else:
            shown = single_line(text[: check.cutoff])
            feed = t("Before “see more”: {text}…", text=shown)
        self.query_one("#writer-feed", Static).update(plain_line(feed))
        self.other_lengths = {check.network: check.length}
        self.show_counts(check)
        # The other networks' counts (X's weighted count is the costly one) follow shortly
        # after; the findings for the chosen network never wait for them.
        if self.counts_timer is not None:
            self.counts_timer.stop()
        self.counts_timer = self.set_timer(0.15, self.count_other_networks)
        shown_findings = tuple(
            (f.code, f.level, f.start, f.end, f.message("en")) for f in check.findings
        )
        if shown_findings == self.shown_findings:
            return
        self.shown_findings = shown_findings
        findings = self.query_one("#writer-findings", OptionList)
        lang = self.trainer.services.lang
        options = [
            Option(self.finding_line(finding, lang), id=f"f{index}")
            for index, finding in enumerate(check.findings)
        ] or [Option(plain_line("✔ " + t("No problems found.")), disabled=True)]
        findings.set_options(options)

    def count_other_networks(self) -> None:
        self.counts_timer = None
        if self.check is None:
            return
        text = self.query_one(DraftArea).text
        for network in self.networks():
            if network not in self.other_lengths:
                self.other_lengths[network] = post_length(text, network)
        self.show_counts(self.check)

    def show_counts(self, check: PostCheck) -> None:
        t = self.trainer.t
        counts = []
        for network in self.networks():
            limit = self.rules.network(network).max_characters
            length = self.other_lengths.get(network)
            if length is None:
                counts.append(f"{NETWORK_NAMES[network]} …/{limit}")
                continue
            mark = " ✖" if length > limit else ""
            counts.append(f"{NETWORK_NAMES[network]} {length}/{limit}{mark}")
        summary = t(
            "errors: {errors}, warnings: {warnings}, tips: {tips}",
            errors=sum(f.level == "error" for f in check.findings),
            warnings=sum(f.level == "warning" for f in check.findings),
            tips=sum(f.level == "tip" for f in check.findings),
        )
        self.query_one("#writer-counts", Static).update(
            plain_line(" · ".join(counts) + "   " + summary)
        )

    def finding_line(self, finding: Finding, lang: str) -> Content:
        return finding_line(finding, lang)

    @on(OptionList.OptionSelected, "#writer-findings")
    def jump_to_finding(self, event: OptionList.OptionSelected) -> None:
        """Select the finding's span in the draft, so the ambassador can fix it there."""
        if self.check is None or not event.option.id:
            return
        finding = self.check.findings[int(event.option.id[1:])]
        area = self.query_one(DraftArea)
        area.selection = Selection(
            (finding.begin.line - 1, finding.begin.col - 1),
            (finding.finish.line - 1, finding.finish.col - 1),
        )
        area.focus()

    # -- saving in the record ----------------------------------------------------------------

    def posts(self) -> AmbassadorPosts | None:
        session = self.trainer.session
        data = self.trainer.services.data
        if session is None or data is None:
            return None
        return AmbassadorPosts(data.learner(session.record.profile.learner_id), self.rules)

    def save_draft(self) -> StudioPost | None:
        """Keep the draft (and the findings shown for it) in the learner's record."""
        posts = self.posts()
        if posts is None:
            return None
        text = self.query_one(DraftArea).text
        try:
            if self.post is None:
                self.post = posts.new(
                    source="hub",
                    network=self.network,
                    language=self.post_lang,
                    draft=text,
                    template_id=self.template.id if self.template else None,
                )
            self.post = posts.save(self.post, text, self.network)
        except (StoreError, OSError) as error:
            self.trainer.report_save_failure(error)
            return None
        self.saved_text = text
        return self.post

    def file_name(self) -> str:
        base = self.template.id if self.template else "post"
        return f"{_FILE_SAFE.sub('-', base.lower())}-{self.network}.txt"

    def deliver_file(self, text: str) -> None:
        save_directory = None
        if not self.trainer.is_web:
            try:
                save_directory = local_save_folder(self.save_directory)
            except OSError:
                save_directory = Path.home()
        self.trainer.deliver_text(
            io.StringIO(text),
            save_directory=save_directory,
            save_filename=self.file_name(),
            mime_type="text/plain",
            name="post",
        )

    # -- actions -------------------------------------------------------------------------

    @on(Button.Pressed, "#copy")
    def action_copy_post(self) -> None:
        """OSC 52 in the terminal (the browser's clipboard when served), and a file too."""
        text = self.query_one(DraftArea).text
        self.save_draft()
        self.trainer.copy_to_clipboard(text)
        self.deliver_file(text)
        t = self.trainer.t
        message = t("Copied. If your terminal does not allow copying, use the saved file.")
        if self.check is not None and not self.check.ok:
            message += " " + t("The post still has errors: fix them before you publish it.")
            self.notify(message, severity="warning", markup=False)
        else:
            self.notify(message, markup=False)

    @on(Button.Pressed, "#save-file")
    def action_save_file(self) -> None:
        self.save_draft()
        self.deliver_file(self.query_one(DraftArea).text)

    @on(Button.Pressed, "#share")
    def action_share(self) -> None:
        t = self.trainer.t
        self.save_draft()
        url = share_url(self.network, self.query_one(DraftArea).text, self.link())
        if url is None:
            self.notify(
                t(
                    "{network} has no share page for links: copy the post and paste it there.",
                    network=NETWORK_NAMES[self.network],
                ),
                markup=False,
            )
            return
        if self.trainer.services.served:
            self.trainer.open_url(url, new_tab=True)
            self.notify(t("Opened in your browser: {url}", url=url), markup=False)
        else:
            # In a terminal the app never opens anything on this machine: show the address.
            self.notify(
                t("Open this address in your browser: {url}", url=url), markup=False, timeout=30
            )

    @on(Button.Pressed, "#posted")
    def action_posted(self) -> None:
        from trainer.tui.screens.posted_dialog import PostedDialog

        def done(url: str | None) -> None:
            if url is None:
                return
            posts = self.posts()
            post = self.save_draft()
            if posts is None or post is None:
                return
            try:
                self.post = posts.mark_posted(post, self.query_one(DraftArea).text, url)
            except ValueError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            except (StoreError, OSError) as error:
                self.trainer.report_save_failure(error)
                return
            self.notify(self.trainer.t("Marked as posted. Thank you!"), markup=False)

        self.app.push_screen(PostedDialog(), done)

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        posts = self.posts()
        post = self.save_draft()
        if posts is None or post is None:
            return
        try:
            self.post = posts.submit(post, self.query_one(DraftArea).text)
        except (StoreError, OSError) as error:
            self.trainer.report_save_failure(error)
            return
        self.notify(
            self.trainer.t("Sent for review. You will see the decision when you next sign in."),
            markup=False,
        )

    def action_notes(self) -> None:
        from trainer.tui.screens.post_notes import PostNotesScreen

        if self.template is not None:
            text = self.template.text(self.post_lang)
            self.app.push_screen(PostNotesScreen(text.title, text.notes))

    def action_back(self) -> None:
        text = self.query_one(DraftArea).text
        changed = self.post is not None or text != self.starting_text()
        if changed and text != self.saved_text:
            self.save_draft()
        self.dismiss(None)
