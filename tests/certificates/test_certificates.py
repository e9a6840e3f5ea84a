"""A learner who finished the course gets a certificate anyone can check; nobody can fake one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.export.test_sample_course_journey import sample_course_folder
from trainer.certificates.document import certificate_document
from trainer.certificates.register import (
    CROCKFORD,
    normalised_code,
    revoke_learner_certificates,
    verify_certificate,
)
from trainer.certificates.secret import certificate_secret
from trainer.cli import main
from trainer.content.models import Course
from trainer.learning.records import LearnerProfile
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) not installed; .ci/run installs it",
)
needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbar-tools not installed; .ci/run installs it"
)


@pytest.fixture
def finished(tmp_path: Path) -> tuple[Path, Course]:
    """Łucja finished the sample course; Jan has not started."""
    data = tmp_path / "data"
    jan = LearnerProfile(learner_id="jan", name="Jan Nowak", email="jan@firma.pl", team="IT")
    _, course = sample_course_folder(data, jan)
    return data, course


def _issue(data: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    env = {"TRAINER_DATA_DIR": str(data), "TRAINER_COURSE": str(bundled_course_dir())}
    result = CliRunner().invoke(main, ["certificate", "issue", "-o", str(out), *extra], env=env)
    return result.exit_code, result.stdout, result.stderr


def _verify(data: Path, code: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["certificate", "verify", code], env={"TRAINER_DATA_DIR": str(data)}
    )
    return result.exit_code, result.stdout


@needs_poppler
def test_bulk_issue_writes_a_pdf_with_the_polish_name_and_the_code(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, course = finished
    status, stdout, stderr = _issue(data, tmp_path / "out", "--status", "complete")

    assert status == 0, stderr
    assert "Issued 1 certificate(s)" in stderr and "1 learner(s) have not completed" in stderr
    [pdf] = sorted((tmp_path / "out").glob("*.pdf"))
    code = stdout.split()[0]
    assert pdf.name == f"certificate-lucja-{code}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Łucja Żółkiewska" in text
    assert code in text
    assert "Zaświadczenie o ukończeniu" in text
    assert "2 marca 2026" in text  # the completion date as Polish readers write it
    assert course.policy.text("pl").sha256 in text
    for module in course.modules:
        assert module.text("pl").title in text
    # And the page draws: one A4 page rendered to a picture.
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    assert [p.name for p in tmp_path.glob("page*.png")] == ["page-1.png"]


@needs_poppler
@needs_zbar
def test_the_qr_code_opens_the_verification_page(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    status, stdout, _ = _issue(
        data, tmp_path / "out", "--public-url", "https://szkolenia.firma.pl/"
    )
    assert status == 0
    code = stdout.split()[0]
    [pdf] = (tmp_path / "out").glob("*.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / "p")], check=True)

    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "p-1.png")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert decoded == f"https://szkolenia.firma.pl/verify/{code}"


def test_verify_answers_valid_with_the_name_and_refuses_a_changed_code(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    _, stdout, _ = _issue(data, tmp_path / "out")
    code = stdout.split()[0]

    status, answer = _verify(data, code.lower().replace("-", " "))
    assert status == 0
    assert answer.startswith(f"{code}: valid, issued to Łucja Żółkiewska")
    assert "completed March 2, 2026" in answer

    last = code[-1]
    edited = code[:-1] + CROCKFORD[(CROCKFORD.index(last) + 1) % 32]
    status, answer = _verify(data, edited)
    assert status == 1
    assert "unknown" in answer
    assert _verify(data, "not a code")[0] == 1


def test_a_register_entry_written_without_the_secret_is_refused(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    """Someone with write access to the register copies an entry to a made-up code: refused."""
    data, _ = finished
    _, stdout, _ = _issue(data, tmp_path / "out")
    code = normalised_code(stdout.split()[0])
    assert code is not None
    issued = data / "certificates" / "issued"
    entry = json.loads((issued / f"{code}.json").read_text(encoding="utf-8"))
    forged = "7" * 12
    entry["code"] = forged
    (issued / f"{forged}.json").write_text(json.dumps(entry), encoding="utf-8")
    # ... or edits the facts of a real one (a later completion date).
    entry["code"] = code
    entry["facts"]["completed_at"] = "2026-01-01T00:00:00Z"
    (issued / f"{code}.json").write_text(json.dumps(entry), encoding="utf-8")

    assert verify_certificate(data, forged).state == "unknown"
    assert verify_certificate(data, code).state == "unknown"


def test_a_different_secret_makes_different_codes(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, course = finished
    record = DataFolder(data).learner("lucja").read()
    first = certificate_document(data, course, record).entry.code
    copy = tmp_path / "copy"
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns("certificates"))
    second = certificate_document(copy, course, record).entry.code

    assert first != second
    assert certificate_secret(data) != certificate_secret(copy)
    assert (data / "certificates" / "secret.key").stat().st_mode & 0o777 == 0o600
    # Issuing again gives the same code: the learner can save it as often as they like.
    assert certificate_document(data, course, record).entry.code == first


def test_an_erased_learner_verifies_as_revoked(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    _, stdout, _ = _issue(data, tmp_path / "out")
    code = stdout.split()[0]

    DataFolder(data).learner_path("lucja").unlink()  # erased: their file is gone

    status, answer = _verify(data, code)
    assert status == 1
    assert answer.startswith(f"{code}: revoked")
    assert "Łucja" not in answer


def test_revoking_forgets_the_learner_and_answers_revoked(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    _, stdout, _ = _issue(data, tmp_path / "out")
    code = stdout.split()[0]

    assert revoke_learner_certificates(data, "lucja") == 1

    assert verify_certificate(data, code).state == "revoked"
    entry = next((data / "certificates" / "issued").glob("*.json")).read_text(encoding="utf-8")
    assert "lucja" not in entry


def test_only_complete_learners_get_one_and_a_missing_learner_is_reported(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    status, stdout, stderr = _issue(data, tmp_path / "out", "--learner", "jan", "--learner", "ewa")

    assert status == 1
    assert stdout == ""
    assert "Issued 0 certificate(s)" in stderr
    assert "No learner 'ewa'" in stderr
    assert list((tmp_path / "out").glob("*.pdf")) == []


def test_a_restored_backup_still_verifies_every_code(
    finished: tuple[Path, Course], tmp_path: Path
) -> None:
    data, _ = finished
    _, stdout, _ = _issue(data, tmp_path / "out")
    code = stdout.split()[0]
    result = CliRunner().invoke(
        main, ["backup", str(tmp_path / "backups")], env={"TRAINER_DATA_DIR": str(data)}
    )
    assert result.exit_code == 0, result.output
    [copy] = (tmp_path / "backups").iterdir()

    assert verify_certificate(copy, code).state == "valid"
    assert (copy / "certificates" / "secret.key").stat().st_mode & 0o777 == 0o600
