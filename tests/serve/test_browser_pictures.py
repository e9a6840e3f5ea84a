"""A course image is drawn in the learner's browser (textual-serve's xterm.js), in its colours."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.invite_codes import read_invite_codes
from tests.serve.browser import CHROMIUM_ARGS, free_port, start_server, stop_server
from tests.serve.test_browser import (
    CHROMIUM,
    FIXTURES,
    ROSTER,
    accept_invite,
    open_sign_in,
    sync_playwright,
    trainer,
)

CRIMSON = (220, 20, 60)


@pytest.fixture
def site_with_picture(tmp_path: Path) -> Iterator[dict[str, Any]]:
    from PIL import Image

    course_dir, data_dir = tmp_path / "course", tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    (course_dir / "images").mkdir()
    Image.new("RGB", (60, 30), CRIMSON).save(course_dir / "images" / "label.png")
    welcome = course_dir / "modules" / "01-welcome.en.md"
    opening = "The ambassador program helps you share what you know about the company."
    picture = "\n\n![A crimson label](../images/label.png)\n"
    welcome.write_text(
        welcome.read_text(encoding="utf-8").replace(opening, opening + picture), encoding="utf-8"
    )
    (tmp_path / "people.csv").write_text(ROSTER, encoding="utf-8")
    common = ["--course", str(course_dir), "--data-dir", str(data_dir)]
    trainer("roster", "import", str(tmp_path / "people.csv"), *common)
    trainer(
        "invite",
        "--all-invited",
        "--codes-out",
        str(tmp_path / "codes.csv"),
        "--data-dir",
        str(data_dir),
    )
    codes = read_invite_codes(tmp_path / "codes.csv")
    port = free_port()
    server = start_server(course_dir, data_dir, port, tmp_path / "serve.log")
    try:
        yield {"url": f"http://127.0.0.1:{port}/", "codes": codes}
    finally:
        stop_server(server)


def test_the_picture_reaches_the_browser_in_its_colours(
    site_with_picture: dict[str, Any], tmp_path: Path
) -> None:
    from PIL import Image

    assert sync_playwright is not None and CHROMIUM.exists()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 760},
        )
        try:
            tab = open_sign_in(context, site_with_picture["url"])
            mark = tab.mark()
            code = site_with_picture["codes"]["anna@firma.pl"]
            accept_invite(tab, "anna@firma.pl", code, "four words in a row")
            tab.wait_for("Signed in: Anna Nowak", since=mark)
            mark = tab.mark()
            tab.press("c")
            tab.wait_for("A crimson label", since=mark)
            tab.settle(quiet=0.5)
            shot = Image.open(io.BytesIO(tab.page.screenshot())).convert("RGB")
            data = shot.tobytes()
            crimson = sum(
                1
                for i in range(0, len(data), 3)
                if all(abs(data[i + c] - CRIMSON[c]) <= 8 for c in range(3))
            )
            assert crimson > 2000  # a block of crimson cells, not a stray pixel
        finally:
            context.close()
