"""Hostile names and content are shown as text: no markup actions, no terminal control codes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.strip import Strip

from tests.tui.conftest import AppFactory
from tests.tui.journey import sign_in
from trainer.learning.records import LearnerProfile
from trainer.store.folder import DataFolder
from trainer.tui.app import TrainerApp
from trainer.tui.screens.course_map import CourseMapScreen
from trainer.tui.screens.reader import ReaderScreen

HOSTILE_NAME = "[@click=app.quit]x[/]"
HOSTILE_MODULE = (
    "---\n"
    "id: welcome\n"
    'title: "Witaj [@click=app.quit]x[/] \\e]0;pwned\\a"\n'
    "track: basics\n"
    "minutes: 5\n"
    "---\n"
    "AA\x1b[2JBB then \x1b]0;pwned\x07 then \u202eevil and [bold red]markup[/] "
    "[@click=app.quit]click[/]\n\n"
    "## Page two\n\nText.\n"
)
FORBIDDEN = (
    [chr(c) for c in range(0x20) if chr(c) not in "\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
)


def screen_strips(app: TrainerApp) -> list[Strip]:
    return app.screen._compositor.render_strips()


def assert_safe(strips: list[Strip]) -> str:
    """No control or bidi characters, no click actions from text; returns the screen text."""
    for strip in strips:
        for segment in strip:
            bad = [ch for ch in segment.text if ch in FORBIDDEN]
            assert not bad, f"control characters {bad!r} reached the screen in {segment.text!r}"
            meta = segment.style.meta if segment.style else {}
            assert "@click" not in meta or "quit" not in str(meta.get("@click"))
    return "\n".join(strip.text for strip in strips)


@pytest.fixture
def hostile_course(mini_course_dir: Path) -> Path:
    (mini_course_dir / "modules" / "01-welcome.md").write_text(HOSTILE_MODULE, encoding="utf-8")
    return mini_course_dir


async def test_markup_in_a_learner_name_is_shown_literally_and_runs_nothing(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "x@firma.pl", HOSTILE_NAME, "[b]Team[/b]")
        assert isinstance(app.screen, CourseMapScreen)
        text = assert_safe(screen_strips(app))
        assert HOSTILE_NAME in text
        assert "[b]Team[/b]" in text
        await pilot.click("#learner")  # where the name is drawn
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CourseMapScreen)


async def test_control_sequences_in_content_never_reach_the_screen(
    make_learner_app: AppFactory, hostile_course: Path
) -> None:
    app = make_learner_app("pl", hostile_course)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "x@firma.pl", "Ola Kowalska", "Sales")
        map_text = assert_safe(screen_strips(app))
        assert "Witaj [@click=app.quit]x[/]" in map_text
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        text = assert_safe(screen_strips(app))
        assert "AA[2JBB" in text
        assert "]0;pwned" in text
        assert "[bold red]markup[/]" in text
        assert "[@click=app.quit]click[/]" in text
        await pilot.click("#page", offset=(20, 0))
        await pilot.pause()
        assert app.is_running


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_real_terminal_output_carries_no_sequence_from_content(
    hostile_course: Path, tmp_path: Path
) -> None:
    """Run the real program on a pseudo-terminal and read every byte it writes."""
    data = tmp_path / "pty-data"
    folder = DataFolder(data)
    store = folder.create_learner(
        LearnerProfile(learner_id="hostile-1", name=HOSTILE_NAME, email="h@firma.pl", team="QA")
    )
    folder.set_last_learner_id(store.learner_id)
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    # openpty + Popen, not pty.fork(): forking the multi-threaded pytest process and running
    # Python in the child can deadlock before exec (a lock held by another thread).
    fd, terminal = pty.openpty()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trainer",
            "--course",
            str(hostile_course),
            "--data-dir",
            str(data),
            "--lang",
            "pl",
        ],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        start_new_session=True,
    )
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline and b"pwned" not in output:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    output += os.read(fd, 65536)
                except OSError:
                    break
        time.sleep(0.5)
        while select.select([fd], [], [], 0.2)[0]:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
        os.write(fd, b"\x11")  # ctrl+q
        time.sleep(0.5)
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        os.close(fd)
    assert b"pwned" in output, "the hostile title was drawn (as text)"
    assert b"\x1b]0;pwned" not in output
    assert b"\x1b]0;pwned\x07" not in output
    assert b"@click=app.quit" in output
    assert "\u202e".encode() not in output


def test_validate_output_is_terminal_safe(hostile_course: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(hostile_course)],
        capture_output=True,
        check=False,
    )
    assert b"\x1b" not in result.stdout + result.stderr
