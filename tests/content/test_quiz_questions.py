"""Quiz bodies: the four kinds of question with hints, feedback and explanations."""

from __future__ import annotations

from tests.content.conftest import WriteCourse, found, load, only
from trainer.content.markdown_source import MarkdownBody
from trainer.content.models import MultipleChoice, Ordering, ShortAnswer, SingleChoice
from trainer.content.quiz_questions import ParsedQuizBody, parse_quiz_body


def parse(body: str) -> ParsedQuizBody:
    return parse_quiz_body(MarkdownBody.parse(body, 0, task_lists=True), "q.md")


def codes(body: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in parse(body).diagnostics]


SINGLE = """\
Intro before the questions.

## Where does the disclosure go? {#disclosure-where points=2}

> Think of someone who only reads the first line.

Choose one.

1. [x] At the start
   > Right: it is seen first.
2. [ ] In the last hashtag
   > Too easy to miss.

Readers must see it without expanding the post.

More explanation.
"""


def test_single_choice_with_hint_feedback_and_explanation() -> None:
    parsed = parse(SINGLE)
    assert parsed.diagnostics == []
    assert parsed.intro == "Intro before the questions."
    [question] = parsed.questions
    assert isinstance(question, SingleChoice)
    assert (question.id, question.points, question.line) == ("disclosure-where", 2, 3)
    assert question.prompt == "Where does the disclosure go?\n\nChoose one."
    assert question.hint == "Think of someone who only reads the first line."
    assert [(c.index, c.text, c.correct, c.feedback) for c in question.choices] == [
        (0, "At the start", True, "Right: it is seen first."),
        (1, "In the last hashtag", False, "Too easy to miss."),
    ]
    assert question.explanation == (
        "Readers must see it without expanding the post.\n\nMore explanation."
    )


def test_multiple_choice_from_a_bulleted_task_list() -> None:
    [question] = parse("## Which? {#which}\n\n- [x] A\n- [ ] *B*\n- [X] C\n").questions
    assert isinstance(question, MultipleChoice)
    assert [(c.text, c.correct) for c in question.choices] == [
        ("A", True),
        ("*B*", False),
        ("C", True),
    ]
    assert question.hint is None and question.explanation is None


def test_short_answer_in_the_heading_shows_a_blank() -> None:
    body = "## The tag is [[#ad | #reklama]] {#tag}\n\n> Two letters.\n\nIt is short.\n"
    [question] = parse(body).questions
    assert isinstance(question, ShortAnswer)
    assert question.prompt == "The tag is _____"
    assert question.accepted == ("#ad", "#reklama")
    assert question.hint == "Two letters."
    assert question.explanation == "It is short."


def test_short_answer_in_the_body() -> None:
    body = "## Fill in {#fill}\n\n> Hint.\n\nWe write [[ambassador]] here.\n\nWhy.\n"
    [question] = parse(body).questions
    assert isinstance(question, ShortAnswer)
    assert question.prompt == "Fill in\n\nWe write _____ here."
    assert (question.hint, question.explanation) == ("Hint.", "Why.")


def test_numbered_list_without_checkboxes_is_an_ordering_question() -> None:
    body = "## Order {#order}\n\nFrom first to last.\n\n1. Read\n2. Write\n3. Post\n\nBecause.\n"
    [question] = parse(body).questions
    assert isinstance(question, Ordering)
    assert question.items == ("Read", "Write", "Post")
    assert question.prompt == "Order\n\nFrom first to last."
    assert question.explanation == "Because."


def test_a_plain_bulleted_list_stays_in_the_prompt() -> None:
    body = "## Which? {#which}\n\nFacts:\n\n- one\n- two\n\n1. [x] A\n2. [ ] B\n"
    [question] = parse(body).questions
    assert isinstance(question, SingleChoice)
    assert "- one" in question.prompt


def test_single_choice_needs_exactly_one_correct_answer() -> None:
    assert codes("## Q {#q}\n\n1. [x] A\n2. [x] B\n") == [(3, "single-choice-correct-count")]
    assert codes("## Q {#q}\n\n1. [ ] A\n2. [ ] B\n") == [(3, "single-choice-correct-count")]


def test_multiple_choice_needs_a_correct_answer() -> None:
    assert codes("## Q {#q}\n\n- [ ] A\n- [ ] B\n") == [(3, "multiple-choice-without-correct")]


def test_every_answer_in_a_checkbox_list_needs_a_checkbox() -> None:
    assert codes("## Q {#q}\n\n- [x] A\n- B\n") == [(4, "mixed-answer-list")]


def test_question_without_id_or_with_a_bad_one() -> None:
    assert codes("## Q\n\n1. [x] A\n2. [ ] B\n") == [(1, "question-without-id")]
    assert codes("## Q {points=2}\n\n1. [x] A\n2. [ ] B\n") == [(1, "question-without-id")]
    assert codes("## Q {#Big_Id}\n\n1. [x] A\n2. [ ] B\n") == [(1, "invalid-question-id")]


def test_heading_attributes_are_checked() -> None:
    assert codes("## Q {#q points=0}\n\n1. [x] A\n2. [ ] B\n") == [(1, "invalid-points")]
    assert codes("## Q {#q weight=2}\n\n1. [x] A\n2. [ ] B\n") == [
        (1, "unknown-question-attribute")
    ]


def test_duplicate_question_ids_point_at_the_first_use() -> None:
    body = "## A {#same}\n\n1. [x] A\n2. [ ] B\n\n## B {#same}\n\n1. [x] A\n2. [ ] B\n"
    [problem] = parse(body).diagnostics
    assert (problem.line, problem.code) == (6, "duplicate-question-id")
    assert "already used on line 1" in problem.message


def test_questions_need_answers() -> None:
    assert codes("## Q {#q}\n\nJust text.\n") == [(1, "question-without-answers")]
    assert codes("## Q {#q}\n\n1. [x] Only one\n") == [(1, "too-few-answers")]


def test_one_blank_per_short_answer_and_not_mixed_with_checkboxes() -> None:
    assert codes("## Q {#q}\n\n[[a]] and [[b]]\n") == [(1, "multiple-blanks")]
    assert codes("## Q [[a]] {#q}\n\n1. [x] A\n2. [ ] B\n") == [(1, "mixed-question-kinds")]
    assert codes("## Q [[ | ]] {#q}\n") == [(1, "empty-blank")]


def test_feedback_under_an_ordering_item_is_a_warning() -> None:
    parsed = parse("## Q {#q}\n\n1. A\n   > never shown\n2. B\n")
    assert [(d.severity, d.code, d.line) for d in parsed.diagnostics] == [
        ("warning", "ignored-feedback", 3)
    ]


def test_a_quiz_without_questions(write_course: WriteCourse) -> None:
    quiz = "---\nid: check\ntitle: Check\npass: 0.5\n---\nNothing to ask.\n"
    result = load(write_course({"quizzes/check.md": quiz}))
    assert ("quizzes/check.md", 6, "empty-quiz") in found(result)


def test_draw_larger_than_the_pool(write_course: WriteCourse) -> None:
    quiz = (
        "---\nid: check\ntitle: Check\npass: 0.5\ndraw: 3\n---\n"
        "## A {#a}\n\n1. [x] A\n2. [ ] B\n\n## B {#b}\n\n1. [x] A\n2. [ ] B\n"
    )
    problem = only(load(write_course({"quizzes/check.md": quiz})), "draw-larger-than-pool")
    assert problem.line == 5
    assert "(2)" in problem.message


def test_the_loaded_quiz_keeps_its_settings(write_course: WriteCourse) -> None:
    quiz = (
        "---\nid: check\ntitle: Check\npass: 0.75\nattempts: 2\ngrading: last\n"
        "shuffle: both\ndraw: 1\nscoring: partial\n---\n"
        "## A {#a points=3}\n\n1. [x] A\n2. [ ] B\n\n## B {#b}\n\n- [x] A\n- [ ] B\n"
    )
    result = load(write_course({"quizzes/check.md": quiz}))
    assert result.course is not None
    loaded = result.course.quizzes["check"]
    assert (loaded.pass_mark, loaded.attempts, loaded.grading) == (0.75, 2, "last")
    assert (loaded.shuffle, loaded.draw, loaded.scoring) == ("both", 1, "partial")
    assert loaded.question_ids == ("a", "b")
    assert loaded.max_points == 4
