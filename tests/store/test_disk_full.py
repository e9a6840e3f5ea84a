"""Reliability test 3: a full disk, simulated with RLIMIT_FSIZE in a child process.

The save must fail with a clear `StoreFullError`, the previous file must stay byte-identical,
no temporary file may remain, and saving works again once there is room. Plain TinyDB rewrites
its file in place and is left holding a torn, unreadable file: see the last test.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import signal
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from tests.store.sample_records import profile, progress
from trainer.store import DataFolder, StoreFullError

FORK = mp.get_context("fork")


def _limit_file_size(max_bytes: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, hard))


def _lift_file_size_limit() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))


def _save_on_a_full_disk(
    root: str, max_bytes: int, results: Queue[Any], space_freed: EventType
) -> None:
    store = DataFolder(Path(root)).learner("anna-k")
    _limit_file_size(max_bytes)
    try:
        store.save_module_progress(progress("02-rules", 3))
        results.put(("saved", ""))
    except StoreFullError as error:
        results.put(("full", str(error)))
    assert space_freed.wait(30)
    _lift_file_size_limit()
    store.save_module_progress(progress("02-rules", 3))
    results.put(("saved after space was freed", ""))


def test_a_full_disk_is_reported_and_the_saved_file_is_untouched(folder: DataFolder) -> None:
    store = folder.create_learner(profile("anna-k"))
    store.save_module_progress(progress("01-welcome", 2))
    before = store.path.read_bytes()
    results: Queue[Any] = FORK.Queue()
    space_freed = FORK.Event()

    child = FORK.Process(
        target=_save_on_a_full_disk, args=(str(folder.root), len(before), results, space_freed)
    )
    child.start()
    outcome, message = results.get(timeout=30)
    assert outcome == "full"
    assert message.startswith("The disk is full: progress was not saved; nothing was lost")
    assert "anna-k.json" in message
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in folder.learners_dir.iterdir()) == ["anna-k.json", "anna-k.lock"]

    space_freed.set()
    assert results.get(timeout=30) == ("saved after space was freed", "")
    child.join(30)
    assert child.exitcode == 0
    assert store.read().modules["02-rules"].page == 3


# --- the same scenario on plain TinyDB -----------------------------------------------------------


def _insert_on_a_full_disk(path: str, max_bytes: int, results: Queue[Any]) -> None:
    db = TinyDB(path)
    _limit_file_size(max_bytes)
    try:
        db.insert({"module_id": "02-rules", "page": 3})
        results.put("saved")
    except OSError as error:
        results.put(f"error {error.errno}")


def test_plain_tinydb_tears_its_file_on_a_full_disk(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    with TinyDB(path) as db:
        db.insert({"module_id": "01-welcome", "page": 2})
    before = path.read_bytes()
    results: Queue[Any] = FORK.Queue()

    child = FORK.Process(target=_insert_on_a_full_disk, args=(str(path), len(before), results))
    child.start()
    assert results.get(timeout=30).startswith("error")
    child.join(30)
    after = path.read_bytes()
    assert after != before
    try:
        json.loads(after)
        readable = True
    except ValueError:
        readable = False
    assert not readable
