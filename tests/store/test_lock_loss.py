"""Deleting lock files under running programs loses no confirmed save.

A clean-up script (or a person tidying the folder) that deletes `*.lock` lets a second program
lock a new file while the first still holds the old one. Each transaction checks, just before
it replaces the learner's file, that its lock file and the file it read are still the ones at
their paths; if not it starts again from the new content instead of overwriting it.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path

import pytest

from tests.store.sample_records import profile
from trainer.learning.records import ModuleProgress
from trainer.store import DataFolder

PROCESSES = 4
SAVES = 150
FORK = mp.get_context("fork")


def _count_up(root: str, start: Barrier, confirmed: Queue[int]) -> None:
    store = DataFolder(Path(root)).learner("shared")
    start.wait()
    done = 0
    for _ in range(SAVES):
        store.update_module_progress(
            "counter",
            lambda current: (current or ModuleProgress(module_id="counter")).model_copy(
                update={"seconds_spent": (current.seconds_spent if current else 0) + 1}
            ),
        )
        done += 1  # the call returned: the save is confirmed
    confirmed.put(done)


def _remove_lock_files(learners: str, stop: Event, removed: Queue[int]) -> None:
    count = 0
    while not stop.is_set():
        for lock in Path(learners).glob("*.lock"):
            try:
                lock.unlink()
                count += 1
            except FileNotFoundError:
                pass
        time.sleep(0.0005)
    removed.put(count)


@pytest.mark.slow
def test_deleting_lock_files_while_four_programs_save_loses_no_confirmed_save(
    folder: DataFolder,
) -> None:
    store = folder.create_learner(profile("shared"))
    start = FORK.Barrier(PROCESSES)
    stop = FORK.Event()
    confirmed: Queue[int] = FORK.Queue()
    removed: Queue[int] = FORK.Queue()
    remover = FORK.Process(
        target=_remove_lock_files, args=(str(folder.learners_dir), stop, removed)
    )
    remover.start()
    savers = [
        FORK.Process(target=_count_up, args=(str(folder.root), start, confirmed))
        for _ in range(PROCESSES)
    ]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join(300)
    stop.set()
    remover.join(10)

    assert [s.exitcode for s in savers] == [0] * PROCESSES
    total = sum(confirmed.get(timeout=5) for _ in savers)
    assert removed.get(timeout=5) > 0  # the remover did delete lock files under the savers
    assert total == PROCESSES * SAVES
    assert store.read().modules["counter"].seconds_spent == total
