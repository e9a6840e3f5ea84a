"""Front matter: split from the body, read safely, every problem placed on its line."""

from __future__ import annotations

from tests.content.conftest import WriteCourse, found, load, module, only
from trainer.content.front_matter import read_yaml


def test_each_key_knows_the_line_it_was_written_on() -> None:
    document, problems = read_yaml("id: a\n\ntitle: b\nrequires:\n  - x\n  - y\n", "f.md", 2)
    assert problems == [] and document is not None
    assert document.position(("id",)) == (2, 1)
    assert document.position(("title",)) == (4, 1)
    assert document.position(("requires", 1)) == (7, 5)
    assert document.position(("missing",)) == (2, 1)


def test_yaml_syntax_error_points_at_the_offending_key(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": module(title="Rules: the basics")})
    problem = only(load(root), "yaml-syntax")
    assert (problem.path, problem.line, problem.col) == ("modules/01-intro.md", 3, 13)
    assert "put text that contains `: ` in quotes" in problem.message


def test_python_tags_are_refused_before_anything_is_built(write_course: WriteCourse) -> None:
    evil = '!!python/object/apply:os.system ["touch /tmp/trainer-pwned"]'
    root = write_course({"modules/01-intro.md": module(title=evil)})
    problem = only(load(root), "unsafe-yaml-tag")
    assert problem.line == 3
    assert "`!!python/object/apply:os.system` is not allowed" in problem.message


def test_other_tags_are_refused_too() -> None:
    document, problems = read_yaml("id: !!binary aGVsbG8=\n", "f.md", 2)
    assert document is None
    assert [(p.code, p.line) for p in problems] == [("yaml-tag", 2)]


def test_aliases_are_refused_so_nothing_can_explode() -> None:
    text = "a: &x [1, 2]\nb: [*x, *x]\n"
    document, problems = read_yaml(text, "f.md", 2)
    assert document is None
    assert {p.code for p in problems} == {"yaml-alias"}
    assert {p.line for p in problems} == {3}


def test_a_key_written_twice_is_an_error(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": module(extra="minutes: 6\n")})
    problem = only(load(root), "duplicate-key")
    assert (problem.line, problem.message) == (7, "the key `minutes` is written twice; keep one")


def test_an_impossible_date_is_reported_on_its_line() -> None:
    document, problems = read_yaml("id: p\neffective: 2026-02-30\n", "f.md", 2)
    assert document is None
    assert [(p.code, p.line, p.col) for p in problems] == [("invalid-date", 3, 12)]


def test_a_file_without_front_matter_says_how_to_start(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": "# Intro\n\nText.\n"})
    problem = only(load(root), "missing-front-matter")
    assert problem.line == 1
    assert "`---`" in problem.message


def test_unclosed_front_matter(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": "---\nid: intro\ntitle: x\n"})
    assert ("modules/01-intro.md", 1, "unclosed-front-matter") in found(load(root))


def test_front_matter_that_is_not_a_mapping(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": "---\n- id\n- title\n---\nText.\n"})
    problem = only(load(root), "wrong-type")
    assert problem.line == 2
    assert "must be `key: value` lines" in problem.message


def test_empty_front_matter_reports_the_missing_keys(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": "---\n---\nText.\n"})
    problem = only(load(root), "missing-key")
    assert problem.line == 2


def test_windows_line_endings_and_a_bom_are_accepted(write_course: WriteCourse) -> None:
    text = "\ufeff" + module().replace("\n", "\r\n")
    root = write_course({"modules/01-intro.md": text.encode("utf-8")})
    result = load(root)
    assert result.diagnostics == []
    assert result.course is not None
    assert result.course.modules[0].texts["pl"].pages[0].line == 8
