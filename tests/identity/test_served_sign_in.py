from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from tests.identity.conftest import StepClock, invited
from trainer.identity import passphrase as passphrase_module
from trainer.identity.credentials import IdentityFolder
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.identity.invitations import issue_invite
from trainer.identity.throttle import seconds_left
from trainer.store.folder import DataFolder

PASSPHRASE = "long enough passphrase"


def signed_up(data: DataFolder, gate: ServedSignIn, email: str) -> str:
    learner_id = invited(data, email)
    code = issue_invite(data, learner_id, now=gate.clock()).code
    outcome = gate.accept_invite(email, code, PASSPHRASE, PASSPHRASE)
    assert outcome.verdict == Verdict.SIGNED_IN
    return learner_id


def test_invited_learner_sets_a_passphrase_with_the_code_then_signs_in_with_it(
    data: DataFolder, gate: ServedSignIn
) -> None:
    learner_id = invited(data, "anna@firma.pl")
    code = issue_invite(data, learner_id, now=gate.clock()).code

    assert gate.check_invite("Anna@Firma.pl", code.lower()).verdict == Verdict.INVITE_VALID
    outcome = gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE)
    assert (outcome.verdict, outcome.learner_id) == (Verdict.SIGNED_IN, learner_id)

    again = gate.with_passphrase(" anna@firma.pl ", PASSPHRASE)
    assert (again.verdict, again.learner_id) == (Verdict.SIGNED_IN, learner_id)
    stored = (data.root / "identity" / f"{learner_id}.json").read_text()
    assert PASSPHRASE not in stored and code not in stored


def test_an_invite_code_works_once(data: DataFolder, gate: ServedSignIn) -> None:
    learner_id = invited(data, "anna@firma.pl")
    code = issue_invite(data, learner_id, now=gate.clock()).code
    assert gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE).signed_in
    second = gate.accept_invite("anna@firma.pl", code, "another passphrase", "another passphrase")
    assert second.verdict == Verdict.REFUSED
    assert gate.check_invite("anna@firma.pl", code).verdict == Verdict.REFUSED
    assert gate.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in
    assert not gate.with_passphrase("anna@firma.pl", "another passphrase").signed_in


def test_an_invite_code_expires(data: DataFolder, gate: ServedSignIn, clock: StepClock) -> None:
    learner_id = invited(data, "anna@firma.pl")
    code = issue_invite(data, learner_id, now=clock(), valid_for=dt.timedelta(days=14)).code
    clock.advance(days=13, hours=23)
    assert gate.check_invite("anna@firma.pl", code).verdict == Verdict.INVITE_VALID
    clock.advance(hours=1)
    assert gate.check_invite("anna@firma.pl", code).verdict == Verdict.REFUSED
    assert gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE).verdict == (
        Verdict.REFUSED
    )


def test_a_new_code_replaces_the_old_one_and_resets_a_forgotten_passphrase(
    data: DataFolder, gate: ServedSignIn
) -> None:
    learner_id = signed_up(data, gate, "anna@firma.pl")
    old = issue_invite(data, learner_id, now=gate.clock()).code
    new = issue_invite(data, learner_id, now=gate.clock()).code
    assert gate.check_invite("anna@firma.pl", old).verdict == Verdict.REFUSED
    assert gate.accept_invite(
        "anna@firma.pl", new, "brand new phrase", "brand new phrase"
    ).signed_in
    assert not gate.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in
    assert gate.with_passphrase("anna@firma.pl", "brand new phrase").signed_in


def test_an_invite_code_is_only_good_for_its_own_address(
    data: DataFolder, gate: ServedSignIn
) -> None:
    anna = invited(data, "anna@firma.pl")
    invited(data, "piotr@firma.pl", "Piotr Zieliński")
    code = issue_invite(data, anna, now=gate.clock()).code
    outcome = gate.accept_invite("piotr@firma.pl", code, PASSPHRASE, PASSPHRASE)
    assert outcome.verdict == Verdict.REFUSED
    assert IdentityFolder(data).read(anna).passphrase is None


def test_a_weak_new_passphrase_is_refused_before_the_code_is_used(
    data: DataFolder, gate: ServedSignIn
) -> None:
    learner_id = invited(data, "anna@firma.pl")
    code = issue_invite(data, learner_id, now=gate.clock()).code
    short = gate.accept_invite("anna@firma.pl", code, "short", "short")
    assert (short.verdict, short.problems) == (Verdict.PASSPHRASE_PROBLEM, ("too_short",))
    typo = gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE + "!")
    assert typo.problems == ("mismatch",)
    assert gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE).signed_in


def test_wrong_passphrases_are_throttled_with_growing_waits(
    data: DataFolder, clock: StepClock
) -> None:
    learner_id = signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    waits = []
    for _ in range(6):
        gate = ServedSignIn(data, clock=clock)  # a new browser tab each time
        assert gate.with_passphrase("anna@firma.pl", "wrong passphrase").verdict == (
            Verdict.REFUSED
        )
        waits.append(seconds_left(IdentityFolder(data).read(learner_id).blocked_until, clock()))
        clock.advance(seconds=waits[-1])
    assert waits == [0, 0, 0, 2, 4, 8]
    assert IdentityFolder(data).read(learner_id).failures == 6
    assert ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", PASSPHRASE).signed_in
    assert IdentityFolder(data).read(learner_id).failures == 0


def test_while_throttled_even_the_right_passphrase_is_not_checked(
    data: DataFolder, clock: StepClock
) -> None:
    signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    for _ in range(4):
        ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", "wrong passphrase")
    outcome = ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", PASSPHRASE)
    assert (outcome.verdict, outcome.wait_seconds) == (Verdict.THROTTLED, 2)
    clock.advance(seconds=1)
    assert ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", PASSPHRASE).wait_seconds
    clock.advance(seconds=1)
    assert ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", PASSPHRASE).signed_in


def test_one_tab_trying_many_addresses_is_slowed_down(data: DataFolder, clock: StepClock) -> None:
    gate = ServedSignIn(data, clock=clock)
    for n in range(5):
        assert gate.with_passphrase(f"person{n}@firma.pl", "guess guess guess").verdict == (
            Verdict.REFUSED
        )
    assert gate.with_passphrase("person9@firma.pl", "guess guess guess").verdict == (
        Verdict.REFUSED
    )
    outcome = gate.with_passphrase("person10@firma.pl", "guess guess guess")
    assert (outcome.verdict, outcome.wait_seconds) == (Verdict.THROTTLED, 2)


def test_unknown_addresses_get_the_same_answers_as_known_ones(
    data: DataFolder, clock: StepClock
) -> None:
    signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    known: list[tuple[Verdict, int]] = []
    unknown: list[tuple[Verdict, int]] = []
    for _ in range(6):
        for email, answers in (("anna@firma.pl", known), ("nobody@firma.pl", unknown)):
            outcome = ServedSignIn(data, clock=clock).with_passphrase(email, "wrong passphrase")
            answers.append((outcome.verdict, outcome.wait_seconds))
            code = ServedSignIn(data, clock=clock).check_invite(email, "ABCD-EFGH-JKMN")
            answers.append((code.verdict, code.wait_seconds))
    assert known == unknown
    assert (Verdict.THROTTLED, 2) in known
    book = (data.root / "identity" / "unknown.json").read_text()
    assert "nobody" not in book and len(json.loads(book)) == 1


def test_unknown_address_does_the_same_scrypt_work(
    data: DataFolder, clock: StepClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed_up(data, ServedSignIn(data, clock=clock), "anna@firma.pl")
    passphrase_module._decoy()
    calls: list[str] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kwargs: int) -> bytes:
        calls.append(f"n={kwargs['n']}")
        return real(password, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counting)
    ServedSignIn(data, clock=clock).with_passphrase("anna@firma.pl", "wrong passphrase")
    known_calls = list(calls)
    calls.clear()
    ServedSignIn(data, clock=clock).with_passphrase("nobody@firma.pl", "wrong passphrase")
    assert calls == known_calls == ["n=32768"]


def test_a_learner_without_a_passphrase_cannot_sign_in_with_an_empty_one(
    data: DataFolder, gate: ServedSignIn
) -> None:
    invited(data, "anna@firma.pl")
    assert gate.with_passphrase("anna@firma.pl", "").verdict == Verdict.REFUSED
    assert gate.check_invite("anna@firma.pl", "").verdict == Verdict.REFUSED
