"""Whoever holds a certificate can check it at `/verify/<CODE>` on the served app."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner

from tests.export.test_sample_course_journey import sample_course_folder
from trainer.cli import main
from trainer.learning.records import LearnerProfile
from trainer.locations import bundled_course_dir
from trainer.serve.server import tab_command
from trainer.serve.verify_page import VerifyingServer, page_language


@pytest.fixture
def issued(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    jan = LearnerProfile(learner_id="jan", name="Jan Nowak", email="jan@firma.pl", team="IT")
    sample_course_folder(data, jan)
    env = {"TRAINER_DATA_DIR": str(data), "TRAINER_COURSE": str(bundled_course_dir())}
    result = CliRunner().invoke(
        main, ["certificate", "issue", "-o", str(tmp_path / "pdf")], env=env
    )
    assert result.exit_code == 0, result.output
    return data, result.stdout.split()[0]


async def _get(data: Path, path: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    server = VerifyingServer(
        tab_command(bundled_course_dir(), data, None), data_dir=data, lang=None
    )
    app = await server._make_app()
    async with TestClient(TestServer(app)) as client:
        response = await client.get(path, headers=headers)
        return response.status, await response.text(), dict(response.headers)


async def test_a_valid_code_shows_name_course_and_date_only(issued: tuple[Path, str]) -> None:
    data, code = issued

    status, page, headers = await _get(data, f"/verify/{code}")

    assert status == 200
    assert "Ważne zaświadczenie" in page
    assert "Łucja Żółkiewska" in page
    assert "2 marca 2026" in page
    assert "lucja@firma.pl" not in page and "Sprzedaż" not in page  # nothing else about her
    assert "<script" not in page
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_a_changed_code_is_not_valid_and_names_nobody(issued: tuple[Path, str]) -> None:
    data, code = issued
    changed = code[:-1] + ("0" if code[-1] != "0" else "1")

    status, page, _ = await _get(data, f"/verify/{changed}", **{"Accept-Language": "en-GB"})

    assert status == 404
    assert "Not valid" in page and "No certificate with this code" in page
    assert "Łucja" not in page


async def test_an_erased_learner_shows_revoked(issued: tuple[Path, str]) -> None:
    data, code = issued
    (data / "learners" / "lucja.json").unlink()

    status, page, _ = await _get(data, f"/verify/{code}?lang=en")

    assert status == 410
    assert "revoked" in page and "Łucja" not in page


async def test_markup_in_the_address_is_shown_as_text(issued: tuple[Path, str]) -> None:
    data, _ = issued
    status, page, _ = await _get(data, "/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert status == 404
    assert "<script>" not in page


def test_the_page_language_follows_the_address_then_the_browser() -> None:
    assert page_language("en", "pl", None) == "en"
    assert page_language(None, "en-US,en;q=0.9", None) == "en"
    assert page_language(None, "de-DE", "en") == "en"
    assert page_language("xx", "", None) == "pl"
