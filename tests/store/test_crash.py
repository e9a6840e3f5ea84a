"""Reliability test 2: SIGKILL at random moments while saving to a file of more than 2 MB.

Half of the kills land at a random moment, half while the new version is being written (the
test waits for the temporary file to appear). After every kill the file must parse, every
acknowledged save must be in it, and the next start-up must leave no temporary file behind.
Plain TinyDB with its CachingMiddleware (the usual way to make it fast) loses acknowledged
writes in the same scenario: see the last test.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import time
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from tests.store.sample_records import answer, learner_with_attempt
from trainer.store import DataFolder

ROUNDS = 50
MIN_FILE_BYTES = 2 * 1024 * 1024
FORK = mp.get_context("fork")


def _save_until_killed(root: str, attempt_id: str, round_no: int, ack_fd: int) -> None:
    """Record answers forever; write each one's number to the pipe only after it was saved."""
    store = DataFolder(Path(root)).learner("crash")
    seq = 0
    while True:
        store.record_answer(attempt_id, answer(f"r{round_no}-{seq}", seq))
        os.write(ack_fd, f"{seq}\n".encode())
        seq += 1


def _first_acknowledgement(read_fd: int) -> bytes:
    """Block until the child has finished its first save (so every kill lands in the loop)."""
    received = b""
    while b"\n" not in received:
        chunk = os.read(read_fd, 4096)
        assert chunk, "the child died before its first save"
        received += chunk
    return received


def _acknowledged(read_fd: int, received: bytes = b"") -> list[int]:
    chunks = [received]
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return [int(line) for line in b"".join(chunks).decode().split()]


def _wait_for_temporary_file(folder: Path, deadline: float) -> None:
    """Return as soon as a save is half-way: its temporary file exists."""
    while time.monotonic() < deadline:
        if any(name.endswith(".tmp") for name in os.listdir(folder)):
            return
        time.sleep(0.0002)


def _fill_to_two_megabytes(folder: DataFolder) -> str:
    store, attempt_id = learner_with_attempt(folder, "crash")
    filler = {"attempt_id": attempt_id, **answer("filler", "x" * 120).model_dump(mode="json")}
    with store.transaction() as db:
        db.table("answers").insert_multiple(dict(filler) for _ in range(8200))
    assert store.path.stat().st_size >= MIN_FILE_BYTES
    return attempt_id


@pytest.mark.slow
def test_sigkill_during_saves_never_loses_an_acknowledged_answer(folder: DataFolder) -> None:
    attempt_id = _fill_to_two_megabytes(folder)
    store = folder.learner("crash")
    rng = random.Random(20260302)
    rounds_that_left_a_temp_file = 0
    total_acknowledged = 0
    for round_no in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        child = FORK.Process(
            target=_save_until_killed, args=(str(folder.root), attempt_id, round_no, write_fd)
        )
        child.start()
        os.close(write_fd)
        received = _first_acknowledgement(read_fd)
        if round_no % 2:
            time.sleep(rng.uniform(0.0, 0.2))  # any moment of a save
        else:
            _wait_for_temporary_file(folder.learners_dir, time.monotonic() + 1)  # mid-write
        child.kill()
        child.join()
        acknowledged = _acknowledged(read_fd, received)
        total_acknowledged += len(acknowledged)

        tables = json.loads(store.path.read_bytes())  # readable even before any recovery
        saved = {doc["question_id"] for doc in tables["answers"].values()}
        assert {f"r{round_no}-{seq}" for seq in acknowledged} <= saved
        leftovers = [p for p in folder.learners_dir.iterdir() if p.name.endswith(".tmp")]
        rounds_that_left_a_temp_file += bool(leftovers)

        assert DataFolder(folder.root).recover() == []  # the next start-up reads it whole
        assert [p for p in folder.learners_dir.iterdir() if p.name.endswith(".tmp")] == []
    print(
        f"{ROUNDS} kills, {total_acknowledged} acknowledged saves all kept, "
        f"{rounds_that_left_a_temp_file} kills left a temporary file"
    )
    assert total_acknowledged >= ROUNDS
    assert rounds_that_left_a_temp_file > 0  # kills really did land in the middle of writes


def test_a_stale_temporary_file_is_removed_at_start_up(folder: DataFolder) -> None:
    store, _ = learner_with_attempt(folder, "anna-k")
    before = store.path.read_bytes()
    stale = folder.learners_dir / ".anna-k.json.0a1b2c3d4e5f.tmp"
    stale.write_bytes(before[: len(before) // 2])
    assert folder.recover() == []
    assert not stale.exists()
    assert store.path.read_bytes() == before


# --- the same scenario on plain TinyDB -----------------------------------------------------------


PLAIN_INSERTS = 300  # fewer than the middleware's cache size (1000), as in a short session


def _insert_then_wait_to_be_killed(path: str, ack_fd: int) -> None:
    db = TinyDB(path, storage=CachingMiddleware(JSONStorage))
    for seq in range(PLAIN_INSERTS):
        db.insert({"seq": seq, "text": "x" * 120})
        os.write(ack_fd, f"{seq}\n".encode())
    time.sleep(60)


def test_plain_tinydb_with_caching_loses_acknowledged_writes_on_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    TinyDB(path).close()
    read_fd, write_fd = os.pipe()
    child = FORK.Process(target=_insert_then_wait_to_be_killed, args=(str(path), write_fd))
    child.start()
    os.close(write_fd)
    received = b""
    while received.count(b"\n") < PLAIN_INSERTS:
        received += os.read(read_fd, 65536)
    child.kill()
    child.join()
    acknowledged = _acknowledged(read_fd, received)
    kept = len(json.loads(path.read_bytes() or b'{"_default": {}}').get("_default", {}))
    print(f"plain TinyDB + CachingMiddleware: {len(acknowledged)} acknowledged, {kept} kept")
    assert len(acknowledged) == PLAIN_INSERTS
    assert kept < PLAIN_INSERTS
