"""`trainer import-gift`: GIFT banks become quiz files; every loss is reported by its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tests.content.conftest import WriteCourse
from trainer.cli import main
from trainer.content.gift.from_quiz import quiz_to_gift
from trainer.content.gift.parser import escape, unescape
from trainer.content.gift.to_quiz import GiftImport, import_gift
from trainer.content.loader import load_course
from trainer.content.markdown_source import MarkdownBody
from trainer.content.models import MultipleChoice, QuizText, ShortAnswer, SingleChoice
from trainer.content.quiz_questions import parse_quiz_body

GIFT = FIXTURES / "gift"
MOODLE = (GIFT / "moodle-examples.gift").read_text(encoding="utf-8")
BANK = (GIFT / "ambassador-bank.gift").read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle` (the banks are read, not hard-coded)."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[nth - 1]


def quiz_of(result: GiftImport) -> QuizText:
    """Parse the written quiz with the course's own quiz parser; it must have no error."""
    body = result.markdown.split("\n---\n", 1)[1]
    padding = result.markdown.split("\n---\n", 1)[0].count("\n") + 2
    parsed = parse_quiz_body(
        MarkdownBody.parse("\n" * padding + body, padding, task_lists=True), "q.md"
    )
    assert [d for d in parsed.diagnostics if d.severity == "error"] == []
    return QuizText(lang="en", path="q.md", title="t", questions=parsed.questions)


def convert(text: str, **options: object) -> GiftImport:
    return import_gift(text, quiz_id="bank", title="Bank", **options)  # type: ignore[arg-type]


# --- Moodle's own examples --------------------------------------------------------------------


def test_moodle_examples_multiple_choice_missing_word_and_true_false() -> None:
    questions = {q.id: q for q in quiz_of(convert(MOODLE)).questions}
    tomb = questions["who-s-buried-in-grant-s-tomb"]
    assert isinstance(tomb, SingleChoice)
    assert [(c.text, c.correct) for c in tomb.choices] == [
        ("Grant", False),
        ("Jefferson", False),
        ("no one", True),
    ]
    missing = questions["grant-is-in-grant-s-tomb"]
    assert isinstance(missing, SingleChoice)
    assert missing.prompt == "Grant is _____ in Grant's tomb."
    thanksgiving = questions["the-american-holiday-of-thanksgiving-is"]
    assert thanksgiving.prompt.endswith("on the _____ Thursday of November.")
    true_false = questions["the-sun-rises-in-the-east"]
    assert isinstance(true_false, SingleChoice)
    assert [(c.text, c.correct) for c in true_false.choices] == [("True", True), ("False", False)]


def test_moodle_examples_short_answer_numerical_and_names() -> None:
    questions = {q.id: q for q in quiz_of(convert(MOODLE)).questions}
    short = questions["who-s-buried-in-grant-s-tomb-2"]
    assert isinstance(short, ShortAnswer)
    assert short.accepted == ("no one", "nobody")
    two = questions["two-plus-two-equals"]
    assert isinstance(two, ShortAnswer)
    assert (two.prompt, two.accepted) == ("Two plus two equals _____.", ("four", "4"))
    born = questions["when-was-ulysses-s-grant-born"]  # {#1822:1}
    assert isinstance(born, ShortAnswer)
    assert born.accepted == ("1821", "1822", "1823")
    kanji = questions["kanji-origins"]  # ::Kanji Origins:: over two lines
    assert kanji.prompt == "Japanese characters originally came from what country? _____"


def test_moodle_examples_feedback_general_feedback_and_escapes() -> None:
    questions = {q.id: q for q in quiz_of(convert(MOODLE)).questions}
    feedback = questions["what-s-the-answer-to-this-multiple-choice"]
    assert isinstance(feedback, SingleChoice)
    assert [c.feedback for c in feedback.choices] == [
        "feedback comment on the wrong answer",
        "feedback comment on this wrong answer",
        "Very good!",
    ]
    hometown = questions["jesus-hometown"]
    assert hometown.prompt == "Jesus Christ was from _____."
    control = questions["gift-control-characters"]
    assert isinstance(control, SingleChoice)
    assert [c.text for c in control.choices] == ["~", "=", "#", "\\{", "\\}", "\\\\"]
    assert [c.correct for c in control.choices][-1] is True
    equals = questions["which-answer-equals-5"]
    assert isinstance(equals, SingleChoice)
    assert [c.text for c in equals.choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    multiple = questions["what-two-people-are-entombed-in-grant-s-tomb"]
    assert isinstance(multiple, MultipleChoice)
    assert [c.correct for c in multiple.choices] == [False, True, True, False]


def test_what_moodle_examples_lose_is_reported_line_by_line() -> None:
    notes = {(n.line, n.skipped) for n in convert(MOODLE).notes}
    assert (line_of(MOODLE, "Matching Question."), True) in notes
    assert (line_of(MOODLE, "{#3.1415:0.0005}"), False) in notes
    assert (line_of(MOODLE, "{#3.141..3.142}"), False) in notes
    assert (line_of(MOODLE, "~%50%half credit answer =full"), False) in notes
    assert (line_of(MOODLE, "~%25%Bethlehem"), False) in notes
    assert (line_of(MOODLE, "=%50%1822:2}"), False) in notes
    result = convert(MOODLE)
    assert result.imported == 25 and result.skipped == 3


def test_matching_can_be_split_into_single_choice_questions() -> None:
    quiz = quiz_of(convert(MOODLE, matching="split"))
    capitals = [q for q in quiz.questions if q.prompt.startswith("Match the following countries")]
    prompt = "Match the following countries with their corresponding capitals."
    assert [q.prompt for q in capitals] == [
        *(f"{prompt} {country}" for country in ("Canada", "Italy", "Japan", "India")),
        *(f"{prompt} {country}" for country in ("Canada", "Italy", "Japan")),
    ]
    italy = capitals[1]
    assert isinstance(italy, SingleChoice)
    assert [c.text for c in italy.choices if c.correct] == ["Rome"]


# --- our own bank of 50+ questions --------------------------------------------------------------


def test_the_ambassador_bank_imports_at_least_fifty_questions_that_validate(
    write_course: WriteCourse,
) -> None:
    result = convert(BANK, matching="split", lang="pl")
    assert result.imported >= 50
    root = write_course(
        {
            "quizzes/check.md": result.markdown.replace("id: bank", "id: check"),
        }
    )
    loaded = load_course(root)
    assert loaded.errors == []
    quiz = loaded.course.quizzes["check"] if loaded.course else None
    assert quiz is not None and len(quiz.question_ids) == result.imported


@pytest.mark.parametrize(
    ("needle", "skipped", "says"),
    [
        ("$CATEGORY: $course$/Ambassadors/Disclosure", False, "quizzes have no categories"),
        ("::platform-essay::", True, "essay question"),
        ("::platform-description::", True, "a Moodle description"),
        ("::broken-no-right::", True, "no answer is marked right"),
        ("::unclosed::", True, "never closed"),
        ("::hash-mistake::", True, "write `\\#` for a hash sign"),
        ("::html-q::", False, "HTML formatting is not kept"),
        ("::multi-right::", False, "2 answers are marked right"),
        ("::disclosure-words::", False, "the quiz uses `scoring: partial`"),
        ("=%50%20:10", False, "gives 50% in Moodle"),
        ("::chars-linkedin::", False, "only `210` is accepted"),
        ("::newline::", False, "a line break inside an answer is not kept"),
        ("::disclosure-tag::", False, "added to the explanation"),
    ],
)
def test_every_loss_in_the_bank_is_reported_at_its_line(
    needle: str, skipped: bool, says: str
) -> None:
    notes = convert(BANK, matching="skip").notes
    line = line_of(BANK, needle)
    assert any(n.line == line and n.skipped == skipped and says in n.message for n in notes), [
        n for n in notes if n.line == line
    ]


def test_matching_is_skipped_by_default_with_its_line() -> None:
    notes = convert(BANK).notes
    line = line_of(BANK, "::platform-match::")
    assert any(n.line == line and n.skipped and "--matching split" in n.message for n in notes)


def test_true_false_answers_in_the_course_language_with_feedback_on_the_right_side() -> None:
    questions = {q.id: q for q in quiz_of(convert(BANK, lang="pl")).questions}
    hidden = questions["disclosure-hidden"]  # {FALSE#shown if wrong#shown if right}
    assert isinstance(hidden, SingleChoice)
    assert [(c.text, c.correct, c.feedback) for c in hidden.choices] == [
        ("Prawda", False, "Readers must see it without expanding the post."),
        ("Fałsz", True, "Right, it must be visible at once."),
    ]


def test_numbers_become_the_accepted_answers() -> None:
    questions = {q.id: q for q in quiz_of(convert(BANK)).questions}
    assert isinstance(q := questions["hashtags-count"], ShortAnswer) and q.accepted == ("2", "3")
    assert isinstance(q := questions["clicks"], ShortAnswer) and q.accepted == ("2.5",)
    assert isinstance(q := questions["chars-linkedin"], ShortAnswer) and q.accepted == ("210",)


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [MOODLE, BANK], ids=["moodle-examples", "ambassador-bank"])
def test_a_quiz_exported_to_gift_imports_back_unchanged(bank: str) -> None:
    first = convert(bank, matching="split")
    exported = quiz_to_gift(quiz_of(first))
    assert exported.notes == []
    second = convert(exported.text, matching="split")
    assert second.markdown == first.markdown
    assert [n for n in second.notes if n.skipped] == []


def test_exporting_names_what_gift_cannot_hold(write_course: WriteCourse) -> None:
    quiz = """\
---
id: check
title: Check
pass: 0.5
---
## Pick {#pick points=2}

> Think.

1. [x] A
2. [ ] B

## Order {#order}

1. First
2. Second
"""
    root = write_course({"quizzes/check.md": quiz})
    result = CliRunner().invoke(main, ["export-gift", str(root / "quizzes/check.md")])
    assert result.exit_code == 0
    assert "::pick::[markdown]Pick {=A ~B}" in result.stdout
    assert "order" not in result.stdout.split("\n", 1)[1]
    assert "check.md:6: GIFT has no hints" in result.stderr
    assert "check.md:6: GIFT has no points per question" in result.stderr
    assert "check.md:13: GIFT has no ordering questions" in result.stderr


@given(st.text())
def test_escaping_is_undone_exactly(text: str) -> None:
    assert unescape(escape(text)) == text


# --- the command ------------------------------------------------------------------------------


def test_import_gift_writes_a_validated_quiz_into_the_course(
    write_course: WriteCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_course()
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["import-gift", str(GIFT / "ambassador-bank.gift")])
    assert result.exit_code == 0, result.output
    written = root / "quizzes/ambassador-bank.md"
    assert written.is_file()
    lines = result.output.splitlines()
    assert lines[-1].startswith("imported 50 of 56 questions into quizzes/ambassador-bank.md")
    assert f"ambassador-bank.gift:{line_of(BANK, '::unclosed::')}: skipped:" in result.output
    assert "1. [x] Prawda" in written.read_text(encoding="utf-8")  # the course is Polish
    again = CliRunner().invoke(main, ["import-gift", str(GIFT / "ambassador-bank.gift")])
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_import_gift_outside_a_course_writes_beside_you(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "import-gift",
            str(GIFT / "moodle-examples.gift"),
            "--quiz",
            "grant",
            "--matching",
            "split",
        ],
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "grant.md").read_text(encoding="utf-8")
    assert text.startswith("---\nid: grant\n")
    assert "1. [x] True" in text


def test_a_bank_with_nothing_to_import_writes_nothing(tmp_path: Path) -> None:
    bank = tmp_path / "essays.gift"
    bank.write_text("Tell us about yourself.{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import-gift", str(bank), "-o", str(tmp_path / "q.md")])
    assert result.exit_code == 1
    assert "essays.gift:1: skipped: essay question" in result.output
    assert not (tmp_path / "q.md").exists()


def test_a_bank_that_is_not_utf8_is_refused_with_a_reason(tmp_path: Path) -> None:
    bank = tmp_path / "old.gift"
    bank.write_bytes("Czy to działa?{T}".encode("cp1250"))
    result = CliRunner().invoke(main, ["import-gift", str(bank)])
    assert result.exit_code == 1
    assert "is not UTF-8 text" in result.output
