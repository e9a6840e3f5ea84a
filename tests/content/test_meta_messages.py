"""Schema errors read like advice to a trainer, not like pydantic output."""

from __future__ import annotations

import pytest

from tests.content.conftest import QUIZ, WriteCourse, load, module, only
from trainer.content.diagnostics import Diagnostic
from trainer.content.front_matter import read_yaml
from trainer.content.meta_validation import validate_meta
from trainer.content.models import CourseConfig, ModuleMeta, PolicyMeta, QuizMeta

JARGON = ("Input should", "type=", "pydantic", "validation error", "[", "For further")


def messages(model: type, text: str) -> list[Diagnostic]:
    document, problems = read_yaml(text, "f.md", 2)
    assert problems == [] and document is not None
    meta, problems = validate_meta(model, document, "f.md")
    assert meta is None
    for problem in problems:
        assert not any(j in problem.message for j in JARGON if j != "["), problem.message
    return problems


MODULE = "id: intro\ntitle: Intro\ntrack: basics\n"


def test_unknown_key_suggests_the_key_meant(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": module(extra="summry: typo\n")})
    problem = only(load(root), "unknown-key")
    assert problem.line == 7
    assert problem.message == "unknown key `summry`; did you mean `summary`?"


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    [problem] = messages(ModuleMeta, MODULE + "minutes: 5\ncolour: red\n")
    assert problem.code == "unknown-key"
    assert "known keys: id, title, track, minutes, requires, quiz, summary" in problem.message


def test_missing_key_is_named() -> None:
    [problem] = messages(ModuleMeta, MODULE.replace("track: basics\n", ""))
    assert (problem.code, problem.message) == ("missing-key", "missing required key `track`")


def test_wrong_type_says_what_was_expected_and_what_was_found() -> None:
    [problem] = messages(ModuleMeta, MODULE + "minutes: ten\n")
    assert (problem.line, problem.message) == (5, "`minutes` must be a whole number, got 'ten'")


def test_a_number_where_text_is_expected_suggests_quotes() -> None:
    [problem] = messages(PolicyMeta, "id: p\ntitle: P\nversion: 2\neffective: 2026-01-01\n")
    assert problem.message == "`version` must be text, got 2; put it in quotes: `'2'`"


@pytest.mark.parametrize("value", ["1.5", "-0.1", "80"])
def test_pass_outside_zero_to_one(value: str, write_course: WriteCourse) -> None:
    quiz = QUIZ.replace("pass: 0.5", f"pass: {value}")
    problem = only(load(write_course({"quizzes/check.md": quiz})), "pass-out-of-range")
    assert problem.line == 4
    assert "between 0 and 1" in problem.message and value in problem.message


def test_choice_keys_list_their_options_and_guess_the_typo() -> None:
    [problem] = messages(QuizMeta, "id: q\ntitle: Q\npass: 0.5\ngrading: highst\n")
    assert problem.code == "invalid-value"
    assert problem.message == (
        "`grading` must be one of highest, last, first, average, got 'highst'; "
        "did you mean `highest`?"
    )


def test_yes_and_no_are_explained() -> None:
    [problem] = messages(QuizMeta, "id: q\ntitle: no\npass: 0.5\nshuffle: yes\n")[1:]
    assert problem.message.startswith("`shuffle` must be one of none, questions, answers, both")
    assert "YAML reads yes/no" in problem.message
    [title] = messages(QuizMeta, "id: q\ntitle: no\npass: 0.5\n")
    assert title.message.startswith("`title` must be text, got false (YAML reads yes/no")


def test_ids_must_be_slugs() -> None:
    [problem] = messages(ModuleMeta, "id: First Steps\ntitle: x\ntrack: basics\nminutes: 5\n")
    assert problem.message.startswith("`id` must be an id: lowercase letters, digits and hyphens")


def test_a_list_key_given_a_single_value() -> None:
    [problem] = messages(ModuleMeta, MODULE + "minutes: 5\nrequires: intro\n")
    assert problem.message == "`requires` must be a list, like `[a, b]`, got 'intro'"


def test_minutes_must_be_positive() -> None:
    [problem] = messages(ModuleMeta, MODULE + "minutes: 0\n")
    assert (problem.code, problem.message) == (
        "value-out-of-range",
        "`minutes` must be greater than 0, got 0",
    )


def test_nested_keys_in_course_yml_are_named_and_placed() -> None:
    text = (
        "title: {pl: Kurs, en: 5}\norganisation: X\ndefault_language: pl\nlanguages: [pl]\n"
        "tracks:\n  - id: basics\n    titel: Basics\npolicy: rules\n"
        "completion: {modules: some}\n"
    )
    problems = {(p.line, p.code, p.message) for p in messages(CourseConfig, text)}
    assert problems == {
        (2, "wrong-type", "`title.en` must be text, got 5; put it in quotes: `'5'`"),
        (7, "missing-key", "missing required key `tracks[1].title`"),
        (8, "unknown-key", "unknown key `titel`; did you mean `title`?"),
        (
            10,
            "wrong-type",
            "`completion.modules` must be `all` or a list, like `[a, b]`, got 'some'",
        ),
    }


def test_a_date_that_is_not_a_date() -> None:
    [problem] = messages(PolicyMeta, "id: p\ntitle: P\nversion: '1'\neffective: soon\n")
    assert problem.message == "`effective` must be a date written as YYYY-MM-DD, got 'soon'"
