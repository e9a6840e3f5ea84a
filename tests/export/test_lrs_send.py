"""Sending to an LRS, before and around the network: addresses, file checks, no LRS there.

The LRS's own answers are tested against a real one in `test_real_lrs.py`.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.export.lrs import LrsError, read_statements, send_statements, statements_url


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("https://lrs.firma.pl/xAPI/", "https://lrs.firma.pl/xAPI/statements"),
        ("https://lrs.firma.pl/xAPI", "https://lrs.firma.pl/xAPI/statements"),
        ("https://lrs.firma.pl/xAPI/statements", "https://lrs.firma.pl/xAPI/statements"),
        ("http://127.0.0.1:8100/xAPI/", "http://127.0.0.1:8100/xAPI/statements"),
    ],
)
def test_the_statements_resource_is_found_under_the_endpoint(endpoint: str, url: str) -> None:
    assert statements_url(endpoint) == url


@pytest.mark.parametrize(
    ("endpoint", "message"),
    [
        ("http://lrs.firma.pl/xAPI/", "plain http"),
        ("ftp://lrs.firma.pl/", "not an http(s) address"),
        ("lrs.firma.pl", "not an http(s) address"),
    ],
)
def test_unsafe_or_unusable_addresses_are_refused(endpoint: str, message: str) -> None:
    with pytest.raises(LrsError, match=re.escape(message)):
        statements_url(endpoint)


def test_a_line_that_is_not_a_statement_is_named_with_its_number() -> None:
    lines = ['{"id": "a"}\n', "\n", '{"verb": {}}\n']
    statements = read_statements(lines, "feed.jsonl")
    assert next(statements) == {"id": "a"}
    with pytest.raises(LrsError, match=r"^feed\.jsonl:3: not an xAPI statement"):
        next(statements)
    with pytest.raises(LrsError, match=r"^x:1: not JSON"):
        list(read_statements(["{oops\n"], "x"))


def test_no_lrs_listening_gives_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LrsError, match=r"Could not reach the LRS .* 0 statement"):
        send_statements([{"id": "a"}], f"http://127.0.0.1:{port}/", user="u", password="p")

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a"}\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["send-xapi", str(feed), "--lrs", f"http://127.0.0.1:{port}/", "--user", "u"],
        env={"TRAINER_LRS_PASSWORD": "p"},
    )
    assert result.exit_code == 1
    assert "Could not reach the LRS" in result.stderr
