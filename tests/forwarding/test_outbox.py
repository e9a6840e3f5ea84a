"""The outbox is written with the step, and the forwarder moves its cursor only on acceptance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.forwarding.conftest import finish_module, forwarding_folder, new_learner, pass_quiz
from trainer.content.models import Course
from trainer.export.lrs import LrsError, SendOutcome
from trainer.forwarding.config import read_config
from trainer.forwarding.forwarder import Forwarder, backlog
from trainer.forwarding.outbox import outbox_entries
from trainer.forwarding.state import read_state

ENDPOINT = "http://127.0.0.1:9/xAPI/"


class Lrs:
    """A stand-in LRS that keeps one statement per id, like a real one, and can be down."""

    def __init__(self) -> None:
        self.stored: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []
        self.posts = 0
        self.down = 0  # refuse this many more requests

    def send(self, batch: list[dict[str, Any]], endpoint: str, **options: Any) -> SendOutcome:
        self.posts += 1
        if self.down:
            self.down -= 1
            raise LrsError("Could not reach the LRS (connection refused).")
        for statement in batch:
            if statement["id"] not in self.stored:
                self.stored[statement["id"]] = statement
                self.order.append(statement["id"])
        return SendOutcome(statements=len(batch), batches=1)


def test_a_saved_step_and_its_statements_are_one_write(tmp_path: Path, course: Course) -> None:
    data = forwarding_folder(tmp_path / "data", course, ENDPOINT)
    anna = new_learner(data, 1)
    (registered,) = outbox_entries(data, anna)  # enrolled: in the outbox with the profile
    assert registered.statement["verb"]["id"].endswith("registered")
    finish_module(data, course, anna, 0, 1)

    on_disk = json.loads(data.learner_path(anna).read_bytes())  # one file, one version
    assert on_disk["modules"] and len(on_disk["outbox"]) == 3
    entries = outbox_entries(data, anna)
    assert [e.seq for e in entries] == [1, 2, 3]
    assert [e.statement["verb"]["id"].rsplit("/", 1)[1] for e in entries[1:]] == [
        "attempted",
        "completed",
    ]
    assert entries[2].statement["object"]["id"].endswith(f"modules/{course.modules[0].id}")

    pass_quiz(data, course, anna, 1)  # each save adds its own: begun, each answer, finished
    entries = outbox_entries(data, anna)
    extensions = entries[3].statement["context"]["extensions"]
    questions = len(next(v for k, v in extensions.items() if k.endswith("/questions")))
    assert [e.seq for e in entries] == list(range(1, 3 + 1 + questions + 1 + 1))
    assert entries[3].statement["verb"]["id"].endswith("attempted")
    assert entries[-1].statement["verb"]["id"].endswith("passed")


def test_the_forwarder_retries_the_same_batch_and_keeps_each_learner_in_order(
    tmp_path: Path, course: Course
) -> None:
    data = forwarding_folder(tmp_path / "data", course, ENDPOINT)
    learners = [new_learner(data, n) for n in range(3)]
    for n, learner_id in enumerate(learners):
        finish_module(data, course, learner_id, 0, n)
        finish_module(data, course, learner_id, 1, n)
    lrs, slept = Lrs(), []
    lrs.down = 2
    config = read_config(data)
    assert config is not None
    forwarder = Forwarder(data, config, "pw", batch_size=4, send=lrs.send, sleep=slept.append)

    assert forwarder.run(watch=False) == 15  # each: registered, 2 x (opened, completed)
    assert slept[:2] == [1.0, 2.0]  # backoff while the LRS was down
    assert backlog(data).total == 0 and read_state(data).sent_total == 15
    for learner_id in learners:
        ids = [e.statement["id"] for e in outbox_entries(data, learner_id)]
        assert [i for i in lrs.order if i in ids] == ids  # in order per learner
    assert len(lrs.stored) == 15


def test_killed_after_the_lrs_accepted_a_batch_it_sends_the_same_ids_again(
    tmp_path: Path, course: Course
) -> None:
    data = forwarding_folder(tmp_path / "data", course, ENDPOINT)
    anna = new_learner(data, 1)
    finish_module(data, course, anna, 0, 1)
    finish_module(data, course, anna, 1, 1)
    config = read_config(data)
    assert config is not None
    lrs = Lrs()
    sent: list[list[str]] = []

    def accepted_then_killed(batch: list[dict[str, Any]], endpoint: str, **o: Any) -> SendOutcome:
        lrs.send(batch, endpoint)
        sent.append([s["id"] for s in batch])
        raise SystemExit("killed before the cursor was saved")

    with pytest.raises(SystemExit):
        Forwarder(data, config, "pw", send=accepted_then_killed).run(watch=False)
    assert read_state(data).delivered == {} and backlog(data).total == 5

    def recording(batch: list[dict[str, Any]], endpoint: str, **o: Any) -> SendOutcome:
        sent.append([s["id"] for s in batch])
        return lrs.send(batch, endpoint)

    assert Forwarder(data, config, "pw", send=recording).run(watch=False) == 5
    assert sent[0] == sent[1]  # the same statements, the same ids
    assert len(lrs.stored) == 5 and backlog(data).total == 0
