"""Links and images to files must stay inside the course folder and point at real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.content.conftest import WriteCourse, found, load, module, only


def with_body(write_course: WriteCourse, body: str, **files: str | bytes) -> Path:
    layout: dict[str, str | bytes] = {"modules/01-intro.md": module(body=body)}
    layout.update({name.replace("__", "/"): content for name, content in files.items()})
    return write_course(layout)


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="PNG")
    return out.getvalue()


_A_PNG = _png()


def test_links_inside_the_course_are_fine(write_course: WriteCourse) -> None:
    body = (
        "See [the rules](../policy/rules.md#start), ![logo](img/logo%20big.png), "
        "[the web](https://example.com), [mail](mailto:a@b.c) and [top](#top).\n"
    )
    root = with_body(write_course, body, modules__img__logo_big_png=_A_PNG)
    (root / "modules/img/logo_big_png").rename(root / "modules/img/logo big.png")
    assert load(root).diagnostics == []


def test_a_link_climbing_out_of_the_course(write_course: WriteCourse) -> None:
    root = with_body(write_course, "Intro.\n\nSee [this](../../secret.txt).\n")
    problem = only(load(root), "link-outside-course")
    assert (problem.line, problem.col) == (10, 12)
    assert "`../../secret.txt` points outside the course folder" in problem.message


def test_an_absolute_path_is_refused(write_course: WriteCourse) -> None:
    root = with_body(write_course, "![x](/etc/passwd)\n")
    problem = only(load(root), "link-outside-course")
    assert "absolute path" in problem.message


def test_a_reference_style_link_is_checked_too(write_course: WriteCourse) -> None:
    root = with_body(write_course, "See [the file][f].\n\n[f]: ../../../etc/hosts\n")
    assert ("modules/01-intro.md", 8, "link-outside-course") in found(load(root))


def test_a_missing_image(write_course: WriteCourse) -> None:
    root = with_body(write_course, "Text.\n\n![photo](photo.png)\n")
    problem = only(load(root), "missing-link-target")
    assert (problem.line, problem.col) == (10, 10)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_leading_outside(write_course: WriteCourse, tmp_path: Path) -> None:
    root = with_body(write_course, "![x](escape.png)\n")
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"")
    (root / "modules/escape.png").symlink_to(outside)
    problem = only(load(root), "link-outside-course")
    assert "symbolic link" in problem.message


def test_links_in_quizzes_and_policies_are_checked(write_course: WriteCourse) -> None:
    quiz = (
        "---\nid: check\ntitle: Check\npass: 0.5\n---\n"
        "## See [this](../../x.md) {#q}\n\n1. [x] A\n2. [ ] B\n"
    )
    policy = '---\nid: rules\ntitle: Rules\nversion: "1"\neffective: 2026-01-01\n---\n![a](b.png)\n'
    result = load(write_course({"quizzes/check.md": quiz, "policy/rules.md": policy}))
    assert {("quizzes/check.md", 6, "link-outside-course")} <= found(result)
    assert {("policy/rules.md", 7, "missing-link-target")} <= found(result)


def test_a_reference_style_link_to_a_missing_file(write_course: WriteCourse) -> None:
    root = with_body(write_course, "See [the rules][rules].\n\n[rules]: ../policy/rulez.md\n")
    problem = only(load(root), "missing-link-target")
    assert "`../policy/rulez.md`" in problem.message
