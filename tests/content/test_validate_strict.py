"""`trainer validate --strict`, `silence:` in course.yml, and checking one file with its course."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.content.conftest import COURSE_YML, QUIZ, WriteCourse, module
from trainer.cli import main

NO_QUIZ = module("extra", quiz=None)  # warns: module-without-quiz


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_warnings_pass_normally_and_fail_with_strict(write_course: WriteCourse) -> None:
    root = write_course({"modules/02-extra.md": NO_QUIZ})
    assert validate(str(root))[0] == 0
    code, output = validate(str(root), "--strict")
    assert code == 1
    assert output.splitlines()[-1] == "0 errors, 1 warning in 5 files (--strict: warnings fail)"
    code, output = validate(str(root), "--strict", "--format", "json")
    assert code == 1
    assert json.loads(output)["ok"] is False


def test_strict_passes_a_course_without_warnings(write_course: WriteCourse) -> None:
    assert validate(str(write_course()), "--strict") == (0, "no problems in 4 files\n")


def test_a_known_warning_can_be_silenced_everywhere_and_the_count_is_shown(
    write_course: WriteCourse,
) -> None:
    config = COURSE_YML + "silence:\n  module-without-quiz: all\n"
    root = write_course({"course.yml": config, "modules/02-extra.md": NO_QUIZ})
    code, output = validate(str(root), "--strict")
    assert code == 0
    assert output == "no problems in 5 files (1 warning silenced in course.yml)\n"
    assert json.loads(validate(str(root), "--format", "json")[1])["silenced"] == 1


def test_a_warning_can_be_silenced_for_some_files_only(write_course: WriteCourse) -> None:
    config = COURSE_YML + "silence:\n  module-without-quiz: [modules/02-*.md]\n"
    root = write_course(
        {
            "course.yml": config,
            "modules/02-extra.md": NO_QUIZ,
            "modules/03-more.md": module("more", quiz=None),
        }
    )
    code, output = validate(str(root), "--strict")
    assert code == 1
    assert output.splitlines()[0].startswith("modules/03-more.md:2:1: warning:")


def test_errors_and_unknown_codes_cannot_be_silenced(write_course: WriteCourse) -> None:
    config = COURSE_YML + "silence:\n  dangling-quiz: all\n  modul-without-quiz: all\n"
    root = write_course({"course.yml": config, "modules/01-intro.md": module(quiz="nope")})
    code, output = validate(str(root))
    assert code == 1
    assert "course.yml:10:3: error: `silence` names `dangling-quiz`" in output
    assert "did you mean `module-without-quiz`?" in output
    assert "modules/01-intro.md:6:1: error: `quiz: nope` names no quiz" in output


def test_one_file_is_checked_with_its_course(write_course: WriteCourse) -> None:
    nxt = module("next", extra="requires: [intro]\n")
    root = write_course({"modules/02-next.md": nxt, "modules/03-bad.md": module("intro")})
    code, output = validate(str(root / "modules/02-next.md"))
    # `requires: [intro]` is known only from the other files; 03-bad's error is not listed
    assert (code, output) == (
        0,
        "no problems in modules/02-next.md (checked with its course of 6 files)\n",
    )
    code, output = validate(str(root / "modules/03-bad.md"))
    assert code == 1
    assert output.startswith("modules/03-bad.md:2:1: error: the module id `intro` is also used")


def test_one_file_outside_any_course_is_checked_on_its_own(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(QUIZ.replace("pass: 0.5", "pass: 5"), encoding="utf-8")
    code, output = validate(str(draft))
    assert code == 1
    assert output.startswith("draft.md:4:1: error: `pass` must be a fraction")
