"""How many browser sessions `trainer serve` lets in, and from where: pure rules, no I/O.

Three limits hold whatever a client does (docs/operations.md, "Limits"):
- `max_sessions` in all, derived from the machine's memory unless given;
- per network address: at most `per_address_pending` sessions that have not signed in yet,
  and at most `per_address_new_per_minute` new sessions in any 60 seconds;
- at most half of `max_sessions` may be sessions that have not signed in, so people who
  did sign in always have room.
A session that has not signed in within `sign_in_timeout` seconds is closed.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

SESSION_BUDGET_MIB = 32  # memory set aside per session: ~17 MiB at sign-in, more while reading
MEMORY_SHARE = 0.5  # the share of the machine's memory the sessions may take
MIN_SESSIONS, MAX_DEFAULT_SESSIONS = 10, 2000
NEW_SESSION_WINDOW = 60.0  # seconds

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def default_max_sessions(meminfo: Path = Path("/proc/meminfo")) -> int:
    """Half the machine's memory divided by SESSION_BUDGET_MIB (100 when unknown)."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                total_mib = int(line.split()[1]) / 1024
                sessions = int(total_mib * MEMORY_SHARE / SESSION_BUDGET_MIB)
                return max(MIN_SESSIONS, min(MAX_DEFAULT_SESSIONS, sessions))
    except (OSError, ValueError, IndexError):
        pass
    return 100


@dataclass(frozen=True)
class LimitSettings:
    max_sessions: int
    per_address_pending: int = 20  # an office behind one NAT address signs in together
    per_address_new_per_minute: int = 60
    sign_in_timeout: float = 15 * 60.0

    @property
    def max_pending(self) -> int:
        return max(1, self.max_sessions // 2)


@dataclass(frozen=True)
class Refusal:
    """Why a new session was not let in, and when trying again makes sense (seconds)."""

    reason: str  # "full" | "address"
    retry_after: int


@dataclass
class _Tab:
    address: str
    signed_in: bool = False


@dataclass
class SessionBook:
    """The sessions open now, and who opened them: admit, mark signed in, close."""

    settings: LimitSettings
    clock: Callable[[], float] = time.monotonic
    tabs: dict[int, _Tab] = field(default_factory=dict)
    _started: dict[str, deque[float]] = field(default_factory=dict)
    _next_id: int = 0

    def check(self, address: str) -> Refusal | None:
        """Would a new session from `address` be let in now?"""
        settings = self.settings
        if len(self.tabs) >= settings.max_sessions:
            return Refusal("full", 60)
        if self.pending() >= settings.max_pending:
            return Refusal("full", 30)
        if self.pending(address) >= settings.per_address_pending:
            return Refusal("address", 30)
        started = self._recent(address)
        if len(started) >= settings.per_address_new_per_minute:
            return Refusal("address", math.ceil(started[0] + NEW_SESSION_WINDOW - self.clock()))
        return None

    def open(self, address: str) -> int | Refusal:
        refusal = self.check(address)
        if refusal is not None:
            return refusal
        self._recent(address).append(self.clock())
        self._next_id += 1
        self.tabs[self._next_id] = _Tab(address)
        return self._next_id

    def signed_in(self, tab: int) -> None:
        if tab in self.tabs:
            self.tabs[tab].signed_in = True

    def signed_out(self, tab: int) -> bool:
        """The tab is back at the sign-in screen; True when it was signed in until now."""
        was = self.is_signed_in(tab)
        if was:
            self.tabs[tab].signed_in = False
        return was

    def close(self, tab: int) -> None:
        self.tabs.pop(tab, None)

    def is_signed_in(self, tab: int) -> bool:
        return tab in self.tabs and self.tabs[tab].signed_in

    def pending(self, address: str | None = None) -> int:
        return sum(
            1
            for tab in self.tabs.values()
            if not tab.signed_in and (address is None or tab.address == address)
        )

    def _recent(self, address: str) -> deque[float]:
        started = self._started.setdefault(address, deque())
        while started and started[0] <= self.clock() - NEW_SESSION_WINDOW:
            started.popleft()
        if not started and len(self._started) > 10_000:  # forget quiet addresses
            for quiet in [a for a, times in self._started.items() if not times]:
                del self._started[quiet]
            started = self._started.setdefault(address, deque())
        return started


def parse_proxies(values: Iterable[str]) -> tuple[Network, ...]:
    """`--trusted-proxy` values: addresses or networks (10.0.0.5, 10.0.0.0/24, ::1)."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]
) -> str:
    """The browser's address: the peer's, or, when the peer is a trusted proxy, the nearest
    address in X-Forwarded-For that is not one of ours (the rest of the header can be forged).
    """
    peer = peer or "unknown"
    if not trusted or not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop if _is_address(hop) else peer
    return hops[0] if hops and _is_address(hops[0]) else peer


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _is_trusted(value: str, trusted: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return any(address in network for network in trusted)
