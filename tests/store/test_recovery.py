"""Reliability test 4: every kind of damaged file is quarantined and reported, never emptied.

Plain TinyDB reads a zero-byte file as an empty database (the next save makes the loss
permanent) and crashes on the other kinds: see the last tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import TinyDB

from tests.store.sample_records import answer, learner_with_attempt, progress
from trainer.store import CorruptFileError, DataFolder
from trainer.store.backup import backup_data_folder
from trainer.store.errors import SetAsideError

Damage = Callable[[bytes], bytes]
DAMAGE: dict[str, Damage] = {
    "truncated": lambda good: good[: len(good) * 2 // 3],
    "zero bytes": lambda good: b"",
    "NUL-filled": lambda good: b"\x00" * len(good),
    "trailing garbage": lambda good: good + b"\x00\x00}garbage",
}


def _learner_with_progress(folder: DataFolder) -> bytes:
    store, attempt_id = learner_with_attempt(folder, "anna-k")
    store.save_module_progress(progress("01-welcome", 3))
    store.record_answer(attempt_id, answer("q1", 1))
    return store.path.read_bytes()


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_file_is_moved_aside_and_reported(folder: DataFolder, kind: str) -> None:
    good = _learner_with_progress(folder)
    damaged = DAMAGE[kind](good)
    path = folder.learner_path("anna-k")
    path.write_bytes(damaged)
    store = folder.learner("anna-k")

    with pytest.raises(CorruptFileError):  # never read as an empty record
        store.read()
    with pytest.raises(CorruptFileError):  # never overwritten by a save
        store.save_module_progress(progress("02-rules"))
    assert path.read_bytes() == damaged

    notices = DataFolder(folder.root).recover()

    assert len(notices) == 1
    notice = notices[0]
    assert notice.path == path
    assert notice.quarantined_as is not None
    assert notice.quarantined_as.name.startswith("anna-k.json.corrupt-")
    assert notice.quarantined_as.read_bytes() == damaged  # kept for a specialist
    assert notice.restored_from is None
    assert "anna-k" in notice.message and "damaged" in notice.message
    assert "no backup" in notice.message
    assert folder.learner_ids() == []
    with pytest.raises(SetAsideError):  # still known: set aside, never "no such learner"
        folder.learner("anna-k")
    assert DataFolder(folder.root).recover() == []  # reported once, not at every start


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_file_is_restored_from_the_newest_backup(
    folder: DataFolder, tmp_path: Path, kind: str
) -> None:
    _learner_with_progress(folder)
    backup_data_folder(folder.root, tmp_path / "usb")
    store = folder.learner("anna-k")
    store.save_module_progress(progress("01-welcome", 5))  # work done after the backup
    backed_up = folder.learner_path("anna-k")
    backed_up.write_bytes(DAMAGE[kind](backed_up.read_bytes()))

    notices = folder.recover()

    assert len(notices) == 1
    assert notices[0].restored_from is not None
    assert notices[0].restored_from.is_relative_to(tmp_path / "usb")
    assert "anything done after that backup must be done again" in notices[0].message
    record = store.read()
    assert record.modules["01-welcome"].page == 3  # the backup's version
    assert [a.question_id for a in record.attempts[0].answers] == ["q1"]
    store.save_module_progress(progress("01-welcome", 5))  # and the learner can carry on


def test_a_damaged_app_state_file_is_moved_aside_without_touching_progress(
    folder: DataFolder,
) -> None:
    good = _learner_with_progress(folder)
    folder.set_last_learner_id("anna-k")
    (folder.root / "state.json").write_bytes(b'{"last_learner_id": "an')
    assert folder.last_learner_id() is None
    notices = folder.recover()
    assert [n.path.name for n in notices] == ["state.json"]
    assert "No progress was lost" in notices[0].message
    assert folder.learner_path("anna-k").read_bytes() == good


def test_a_hand_edited_file_that_no_longer_fits_the_records_is_quarantined(
    folder: DataFolder,
) -> None:
    _learner_with_progress(folder)
    path = folder.learner_path("anna-k")
    tables = json.loads(path.read_bytes())
    tables["modules"]["1"]["page"] = "three"
    path.write_text(json.dumps(tables))
    with pytest.raises(CorruptFileError, match="page"):
        folder.learner("anna-k").read()
    notice = folder.recover_learner("anna-k")
    assert notice is not None
    assert notice.quarantined_as is not None
    assert "page" in notice.message
    assert folder.recover_learner("piotr") is None  # nobody there: nothing to do


# --- the same scenario on plain TinyDB -----------------------------------------------------------


def test_plain_tinydb_silently_reads_a_zero_byte_file_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    with TinyDB(path) as db:
        db.insert({"module_id": "01-welcome", "page": 3})
    path.write_bytes(DAMAGE["zero bytes"](path.read_bytes()))
    with TinyDB(path) as db:
        assert db.all() == []  # no error, no warning: the progress is simply gone
        db.insert({"module_id": "02-rules", "page": 0})
    assert len(json.loads(path.read_bytes())["_default"]) == 1


@pytest.mark.parametrize("kind", ["truncated", "NUL-filled", "trailing garbage"])
def test_plain_tinydb_crashes_on_other_damage_without_setting_it_aside(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "plain.json"
    with TinyDB(path) as db:
        db.insert({"module_id": "01-welcome", "page": 3})
    path.write_bytes(DAMAGE[kind](path.read_bytes()))
    with pytest.raises(ValueError), TinyDB(path) as db:
        db.all()
    assert [p.name for p in tmp_path.iterdir()] == ["plain.json"]


def test_recovery_of_a_healthy_folder_writes_nothing(folder: DataFolder) -> None:
    """The usual start-up: nothing to repair, so no lock is taken and no file is rewritten
    (a rewrite replaces the file: a new inode)."""
    _learner_with_progress(folder)
    folder.set_last_learner_id("anna-k")
    watched = [
        folder.root / "emails.json",
        folder.root / "state.json",
        folder.learner_path("anna-k"),
    ]
    before = {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in watched}
    folder.folder_lock_path.unlink(missing_ok=True)

    assert DataFolder(folder.root).recover() == []

    assert {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in watched} == before
    assert not folder.folder_lock_path.exists()  # taking the folder lock would create it


def test_recovery_rebuilds_an_email_index_that_misses_a_learner(folder: DataFolder) -> None:
    _learner_with_progress(folder)
    index = folder.root / "emails.json"
    index.write_text("{}", encoding="utf-8")

    assert DataFolder(folder.root).recover() == []

    assert list(json.loads(index.read_text(encoding="utf-8")).values()) == ["anna-k"]
