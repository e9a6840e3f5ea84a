"""How long someone must wait after failed sign-ins: the policy, as numbers and pure rules.

Four guards, all of them waits that end by themselves (docs/operations.md, "Sign-in
throttling", gives the reasons and the sources):

- Per account (persisted, shared by every served process, so a new browser tab does not
  reset it): the first few failures are free, then each one doubles the wait, capped low
  (MAX_ACCOUNT_WAIT) so that an attacker cannot keep someone's account shut for long; at
  ACCOUNT_LIMIT consecutive failures (NIST SP 800-63B's ceiling) the wait is an hour.
- Per source address (persisted): a budget of failures across all accounts, then doubling
  waits up to MAX_ADDRESS_WAIT. Spreading guesses over many accounts is slowed here.
- Per process (in memory): one browser tab trying many addresses slows down too.
- Server-wide: when failures spike, every attempt is slowed by SPIKE_DELAY.

Failures age out: a count whose latest failure is older than FAILURE_MEMORY starts again
from zero, so nothing an attacker did an hour ago still costs the real person anything.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

FREE_FAILURES = 3  # per account: a typo or two costs nothing
MAX_ACCOUNT_WAIT = dt.timedelta(seconds=60)
ACCOUNT_LIMIT = 100  # NIST SP 800-63B 5.2.2: at most 100 consecutive failures per account
ACCOUNT_LIMIT_WAIT = dt.timedelta(hours=1)
ADDRESS_FREE_FAILURES = 20  # per source address, across every account tried from it
MAX_ADDRESS_WAIT = dt.timedelta(minutes=15)
PROCESS_FREE_FAILURES = 5  # per process: across all addresses tried in one tab
MAX_PROCESS_WAIT = dt.timedelta(minutes=5)
FAILURE_MEMORY = dt.timedelta(hours=1)  # a count is forgotten this long after its last failure
SPIKE_WINDOW = dt.timedelta(minutes=10)
SPIKE_FAILURES = 100  # failures server-wide within SPIKE_WINDOW that count as a spike
SPIKE_DELAY = 2.0  # seconds added to every attempt while the spike lasts


def backoff(failures: int, free: int, cap: dt.timedelta) -> dt.timedelta:
    """No wait for the first `free` failures, then 2 s, 4 s, 8 s, ... up to `cap`."""
    if failures <= free:
        return dt.timedelta(0)
    exponent = min(failures - free, 30)
    return min(dt.timedelta(seconds=2**exponent), cap)


def account_wait(failures: int) -> dt.timedelta:
    if failures >= ACCOUNT_LIMIT:
        return ACCOUNT_LIMIT_WAIT
    return backoff(failures, FREE_FAILURES, MAX_ACCOUNT_WAIT)


def address_wait(failures: int) -> dt.timedelta:
    return backoff(failures, ADDRESS_FREE_FAILURES, MAX_ADDRESS_WAIT)


def still_counted(failures: int, last_failure: dt.datetime | None, now: dt.datetime) -> int:
    """The failures that still count: none once the latest is FAILURE_MEMORY old."""
    if last_failure is None or now - last_failure >= FAILURE_MEMORY:
        return 0
    return failures


def seconds_left(until: dt.datetime | None, now: dt.datetime) -> int:
    """Whole seconds (rounded up) until `until`; 0 when it has passed."""
    if until is None or until <= now:
        return 0
    return max(1, math.ceil((until - now).total_seconds()))


def minute_bucket(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def recent_failures(buckets: dict[str, int], now: dt.datetime) -> int:
    """Failures server-wide within SPIKE_WINDOW, from per-minute counts."""
    oldest = minute_bucket(now - SPIKE_WINDOW)
    return sum(count for minute, count in buckets.items() if minute > oldest)


def spike_delay(buckets: dict[str, int], now: dt.datetime) -> float:
    return SPIKE_DELAY if recent_failures(buckets, now) >= SPIKE_FAILURES else 0.0


@dataclass
class ProcessThrottle:
    """Failed sign-ins of this process (one browser tab), whatever the address."""

    failures: int = 0
    blocked_until: dt.datetime | None = field(default=None)

    def wait(self, now: dt.datetime) -> int:
        return seconds_left(self.blocked_until, now)

    def failed(self, now: dt.datetime) -> None:
        self.failures += 1
        delay = backoff(self.failures, PROCESS_FREE_FAILURES, MAX_PROCESS_WAIT)
        self.blocked_until = now + delay if delay else None

    def succeeded(self) -> None:
        self.failures = 0
        self.blocked_until = None
