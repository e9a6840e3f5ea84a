"""A Polish learner reads Polish numbers, plural forms and dates on every quiz and policy screen."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList, Static

from tests.responses import correct_response
from tests.tui.conftest import AppFactory
from tests.tui.journey import give_answer, sign_in
from trainer.content.models import MultipleChoice
from trainer.tui.app import TrainerApp
from trainer.tui.markdown_text import MarkdownBlock
from trainer.tui.screens.policy import PolicyScreen
from trainer.tui.screens.quiz import QuizScreen, open_quiz
from trainer.tui.screens.quiz_result import QuizResultScreen
from trainer.tui.screens.quiz_review import QuizReviewScreen

POLISH_DATE_TIME = re.compile(
    r"\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
    r"października|listopada|grudnia) \d{4}, \d{2}:\d{2}"
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _front_matter(course: Path, extra: str) -> None:
    quiz = course / "quizzes" / "basics-quiz.md"
    quiz.write_text(quiz.read_text().replace("shuffle: answers\n", f"shuffle: answers\n{extra}"))


def _text(app: TrainerApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def _intro(app: TrainerApp) -> str:
    """The quiz introduction as drawn on screen, lines joined by spaces."""
    block = app.screen.query_one("#quiz-intro", MarkdownBlock)
    lines = (block.render_line(y).text.strip() for y in range(block.size.height))
    return " ".join(line for line in lines if line)


async def _open_quiz(app: TrainerApp, pilot: object) -> None:
    session = app.session
    assert session is not None
    for module in session.course.modules:  # the quiz opens once its module is read
        for page in range(len(module.text("pl").pages)):
            session.visit_page(module.id, page)
    await open_quiz(app, "basics-quiz")


async def test_drawn_questions_and_attempts_left_use_polish_plural_forms(
    make_learner_app: AppFactory, mini_course_dir: Path
) -> None:
    _front_matter(mini_course_dir, "draw: 3\n")
    app = make_learner_app("pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await _open_quiz(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "3 pytania wylosowane z 4." in _intro(app)
        while isinstance(app.screen, QuizScreen):
            await give_answer(pilot, correct_response(app.screen.question))
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, QuizResultScreen)
        assert "Pozostały 2 próby." in _text(app)


async def test_partial_points_have_a_decimal_comma_and_dates_read_in_polish(
    make_learner_app: AppFactory, mini_course_dir: Path
) -> None:
    _front_matter(mini_course_dir, "scoring: partial\n")
    app = make_learner_app("pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await _open_quiz(app, pilot)
        await pilot.pause()
        verdicts = []
        while isinstance(app.screen, QuizScreen):
            screen = app.screen
            question = screen.question
            response = correct_response(question)
            if isinstance(question, MultipleChoice):
                assert isinstance(response, list)
                response = response[:1]  # one of the two right answers: part of the points
            await give_answer(pilot, response)
            verdicts.append(str(screen.query_one("#verdict", Static).render()))
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert "Częściowo dobrze (0,5 z 1 pkt)." in verdicts
        assert isinstance(app.screen, QuizResultScreen)
        assert "Twój wynik: 4,5 z 5 pkt (90%)." in _text(app)

        app.push_screen(QuizReviewScreen(app.screen.quiz))
        await pilot.pause()
        attempts = app.screen.query_one("#attempts", OptionList)
        label = str(attempts.get_option_at_index(0).prompt)
        assert label.startswith("Próba 1 — ")
        assert POLISH_DATE_TIME.search(label), label
        assert "4,5 z 5 pkt" in label
        assert not ISO_DATE.search(label)


async def test_the_policy_screen_gives_dates_in_polish_never_iso(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app("pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        session = app.session
        assert session is not None
        session.decide_policy(
            "accepted", scrolled_to_end=True, box_checked=True, typed_name="ola kowalska"
        )
        app.push_screen(PolicyScreen())
        await pilot.pause()
        title = str(app.screen.query_one("#policy-title", Static).render())
        state = str(app.screen.query_one("#policy-state", Static).render())
        assert not ISO_DATE.search(title), title
        assert re.search(r"\d{1,2} \w+ \d{4}$", title), title
        assert state.startswith("Zaakceptowano wersję "), state
        assert POLISH_DATE_TIME.search(state), state
        assert "UTC" not in state and not ISO_DATE.search(state)


async def test_ctrl_c_tells_a_polish_learner_how_to_quit_in_polish(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app("pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        app.set_focus(None)
        await pilot.press("ctrl+c")
        await pilot.pause()
        notices = [(n.title, n.message) for n in app._notifications]
        assert ("Chcesz zakończyć?", "Naciśnij Ctrl+Q, aby zakończyć.") in notices
        assert app.is_running  # Ctrl+C does not quit


async def test_the_palette_offers_our_light_dark_switch_in_polish_not_the_theme_picker(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app("pl")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Jasne lub ciemne kolory" in commands
        before = app.theme
        commands["Jasne lub ciemne kolory"].callback()
        await pilot.pause()
        assert app.theme != before
        assert not app.screen.query("ThemePicker, CommandPalette")
