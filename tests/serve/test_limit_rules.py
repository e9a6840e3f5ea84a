"""The session limits and the client-address rule, without a server."""

from __future__ import annotations

from pathlib import Path

from trainer.serve.limits import (
    LimitSettings,
    Refusal,
    SessionBook,
    client_address,
    default_max_sessions,
    parse_proxies,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_people_who_signed_in_free_their_address_s_place_in_the_queue() -> None:
    book = SessionBook(LimitSettings(max_sessions=100, per_address_pending=2), clock=Clock())
    first, second = book.open("192.0.2.1"), book.open("192.0.2.1")
    assert isinstance(first, int) and isinstance(second, int)
    assert book.open("192.0.2.1") == Refusal("address", 30)
    assert isinstance(book.open("192.0.2.2"), int)  # another address is not affected
    book.signed_in(first)
    assert isinstance(book.open("192.0.2.1"), int)


def test_a_tab_signed_out_counts_as_not_signed_in_again() -> None:
    book = SessionBook(LimitSettings(max_sessions=100, per_address_pending=1), clock=Clock())
    tab = book.open("203.0.113.7")
    assert isinstance(tab, int)
    assert not book.signed_out(tab)  # never signed in: nothing changes
    book.signed_in(tab)
    assert book.pending("203.0.113.7") == 0
    assert book.signed_out(tab)
    assert not book.is_signed_in(tab) and book.pending("203.0.113.7") == 1
    assert isinstance(book.open("203.0.113.7"), Refusal)  # its place in the queue is taken again


def test_new_sessions_per_address_are_limited_per_minute() -> None:
    clock = Clock()
    settings = LimitSettings(max_sessions=100, per_address_new_per_minute=3)
    book = SessionBook(settings, clock=clock)
    for _ in range(3):
        tab = book.open("192.0.2.1")
        assert isinstance(tab, int)
        book.close(tab)
        clock.now += 10
    refusal = book.open("192.0.2.1")
    assert refusal == Refusal("address", 30)  # the first one leaves the window in 30 s
    clock.now += 30
    assert isinstance(book.open("192.0.2.1"), int)


def test_half_the_places_are_kept_for_people_who_signed_in() -> None:
    book = SessionBook(LimitSettings(max_sessions=4, per_address_pending=10), clock=Clock())
    tabs = [book.open(f"192.0.2.{n}") for n in range(2)]
    assert book.open("192.0.2.9") == Refusal("full", 30)
    for tab in tabs:
        assert isinstance(tab, int)
        book.signed_in(tab)
    assert isinstance(book.open("192.0.2.9"), int)
    assert isinstance(book.open("192.0.2.8"), int)
    assert book.open("192.0.2.7") == Refusal("full", 60)


def test_x_forwarded_for_counts_only_from_a_trusted_proxy() -> None:
    proxy = parse_proxies(["10.0.0.5"])
    assert client_address("203.0.113.9", "198.51.100.1", ()) == "203.0.113.9"
    assert client_address("203.0.113.9", "198.51.100.1", proxy) == "203.0.113.9"
    assert client_address("10.0.0.5", "198.51.100.1", proxy) == "198.51.100.1"
    # A client can put anything on the left; the proxy appends the real peer on the right.
    assert client_address("10.0.0.5", "1.2.3.4, 198.51.100.1", proxy) == "198.51.100.1"
    chain = parse_proxies(["10.0.0.0/24"])
    assert client_address("10.0.0.5", "198.51.100.1, 10.0.0.7", chain) == "198.51.100.1"
    assert client_address("10.0.0.5", "not-an-address", proxy) == "10.0.0.5"


def test_the_default_session_limit_comes_from_memory(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       25165824 kB\nMemFree: 1 kB\n")
    assert default_max_sessions(meminfo) == 384  # 24 GiB / 2 / 32 MiB
    meminfo.write_text("MemTotal:       1048576 kB\n")
    assert default_max_sessions(meminfo) == 16
    assert default_max_sessions(tmp_path / "missing") == 100
