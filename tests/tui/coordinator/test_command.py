"""`trainer coordinator`: a group that opens the dashboard, or explains a broken course."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main

BROKEN_COURSE = Path(__file__).resolve().parents[2] / "fixtures" / "broken_course"


def test_coordinator_is_a_group_that_documents_the_dashboard() -> None:
    result = CliRunner().invoke(main, ["coordinator", "--help"])
    assert result.exit_code == 0
    assert "Without a command: open the dashboard" in result.output
    assert "--data-dir" in result.output and "--course" in result.output


def test_a_broken_course_prints_its_errors_instead_of_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["coordinator", "--course", str(BROKEN_COURSE), "--data-dir", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "has errors and cannot be opened" in result.output
    assert "Traceback" not in result.output


def test_options_given_before_the_command_are_used_by_the_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Path, Path, str | None]] = []

    def fake_dashboard(course: Path, data: Path, lang: str | None) -> int:
        opened.append((course, data, lang))
        return 0

    import trainer.tui.coordinator.launch as launch

    monkeypatch.setattr(launch, "run_coordinator_app", fake_dashboard)
    result = CliRunner().invoke(
        main,
        [
            "--course",
            str(BROKEN_COURSE),
            "--data-dir",
            str(tmp_path),
            "--lang",
            "pl",
            "coordinator",
        ],
    )
    assert result.exit_code == 0, result.output
    assert opened == [(BROKEN_COURSE.resolve(), tmp_path.resolve(), "pl")]


def test_learner_app_options_may_come_before_run_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Path, Path, str | None]] = []

    def fake_app(course: Path, data: Path, lang: str | None) -> int:
        opened.append((course, data, lang))
        return 0

    import trainer.tui.launch as launch

    monkeypatch.setattr(launch, "run_learner_app", fake_app)
    for arguments in (
        ["--course", str(BROKEN_COURSE), "--data-dir", str(tmp_path), "--lang", "en", "run"],
        ["run", "--course", str(BROKEN_COURSE), "--data-dir", str(tmp_path), "--lang", "en"],
    ):
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
    assert opened == [(BROKEN_COURSE.resolve(), tmp_path.resolve(), "en")] * 2
