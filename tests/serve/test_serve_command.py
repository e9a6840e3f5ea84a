from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.serve.server import PublicUrlError, public_url_for, tab_command


def test_each_tab_runs_the_served_app_with_quoted_paths() -> None:
    command = tab_command(Path("/srv/my course"), Path("/srv/data; rm -rf x"), "pl")
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "trainer",
        "run",
        "--served",
        "--course",
        "/srv/my course",
        "--data-dir",
        "/srv/data; rm -rf x",
        "--lang",
        "pl",
    ]
    dashboard = shlex.split(tab_command(Path("/c"), Path("/d"), None, dashboard=True))
    assert "--served-dashboard" in dashboard and "--lang" not in dashboard


def test_public_url_is_loopback_by_default_and_must_be_http() -> None:
    assert public_url_for("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert public_url_for("::1", 8000, None) == "http://[::1]:8000"
    assert public_url_for("0.0.0.0", 8000, "https://training.example.com/") == (
        "https://training.example.com"
    )
    with pytest.raises(PublicUrlError):
        public_url_for("127.0.0.1", 8000, "training.example.com")


def test_serve_refuses_a_public_url_without_scheme(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--public-url", "training.example.com", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "must be a full http:// or https:// address" in result.output
