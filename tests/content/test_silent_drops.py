"""Mistakes that Markdown accepts but that would change what learners see, one course each.

Each test builds a small course with one mistake a trainer really makes and checks that
`trainer validate` names it at the line to fix, with the fix in the message.
"""

from __future__ import annotations

from tests.content.conftest import QUIZ, WriteCourse, found, load, module, only

QUIZ_HEAD = "---\nid: check\ntitle: Check\npass: 0.5\n---\n"


def test_an_unindented_feedback_line_does_not_swallow_the_answers_below(
    write_course: WriteCourse,
) -> None:
    body = (
        "## Where does the label go? {#label}\n"  # line 6
        "\n"
        "1. [x] At the start\n"
        "   > Right.\n"
        "2. [ ] In a hashtag\n"  # line 10
        "> Too easy to miss.\n"  # line 11: not indented, ends the list
        "3. [ ] Nowhere\n"
        "\n"
        "The label must be seen first.\n"
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "answers-after-feedback")
    assert (problem.path, problem.line, problem.severity) == ("quizzes/check.md", 11, "error")
    assert "answers from line 12 on" in problem.message
    assert "indent the feedback by 3 spaces" in problem.message
    assert result.course is None


def test_the_same_mistake_in_a_bulleted_list_and_an_ordering_question(
    write_course: WriteCourse,
) -> None:
    body = (
        "## Which? {#which}\n"  # 6
        "\n"
        "- [x] A\n"
        "> Yes.\n"  # 9
        "- [ ] B\n"
        "\n"
        "## Order {#order}\n"  # 12
        "\n"
        "1. First\n"
        "> Why first.\n"  # 15
        "2. Second\n"
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    assert {(d.line, d.code) for d in result.diagnostics} == {
        (9, "answers-after-feedback"),
        (15, "answers-after-feedback"),
    }


def test_answers_written_after_the_explanation_are_reported(write_course: WriteCourse) -> None:
    body = "## Which? {#which}\n\n- [x] A\n- [ ] B\n\nBecause.\n\n- [ ] C\n"
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "answers-after-answer-list")
    assert problem.line == 13
    assert "line 8" in problem.message


def test_a_hint_after_the_answers_is_a_warning_saying_where_hints_go(
    write_course: WriteCourse,
) -> None:
    body = "## Pick {#pick}\n\n1. [x] A\n2. [ ] B\n\n> Think of the first line.\n"
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "hint-after-answers")
    assert (problem.line, problem.severity) == (11, "warning")
    assert "between the question heading and the answers" in problem.message
    assert result.course is not None  # a warning: the course still opens


def test_a_hint_after_a_short_answer_blank(write_course: WriteCourse) -> None:
    body = "## Label {#label}\n\nThe label is [[#ad]].\n\n> It is short.\n"
    problem = only(load(write_course({"quizzes/check.md": QUIZ_HEAD + body})), "hint-after-answers")
    assert problem.line == 10
    assert "text with the blank" in problem.message


def test_a_question_written_with_one_or_three_hashes(write_course: WriteCourse) -> None:
    body = (
        "## First {#first}\n\n1. [x] A\n2. [ ] B\n\n"  # 6-10
        "### Second {#second}\n\n1. [x] A\n2. [ ] B\n"  # 11
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "question-heading-level")
    assert problem.line == 11
    assert "write `## Second {#second}`" in problem.message
    assert found(result) == {("quizzes/check.md", 11, "question-heading-level")}


def test_single_hash_pages_turn_a_module_into_one_page(write_course: WriteCourse) -> None:
    body = "Opening.\n\n# Second page\n\nText.\n\n# Third page\n\nMore.\n"
    result = load(write_course({"modules/01-intro.md": module(body=body)}))
    problems = [d for d in result.diagnostics if d.code == "heading-one-in-module"]
    assert [(d.line, d.severity) for d in problems] == [(10, "warning"), (14, "warning")]
    assert "write `## Second page`" in problems[0].message
    assert "the whole module is one page" in problems[0].message


def test_a_correct_quiz_gets_none_of_these(write_course: WriteCourse) -> None:
    assert load(write_course({"quizzes/check.md": QUIZ})).diagnostics == []
