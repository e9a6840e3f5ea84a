"""`trainer new`: a trainer starts a course and adds files that pass `trainer validate` at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from trainer.cli import main
from trainer.content.loader import load_course


def trainer(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "academy"
    assert trainer("new", "course", str(root), "--title", "Akademia ambasadora").exit_code == 0
    monkeypatch.chdir(root)
    return root


def test_a_new_course_validates_without_a_single_warning(course: Path) -> None:
    result = load_course(course)
    assert result.diagnostics == []
    assert result.course is not None
    assert result.course.title("pl") == "Akademia ambasadora"
    assert [m.id for m in result.course.modules] == ["welcome"]
    assert trainer("validate", str(course), "--strict").exit_code == 0


def test_the_new_quiz_shows_every_kind_of_question(course: Path) -> None:
    loaded = load_course(course)
    assert loaded.course is not None
    questions = loaded.course.quizzes["welcome"].text("pl").questions
    assert [q.kind for q in questions] == ["single", "multiple", "short", "ordering"]
    single = questions[0]
    assert single.hint and single.explanation
    assert single.kind == "single" and single.choices[0].feedback


def test_new_modules_take_the_next_number_and_bring_their_quiz(course: Path) -> None:
    result = trainer("new", "module", "hashtags")
    assert result.exit_code == 0, result.output
    assert "created" in result.output and result.output.rstrip().endswith("no problems in 6 files")
    assert (course / "modules/02-hashtags.md").is_file()
    assert (course / "quizzes/hashtags.md").is_file()
    assert trainer("new", "module", "images", "--no-quiz", "--title", "Obrazy").exit_code == 0
    loaded = load_course(course)
    assert loaded.course is not None
    assert [(m.id, m.order) for m in loaded.course.modules] == [
        ("welcome", 1),
        ("hashtags", 2),
        ("images", 3),
    ]
    assert {d.code for d in loaded.diagnostics} == {"module-without-quiz"}


def test_a_new_quiz_and_policy_validate(course: Path) -> None:
    quiz = trainer("new", "quiz", "extra")
    assert quiz.exit_code == 0
    assert "add `quiz: extra` to the module it belongs to" in quiz.output
    policy = trainer("new", "policy", "rules-2027", "--title", "Zasady 2027")
    assert policy.exit_code == 0
    assert "change it to use this one" in policy.output
    assert load_course(course).errors == []


def test_names_already_used_and_bad_ids_are_refused(course: Path) -> None:
    assert "already has a module `welcome`" in trainer("new", "module", "welcome").output
    assert "already has a quiz `welcome`" in trainer("new", "quiz", "welcome").output
    bad = CliRunner().invoke(main, ["new", "module", "Hash Tags"])
    assert bad.exit_code == 2
    assert "like `hash-tags`" in bad.output
    again = CliRunner().invoke(main, ["new", "course", str(course)])
    assert again.exit_code == 1 and "already holds a course" in again.output


def test_adding_a_file_outside_a_course_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "module", "intro"])
    assert result.exit_code == 1
    assert "trainer new course DIR" in result.output


def test_a_new_module_in_a_bilingual_course_asks_only_for_its_translation(
    course: Path,
) -> None:
    config = course / "course.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("languages: [pl]", "languages: [pl, en]"),
        encoding="utf-8",
    )
    assert trainer("new", "module", "second", "--no-quiz").exit_code == 0
    codes = {(d.path, d.code) for d in load_course(course).diagnostics}
    assert ("modules/02-second.md", "missing-translation") in codes
    assert all(code in {"missing-translation", "module-without-quiz"} for _, code in codes)
