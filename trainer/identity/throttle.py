"""How long someone must wait after failed sign-ins: exponential backoff with a cap.

Two guards. Per account (persisted, shared by every served process, so opening a new browser
tab does not reset it): the first few failures are free, then each one doubles the wait.
Per process (in memory): one browser tab trying many addresses slows down too.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

FREE_FAILURES = 3  # per account: a typo or two costs nothing
MAX_ACCOUNT_WAIT = dt.timedelta(minutes=15)
PROCESS_FREE_FAILURES = 5  # per process: across all addresses tried in one tab
MAX_PROCESS_WAIT = dt.timedelta(minutes=5)


def backoff(failures: int, free: int, cap: dt.timedelta) -> dt.timedelta:
    """No wait for the first `free` failures, then 2 s, 4 s, 8 s, ... up to `cap`."""
    if failures <= free:
        return dt.timedelta(0)
    exponent = min(failures - free, 30)
    return min(dt.timedelta(seconds=2**exponent), cap)


def account_wait(failures: int) -> dt.timedelta:
    return backoff(failures, FREE_FAILURES, MAX_ACCOUNT_WAIT)


def seconds_left(until: dt.datetime | None, now: dt.datetime) -> int:
    """Whole seconds (rounded up) until `until`; 0 when it has passed."""
    if until is None or until <= now:
        return 0
    return max(1, math.ceil((until - now).total_seconds()))


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
