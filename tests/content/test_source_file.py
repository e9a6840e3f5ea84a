"""Files that cannot be read as course text: wrong encoding, too large, oddly named."""

from __future__ import annotations

from tests.content.conftest import WriteCourse, found, load, module, only
from trainer.content.source_file import MAX_FILE_BYTES


def test_a_file_that_is_not_utf8_points_at_the_first_bad_byte(write_course: WriteCourse) -> None:
    text = module(body="Zażółć\nKonto: \xbf\n").encode("utf-8").replace(b"\xc2\xbf", b"\xbf")
    problem = only(load(write_course({"modules/01-intro.md": text})), "not-utf8")
    assert (problem.line, problem.col) == (9, 8)
    assert "0xbf" in problem.message


def test_a_file_over_the_size_cap(write_course: WriteCourse) -> None:
    big = module(body="x" * (MAX_FILE_BYTES + 1))
    problem = only(load(write_course({"modules/01-intro.md": big})), "file-too-large")
    assert problem.line == 1
    assert f"at most {MAX_FILE_BYTES // 1024} KB" in problem.message


def test_module_files_must_be_named_nn_slug(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/Intro.md": module("other")}))
    problem = only(result, "bad-file-name")
    assert problem.path == "modules/Intro.md"
    assert "`NN-slug.md`" in problem.message and "`Intro.md` does not fit" in problem.message


def test_quiz_files_need_plain_names(write_course: WriteCourse) -> None:
    result = load(write_course({"quizzes/My Quiz.md": "---\n---\n"}))
    assert ("quizzes/My Quiz.md", 1, "bad-file-name") in found(result)


def test_attachments_beside_modules_are_not_course_text(write_course: WriteCourse) -> None:
    root = write_course({"modules/photo.png": b"\x89PNG", "modules/.notes.md": "scratch"})
    assert load(root).diagnostics == []


def test_a_course_needs_its_folders_and_course_yml(write_course: WriteCourse) -> None:
    root = write_course({"notes.txt": "nothing"}, base=False)
    assert found(load(root)) == {
        ("course.yml", 1, "missing-course-file"),
        ("modules", 1, "missing-folder"),
        ("policy", 1, "missing-folder"),
    }
