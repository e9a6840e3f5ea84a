"""Live forwarding to a real Ralph LRS while learners work, through downtime and a killed
forwarder: every statement arrives exactly once (by id), in order per learner.

Needs TRAINER_TEST_RALPH (a `ralph` command; .ci/run sets it). Loopback only; every wait is
bounded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.export.test_real_lrs import PASSWORD, RALPH
from tests.forwarding.conftest import finish_module, forwarding_folder, new_learner, pass_quiz
from tests.forwarding.ralph import Ralph
from trainer.content.models import Course
from trainer.export.lrs import send_statements
from trainer.forwarding.config import read_config
from trainer.forwarding.forwarder import Forwarder, backlog
from trainer.forwarding.outbox import outbox_entries
from trainer.forwarding.state import read_state
from trainer.store.folder import DataFolder

pytestmark = pytest.mark.skipif(not RALPH, reason="set TRAINER_TEST_RALPH (.ci/run does)")
LEARNERS = 6


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    """Ralph, stopped and started by the test as its story goes."""
    assert RALPH is not None
    lrs = Ralph(RALPH, tmp_path / "ralph")
    try:
        yield lrs
    finally:
        lrs.stop()


def start_forwarder(data: DataFolder, log: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "trainer", "forward", "--data-dir", str(data.root)]
    command += ["--course", str(FIXTURES / "mini_course"), *options]
    return subprocess.Popen(
        command,
        env={**os.environ, "TRAINER_LRS_PASSWORD": PASSWORD},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.2)


def stored_ids(ralph: Ralph, email: str) -> list[str]:
    """The learner's statements in the LRS, in the order it stored them (its `stored` time)."""
    agent = json.dumps({"mbox": f"mailto:{email}"})
    query = urllib.parse.urlencode({"agent": agent, "limit": 500, "ascending": "true"})
    status, found = ralph.client.request("GET", "?" + query)
    assert status == 200, found
    return [s["id"] for s in sorted(found["statements"], key=lambda s: str(s["stored"]))]


@pytest.mark.slow
def test_statements_arrive_exactly_once_in_order_through_downtime_and_a_killed_forwarder(
    tmp_path: Path, course: Course, ralph: Ralph
) -> None:
    ralph.start()
    data = forwarding_folder(tmp_path / "data", course, f"{ralph.url}/xAPI/")
    learners = [new_learner(data, n) for n in range(LEARNERS)]
    log = tmp_path / "forward.log"
    forwarder = start_forwarder(data, log, "--watch", "--batch", "2")
    try:
        for n, learner_id in enumerate(learners):  # everyone finishes the first module
            finish_module(data, course, learner_id, 0, n)
        wait_until(lambda: backlog(data).total == 0, 60, "forwarding as people learn")

        ralph.stop()  # the LRS goes down while people keep learning
        for n, learner_id in enumerate(learners):
            finish_module(data, course, learner_id, 1, n)
        wait_until(lambda: read_state(data).retrying_since is not None, 30, "noticing")
        assert backlog(data).total == 2 * LEARNERS  # each: the module opened, then read
        ralph.start()
        wait_until(lambda: backlog(data).total == 0, 120, "catching up once it is back")

        for n, learner_id in enumerate(learners):  # quizzes everywhere
            pass_quiz(data, course, learner_id, n)
        sent_before = read_state(data).sent_total
        wait_until(lambda: read_state(data).sent_total > sent_before, 60, "sending quizzes")
        forwarder.send_signal(signal.SIGKILL)  # killed part-way through the backlog
        forwarder.wait(timeout=10)
    finally:
        if forwarder.poll() is None:
            forwarder.kill()
            forwarder.wait()
    assert "Trying again in" in log.read_text()

    config = read_config(data)
    assert config is not None
    if backlog(data).total:  # the kill left work: first a forwarder dies after the LRS took it

        def accepted_then_killed(batch: list[dict[str, Any]], endpoint: str, **o: Any) -> Any:
            send_statements(batch, endpoint, **o)  # the LRS stores the batch ...
            raise SystemExit("killed")  # ... and the forwarder dies before moving its cursor

        waiting = backlog(data).total
        with pytest.raises(SystemExit):
            Forwarder(data, config, PASSWORD, send=accepted_then_killed).run(watch=False)
        assert backlog(data).total == waiting  # it does not know the batch arrived

    again = start_forwarder(data, log)  # sends what is left (the same ids again), then exits
    assert again.wait(timeout=120) == 0, log.read_text()
    assert backlog(data).total == 0

    for n, learner_id in enumerate(learners):
        expected = [entry.statement["id"] for entry in outbox_entries(data, learner_id)]
        verbs = [e.statement["verb"]["display"]["en-US"] for e in outbox_entries(data, learner_id)]
        assert verbs[:5] == ["registered", "attempted", "completed", "attempted", "completed"]
        assert verbs[5] == "attempted" and verbs[-1] == "passed"  # a quiz begun ... passed
        assert set(verbs[6:-1]) == {"answered"}
        arrived = stored_ids(ralph, f"learner{n:02d}@firma.pl")
        assert sorted(arrived) == sorted(expected), "each statement exactly once"
        assert arrived == expected, "in the order the learner took the steps"
    status = subprocess.run(
        [sys.executable, "-m", "trainer", "forward", "--status", "--data-dir", str(data.root)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Waiting: 0 statement(s)" in status.stdout
