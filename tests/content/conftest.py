"""A tiny course written into a temporary folder, one file at a time, for each check's test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.content.diagnostics import Diagnostic
from trainer.content.loader import CourseLoadResult, load_course

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_COURSE = FIXTURES / "mini_course"
BROKEN_COURSE = FIXTURES / "broken_course"

COURSE_YML = """\
title: Test course
organisation: Test
default_language: pl
languages: [pl]
tracks:
  - id: basics
    title: Basics
policy: rules
"""

POLICY = """\
---
id: rules
title: Rules
version: "1"
effective: 2026-01-01
---
Be kind.
"""

QUIZ = """\
---
id: check
title: Check
pass: 0.5
---
## Right or wrong? {#right-or-wrong}

1. [x] Right
2. [ ] Wrong
"""


def module(
    module_id: str = "intro",
    body: str = "Text.\n",
    *,
    quiz: str | None = "check",
    extra: str = "",
    title: str = "Intro",
) -> str:
    """A module file; `extra` adds front-matter lines after the usual keys."""
    quiz_line = f"quiz: {quiz}\n" if quiz else ""
    return (
        f"---\nid: {module_id}\ntitle: {title}\ntrack: basics\nminutes: 5\n{quiz_line}{extra}---\n"
        f"{body}"
    )


WriteCourse = Callable[..., Path]


@pytest.fixture
def write_course(tmp_path: Path) -> WriteCourse:
    """Write course.yml, one policy, one quiz and one module, overridden by `files`."""

    def write(files: dict[str, str | bytes] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "course"
        layout: dict[str, str | bytes] = {}
        if base:
            layout = {
                "course.yml": COURSE_YML,
                "policy/rules.md": POLICY,
                "quizzes/check.md": QUIZ,
                "modules/01-intro.md": module(),
            }
        layout.update(files or {})
        for relative, content in layout.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return root

    return write


def found(result: CourseLoadResult) -> set[tuple[str, int, str]]:
    """(path, line, code) of every diagnostic: what the tests compare."""
    return {(d.path, d.line, d.code) for d in result.diagnostics}


def only(result: CourseLoadResult, code: str) -> Diagnostic:
    matching = [d for d in result.diagnostics if d.code == code]
    assert len(matching) == 1, result.diagnostics
    return matching[0]


def load(root: Path) -> CourseLoadResult:
    return load_course(root)
