from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.serve.conftest import invite
from tests.serve.signing_in import sign_in_with_code, status_text
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.tui.coordinator.screens.dashboard import DashboardScreen
from trainer.tui.screens.served_sign_in import ServedSignInScreen
from trainer.tui.served_dashboard import ServedCoordinatorApp, make_served_coordinator_app


def dashboard_app(course_dir: Path, data_dir: Path) -> ServedCoordinatorApp:
    result = load_course(course_dir)
    assert result.course is not None
    return make_served_coordinator_app(result.course, data_dir, "en")


def coordinator(*arguments: str) -> str:
    outcome = CliRunner().invoke(main, ["coordinator", *arguments])
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


async def test_a_learner_without_the_role_stays_outside_the_dashboard(
    mini_course_dir: Path, data_dir: Path
) -> None:
    code = invite(data_dir, "piotr@firma.pl", "Piotr Zieliński")
    app = dashboard_app(mini_course_dir, data_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in_with_code(pilot, "piotr@firma.pl", code, "a long enough phrase")
        assert isinstance(app.screen, ServedSignInScreen)
        assert "does not have the coordinator role" in status_text(pilot)
        assert not any(isinstance(s, DashboardScreen) for s in app.screen_stack)


async def test_a_coordinator_signs_in_to_the_dashboard_and_loses_it_when_removed(
    mini_course_dir: Path, data_dir: Path
) -> None:
    code = invite(data_dir, "hr@firma.pl", "Hanna Rój", team="HR")
    assert "is now a coordinator" in coordinator("add", "HR@firma.pl", "--data-dir", str(data_dir))
    assert "already was" in coordinator("add", "hr@firma.pl", "--data-dir", str(data_dir))
    app = dashboard_app(mini_course_dir, data_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in_with_code(pilot, "hr@firma.pl", code, "a long enough phrase")
        assert isinstance(app.screen, DashboardScreen)

    assert "is no longer" in coordinator("remove", "hr@firma.pl", "--data-dir", str(data_dir))
    app = dashboard_app(mini_course_dir, data_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        from tests.serve.signing_in import sign_in_with_passphrase

        await sign_in_with_passphrase(pilot, "hr@firma.pl", "a long enough phrase")
        assert isinstance(app.screen, ServedSignInScreen)
        assert "does not have the coordinator role" in status_text(pilot)


def test_the_role_needs_an_existing_learner(data_dir: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["coordinator", "add", "ghost@firma.pl", "--data-dir", str(data_dir)]
    )
    assert outcome.exit_code == 1
    assert "is not a learner" in outcome.output
