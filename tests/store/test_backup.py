"""`trainer backup`: a consistent, verifiable copy that start-up can restore from."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.sample_records import decision, learner_with_attempt, profile, progress
from trainer.cli import main
from trainer.store import DataFolder, StoreError
from trainer.store.backup import backup_data_folder
from trainer.store.verify import verify_data_folder


def test_a_backup_is_a_complete_data_folder_of_its_own(folder: DataFolder, tmp_path: Path) -> None:
    store, _ = learner_with_attempt(folder, "anna-k")
    store.record_policy_decision(decision("anna-k", 1))
    text = "Be kind online.\n"
    folder.save_policy_snapshot(hashlib.sha256(text.encode()).hexdigest(), text)
    folder.create_learner(profile("piotr"))

    made = backup_data_folder(folder.root, tmp_path / "usb")

    assert made.parent == tmp_path / "usb" and made.name.startswith("trainer-backup-")
    assert [p.name for p in (tmp_path / "usb").iterdir()] == [made.name]  # no partial left
    copy = DataFolder(made)
    assert copy.learner_ids() == ["anna-k", "piotr"]
    assert copy.learner("anna-k").read() == store.read()
    assert verify_data_folder(made).findings == ()
    manifest = json.loads((made / "manifest.json").read_text())
    for relative, sha in manifest["sha256"].items():
        assert hashlib.sha256((made / relative).read_bytes()).hexdigest() == sha
    assert folder.known_backups() == [made.resolve()]


def test_a_backup_taken_while_someone_learns_holds_whole_versions(
    folder: DataFolder, tmp_path: Path
) -> None:
    store = folder.create_learner(profile("anna-k"))
    stop = threading.Event()

    def keep_learning() -> None:
        page = 0
        while not stop.is_set():
            page += 1
            store.save_module_progress(progress("01-welcome", page))

    learner = threading.Thread(target=keep_learning)
    learner.start()
    try:
        backups = [backup_data_folder(folder.root, tmp_path / "usb") for _ in range(5)]
    finally:
        stop.set()
        learner.join()
    for made in backups:
        assert verify_data_folder(made).findings == ()
        DataFolder(made).learner("anna-k").read()


def test_trainer_backup_prints_where_the_copy_is(folder: DataFolder, tmp_path: Path) -> None:
    folder.create_learner(profile("anna-k"))
    result = CliRunner().invoke(
        main, ["backup", str(tmp_path / "usb"), "--data-dir", str(folder.root)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Backup written to {tmp_path / 'usb'}/trainer-backup-")


def test_trainer_backup_keeps_the_good_files_and_fails_on_a_damaged_one(
    folder: DataFolder, tmp_path: Path
) -> None:
    folder.create_learner(profile("anna-k"))
    folder.create_learner(profile("piotr"))
    folder.learner_path("piotr").write_bytes(b"")
    result = CliRunner().invoke(
        main, ["backup", str(tmp_path / "usb"), "--data-dir", str(folder.root)]
    )
    assert result.exit_code == 1
    assert "Skipped (unreadable): piotr.json is empty" in result.output
    (made,) = (tmp_path / "usb").iterdir()
    assert DataFolder(made).learner_ids() == ["anna-k"]


def test_trainer_backup_explains_a_missing_data_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["backup", str(tmp_path / "usb"), "--data-dir", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    assert "is not a trainer data folder" in result.output


def test_a_backup_is_never_written_among_the_learner_files(folder: DataFolder) -> None:
    folder.create_learner(profile("anna-k"))
    with pytest.raises(StoreError, match="inside the data folder"):
        backup_data_folder(folder.root, folder.learners_dir / "backups")
    assert folder.learner_ids() == ["anna-k"]
