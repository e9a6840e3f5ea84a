"""`trainer preview`: the trainer's file (or course) in the learner's screens, live.

The preview polls the files' modification times twice a second, re-reads them when they
change and reopens the same screen (same page of a module, even after a save that was broken
for a while). While a file is broken its validation messages replace the content. Like
`mkdocs serve`, every save also checks the whole course in the background: the preview screen
(Esc from the content) lists every problem of the course, and a notification says how many
there are. Nothing is stored: the session is in memory only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Static

from trainer.content.diagnostics import Diagnostic
from trainer.content.loader import (
    PreviewLoadResult,
    find_course_root,
    load_course,
    load_file_for_preview,
)
from trainer.content.models import Course, CourseConfig, Module, Quiz, Track
from trainer.locations import COURSE_FILE
from trainer.session import LearnerSession, PreviewStorage
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.text import plain_line
from trainer.tui.widgets.footer import TrainerFooter

POLL_SECONDS = 0.5
WATCHED_SUFFIXES = (".md", ".yml", ".yaml")


def watched_files(target: Path) -> Iterator[Path]:
    """The previewed file and, inside a course, every course file (a translation reads its
    original, a module its course.yml)."""
    root: Path | None = target
    if target.is_file():
        yield target
        root = next(
            (f for f in (target.parent, *target.parents) if (f / COURSE_FILE).is_file()),
            None,
        )
    if root is None:
        return
    yield root / COURSE_FILE
    for name in ("modules", "quizzes", "policy"):
        directory = root / name
        if directory.is_dir():
            yield from sorted(p for p in directory.iterdir() if p.suffix in WATCHED_SUFFIXES)


def signature(target: Path) -> tuple[tuple[str, int, int], ...]:
    """Changes whenever a watched file is saved, added or removed."""
    entries = []
    for path in watched_files(target):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


@dataclass(frozen=True)
class PreviewContent:
    course: Course
    lang: str
    kind: str  # "course" | "module" | "quiz" | "policy"
    target_id: str


def course_for_file(result: PreviewLoadResult) -> PreviewContent | None:
    """A one-file course around a previewed module, quiz or policy."""
    lang = result.lang
    track = Track(id="preview", title="Preview")
    modules: tuple[Module, ...] = ()
    quizzes = {}
    policies = {}
    kind, target_id = "", ""
    if result.module is not None:
        quiz = module_quiz(result)
        module = result.module.model_copy(
            update={
                "requires": (),
                "quiz": quiz.id if quiz is not None else None,
                "track": "preview",
            }
        )
        modules, kind, target_id = (module,), "module", module.id
        if quiz is not None:
            quizzes = {quiz.id: quiz}
    elif result.quiz is not None:
        quizzes, kind, target_id = {result.quiz.id: result.quiz}, "quiz", result.quiz.id
    elif result.policy is not None:
        policies, kind, target_id = {result.policy.id: result.policy}, "policy", result.policy.id
    else:
        return None
    config = CourseConfig(
        title="Preview",
        organisation="",
        default_language=lang,
        languages=[lang],
        tracks=[track],
        policy=target_id if kind == "policy" else "preview",
    )
    root = result.course_root or result.path.parent
    course = Course(root=root, config=config, modules=modules, quizzes=quizzes, policies=policies)
    return PreviewContent(course, lang, kind, target_id)


def module_quiz(result: PreviewLoadResult) -> Quiz | None:
    """The quiz a previewed module names, read from its course, so `q` opens it."""
    module = result.module
    if module is None or module.quiz is None or result.course_root is None:
        return None
    folder = result.course_root / "quizzes"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.count(".") > 1:
            continue  # a translation: the original carries the settings
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:2048]
        except OSError:
            continue
        if f"\nid: {module.quiz}\n" not in head:
            continue
        loaded = load_file_for_preview(path)
        if loaded.quiz is None or loaded.errors:
            return None
        translation = path.with_name(f"{path.stem}.{result.lang}.md")
        if result.lang != loaded.lang and translation.is_file():
            translated = load_file_for_preview(translation)
            if translated.quiz is not None and not translated.errors:
                return translated.quiz
        return loaded.quiz
    return None


def placeholder_course(root: Path, lang: str) -> Course:
    """What the app holds before the first successful read of the previewed files."""
    config = CourseConfig(
        title="Preview",
        organisation="",
        default_language=lang,
        languages=[lang],
        tracks=[Track(id="preview", title="Preview")],
        policy="preview",
    )
    return Course(root=root, config=config, modules=(), quizzes={}, policies={})


class PreviewScreen(TrainerScreen):
    """Base of the preview: shows errors, or opens the learner screen for the content."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "open", "open again"),
        Binding("escape", "app.quit", "quit", key_display="Esc"),
    ]

    def __init__(self, target: Path) -> None:
        super().__init__()
        self.target = target
        self.seen: tuple[tuple[str, int, int], ...] = ()
        self.content: PreviewContent | None = None
        self.storage: PreviewStorage | None = None
        self.timer: Timer | None = None
        self.reloads = 0
        self.last_page = 0  # the module page on show, kept while a save is broken
        self.own: list[Diagnostic] = []
        self.broken = False

    def compose(self) -> ComposeResult:
        t = self.trainer.t
        yield Header()
        yield Static(plain_line(t("preview.title", path=str(self.target))), classes="title")
        yield Static(plain_line(t("preview.no_progress")), id="preview-status")
        yield Static(id="preview-errors")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.reload()
        self.timer = self.app.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        if signature(self.target) != self.seen:
            self.reload()

    def reload(self) -> None:
        """Re-read the files; reopen what was on screen, or show what is broken."""
        self.seen = signature(self.target)
        page = self._current_page()
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        content, diagnostics = self.load()
        self.content = content
        errors = [d for d in diagnostics if d.severity == "error"]
        self.own = diagnostics
        self.broken = bool(errors) or content is None
        self.show_diagnostics(diagnostics, broken=self.broken)
        if content is not None and not errors:
            self.reloads += 1
            self.open_content(page)
        self.check_course(self.seen)

    @work(thread=True, exclusive=True, group="course-check")
    def check_course(self, seen: tuple[tuple[str, int, int], ...]) -> None:
        """Every problem of the course around the file, without holding up the screen."""
        root = self.target if self.target.is_dir() else find_course_root(self.target.parent)
        if root is None:
            return
        course_wide = load_course(root).diagnostics
        self.app.call_from_thread(self.show_course_problems, seen, course_wide)

    def show_course_problems(
        self, seen: tuple[tuple[str, int, int], ...], course_wide: list[Diagnostic]
    ) -> None:
        if seen != self.seen:
            return  # a newer save is being checked
        own = {d.format() for d in self.own}
        others = [d for d in course_wide if d.format() not in own]
        self.show_diagnostics(self.own, broken=self.broken, elsewhere=others)
        everything = len(self.own) + len(others)
        if everything and self.app.screen is not self:
            t = self.trainer.t
            self.notify(
                t.plural(
                    "{n} problem in the course: Esc shows it.",
                    "{n} problems in the course: Esc shows them.",
                    everything,
                    n=everything,
                ),
                severity="warning",
                markup=False,
            )

    def load(self) -> tuple[PreviewContent | None, list[Diagnostic]]:
        lang = self.trainer.services.lang
        if self.target.is_dir():
            result = load_course(self.target)
            if result.course is None:
                return None, result.diagnostics
            chosen = lang if lang in result.course.config.languages else None
            language = chosen or result.course.default_language
            return PreviewContent(result.course, language, "course", ""), result.diagnostics
        single = load_file_for_preview(self.target)
        return course_for_file(single), single.diagnostics

    def show_diagnostics(
        self,
        diagnostics: list[Diagnostic],
        *,
        broken: bool,
        elsewhere: list[Diagnostic] | None = None,
    ) -> None:
        t = self.trainer.t
        out = Content("")
        if broken:
            out += Content.styled(t("preview.broken"), "bold $error") + Content("\n\n")
        for d in diagnostics:
            style = "$error" if d.severity == "error" else "$warning"
            out += plain_line(d.format()).stylize(style) + Content("\n")
        if elsewhere:
            heading = t("Elsewhere in the course:") if self.target.is_file() else ""
            if heading:
                out += Content("\n") + Content.styled(heading, "bold") + Content("\n")
            for d in elsewhere:
                style = "$error" if d.severity == "error" else "$warning"
                out += plain_line(d.format()).stylize(style) + Content("\n")
        shown = diagnostics or broken or elsewhere
        self.query_one("#preview-errors", Static).update(out if shown else "")

    def _current_page(self) -> int:
        """The reader's page, or the last one shown while a broken file hid the reader."""
        from trainer.tui.screens.reader import ReaderScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, ReaderScreen):
                self.last_page = screen.page
        return self.last_page

    def action_open(self) -> None:
        if self.content is not None and self.app.screen is self:
            self.last_page = 0
            self.open_content(0)

    def open_content(self, page: int) -> None:
        from trainer.tui.screens.course_map import CourseMapScreen
        from trainer.tui.screens.policy import PolicyScreen
        from trainer.tui.screens.reader import ReaderScreen

        content = self.content
        assert content is not None
        app = self.trainer
        app.services.course = content.course
        if self.storage is None or content.kind == "quiz":
            # A quiz preview starts a fresh attempt on each save: it shows the quiz as written now.
            self.storage = PreviewStorage(LearnerSession.preview_profile())
        app.session = LearnerSession(content.course, self.storage, None, content.lang)
        if content.kind == "course":
            app.push_screen(CourseMapScreen())
        elif content.kind == "module":
            module = content.course.module(content.target_id)
            last = len(module.text(content.lang).pages) - 1
            app.push_screen(ReaderScreen(module, min(page, last)))
        elif content.kind == "policy":
            app.push_screen(PolicyScreen())
        else:
            self.open_quiz(content.target_id)

    def open_quiz(self, quiz_id: str) -> None:
        from trainer.tui.screens.quiz import QuizScreen

        session = self.trainer.session
        assert session is not None
        self.app.push_screen(
            QuizScreen(session.course.quizzes[quiz_id], session.begin_quiz(quiz_id))
        )
