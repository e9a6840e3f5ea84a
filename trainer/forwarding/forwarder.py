"""The forwarder: deliver every learner's outbox to the LRS, in order, exactly once by id.

One forwarder runs per data folder (a lock file says so). It sends batches of pending
statements (each learner's in `seq` order) and moves the cursor after each accepted batch.
When the LRS is down or refuses, it waits 1 s, 2 s, 4 s ... up to MAX_BACKOFF and tries the
same batch again: same statements, same ids.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from trainer.export.lrs import DEFAULT_BATCH, LrsError, SendOutcome, send_statements
from trainer.forwarding.config import ForwardingConfig, forwarding_dir
from trainer.forwarding.outbox import pending
from trainer.forwarding.state import ForwardingState, read_state, write_state
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

MAX_BACKOFF = 60.0
POLL_INTERVAL = 1.0  # seconds between looks at the outboxes when there is nothing to send

Sender = Callable[..., SendOutcome]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Backlog:
    per_learner: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.per_learner.values())


def backlog(data: DataFolder, state: ForwardingState | None = None) -> Backlog:
    """Statements in the outboxes the LRS has not accepted yet, per learner."""
    state = state or read_state(data)
    counts: dict[str, int] = {}
    for learner_id, _entry in pending(data, state.delivered):
        counts[learner_id] = counts.get(learner_id, 0) + 1
    return Backlog(counts)


@dataclass
class Forwarder:
    data: DataFolder
    config: ForwardingConfig
    password: str
    batch_size: int = DEFAULT_BATCH
    send: Sender = send_statements
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], dt.datetime] = utc_now
    log: Callable[[str], None] = print
    before_pass: Callable[[], None] | None = None  # e.g. outbox.ChangedLearners
    _failures: int = field(default=0, init=False)

    def deliver_pending(self) -> int:
        """Send everything pending now, batch by batch; return how many the LRS accepted.

        Raises LrsError at the first batch the LRS does not accept (the cursor stays before it).
        """
        state = read_state(self.data)
        sent = 0
        batch: list[dict[str, Any]] = []
        marks: dict[str, int] = {}
        for learner_id, entry in pending(self.data, state.delivered):
            batch.append(entry.statement)
            marks[learner_id] = entry.seq
            if len(batch) >= self.batch_size:
                sent += self._deliver(state, batch, marks)
                batch, marks = [], {}
        if batch:
            sent += self._deliver(state, batch, marks)
        return sent

    def _deliver(
        self, state: ForwardingState, batch: list[dict[str, Any]], marks: dict[str, int]
    ) -> int:
        self.send(
            batch,
            self.config.endpoint,
            user=self.config.user,
            password=self.password,
            batch_size=len(batch),
        )
        state.delivered.update(marks)
        state.sent_total += len(batch)
        state.last_delivery_at = self.clock()
        state.retrying_since = None
        write_state(self.data, state)
        return len(batch)

    def run(
        self,
        *,
        watch: bool,
        stop: Callable[[], bool] = lambda: False,
        give_up_after: int | None = None,
    ) -> int:
        """Deliver until nothing is pending (or, with `watch`, until `stop()`); retry on errors.

        Without `watch`, `give_up_after` failed tries in a row end the run (LrsError).
        """
        from filelock import FileLock, Timeout

        directory = forwarding_dir(self.data)
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = FileLock(directory / "forwarder.lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                "Another forwarder is already sending this data folder's statements."
            ) from None
        total = 0
        try:
            while not stop():
                try:
                    if self.before_pass is not None:
                        self.before_pass()
                    sent = self.deliver_pending()
                except LrsError as error:
                    if give_up_after is not None and self._failures + 1 >= give_up_after:
                        self._record_failure(str(error), wait=False)
                        raise
                    self._record_failure(str(error))
                    continue
                total += sent
                self._failures = 0
                if not watch and sent == 0:
                    return total
                if sent == 0:
                    self.sleep(POLL_INTERVAL)
            return total
        finally:
            lock.release()

    def _record_failure(self, message: str, *, wait: bool = True) -> None:
        state = read_state(self.data)
        now = self.clock()
        state.last_error, state.last_error_at = message, now
        state.retrying_since = state.retrying_since or now
        write_state(self.data, state)
        self._failures += 1
        if not wait:
            return
        delay = min(MAX_BACKOFF, 2.0 ** (self._failures - 1))
        self.log(f"{message} Trying again in {delay:.0f} s.")
        self.sleep(delay)


@dataclass(frozen=True)
class ForwardingSummary:
    """What the dashboard shows about forwarding."""

    endpoint: str
    waiting: int
    last_delivery_at: dt.datetime | None
    retrying_since: dt.datetime | None
    last_error: str | None


def forwarding_summary(data: DataFolder) -> ForwardingSummary | None:
    """None when the folder does not forward to an LRS."""
    from trainer.forwarding.config import read_config

    config = read_config(data)
    if config is None:
        return None
    state = read_state(data)
    return ForwardingSummary(
        config.endpoint,
        backlog(data, state).total,
        state.last_delivery_at,
        state.retrying_since,
        state.last_error if state.retrying_since else None,
    )


def describe(data: DataFolder, config: ForwardingConfig | None) -> Iterable[str]:
    """`trainer forward --status`: where to, how far, what is waiting, what went wrong."""
    if config is None:
        yield "Forwarding is not set up for this data folder (trainer forward --lrs URL ...)."
        return
    state = read_state(data)
    waiting = backlog(data, state)
    yield f"LRS: {config.endpoint} (user {config.user})"
    yield f"Delivered: {state.sent_total} statement(s)" + (
        f", last at {state.last_delivery_at:%Y-%m-%d %H:%M:%S} UTC"
        if state.last_delivery_at
        else ""
    )
    yield f"Waiting: {waiting.total} statement(s) from {len(waiting.per_learner)} learner(s)"
    for learner_id, count in sorted(waiting.per_learner.items()):
        yield f"  {learner_id}: {count}"
    if state.retrying_since is not None and state.last_error:
        yield f"Retrying since {state.retrying_since:%Y-%m-%d %H:%M:%S} UTC: {state.last_error}"
