"""The ambassador's journeys, driven with keys on the real screens over the real store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input

from tests.responses import correct_response
from tests.tui.conftest import AppFactory
from tests.tui.journey import answer_all, give_answer, sign_in
from trainer.store.folder import DataFolder
from trainer.tui.screens.completion import CompletionScreen, deliver_record
from trainer.tui.screens.course_map import CourseMapScreen
from trainer.tui.screens.policy import PolicyChangesScreen, PolicyScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.quiz_result import QuizResultScreen
from trainer.tui.screens.reader import ReaderScreen
from trainer.tui.screens.sign_in import SignInScreen
from trainer.tui.screens.switch_learner import ConfirmSwitchLearner
from trainer.tui.widgets.page_view import PageView

SIZE = (100, 30)


def only_learner(data_dir: Path) -> str:
    ids = DataFolder(data_dir).learner_ids()
    assert len(ids) == 1
    return ids[0]


async def read_module_to_end(pilot, module_id: str) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    assert screen.module.id == module_id
    while screen.page < len(screen.text.pages) - 1:
        await pilot.press("right")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_first_sign_in_creates_the_learner_and_opens_the_course_map(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales", typed=True)
        assert isinstance(app.screen, CourseMapScreen)
    record = DataFolder(data_dir).learner(only_learner(data_dir)).read()
    assert record.profile.name == "Ola Kowalska"
    assert record.profile.team == "Sales"
    assert DataFolder(data_dir).last_learner_id() == record.profile.learner_id


async def test_sign_in_explains_each_invalid_field_and_saves_nothing(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "not-an-email", "X", "")
        assert isinstance(app.screen, SignInScreen)
        errors = {
            field: str(app.screen.query_one(f"#{field}-error").render())
            for field in ("email", "name", "team")
        }
    assert "valid e-mail" in errors["email"]
    assert "full name" in errors["name"]
    assert "team" in errors["team"]
    assert DataFolder(data_dir).learner_ids() == []


async def test_returning_learner_goes_straight_to_the_map_and_can_switch(
    make_learner_app: AppFactory,
) -> None:
    async with make_learner_app().run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        await pilot.click("#switch")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmSwitchLearner)  # asks before signing out
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)


async def test_learner_reads_a_module_to_the_end_and_is_offered_its_quiz(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        await pilot.press("c")
        await pilot.pause()
        await read_module_to_end(pilot, "welcome")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # Continue: the next module, which the first one unlocked
        await pilot.pause()
        await read_module_to_end(pilot, "first-post")
        status = str(app.screen.query_one("#page-status").render())
        assert "quiz" in status.lower()
        await pilot.press("q")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
    record = DataFolder(data_dir).learner(only_learner(data_dir)).read()
    assert record.modules["welcome"].completed_at is not None
    assert record.modules["first-post"].completed_at is not None


async def test_locked_module_says_what_to_finish_first(make_learner_app: AppFactory) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        from trainer.tui.navigation import open_module

        await open_module(app, "first-post")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        messages = [n.message for n in app._notifications]
        assert any("Welcome to the program" in m for m in messages)


async def start_quiz(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
    for _ in range(2):
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        await read_module_to_end(pilot, screen.module.id)
        if screen.module.quiz:
            await pilot.press("q")
        else:
            await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.screen, QuizScreen)


async def test_learner_passes_the_quiz(make_learner_app: AppFactory, data_dir: Path) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        await answer_all(pilot, correctly=True)
        assert isinstance(app.screen, QuizResultScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Passed" in text
    attempt = DataFolder(data_dir).learner(only_learner(data_dir)).read().attempts[0]
    assert attempt.passed is True
    assert attempt.score == attempt.max_score == 5
    assert len(attempt.answers) == 4


async def test_failed_quiz_can_be_retaken_until_attempts_run_out(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        for attempt_number in (1, 2, 3):
            await answer_all(pilot, correctly=False)
            assert isinstance(app.screen, QuizResultScreen)
            retake = app.screen.query("#retake")
            if attempt_number < 3:
                assert retake, "a retake is offered while attempts are left"
                await pilot.press("r")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert isinstance(app.screen, QuizScreen)
            else:
                assert not retake, "no retake after the last attempt"
                text = " ".join(str(w.render()) for w in app.screen.query("Static"))
                assert "No attempts left" in text
    attempts = DataFolder(data_dir).learner(only_learner(data_dir)).read().attempts
    assert [a.number for a in attempts] == [1, 2, 3]
    assert all(a.passed is False for a in attempts)


async def test_quiz_shows_feedback_hint_and_explanation(make_learner_app: AppFactory) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        # Walk to the single-choice question, which has a hint and per-answer feedback.
        while screen.question.id != "disclosure-where":
            await give_answer(pilot, correct_response(screen.question))
            await pilot.press("ctrl+s")
            await pilot.pause()
        screen.query_one("#prompt").focus()
        await pilot.press("h")
        await pilot.pause()
        hint = screen.query_one("#hint")
        assert hint.display
        await give_answer(pilot, 1)  # "In the last hashtag": wrong, with its own feedback
        feedback = screen.query_one("#feedback")
        lines = [strip.text for strip in feedback._lines(80)]  # type: ignore[attr-defined]
        joined = " ".join(lines)
        assert "Too easy to miss." in joined
        assert "Correct answer: At the start of the post" in joined
        assert "The disclosure must be visible" in joined
        answer = screen.attempt.answers[-1]
        assert answer.hint_used is True and answer.correct is False


async def test_closing_mid_quiz_resumes_on_the_same_question(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.question.id
        await give_answer(pilot, correct_response(screen.question))
        await pilot.press("ctrl+s")  # on to the second question, then the app closes
        await pilot.pause()
        second = screen.question.id
        assert second != first
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        label = str(app.screen.query_one("#continue", Button).label)
        assert "question 2" in label
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.question.id == second
        assert app.screen.index == 1


async def test_closing_mid_module_resumes_on_the_same_page(
    make_learner_app: AppFactory,
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.page == 1
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.module.id == "welcome" and app.screen.page == 1


async def accept_policy(pilot, app, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, PolicyScreen)
    accept = screen.query_one("#accept", Button)
    assert accept.disabled, "accepting needs reading, the box and the name"
    view = screen.query_one("#policy-text", PageView)
    view.focus()
    await pilot.press("end")
    await pilot.pause()
    await pilot.pause()
    assert screen.read_to_end
    screen.query_one("#agree", Checkbox).focus()
    await pilot.press("space")
    await pilot.pause()
    assert accept.disabled, "still needs the typed name"
    screen.query_one("#typed-name", Input).focus()
    await pilot.press(*name)
    await pilot.pause()
    assert not accept.disabled
    await pilot.click("#accept")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_learner_accepts_the_policy_with_scroll_box_and_name(
    make_learner_app: AppFactory, data_dir: Path, mini_course_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        from trainer.tui.navigation import open_target

        await open_target(app, "policy")
        await pilot.pause()
        await accept_policy(pilot, app, "ola  KOWALSKA")
    decisions = DataFolder(data_dir).learner(only_learner(data_dir)).read().policy_decisions
    assert [d.decision for d in decisions] == ["accepted"]
    accepted = decisions[0]
    import hashlib

    exact = (mini_course_dir / "policy" / "social-media.en.md").read_bytes()
    assert accepted.sha256 == hashlib.sha256(exact).hexdigest()
    assert accepted.version and accepted.typed_name == "ola  KOWALSKA"
    assert accepted.scrolled_to_end and accepted.box_checked
    assert accepted.record_hash and accepted.prev_hash


async def test_policy_change_asks_to_accept_again_and_shows_what_changed(
    make_learner_app: AppFactory, data_dir: Path, mini_course_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        from trainer.tui.navigation import open_target

        await open_target(app, "policy")
        await pilot.pause()
        await accept_policy(pilot, app, "Ola Kowalska")
    policy_file = mini_course_dir / "policy" / "social-media.en.md"
    text = policy_file.read_text(encoding="utf-8")
    policy_file.write_text(
        text.rstrip("\n") + "\n\nAmbassadors never post during a crisis without checking.\n",
        encoding="utf-8",
    )
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None
        assert app.session.policy_state() == "outdated"
        map_text = " ".join(str(o.prompt) for o in app.screen.query_one("#modules")._options)
        assert "new version" in map_text
        from trainer.tui.navigation import open_target

        await open_target(app, "policy")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PolicyChangesScreen)
        changes = app.screen.query_one("#changes", PageView).markdown
        assert "never post during a crisis" in changes
        await pilot.press("escape")
        await pilot.pause()
        await accept_policy(pilot, app, "Ola Kowalska")
        assert app.session.policy_state() == "accepted_current"
    decisions = DataFolder(data_dir).learner(only_learner(data_dir)).read().policy_decisions
    assert len(decisions) == 2
    assert decisions[1].prev_hash == decisions[0].record_hash


async def test_declining_the_policy_is_recorded(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sales")
        from trainer.tui.navigation import open_target

        await open_target(app, "policy")
        await pilot.pause()
        await pilot.click("#decline")
        await pilot.pause()
        await pilot.click("#yes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and app.session.policy_state() == "declined"
    decisions = DataFolder(data_dir).learner(only_learner(data_dir)).read().policy_decisions
    assert [d.decision for d in decisions] == ["declined"]


async def test_whole_course_ends_on_the_completion_screen_with_a_saveable_record(
    make_learner_app: AppFactory, tmp_path: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        await answer_all(pilot, correctly=True)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # Continue now leads to the policy
        await pilot.pause()
        await accept_policy(pilot, app, "Ola Kowalska")
        assert isinstance(app.screen, CompletionScreen)
        summary = app.screen.query_one(PageView).markdown
        assert "Ola Kowalska" in summary
        saved = tmp_path / "downloads"
        saved.mkdir()
        deliver_record(app, saved)
        for _ in range(20):
            await pilot.pause(0.05)
            if list(saved.iterdir()):
                break
        learner_id = app.session.record.profile.learner_id  # type: ignore[union-attr]
    record_file = saved / f"ambassador-training-{learner_id}.md"
    text = record_file.read_text(encoding="utf-8")
    assert "Ola Kowalska" in text
    assert "sha256" in text.lower() or "SHA-256" in text


async def test_interface_and_content_follow_the_chosen_language(
    make_learner_app: AppFactory,
) -> None:
    async with make_learner_app("pl").run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await pilot.press("c")
        await pilot.pause()
        assert pilot.app.screen.text.title == "Witaj w programie"  # type: ignore[attr-defined]
        assert "Strona 1 z" in str(pilot.app.screen.query_one("#page-status").render())
    app = make_learner_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.text.title == "Welcome to the program"  # type: ignore[attr-defined]
        assert "Page 1 of" in str(app.screen.query_one("#page-status").render())


async def test_opening_a_finished_quiz_shows_its_result_instead_of_a_new_attempt(
    make_learner_app: AppFactory, data_dir: Path
) -> None:
    app = make_learner_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, app)
        await answer_all(pilot, correctly=True)
        await pilot.press("escape")
        await pilot.pause()
        from trainer.tui.navigation import open_target

        await open_target(app, "quiz:basics-quiz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QuizResultScreen)
    attempts = DataFolder(data_dir).learner(only_learner(data_dir)).read().attempts
    assert len(attempts) == 1, "looking at a result must not use up an attempt"


async def test_polish_footer_and_palette_speak_polish(make_learner_app: AppFactory) -> None:
    app = make_learner_app("pl")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "ola@firma.pl", "Ola Kowalska", "Sprzedaż")
        await pilot.press("c")
        await pilot.pause()
        footer = " ".join(strip.text for strip in app.screen._compositor.render_strips()[-1:])
        assert "dalej" in footer and "mapa" in footer
        assert "next" not in footer
        await pilot.press("ctrl+p")
        await pilot.pause()
        screen_text = " ".join(s.text for s in app.screen._compositor.render_strips())
        assert "Szukaj poleceń" in screen_text
