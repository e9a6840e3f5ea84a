"""Course files that are links to places outside the course folder are refused, unread.

A course folder is often a git checkout anyone on the team can push to: a link to
`/etc/passwd` or to another course's private notes must not become a page learners read, and
the error must not print the start of the target.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main
from trainer.content.loader import load_course

SECRET = "TOP-SECRET salary table: Anna 12000"


def _secret(tmp_path: Path, name: str) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir(exist_ok=True)
    target = outside / name
    target.write_text(f"---\nid: leaked\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    return target


def test_a_module_linked_to_a_file_outside_the_course_is_refused(
    mini_course_dir: Path, tmp_path: Path
) -> None:
    module = mini_course_dir / "modules" / "02-first-post.en.md"
    module.unlink()
    module.symlink_to(_secret(tmp_path, "notes.md"))

    result = load_course(mini_course_dir)
    cli = CliRunner().invoke(main, ["validate", str(mini_course_dir)])

    assert result.course is None
    refusals = [d for d in result.diagnostics if d.code == "outside-course"]
    assert [d.path for d in refusals] == ["modules/02-first-post.en.md"]
    assert cli.exit_code == 1
    assert "link to a place outside the course folder" in cli.output
    assert SECRET not in cli.output and "elsewhere" not in cli.output


def test_a_linked_course_yml_prints_nothing_of_its_target(
    mini_course_dir: Path, tmp_path: Path
) -> None:
    config = mini_course_dir / "course.yml"
    config.unlink()
    config.symlink_to(_secret(tmp_path, "course.yml"))

    cli = CliRunner().invoke(main, ["validate", str(mini_course_dir)])

    assert cli.exit_code == 1
    assert "course.yml" in cli.output and "outside the course folder" in cli.output
    assert SECRET not in cli.output and "salary" not in cli.output


def test_a_linked_folder_leading_outside_is_refused_too(
    mini_course_dir: Path, tmp_path: Path
) -> None:
    quizzes = mini_course_dir / "quizzes"
    moved = tmp_path / "elsewhere-quizzes"
    quizzes.rename(moved)
    quizzes.symlink_to(moved, target_is_directory=True)

    result = load_course(mini_course_dir)

    assert result.course is None
    assert {d.code for d in result.diagnostics} >= {"outside-course"}


def test_a_link_that_stays_inside_the_course_is_fine(mini_course_dir: Path) -> None:
    module = mini_course_dir / "modules" / "02-first-post.en.md"
    kept = mini_course_dir / "modules" / "shared"
    kept.mkdir()
    module.rename(kept / "post.md")
    module.symlink_to(Path("shared") / "post.md")

    result = load_course(mini_course_dir)

    assert not [d for d in result.diagnostics if d.code == "outside-course"]
