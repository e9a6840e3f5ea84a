"""The studio in a real browser under `trainer serve`: Copy puts the post on the clipboard.

The app sends OSC 52; the page's terminal (xterm.js and its clipboard add-on) hands the text
to the browser's clipboard, which the test reads back with the page's own Clipboard API.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    start_server,
    stop_server,
)
from tests.serve.test_browser import SCREENSHOTS, accept_invite
from trainer.store.folder import DataFolder

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs the test extra
    sync_playwright = None  # type: ignore[assignment]

if (sync_playwright is None or not CHROMIUM.exists()) and not os.environ.get("CI"):
    pytest.skip("needs Playwright and /usr/bin/chromium", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]


def trainer(*arguments: str) -> None:
    subprocess.run([sys.executable, "-m", "trainer", *arguments], capture_output=True, check=True)


@pytest.fixture
def served_sample(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The sample course (with its hub), Anna invited, `trainer serve` running."""
    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    course_dir.mkdir()
    shutil.copy(REPO / "course.yml", course_dir / "course.yml")
    for folder in ("modules", "quizzes", "policy", "hub"):
        shutil.copytree(REPO / folder, course_dir / folder)
    (tmp_path / "people.csv").write_text(
        "first name,last name,email,team,language\nAnna,Nowak,anna@firma.pl,Sales,en\n",
        encoding="utf-8",
    )
    common = ["--course", str(course_dir), "--data-dir", str(data_dir)]
    trainer("roster", "import", str(tmp_path / "people.csv"), *common)
    codes_file = tmp_path / "codes.csv"
    trainer("invite", "--all-invited", "--codes-out", str(codes_file), "--data-dir", str(data_dir))
    (code,) = read_invite_codes(codes_file).values()
    port = free_port()
    server = start_server(course_dir, data_dir, port, tmp_path / "serve.log")
    try:
        yield {"url": f"http://127.0.0.1:{port}/", "code": code, "data": data_dir}
    finally:
        stop_server(server)


def test_copy_in_the_browser_puts_the_post_on_the_clipboard(
    served_sample: dict[str, Any], tmp_path: Path
) -> None:
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
            permissions=["clipboard-read", "clipboard-write"],
        )
        try:
            tab = BrowserTab(context, served_sample["url"], SCREENSHOTS)
            tab.wait_for("I have an invite code")
            tab.focus()
            tab.wait_for("▶ E-mail")
            mark = tab.mark()
            accept_invite(tab, "anna@firma.pl", served_sample["code"], "four words in a row")
            tab.wait_for("Signed in: Anna Nowak", since=mark)
            mark = tab.mark()
            tab.press("i")
            tab.wait_for("Enter opens the template", since=mark)
            mark = tab.mark()
            tab.press("ArrowDown", "Enter")
            tab.wait_for("Send for review", since=mark)
            tab.settle()
            mark = tab.mark()
            tab.press("Control+b")
            tab.wait_for("Copied", since=mark)
            copied = tab.page.evaluate("navigator.clipboard.readText()")
        finally:
            context.close()
    assert copied.startswith("#PrzykladowaEmployee") or copied.startswith("[REKLAMA]")
    assert "utm_content=" in copied or "{{" in copied
    (post,) = DataFolder(served_sample["data"]).read_all().__next__().posts
    assert post.draft == copied.replace("\r\n", "\n")
