"""After a wrong answer, and in the review, the right answer reads as a list: one answer a line,
the other accepted spellings of a typed answer as "also accepted", wrapped lines hanging under
their own text (never at column 0)."""

from __future__ import annotations

import re

import pytest
from textual.pilot import Pilot

from tests.responses import wrong_response
from tests.tui.conftest import AppFactory
from tests.tui.journey import give_answer, sign_in
from trainer.tui.app import TrainerApp
from trainer.tui.markdown_text import MarkdownBlock
from trainer.tui.screens.quiz import QuizScreen, open_quiz
from trainer.tui.screens.quiz_review import QuizReviewScreen

SAID = {
    "en": {
        "short": ["Correct answer: 2", "Also accepted: two, 3, three"],
        "ordering": [
            "Correct order:",
            "1. Read the policy",
            "2. Write the post",
            "3. Disclose your relationship with the company",
            "4. Publish",
        ],
    },
    "pl": {
        "short": ["Poprawna odpowiedź: 2", "Uznawane są też: dwa, 3, trzy"],
        "ordering": [
            "Poprawna kolejność:",
            "1. Przeczytaj politykę",
            "2. Napisz post",
            "3. Oznacz relację z firmą",
            "4. Opublikuj",
        ],
    },
}


def _feedback(app: TrainerApp) -> list[str]:
    block = app.screen.query_one("#feedback", MarkdownBlock)
    lines = (block.render_line(y).text.strip() for y in range(block.size.height))
    return [line for line in lines if line]


async def _take_quiz_wrongly(app: TrainerApp, pilot: Pilot[int]) -> dict[str, list[str]]:
    """Sign in, read the modules, answer every question wrongly: the feedback by question kind."""
    await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
    session = app.session
    assert session is not None
    for module in session.course.modules:
        for page in range(len(module.text(session.lang).pages)):
            session.visit_page(module.id, page)
    await open_quiz(app, "basics-quiz")
    await pilot.pause()
    feedback: dict[str, list[str]] = {}
    while isinstance(app.screen, QuizScreen):
        question = app.screen.question
        await give_answer(pilot, wrong_response(question))
        await pilot.pause()
        feedback[question.kind] = _feedback(app)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return feedback


ITEM_START = re.compile(r"^\s*([•\-–○◉☐☑]|[✔✘·] \d+\.|\d+\.) ")


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines as written: a line indented to its item's text (past its mark) continues it."""
    out: list[str] = []
    leading = text_at = 0
    for line in lines:
        here = len(line) - len(line.lstrip())
        item = ITEM_START.match(line)
        if out and line.strip() and not item and here > leading and here >= text_at:
            out[-1] += " " + line.strip()
            continue
        out.append(line.strip())
        leading, text_at = here, item.end() if item else here
    return out


def _in_order(wanted: list[str], lines: list[str]) -> bool:
    """`wanted` are consecutive lines of `lines` (each line as drawn, bullets aside)."""
    cleaned = [re.sub(r"^[•\-–] ", "", line) for line in _unwrapped(lines)]
    return any(cleaned[i : i + len(wanted)] == wanted for i in range(len(cleaned)))


@pytest.mark.parametrize("lang", ["en", "pl"])
async def test_after_a_wrong_answer_the_right_one_is_listed_one_a_line(
    make_learner_app: AppFactory, lang: str
) -> None:
    app = make_learner_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        feedback = await _take_quiz_wrongly(app, pilot)
    for kind in ("short", "ordering"):
        assert _in_order(SAID[lang][kind], feedback[kind]), (kind, feedback[kind])
    for lines in feedback.values():
        text = "\n".join(lines)
        assert ";" not in text and " / " not in text and " → " not in text


def _review_lines(app: TrainerApp) -> list[str]:
    """The review's own column, every line of it as drawn (also those scrolled out of view)."""
    detail = app.screen.query_one("#review-text")
    return [detail.render_line(y).text.rstrip() for y in range(detail.size.height)]


@pytest.mark.parametrize("lang", ["en", "pl"])
async def test_the_review_lists_right_answers_and_wraps_under_each_lines_text(
    make_learner_app: AppFactory, lang: str
) -> None:
    app = make_learner_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _take_quiz_wrongly(app, pilot)
        session = app.session
        assert session is not None
        await app.push_screen(QuizReviewScreen(session.course.quizzes["basics-quiz"]))
        await pilot.pause()
        lines = _review_lines(app)
    assert _in_order(SAID[lang]["short"], lines), lines
    assert _in_order(SAID[lang]["ordering"], lines), lines
    # The prompts are longer than the review column at 80 columns: their further lines hang
    # under the prompt's first word, as every other line hangs under its mark.
    question_start = re.compile(r"^[✔✘·] \d+\. \S")
    wrapped = 0
    indent = 0
    for line in lines:
        if not line.strip():
            continue
        if question_start.match(line):
            indent = line.index(". ") + 2
            continue
        assert line.startswith(" " * 3), f"a line starts at column 0: {line!r}"
        if indent and line[:indent].isspace() and not line[indent].isspace():
            wrapped += 1
    assert wrapped, "no prompt was long enough to wrap: the test shows nothing"
