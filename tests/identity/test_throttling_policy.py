"""The throttling policy under abuse: spraying, holding an account shut, spikes, ageing out."""

from __future__ import annotations

from tests.identity.conftest import StepClock, invited
from tests.identity.test_served_sign_in import PASSPHRASE, signed_up
from trainer.identity.credentials import IdentityFolder
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.identity.throttle import (
    ACCOUNT_LIMIT,
    ADDRESS_FREE_FAILURES,
    FAILURE_MEMORY,
    MAX_ACCOUNT_WAIT,
    SPIKE_DELAY,
    SPIKE_FAILURES,
)
from trainer.store.folder import DataFolder

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


def test_three_guesses_at_each_of_thirty_accounts_from_one_address_are_slowed(
    data: DataFolder, clock: StepClock
) -> None:
    for n in range(30):
        invited(data, f"person{n:02d}@firma.pl", name=f"Person {n:02d}")
    verdicts = []
    for n in range(30):
        tab = ServedSignIn(data, clock=clock, source=ATTACKER)  # a fresh tab per account
        for _ in range(3):
            outcome = tab.with_passphrase(f"person{n:02d}@firma.pl", "summer2026 summer")
            verdicts.append(outcome.verdict)
            clock.advance(seconds=1)
    assert verdicts[:ADDRESS_FREE_FAILURES] == [Verdict.REFUSED] * ADDRESS_FREE_FAILURES
    assert verdicts.count(Verdict.THROTTLED) >= 60  # after the budget, most are not even tried
    # Each account saw at most the few guesses that got through: none is locked for its owner.
    assert all(
        IdentityFolder(data).read(i).failures <= 3 for i in IdentityFolder(data).learner_ids()
    )
    other = ServedSignIn(data, clock=clock, source=OWNER).with_passphrase(
        "person29@firma.pl", "summer2026 summer"
    )
    assert other.verdict == Verdict.REFUSED  # a different address still gets its answers


def test_an_attacker_cannot_keep_an_account_shut(data: DataFolder, clock: StepClock) -> None:
    signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    attacker = ServedSignIn(data, clock=clock, source=ATTACKER)
    longest_wait = 0
    owner_signed_in = 0
    for minute in range(180):  # three hours: the attacker guesses every minute
        attacker.process.succeeded()  # as if they opened a new tab each time
        attacker.with_passphrase("anna@firma.pl", "not her passphrase")
        if minute % 7 == 3:  # the owner comes back now and then, from her own address
            owner = ServedSignIn(data, clock=clock, source=OWNER)
            outcome = owner.with_passphrase("anna@firma.pl", PASSPHRASE)
            if outcome.verdict == Verdict.THROTTLED:
                longest_wait = max(longest_wait, outcome.wait_seconds)
                clock.advance(seconds=outcome.wait_seconds)
                outcome = owner.with_passphrase("anna@firma.pl", PASSPHRASE)
            owner_signed_in += outcome.signed_in
        clock.advance(minutes=1)
    assert longest_wait <= MAX_ACCOUNT_WAIT.total_seconds()
    assert owner_signed_in == len([m for m in range(180) if m % 7 == 3])


def test_failures_age_out(data: DataFolder, clock: StepClock) -> None:
    learner_id = signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    for _ in range(6):
        ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", "wrong passphrase")
        clock.advance(seconds=60)
    assert IdentityFolder(data).read(learner_id).failures == 6
    clock.advance(seconds=FAILURE_MEMORY.total_seconds())
    outcome = ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", "wrong passphrase")
    assert (outcome.verdict, outcome.wait_seconds) == (Verdict.REFUSED, 0)
    assert IdentityFolder(data).read(learner_id).failures == 1  # counting started again


def test_a_hundred_consecutive_failures_shut_the_account_for_an_hour(
    data: DataFolder, clock: StepClock
) -> None:
    learner_id = signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    for n in range(ACCOUNT_LIMIT):  # many addresses, each well within its own budget
        gate = ServedSignIn(data, clock=clock, source=f"192.0.2.{n % 200}")
        outcome = gate.with_passphrase("anna@firma.pl", "wrong passphrase")
        assert outcome.verdict == Verdict.REFUSED
        if n < ACCOUNT_LIMIT - 1:
            clock.advance(seconds=max(outcome.wait_seconds, 1))
    credentials = IdentityFolder(data).read(learner_id)
    assert credentials.failures == ACCOUNT_LIMIT
    assert credentials.blocked_until is not None
    assert (credentials.blocked_until - clock()).total_seconds() > 50 * 60
    clock.advance(hours=1)
    assert ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", PASSPHRASE).signed_in


def test_a_spike_of_failures_slows_every_attempt(data: DataFolder, clock: StepClock) -> None:
    signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    slept: list[float] = []
    calm = ServedSignIn(data, clock=clock, sleep=slept.append)
    assert calm.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in and slept == []
    for n in range(SPIKE_FAILURES):
        ServedSignIn(data, clock=clock, source=f"192.0.2.{n}").with_passphrase(
            f"nobody{n}@firma.pl", "guess guess guess"
        )
    during = ServedSignIn(data, clock=clock, sleep=slept.append)
    assert during.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in
    assert slept == [SPIKE_DELAY]
    clock.advance(minutes=11)  # the spike window has passed
    after = ServedSignIn(data, clock=clock, sleep=slept.append)
    assert after.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in and slept == [SPIKE_DELAY]
