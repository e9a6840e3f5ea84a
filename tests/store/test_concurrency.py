"""Reliability test 1: 8 processes x 200 transactions, on one learner's file and on 8 files.

Every transaction must be present and every counter exact. The same hammering on a plain TinyDB
file (no lock, rewrite in place) loses writes or reads torn files: see the last test.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB

from tests.store.sample_records import answer, learner_with_attempt, profile, progress
from trainer.learning.records import ModuleProgress
from trainer.store import DataFolder, LearnerExistsError

PROCESSES = 8
TRANSACTIONS = 200
FORK = mp.get_context("fork")


def _hammer_one_learner(root: str, attempt_id: str, worker: int, start: Barrier) -> None:
    """Even transactions append an answer; odd ones increment a shared counter."""
    store = DataFolder(Path(root)).learner("shared")
    start.wait()
    for i in range(TRANSACTIONS):
        if i % 2 == 0:
            store.record_answer(attempt_id, answer(f"w{worker}-{i}", i))
        else:
            with store.transaction() as db:
                counters = db.table("modules")
                current = counters.get(Query().module_id == "counter")
                assert current is not None
                counters.update(
                    {"seconds_spent": current["seconds_spent"] + 1},
                    Query().module_id == "counter",
                )


def _hammer_own_learner(root: str, worker: int, start: Barrier, results: Queue[Any]) -> None:
    folder = DataFolder(Path(root))
    start.wait()
    try:
        folder.create_learner(profile(f"dup-{worker}", "same.person@example.com"))
        results.put(("created-duplicate", worker))
    except LearnerExistsError:
        pass
    store, attempt_id = learner_with_attempt(folder, f"worker-{worker}")
    for i in range(TRANSACTIONS):
        if i % 2 == 0:
            store.record_answer(attempt_id, answer(f"q{i}", i))
        else:
            store.save_module_progress(progress("01-welcome", i))
    results.put(("done", worker))


def _run(target: Any, args_for: Any) -> list[int | None]:
    processes = [FORK.Process(target=target, args=args_for(w)) for w in range(PROCESSES)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(120)
    return [p.exitcode for p in processes]


@pytest.mark.slow
def test_eight_processes_on_one_learner_lose_no_transaction(folder: DataFolder) -> None:
    store, attempt_id = learner_with_attempt(folder, "shared")
    store.save_module_progress(ModuleProgress(module_id="counter", seconds_spent=0))
    start = FORK.Barrier(PROCESSES)

    exit_codes = _run(_hammer_one_learner, lambda w: (str(folder.root), attempt_id, w, start))

    assert exit_codes == [0] * PROCESSES
    record = store.read()
    answers = [a.question_id for a in record.attempts[0].answers]
    expected = {f"w{w}-{i}" for w in range(PROCESSES) for i in range(0, TRANSACTIONS, 2)}
    assert len(answers) == len(expected) == PROCESSES * TRANSACTIONS // 2
    assert set(answers) == expected
    for w in range(PROCESSES):  # each process's answers kept its own order
        mine = [int(a.split("-")[1]) for a in answers if a.startswith(f"w{w}-")]
        assert mine == sorted(mine)
    assert record.modules["counter"].seconds_spent == PROCESSES * TRANSACTIONS // 2
    json.loads(store.path.read_bytes())
    assert [p.name for p in folder.learners_dir.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_eight_processes_on_their_own_learners_lose_nothing(folder: DataFolder) -> None:
    folder.create_learner(profile("seed"))  # the folder exists before the race starts
    start = FORK.Barrier(PROCESSES)
    results: Queue[Any] = FORK.Queue()

    exit_codes = _run(_hammer_own_learner, lambda w: (str(folder.root), w, start, results))

    assert exit_codes == [0] * PROCESSES
    reported = [results.get(timeout=5) for _ in range(PROCESSES + 1)]
    assert sorted(kind for kind, _ in reported) == ["created-duplicate"] + ["done"] * PROCESSES
    for w in range(PROCESSES):
        record = folder.learner(f"worker-{w}").read()
        answers = record.attempts[0].answers
        assert [a.question_id for a in answers] == [f"q{i}" for i in range(0, TRANSACTIONS, 2)]
        assert record.modules["01-welcome"].page == TRANSACTIONS - 1
    winner = next(w for kind, w in reported if kind == "created-duplicate")
    assert folder.find_learner_by_email("SAME.person@example.com") == f"dup-{winner}"
    assert len([i for i in folder.learner_ids() if i.startswith("dup-")]) == 1


# --- the same scenario on plain TinyDB -----------------------------------------------------------


def _hammer_plain_tinydb(path: str, worker: int, start: Barrier, results: Queue[Any]) -> None:
    start.wait()
    errors = 0
    for i in range(TRANSACTIONS):
        try:
            with TinyDB(path) as db:
                db.insert({"worker": worker, "i": i})
        except Exception:  # a torn read of the file being rewritten by another process
            errors += 1
    results.put(errors)


def test_plain_tinydb_loses_writes_in_the_same_scenario(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    TinyDB(path).close()
    start = FORK.Barrier(PROCESSES)
    results: Queue[Any] = FORK.Queue()

    exit_codes = _run(_hammer_plain_tinydb, lambda w: (str(path), w, start, results))

    assert exit_codes == [0] * PROCESSES
    errors = sum(results.get(timeout=5) for _ in range(PROCESSES))
    try:
        kept = len(json.loads(path.read_bytes())["_default"])
    except ValueError:
        kept = 0  # the file itself was left unreadable
    print(f"plain TinyDB kept {kept} of {PROCESSES * TRANSACTIONS} inserts, {errors} errors")
    assert kept < PROCESSES * TRANSACTIONS
