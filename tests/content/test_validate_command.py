"""`trainer validate`: every seeded error of the broken course, by path, line and kind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.content.conftest import BROKEN_COURSE, MINI_COURSE, WriteCourse, module
from trainer.cli import main
from trainer.content.source_file import MAX_FILE_BYTES

EXPECTED = {
    ("course.yml", 10, "error", "unknown-completion-id"),
    ("modules/01-intro.en.md", 1, "warning", "unused-translation"),
    ("modules/01-intro.en.md", 2, "error", "translation-id-mismatch"),
    ("modules/02-unknown-key.md", 7, "error", "unknown-key"),
    ("modules/03-wrong-type.md", 5, "error", "wrong-type"),
    ("modules/03-zz-duplicate-number.md", 1, "error", "duplicate-module-number"),
    ("modules/04-yaml-syntax.md", 3, "error", "yaml-syntax"),
    ("modules/05-unsafe-tag.md", 3, "error", "unsafe-yaml-tag"),
    ("modules/06-dangling-requires.md", 9, "error", "dangling-requires"),
    ("modules/07-cycle-a.md", 7, "error", "prerequisite-cycle"),
    ("modules/09-empty.md", 8, "error", "empty-module"),
    ("modules/10-link-outside.md", 12, "error", "link-outside-course"),
    ("modules/11-missing-image.md", 10, "error", "missing-link-target"),
    ("modules/12-not-utf8.md", 8, "error", "not-utf8"),
    ("modules/13-too-big.md", 1, "error", "file-too-large"),
    ("modules/14-unknown-track.md", 4, "error", "unknown-track"),
    ("modules/15-dangling-quiz.md", 6, "error", "dangling-quiz"),
    ("modules/16-duplicate-id.md", 2, "error", "duplicate-id"),
    ("modules/18-no-front-matter.md", 1, "error", "missing-front-matter"),
    ("modules/19-long-page.md", 10, "warning", "long-page"),
    ("modules/20-no-quiz.md", 2, "warning", "module-without-quiz"),
    ("modules/7-bad-name.md", 1, "error", "bad-file-name"),
    ("policy/impossible-date.md", 5, "error", "invalid-date"),
    ("policy/numeric-version.md", 4, "error", "wrong-type"),
    ("quizzes/basics.en.md", 1, "warning", "unused-translation"),
    ("quizzes/basics.en.md", 5, "error", "translation-structure"),
    ("quizzes/draw-too-many.md", 5, "error", "draw-larger-than-pool"),
    ("quizzes/duplicate-question-id.md", 11, "error", "duplicate-question-id"),
    ("quizzes/duplicate-quiz-id.md", 2, "error", "duplicate-id"),
    ("quizzes/multiple-none-correct.md", 8, "error", "multiple-choice-without-correct"),
    ("quizzes/pass-out-of-range.md", 4, "error", "pass-out-of-range"),
    ("quizzes/question-without-id.md", 6, "error", "question-without-id"),
    ("quizzes/single-two-correct.md", 8, "error", "single-choice-correct-count"),
}


@pytest.fixture(scope="module")
def broken_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture folder plus one file over the size cap, made here to keep the repo small."""
    root = tmp_path_factory.mktemp("broken") / "course"
    shutil.copytree(BROKEN_COURSE, root)
    filler = "Padding text for a file that is far too large.\n" * (MAX_FILE_BYTES // 40)
    (root / "modules/13-too-big.md").write_text(
        "---\nid: too-big\ntitle: Too big\ntrack: basics\nminutes: 5\nquiz: basics\n---\n" + filler,
        encoding="utf-8",
    )
    return root


def reported(report: dict[str, object]) -> set[tuple[str, int, str, str]]:
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    return {(d["path"], d["line"], d["severity"], d["code"]) for d in diagnostics}


def test_every_seeded_error_is_reported_with_path_and_line(broken_course: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(broken_course), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert reported(report) == EXPECTED
    errors = sum(1 for e in EXPECTED if e[2] == "error")
    assert (report["ok"], report["errors"], report["warnings"]) == (False, errors, 4)
    assert set(report["diagnostics"][0]) == {"path", "line", "col", "severity", "code", "message"}


def test_python_m_trainer_validate_exits_1_on_the_broken_course(broken_course: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(broken_course), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr == ""
    assert reported(json.loads(completed.stdout)) == EXPECTED


def test_text_output_is_one_line_per_problem_then_a_summary(broken_course: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(broken_course)])
    lines = result.output.splitlines()
    assert lines[-1] == "29 errors, 4 warnings in 35 files"
    assert lines[0] == (
        "course.yml:10:20: error: `completion.modules` names `ghost`, which is not a module "
        "of this course"
    )
    assert "modules/03-wrong-type.md:5:1: error: `minutes` must be a whole number, got 'ten'" in (
        lines
    )
    assert len(lines) == len(EXPECTED) + 1
    assert "Traceback" not in result.output


def test_a_valid_course_exits_0(write_course: WriteCourse) -> None:
    result = CliRunner().invoke(main, ["validate", str(write_course())])
    assert (result.exit_code, result.output) == (0, "no problems in 4 files\n")


def test_warnings_alone_do_not_fail_the_run() -> None:
    result = CliRunner().invoke(main, ["validate", str(MINI_COURSE), "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 0
    assert (report["ok"], report["errors"], report["warnings"]) == (True, 0, 1)


def test_without_a_folder_it_checks_the_course_in_the_current_folder(
    write_course: WriteCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_course({"modules/01-intro.md": "no front matter\n"}))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.output.startswith("modules/01-intro.md:1:1: error: the file must start")


@pytest.mark.skipif(os.name != "posix", reason="file names with control characters")
def test_file_names_and_content_cannot_drive_the_terminal(write_course: WriteCourse) -> None:
    hostile_heading = "## Evil \x1b[2J\x9b31m\u202e title\n\n## Next\n\nText.\n"
    root = write_course(
        {
            "modules/01-intro.md": module(body=hostile_heading),
            "quizzes/x\x1b]0;pwned\x07.md": "---\n---\n",
        }
    )
    for report_format in ("text", "json"):
        result = CliRunner().invoke(main, ["validate", str(root), "--format", report_format])
        assert result.exit_code == 1
        assert "Evil" in result.output and "pwned" in result.output  # shown, but defused
        for bad in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert bad not in result.output


def test_the_bundled_sample_course_is_valid_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", "json"], catch_exceptions=False)
    report = json.loads(result.output)
    assert report["errors"] == 0, report["diagnostics"]
    assert result.exit_code == 0


def test_the_course_option_of_the_trainer_command_is_honoured(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": "no front matter\n"})
    result = CliRunner().invoke(main, ["--course", str(root), "validate"])
    assert result.exit_code == 1
    assert "missing-front-matter" not in result.output  # text format: messages, not codes
    assert result.output.startswith("modules/01-intro.md:1:1: error:")
    from_env = CliRunner().invoke(main, ["validate"], env={"TRAINER_COURSE": str(root)})
    assert from_env.output == result.output
