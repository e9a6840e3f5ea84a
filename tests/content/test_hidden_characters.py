"""Pasted control characters are pointed out to the trainer: learners would never see them."""

from __future__ import annotations

import shutil
from pathlib import Path

from trainer.content.loader import load_course

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_an_escape_sequence_in_a_module_is_a_warning_at_its_position(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", course)
    module = course / "modules" / "01-welcome.md"
    lines = module.read_text(encoding="utf-8").splitlines()
    lines[8] = "Tekst \x1b]0;pwned\x07 z wklejki."  # line 9 of the file
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_course(course)
    hidden = [d for d in result.diagnostics if d.code == "control-character"]
    assert [(d.path, d.line, d.col, d.severity) for d in hidden] == [
        ("modules/01-welcome.md", 9, 7, "warning")
    ]
    assert "U+001B" in hidden[0].message
    assert result.course is not None  # a warning: the course still opens


def test_a_clean_course_has_no_such_warning() -> None:
    result = load_course(FIXTURES / "mini_course")
    assert not [d for d in result.diagnostics if d.code == "control-character"]
