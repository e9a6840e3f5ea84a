"""Served sign-ins go to the audit trail: when, who (if known) and the outcome, no secrets."""

from __future__ import annotations

from tests.identity.conftest import StepClock, invited
from trainer.audit import read_entries, verify_trail
from trainer.audit.trail import trail_path
from trainer.identity.credentials import IdentityFolder
from trainer.identity.gate import ServedSignIn
from trainer.identity.invitations import issue_invite
from trainer.store.folder import DataFolder

PASSPHRASE = "long enough passphrase"


def test_sign_ins_and_refusals_are_logged_without_secrets_or_strangers_addresses(
    data: DataFolder, clock: StepClock
) -> None:
    learner_id = invited(data, "anna@firma.pl")
    code = issue_invite(data, learner_id, now=clock()).code
    gate = ServedSignIn(data, clock=clock)
    assert gate.accept_invite("anna@firma.pl", code, PASSPHRASE, PASSPHRASE).signed_in
    gate.with_passphrase("anna@firma.pl", "wrong passphrase")
    gate.with_passphrase("stranger@example.com", "guess guess guess")
    assert gate.with_passphrase("anna@firma.pl", PASSPHRASE).signed_in

    entries = [(e.actor, e.action, e.details["outcome"]) for e in read_entries(data)]
    assert entries == [
        (f"learner:{learner_id}", "sign-in", "signed in (invite code, new passphrase)"),
        (f"learner:{learner_id}", "sign-in", "refused"),
        ("unknown address", "sign-in", "refused"),
        (f"learner:{learner_id}", "sign-in", "signed in"),
    ]
    text = trail_path(data).read_text("utf-8")
    for secret in (code, PASSPHRASE, "wrong passphrase", "stranger@example.com"):
        assert secret not in text
    assert verify_trail(data)[1] == []
    assert IdentityFolder(data).read(learner_id).last_signed_in_at == clock()
