"""Drive the learner app the way a person does: keys on the real screens, the real store."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.responses import correct_response, wrong_response
from trainer.content.models import MultipleChoice, PostExercise, ShortAnswer, SingleChoice
from trainer.tui.app import TrainerApp
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.widgets.answer_list import AnswerList
from trainer.tui.widgets.draft_area import DraftArea

REPO = Path(__file__).resolve().parents[2]


async def sign_in(
    pilot: Pilot[int], email: str, name: str, team: str, *, typed: bool = False
) -> None:
    """Fill the sign-in form (key by key when `typed`) and press Enter in the last field."""
    app = pilot.app
    if typed:
        await pilot.click("#email")
        await pilot.press(*email)
        await pilot.press("enter")
        await pilot.press(*name)
        await pilot.press("enter")
        await pilot.press(*team)
    else:
        app.screen.query_one("#email", Input).value = email
        app.screen.query_one("#name", Input).value = name
        app.screen.query_one("#team", Input).value = team
        app.screen.query_one("#team", Input).focus()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def give_answer(pilot: Pilot[int], response: int | list[int] | str) -> None:
    """Answer the question on screen with keys only, then submit it."""
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    question = screen.question
    shown = screen.attempt.choice_orders.get(question.id)
    if isinstance(question, SingleChoice):
        assert isinstance(response, int)
        order = shown or [c.index for c in question.choices]
        assert screen.focused is screen.query_one(AnswerList)
        for _ in range(order.index(response)):
            await pilot.press("down")
        await pilot.press("enter")
    elif isinstance(question, MultipleChoice):
        assert isinstance(response, list)
        order = shown or [c.index for c in question.choices]
        assert screen.focused is screen.query_one(AnswerList)
        position = 0
        for target in sorted(order.index(i) for i in response):
            for _ in range(target - position):
                await pilot.press("down")
            position = target
            await pilot.press("space")
    elif isinstance(question, ShortAnswer):
        assert isinstance(response, str)
        screen.query_one(Input).focus()
        await pilot.press(*response)
    elif isinstance(question, PostExercise):
        assert isinstance(response, str)
        draft = screen.query_one(DraftArea)
        assert screen.focused is draft
        draft.text = response  # a whole post, as if pasted
        await pilot.pause()
    else:
        assert isinstance(response, list)
        listing = screen.query_one(AnswerList)
        assert screen.focused is listing
        # Selection sort with the learner's keys: bring each wanted item up to its place.
        for place, wanted in enumerate(response):
            here = listing.order.index(wanted)
            for _ in range(here - listing.cursor):
                await pilot.press("down")
            for _ in range(listing.cursor - here):
                await pilot.press("up")
            for _ in range(here - place):
                await pilot.press("left_square_bracket")
        assert listing.order == response
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def answer_all(pilot: Pilot[int], *, correctly: bool) -> None:
    """Answer every remaining question of the quiz on screen, then finish it."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    while isinstance(app.screen, QuizScreen):
        screen = app.screen
        question = screen.question
        response = correct_response(question) if correctly else wrong_response(question)
        await give_answer(pilot, response)
        assert screen.answered is not None
        await pilot.press("ctrl+s")  # next question / finish
        await app.workers.wait_for_complete()
        await pilot.pause()
