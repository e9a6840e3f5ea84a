"""End to end in a real browser: Debian's chromium, headless, on `trainer serve`.

CI installs chromium (.ci/run); elsewhere the test is skipped when chromium or Playwright is
missing. Playwright never downloads a browser here: it drives /usr/bin/chromium.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.invite_codes import read_invite_codes
from tests.serve.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    BrowserTab,
    free_port,
    screen_text,
    start_server,
    stop_server,
)
from trainer.content.loader import load_course
from trainer.learning.records import ModuleProgress
from trainer.store.folder import DataFolder

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCREENSHOTS = Path(tempfile.gettempdir())
ROSTER = (
    "first name,last name,email,team,language\n"
    "Anna,Nowak,anna@firma.pl,Sales,en\n"
    "Piotr,Zieliński,piotr@firma.pl,Marketing,en\n"
)

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs the test extra
    sync_playwright = None  # type: ignore[assignment]

if (sync_playwright is None or not CHROMIUM.exists()) and not os.environ.get("CI"):
    pytest.skip("needs Playwright and /usr/bin/chromium", allow_module_level=True)


def trainer(*arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "trainer", *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A course, two people invited the coordinator's way, and `trainer serve` running."""
    root = tmp_path_factory.mktemp("served")
    course_dir, data_dir = root / "course", root / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    (root / "people.csv").write_text(ROSTER, encoding="utf-8")
    common = ["--course", str(course_dir), "--data-dir", str(data_dir)]
    trainer("roster", "import", str(root / "people.csv"), *common)
    trainer(
        "invite",
        "--all-invited",
        "--codes-out",
        str(root / "codes.csv"),
        "--data-dir",
        str(data_dir),
    )
    codes = read_invite_codes(root / "codes.csv")
    port = free_port()
    server = start_server(course_dir, data_dir, port, root / "serve.log")
    try:
        yield {
            "url": f"http://127.0.0.1:{port}/",
            "data": DataFolder(data_dir),
            "codes": codes,
            "course_dir": course_dir,
        }
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
        )
        try:
            yield context
        finally:
            context.close()


def open_sign_in(browser: Any, url: str) -> BrowserTab:
    """A new tab at the sign-in screen; a timeout leaves a screenshot in SCREENSHOTS."""
    tab = BrowserTab(browser, url, SCREENSHOTS)
    tab.wait_for("I have an invite code")
    tab.focus()  # the app keeps no focused field while the page has no focus
    tab.wait_for("▶ E-mail")
    return tab


def accept_invite(tab: BrowserTab, email: str, code: str, passphrase: str) -> None:
    """E-mail, Tab to "I have an invite code", the code, the new passphrase twice.

    Keys typed before Textual handles a focus change stay in the old field, so each step
    waits for the marker the screen puts on the focused field's label.
    """
    tab.type(email)
    mark = tab.mark()
    tab.press("Tab", "Tab", "Tab", "Enter")
    tab.wait_for("▶ Invite code", since=mark)
    mark = tab.mark()
    tab.type(code)
    tab.press("Enter")
    tab.wait_for("The code is valid", since=mark)
    tab.wait_for("▶ New passphrase", since=mark)
    tab.type(passphrase)
    mark = tab.mark()
    tab.press("Tab")
    tab.wait_for("▶ Repeat the new passphrase", since=mark)
    tab.type(passphrase)
    tab.press("Enter")


def test_invited_learner_signs_in_reads_a_module_and_answers_a_question(
    site: dict[str, Any], browser: Any
) -> None:
    data: DataFolder = site["data"]
    tab = open_sign_in(browser, site["url"])
    mark = tab.mark()
    accept_invite(tab, "anna@firma.pl", site["codes"]["anna@firma.pl"], "four words in a row")
    tab.wait_for("Signed in: Anna Nowak", since=mark)
    learner_id = data.find_learner_by_email("anna@firma.pl")
    assert learner_id is not None

    course = load_course(site["course_dir"]).course
    assert course is not None
    for module in course.modules:  # welcome, then first-post (which has the quiz)
        mark = tab.mark()
        tab.press("c")
        tab.wait_for(f"Page 1 of {len(module.text('en').pages)}", since=mark)
        for _ in module.text("en").pages[1:]:
            tab.press("ArrowRight")
        tab.wait_for("module read", "Module read", "module done", since=mark)
        if module.quiz is None:
            tab.press("Escape")
    mark = tab.mark()
    tab.press("q")
    tab.wait_for("Question 1 of", since=mark)
    tab.press("Enter")  # choose the highlighted answer
    mark = tab.mark()
    tab.press("Control+s")
    tab.wait_for("Correct!", "Not quite.", since=mark)

    record = data.learner(learner_id).read()
    assert all(m.done for m in record.modules.values()) and len(record.modules) == 2
    (attempt,) = record.attempts
    assert [a.question_id for a in attempt.answers] == ["disclosure-where"]
    assert record.profile.status == "active"
    tab.close()


def answer_after_checking(tab: BrowserTab, mark: int, timeout: float = 60.0) -> str:
    """The answer to this attempt: read after its "Checking…" (a slow machine may repaint the
    previous answer first); an answer that needed no check (a wait) comes without one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = screen_text("".join(tab.raw[mark:]))
        after = seen[seen.rfind("Checking") :] if "Checking" in seen else seen
        if "Checking" in seen and "not recognised" in after:
            return "not recognised"
        if "Too many failed" in after:
            return "Too many failed"
        tab.page.wait_for_timeout(50)
    raise AssertionError(f"no answer within {timeout} s: {seen[-600:]!r}")


def test_wrong_passphrase_is_refused_and_throttled(site: dict[str, Any], browser: Any) -> None:
    data: DataFolder = site["data"]
    if data.find_learner_by_email("anna@firma.pl") is None:  # pragma: no cover
        pytest.skip("needs the first test's learner")
    tab = open_sign_in(browser, site["url"])
    tab.type("anna@firma.pl")
    mark = tab.mark()
    tab.press("Tab")
    tab.wait_for("▶ Passphrase", since=mark)
    messages = []
    for _ in range(4):
        mark = tab.mark()
        tab.type("not my passphrase at all")
        tab.press("Enter")
        messages.append(answer_after_checking(tab, mark))
    assert messages[0] == "not recognised"
    tab.wait_for("Try again in", timeout=5)
    mark = tab.mark()
    tab.type("four words in a row")  # right, but the account is waiting
    tab.press("Enter")
    tab.wait_for("Try again in", since=mark)
    tab.close()


def test_second_learner_cannot_see_the_first_ones_progress(
    site: dict[str, Any], browser: Any
) -> None:
    data: DataFolder = site["data"]
    anna = data.find_learner_by_email("anna@firma.pl")
    assert anna is not None
    if not data.learner(anna).read().modules:  # when run alone: give Anna some progress
        data.learner(anna).save_module_progress(
            ModuleProgress(module_id="welcome", page=2, pages_seen=[0, 1, 2], completed_at=NOW)
        )
    tab = open_sign_in(browser, site["url"])
    mark = tab.mark()
    accept_invite(tab, "piotr@firma.pl", site["codes"]["piotr@firma.pl"], "another long phrase")
    tab.wait_for("Signed in: Piotr", since=mark)
    tab.wait_for("Progress: 0 of", since=mark)
    assert "Anna" not in tab.text()
    piotr = data.find_learner_by_email("piotr@firma.pl")
    assert piotr is not None and piotr != anna
    assert data.learner(piotr).read().modules == {}
    tab.close()


# Draws each character with the terminal's fonts and compares it with a character no font
# has (a private-use code point): the same pixels mean the browser drew an empty box.
EMPTY_BOXES_JS = """(chars) => {
  const font = "32px 'Roboto Mono', Monaco, 'Courier New', monospace";
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const g = canvas.getContext('2d');
  const draw = (ch) => {
    g.clearRect(0, 0, 64, 64); g.font = font; g.fillStyle = '#000'; g.fillText(ch, 8, 40);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  const box = draw('\\uE000');
  return chars.filter((ch) => draw(ch) === box);
}"""


def test_sign_in_page_works_offline_selects_all_on_ctrl_a_and_draws_no_empty_boxes(
    site: dict[str, Any], browser: Any
) -> None:
    requested: list[str] = []
    browser.on("request", lambda request: requested.append(request.url))
    tab = open_sign_in(browser, site["url"])
    tab.page.evaluate("document.fonts.ready")
    screen = tab.text()
    assert "type your work e-mail address" in screen and "anna.nowak@firma.pl" not in screen

    tab.type("old@address.pl")
    tab.settle()
    mark = tab.mark()
    tab.page.keyboard.press("Control+a")
    tab.settle()  # a person lets go of Ctrl+A before pasting
    tab.type("anna@firma.pl")
    tab.wait_for("anna@firma.pl", since=mark)
    assert "old@address.planna" not in tab.text() and "anna@firma.plold" not in tab.text()

    symbols = sorted({c for c in tab.text() if ord(c) > 127})
    assert symbols, "the sign-in screen uses box drawing and marks"
    assert tab.page.evaluate(EMPTY_BOXES_JS, symbols) == []
    assert all(url.startswith(site["url"].rstrip("/")) for url in requested), requested
    tab.page.screenshot(path=str(SCREENSHOTS / "served-sign-in.png"))
    tab.close()
