"""load_course on whole folders and load_file_for_preview on single files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.content.conftest import MINI_COURSE, WriteCourse, found, load, module, only
from trainer.content import course_files
from trainer.content.loader import load_course, load_file_for_preview
from trainer.content.models import MultipleChoice, Ordering, ShortAnswer, SingleChoice


def test_the_mini_course_loads_with_both_languages() -> None:
    result = load_course(MINI_COURSE)
    assert result.errors == []
    assert [(d.path, d.code) for d in result.warnings] == [
        ("modules/01-welcome.md", "module-without-quiz")
    ]
    course = result.course
    assert course is not None and result.ok
    assert course.root == MINI_COURSE
    assert [m.id for m in course.modules] == ["welcome", "first-post"]
    assert [m.order for m in course.modules] == [1, 2]
    assert course.module("first-post").requires == ("welcome",)
    assert set(course.module("welcome").texts) == {"pl", "en"}
    assert [p.title for p in course.module("welcome").text("en").pages] == [
        "Welcome to the program",
        "What you gain",
        "Rules",
    ]
    quiz = course.quizzes["basics-quiz"]
    kinds = [type(q) for q in quiz.text("pl").questions]
    assert kinds == [SingleChoice, MultipleChoice, ShortAnswer, Ordering]
    assert quiz.max_points == 5
    assert course.policy.version == "1.0"
    assert (
        course.policy.text("pl").sha256
        == (
            __import__("hashlib").sha256((MINI_COURSE / "policy/social-media.md").read_bytes())
        ).hexdigest()
    )
    assert course.title("en") == "Mini ambassador course"
    assert course.track_title("basics", "pl") == "Podstawy"


def test_the_course_is_withheld_when_there_is_any_error(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/02-next.md": module("next", extra="minutes: 1\n")}))
    assert not result.ok
    assert result.course is None
    assert [d.code for d in result.errors] == ["duplicate-key"]


def test_every_problem_is_reported_in_one_run(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "modules/02-a.md": module("a", extra="colour: red\n"),
                "modules/03-b.md": module("b", quiz="nowhere"),
                "quizzes/check.md": "---\nid: check\ntitle: Check\npass: 2\n---\n## Q\n",
            }
        )
    )
    assert {d.code for d in result.errors} >= {
        "unknown-key",
        "dangling-quiz",
        "pass-out-of-range",
        "question-without-id",
    }


def test_an_unexpected_bug_becomes_a_diagnostic_not_a_traceback(
    write_course: WriteCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_parser(*args: object) -> object:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(course_files, "parse_quiz_body", broken_parser)
    result = load(write_course({"modules/02-a.md": module("a", extra="colour: red\n")}))
    problem = only(result, "internal-error")
    assert problem.path == "quizzes/check.md"
    assert "internal error while reading this file (RuntimeError: parser bug)" in problem.message
    assert ("modules/02-a.md", 7, "unknown-key") in found(result)  # the others still checked


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = load_course(tmp_path / "nowhere")
    assert [d.code for d in result.diagnostics] == ["missing-course-folder"]


def test_diagnostics_are_sorted_by_path_and_line(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "modules/02-b.md": module("b", extra="colour: red\nshade: blue\n"),
                "modules/01-intro.md": module(extra="weight: 3\n"),
            }
        )
    )
    keys = [(d.path, d.line) for d in result.diagnostics]
    assert keys == sorted(keys) and len(keys) == 3


# --- preview --------------------------------------------------------------------------------


def test_preview_of_a_module_in_a_course() -> None:
    preview = load_file_for_preview(MINI_COURSE / "modules/01-welcome.md")
    assert preview.ok and preview.diagnostics == []
    assert (preview.kind, preview.lang, preview.course_root) == ("module", "pl", MINI_COURSE)
    assert preview.module_text is not None and len(preview.module_text.pages) == 3
    assert preview.module is not None and preview.module.track == "basics"


def test_preview_of_a_translation_takes_the_rest_from_the_original() -> None:
    preview = load_file_for_preview(MINI_COURSE / "modules/02-first-post.en.md")
    assert preview.ok and preview.lang == "en"
    assert preview.module is not None
    assert (preview.module.quiz, preview.module.requires) == ("basics-quiz", ("welcome",))
    assert preview.module.text("en").title == "Your first post"


def test_preview_of_a_quiz_and_a_policy() -> None:
    quiz = load_file_for_preview(MINI_COURSE / "quizzes/basics-quiz.en.md")
    assert quiz.ok and quiz.quiz is not None and quiz.quiz_text is not None
    assert quiz.quiz.pass_mark == 0.75 and quiz.quiz_text.title == "Basics quiz"
    policy = load_file_for_preview(MINI_COURSE / "policy/social-media.en.md")
    assert policy.ok and policy.policy is not None and policy.policy_text is not None
    assert (policy.policy.version, policy.policy_text.title) == ("1.0", "Social media policy")


def test_preview_reports_a_translation_that_drifted(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(MINI_COURSE, course)
    translated = course / "quizzes/basics-quiz.en.md"
    translated.write_text(
        translated.read_text(encoding="utf-8").replace("{#what-to-share}", "{#share}"),
        encoding="utf-8",
    )
    preview = load_file_for_preview(translated)
    assert {d.code for d in preview.errors} == {"translation-structure"}
    assert all(d.path == "quizzes/basics-quiz.en.md" for d in preview.diagnostics)
    assert preview.quiz_text is not None  # the text can still be shown


def test_preview_of_a_lone_draft_outside_any_course(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(module(body="Intro.\n\n## Page\n\nText.\n"), encoding="utf-8")
    preview = load_file_for_preview(draft)
    assert preview.course_root is None
    assert preview.diagnostics == []
    assert preview.module_text is not None
    assert [p.title for p in preview.module_text.pages] == ["Intro", "Page"]


def test_preview_of_course_yml_checks_it(write_course: WriteCourse) -> None:
    root = write_course({"course.yml": "title: T\norganisation: O\n"})
    preview = load_file_for_preview(root / "course.yml")
    assert preview.kind == "course"
    assert {(d.path, d.code) for d in preview.diagnostics} == {("course.yml", "missing-key")}
    assert len(preview.diagnostics) == 4  # default_language, languages, tracks, policy


def test_preview_of_a_broken_file_explains_instead_of_failing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    preview = load_file_for_preview(draft)
    assert [d.code for d in preview.diagnostics] == ["yaml-syntax"]
    assert preview.module is None and not preview.ok
    missing = load_file_for_preview(tmp_path / "gone.md")
    assert [d.code for d in missing.diagnostics] == ["unreadable-file"]


def test_next_steps_are_optional_translatable_and_checked(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import FIXTURES
    from trainer.content.loader import load_course as load

    course_dir = tmp_path / "course"
    shutil.copytree(FIXTURES / "mini_course", course_dir)
    loaded = load(course_dir).course
    assert loaded is not None
    assert loaded.next_steps("en")[0].startswith("Join the #ambassadors channel")
    assert loaded.next_steps("pl")[1] == "Napisz pierwszy post z hubu."
    config = course_dir / "course.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- Napisz pierwszy post z hubu.", '- "  "'), encoding="utf-8")
    result = load(course_dir)
    assert result.course is None
    messages = [d.format() for d in result.diagnostics]
    assert any("course.yml" in m and "a next step needs text" in m for m in messages), messages
