from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.serve.conftest import invite
from tests.serve.signing_in import sign_in_with_code, status_text
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.store.folder import DataFolder
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


async def test_an_export_in_the_served_dashboard_is_audited_under_the_signed_in_coordinator(
    mini_course_dir: Path, data_dir: Path, tmp_path: Path
) -> None:
    """The server runs under one system account for everyone: the trail must name the person."""
    from trainer.audit import default_actor, read_entries

    code = invite(data_dir, "hr@firma.pl", "Hanna Rój", team="HR")
    invite(data_dir, "anna@firma.pl", "Anna Nowak")
    coordinator("add", "hr@firma.pl", "--data-dir", str(data_dir))
    app = dashboard_app(mini_course_dir, data_dir)
    app.services.save_directory = tmp_path / "downloads"  # not this machine's Downloads
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in_with_code(pilot, "hr@firma.pl", code, "a long enough phrase")
        assert isinstance(app.screen, DashboardScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.click("#export-csv")
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            if list((tmp_path / "downloads").glob("*.csv")):
                break
    (entry,) = [e for e in read_entries(DataFolder(data_dir)) if e.action == "export"]
    assert entry.actor == "coordinator:hr@firma.pl" != default_actor()
    assert entry.details["to"] == "dashboard" and entry.details["learners"] == 2
