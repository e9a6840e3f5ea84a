"""Issue 6's "done when", end to end: a coordinator invites three people from a CSV with the
commands docs/operations.md gives, and each of them completes onboarding in a real browser.

Each person signs in with their e-mail and invite code, sets a passphrase, reads both modules
of the mini course, passes the quiz by answering every question correctly, and accepts the
policy with their full name. Answers are shuffled per attempt, so the test finds each one on
screen by its text: it keeps a small picture of the terminal (rows of text, rebuilt from the
cursor moves in the app's output) to know in which order the answers are shown.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.serve.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    BrowserTab,
    free_port,
    start_server,
    stop_server,
)
from tests.serve.test_browser import SCREENSHOTS, accept_invite
from trainer.content.loader import load_course
from trainer.content.models import (
    Course,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
)
from trainer.learning.completion import is_complete
from trainer.store.folder import DataFolder

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs the test extra (and test_browser skips)
    sync_playwright = None  # type: ignore[assignment]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# A Polish-locale Excel export: Polish headers, `;` between cells, a BOM.
PEOPLE = (
    "imię;nazwisko;e-mail;zespół;język\n"
    "Anna;Nowak;anna.nowak@firma.pl;Sprzedaż;angielski\n"
    "Piotr;Zieliński;piotr.zielinski@firma.pl;Marketing;en\n"
    "Ewa;Kowalczyk;ewa.kowalczyk@firma.pl;HR;en\n"
)
PEOPLE_NAMES = {
    "anna.nowak@firma.pl": "Anna Nowak",
    "piotr.zielinski@firma.pl": "Piotr Zieliński",
    "ewa.kowalczyk@firma.pl": "Ewa Kowalczyk",
}

_CONTROL = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: cursor moves (H), erases (J, K), colours (m)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_].*?\x1b\\"  # DCS and friends
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|[\r\n\b]",
    re.S,
)


class TerminalPicture:
    """The rows of text on the terminal, rebuilt from the output stream.

    The screen text of `BrowserTab` says what was drawn, not where; the order of shuffled
    answers needs where. Textual places every run of text with a cursor move, so following
    cursor moves and erases is enough (styles are ignored).
    """

    def __init__(self) -> None:
        self.rows: dict[int, list[str]] = {}
        self.row = 0
        self.column = 0
        self.pending = ""

    def feed(self, data: str) -> None:
        data = self.pending + data
        self.pending = ""
        position = 0
        while position < len(data):
            escape = data.find("\x1b", position)
            stop = len(data) if escape < 0 else escape
            self._text(re.sub(r"[\r\n\b]", "", data[position:stop]))
            if escape < 0:
                return
            match = _CONTROL.match(data, escape)
            if match is None:
                if len(data) - escape < 256:  # cut in the middle of a sequence
                    self.pending = data[escape:]
                    return
                position = escape + 1
                continue
            self._control(match)
            position = match.end()

    def _control(self, match: re.Match[str]) -> None:
        final = match.group(2)
        if final is None:
            return
        numbers = [int(n) if n.isdigit() else 0 for n in match.group(1).split(";")]
        if final == "H":
            self.row = max(numbers[0], 1) - 1
            self.column = (max(numbers[1], 1) - 1) if len(numbers) > 1 else 0
        elif final == "J" and numbers[0] == 2:
            self.rows.clear()
        elif final == "K":
            line = self.rows.get(self.row, [])
            del line[self.column :]

    def _text(self, text: str) -> None:
        for character in text:
            width = cell_len(character)
            if width == 0:
                continue
            line = self.rows.setdefault(self.row, [])
            if len(line) < self.column + width:
                line.extend(" " * (self.column + width - len(line)))
            line[self.column] = character
            for extra in range(1, width):
                line[self.column + extra] = ""
            self.column += width

    def lines(self) -> dict[int, str]:
        return {row: "".join(cells) for row, cells in self.rows.items()}


class LearnerTab(BrowserTab):
    """A `BrowserTab` that also keeps a `TerminalPicture` of what the tab shows."""

    def __init__(self, context: Any, url: str) -> None:
        self.picture = TerminalPicture()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        super().__init__(context, url, SCREENSHOTS)

    def _watch(self, websocket: Any) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.raw.append(payload.decode("utf-8", "replace"))
                self.picture.feed(self._decoder.decode(payload))

        websocket.on("framereceived", received)

    def rows_of(self, texts: list[str], timeout: float = 30.0) -> dict[str, int]:
        """The screen row each of `texts` is on, once all of them are on screen."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.picture.lines()
            found = {}
            for text in texts:
                rows = [row for row, line in lines.items() if text in line]
                if len(rows) == 1:
                    found[text] = rows[0]
            if len(found) == len(texts):
                return found
            if time.monotonic() > deadline:
                screen = "\n".join(lines[row] for row in sorted(lines))
                raise AssertionError(f"not all of {texts!r} on screen once:\n{screen}")
            self.page.wait_for_timeout(50)


def trainer(*arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "trainer", *arguments], capture_output=True, text=True
    )
    assert done.returncode == 0, f"trainer {arguments[0]}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
        )
        try:
            yield context
        finally:
            context.close()


def prompt_key(question: Question) -> str:
    """The start of the prompt (up to its question mark), as plain words on screen."""
    return question.prompt.split("?")[0][:40]


def in_shown_order(tab: LearnerTab, texts: list[str]) -> list[str]:
    rows = tab.rows_of(texts)
    return sorted(texts, key=rows.__getitem__)


def answer_correctly(tab: LearnerTab, question: Question) -> None:
    """Give the right answer with the keys a person would use, finding it by its text."""
    if isinstance(question, SingleChoice):
        shown = in_shown_order(tab, [c.text for c in question.choices])
        (right,) = [c.text for c in question.choices if c.correct]
        tab.press(*["ArrowDown"] * shown.index(right), "Enter")
    elif isinstance(question, MultipleChoice):
        shown = in_shown_order(tab, [c.text for c in question.choices])
        highlighted = 0
        for position in sorted(shown.index(c.text) for c in question.choices if c.correct):
            # Enter toggles like Space does. Space (which xterm.js sends from its text
            # input, not on key-down) was lost now and then right after an arrow key here.
            tab.press(*["ArrowDown"] * (position - highlighted), "Enter")
            highlighted = position
    elif isinstance(question, ShortAnswer):
        tab.type(question.accepted[0])
    else:
        assert isinstance(question, Ordering)
        order = ordering_on_screen(tab, list(question.items))
        highlighted = 0
        for target in range(len(order)):  # bring the item that belongs here up to here
            position = order.index(target)
            step = "ArrowDown" if position > highlighted else "ArrowUp"
            moves = ["Shift+ArrowUp"] * (position - target)  # the list's other key for [
            tab.press(*[step] * abs(position - highlighted), *moves)
            order.insert(target, order.pop(position))
            highlighted = target


def ordering_on_screen(tab: LearnerTab, items: list[str]) -> list[int]:
    """Item indices (in the course file's, i.e. the right, order) as numbered on screen."""
    tab.rows_of(items)
    shown: dict[int, int] = {}
    for line in tab.picture.lines().values():
        for index, item in enumerate(items):
            if found := re.search(rf"(\d+)\. {re.escape(item)}", line):
                shown[int(found.group(1)) - 1] = index
    assert sorted(shown) == list(range(len(items))), shown
    return [shown[position] for position in range(len(items))]


def wait_until_saved(tab: LearnerTab, saved: Callable[[], bool], what: str) -> None:
    """Wait for a save the screen does not show: the reader records pages in a worker
    thread, and the next step (the map's Continue, the quiz's gate) reads that record."""
    deadline = time.monotonic() + 30
    while not saved():
        assert time.monotonic() < deadline, f"{what} was not saved within 30 s"
        tab.page.wait_for_timeout(50)


def complete_onboarding(
    tab: LearnerTab,
    data: DataFolder,
    course: Course,
    email: str,
    code: str,
    name: str,
    passphrase: str,
) -> None:
    mark = tab.mark()
    accept_invite(tab, email, code, passphrase)
    tab.wait_for(f"Signed in: {name}", since=mark)
    learner_id = data.find_learner_by_email(email)
    assert learner_id is not None

    def module_read(module_id: str) -> Callable[[], bool]:
        def saved() -> bool:
            progress = data.learner(learner_id).read().modules.get(module_id)
            return progress is not None and progress.done

        return saved

    for module in course.modules:  # welcome, then first-post (which has the quiz)
        pages = module.text("en").pages
        mark = tab.mark()
        tab.press("c")
        tab.wait_for(f"Page 1 of {len(pages)}", since=mark)
        tab.press(*["ArrowRight"] * (len(pages) - 1))
        tab.wait_for("Module read", since=mark)
        wait_until_saved(tab, module_read(module.id), f"{email}: module {module.id} read")
        if module.quiz is None:
            mark = tab.mark()
            tab.press("Escape")
            tab.wait_for("Continue: ", since=mark)

    quiz = course.quizzes["basics-quiz"].text("en")
    for _ in range(2):  # the app reloads the record just after saving it: at worst, again
        mark = tab.mark()
        tab.press("q")
        opened = tab.wait_for("Question 1 of", "The quiz opens once", since=mark)
        if opened == "Question 1 of":
            break
    for number in range(1, len(quiz.questions) + 1):
        tab.wait_for(f"Question {number} of {len(quiz.questions)}", since=mark)
        question = question_on_screen(tab, quiz.questions)
        # The answer field takes the focus after the question is drawn; keys sent before
        # that would go to the previous question's button.
        tab.settle(quiet=0.5)
        answer_correctly(tab, question)
        mark = tab.mark()
        tab.press("Control+s")
        verdict = tab.wait_for("Correct!", "Not quite.", "Partly right", since=mark)
        assert verdict == "Correct!", f"{question.id}: {verdict}"
        mark = tab.mark()
        tab.press("Control+s")  # next question; after the last one, finish
    tab.wait_for("Passed — well done!", since=mark)

    mark = tab.mark()
    tab.press("Escape")
    tab.wait_for("Read and accept: ", since=mark)
    mark = tab.mark()
    tab.press("c")
    tab.wait_for("scroll to the end", since=mark)
    mark = tab.mark()
    tab.press("End")
    tab.wait_for("Read to the end.", since=mark)
    tab.press("Tab")  # to the box
    tab.press("Space")
    tab.press("Tab")  # to the name
    tab.type(name)
    mark = tab.mark()
    tab.press("Enter")
    tab.wait_for(f"Congratulations, {name}!", since=mark)


def question_on_screen(tab: LearnerTab, questions: Sequence[Question]) -> Question:
    """The question whose prompt is on screen (waiting until exactly one is)."""
    deadline = time.monotonic() + 30
    while True:
        screen = "\n".join(tab.picture.lines().values())
        shown = [q for q in questions if prompt_key(q) in screen]
        if len(shown) == 1:
            return shown[0]
        assert time.monotonic() < deadline, f"prompts shown: {[q.id for q in shown]}"
        tab.page.wait_for_timeout(50)


def test_three_people_invited_from_a_csv_each_complete_onboarding_in_a_browser(
    tmp_path: Path, browser: Any
) -> None:
    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    people, codes_file = tmp_path / "people.csv", tmp_path / "codes.csv"
    people.write_text(PEOPLE, encoding="utf-8-sig")
    printed = trainer(
        "roster",
        "import",
        str(people),
        "--codes-out",
        str(codes_file),
        "--lang",
        "pl",
        "--course",
        str(course_dir),
        "--data-dir",
        str(data_dir),
    )
    assert "Invited 3 learner(s)." in printed and "3 invite code(s) written" in printed
    with codes_file.open(encoding="utf-8-sig", newline="") as sheet:
        rows = list(csv.DictReader(sheet, delimiter=";"))  # as Polish-locale Excel reads it
    codes = {row["e-mail"]: row["kod zaproszenia"] for row in rows}
    assert {row["e-mail"]: row["imię i nazwisko"] for row in rows} == PEOPLE_NAMES

    course = load_course(course_dir).course
    assert course is not None
    data = DataFolder(data_dir)
    port = free_port()
    server = start_server(course_dir, data_dir, port, tmp_path / "serve.log")
    try:
        for number, (email, name) in enumerate(PEOPLE_NAMES.items()):
            tab = LearnerTab(browser, f"http://127.0.0.1:{port}/")
            tab.wait_for("I have an invite code")
            tab.focus()  # the app keeps no focused field while the page has no focus
            tab.wait_for("▶ E-mail")
            passphrase = f"my own {number} long passphrase"
            complete_onboarding(tab, data, course, email, codes[email], name, passphrase)
            tab.close()
    finally:
        stop_server(server)

    policy_file = course_dir / "policy" / "social-media.en.md"
    shown_policy = hashlib.sha256(policy_file.read_bytes()).hexdigest()
    for email, name in PEOPLE_NAMES.items():
        learner_id = data.find_learner_by_email(email)
        assert learner_id is not None
        record = data.learner(learner_id).read()
        assert record.profile.name == name and record.profile.status == "active"
        assert is_complete(course, record), email
        assert sorted(record.modules) == ["first-post", "welcome"]
        assert all(progress.done for progress in record.modules.values())
        (attempt,) = record.attempts
        assert attempt.finished and attempt.passed and attempt.scaled == 1.0
        (decision,) = record.policy_decisions
        assert decision.decision == "accepted" and decision.language == "en"
        assert decision.sha256 == shown_policy
        assert decision.typed_name == name
        assert decision.scrolled_to_end and decision.box_checked
    verified = trainer("verify", "--data-dir", str(data_dir))
    assert "Checked 3 learner file(s), 3 policy decision(s)" in verified
