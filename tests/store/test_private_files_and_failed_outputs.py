"""Everything the product writes is private to its owner, and a failed output leaves nothing.

Learner files hold names and e-mail addresses, exports and backups hold everyone's: on a shared
server no other account may read them. An export that cannot be written (missing folder, full
disk) says so in one line, exits non-zero and leaves no partial file that looks finished.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tests.store.sample_records import decision, profile
from trainer.cli import main
from trainer.store import DataFolder
from trainer.store.backup import backup_data_folder

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _learners(folder: DataFolder, count: int = 1) -> None:
    for n in range(count):
        store = folder.create_learner(profile(f"learner-{n:03d}"))
        store.record_policy_decision(decision(f"learner-{n:03d}", 1))


def test_the_data_folder_and_every_file_in_it_are_private(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "new" / "data")  # neither folder exists yet
    _learners(folder)
    folder.set_last_learner_id("learner-000")

    assert _mode(tmp_path / "new") == PRIVATE_FOLDER  # made by the product: private too
    for made in (folder.root, folder.learners_dir, folder.policies_dir):
        assert _mode(made) == PRIVATE_FOLDER, made
    files = [p for p in folder.root.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {
        "learner-000.json",
        "learner-000.lock",
        "emails.json",
        "state.json",
        "ledger.jsonl",
        "folder.lock",
        "ledger.lock",
    }
    assert {p.name: _mode(p) for p in files} == {p.name: PRIVATE_FILE for p in files}


def test_a_backup_and_the_folder_it_goes_into_are_private(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "data")
    _learners(folder)

    made = backup_data_folder(folder.root, tmp_path / "backups" / "nightly")

    for path in (tmp_path / "backups", tmp_path / "backups" / "nightly", made):
        assert _mode(path) == PRIVATE_FOLDER, path
    assert all(
        _mode(p) == (PRIVATE_FOLDER if p.is_dir() else PRIVATE_FILE) for p in made.rglob("*")
    )


def test_an_export_into_a_missing_folder_is_one_line_and_writes_nothing(
    tmp_path: Path, mini_course_dir: Path
) -> None:
    folder = DataFolder(tmp_path / "data")
    _learners(folder)
    target = tmp_path / "no-such-folder" / "out.csv"
    where = ["--data-dir", str(folder.root), "--course", str(mini_course_dir)]

    for command in (["export"], ["report", "--format", "csv"]):
        result = CliRunner().invoke(main, [*command, *where, "-o", str(target)])
        assert result.exit_code == 1
        assert not isinstance(result.exception, OSError)  # no traceback
        lines = result.stderr.strip().splitlines()
        assert lines == [
            f"Error: Cannot write {target}: the folder {target.parent} does not exist. "
            "Nothing was written."
        ]
    assert not target.parent.exists()


def _full_disk() -> None:
    """A file size limit: writes past it fail with EFBIG, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))


def test_an_export_on_a_full_disk_is_one_line_and_leaves_no_partial_file(
    tmp_path: Path, mini_course_dir: Path
) -> None:
    folder = DataFolder(tmp_path / "data")
    _learners(folder, 40)  # far more than 4 KB of CSV
    out = tmp_path / "out"
    out.mkdir()
    where = ["--data-dir", str(folder.root), "--course", str(mini_course_dir)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    for command in (["export"], ["export", "--format", "jsonl"], ["report", "--format", "html"]):
        target = out / "result.txt"
        finished = subprocess.run(
            [sys.executable, "-m", "trainer", *command, *where, "-o", str(target)],
            capture_output=True,
            text=True,
            preexec_fn=_full_disk,
            env=env,
            timeout=120,
            check=False,
        )
        assert finished.returncode == 1, finished.stderr
        assert "Traceback" not in finished.stderr
        assert finished.stderr.strip().splitlines()[-1] == (
            f"Error: The disk is full: {target} was not written (no partial file was left). "
            "Free some space and try again."
        )
        assert list(out.iterdir()) == []


def test_a_cli_export_is_private(tmp_path: Path, mini_course_dir: Path) -> None:
    folder = DataFolder(tmp_path / "data")
    _learners(folder)
    target = tmp_path / "out.csv"
    where = ["--data-dir", str(folder.root), "--course", str(mini_course_dir)]
    assert CliRunner().invoke(main, ["export", *where, "-o", str(target)]).exit_code == 0
    assert _mode(target) == PRIVATE_FILE
