"""Served-mode sign-in: e-mail + passphrase, or e-mail + invite code to set the passphrase.

Every answer to a person is one of four verdicts, and the same ones whether the e-mail address
belongs to somebody or not: an unknown address is "not recognised", does the same scrypt work
and is throttled the same way (its failures are counted in the unknown-address book), so
neither the message nor the time taken tells an outsider who has an account.

An attempt is counted *before* the secret is checked, under the account's lock, and forgiven
on success: fifty tabs guessing at once are serialised by the lock and all pay the backoff.
The same goes for the source (network) address the attempt came from, across every account
tried from it, except that a success only takes back its own count: signing in to one's own
account does not reset a budget spent guessing at others'. The policy's numbers are in
`trainer.identity.throttle`.
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from trainer.identity.credentials import (
    Credentials,
    FailureCount,
    IdentityFolder,
    Role,
    utc_now,
)
from trainer.identity.invite_code import code_digest
from trainer.identity.passphrase import (
    PassphraseHash,
    PassphraseProblem,
    hash_passphrase,
    passphrase_problems,
    verify_passphrase,
)
from trainer.identity.throttle import (
    ProcessThrottle,
    account_wait,
    address_wait,
    minute_bucket,
    seconds_left,
    spike_delay,
    still_counted,
)
from trainer.store.folder import DataFolder

Clock = Callable[[], dt.datetime]
MAX_EMAIL_LENGTH = 254
# How `trainer serve` tells each tab's process the browser's network address.
SOURCE_ADDRESS_VARIABLE = "TRAINER_CLIENT_ADDRESS"


class Verdict(StrEnum):
    SIGNED_IN = "signed_in"
    INVITE_VALID = "invite_valid"  # the code is right: now ask for a new passphrase
    REFUSED = "refused"  # same for unknown address, wrong secret, used or expired code
    # (with `wait_seconds` > 0 when this failure starts a wait)
    THROTTLED = "throttled"  # too many attempts: wait `wait_seconds`
    PASSPHRASE_PROBLEM = "passphrase_problem"  # the new passphrase is not acceptable


@dataclass(frozen=True)
class SignInOutcome:
    verdict: Verdict
    learner_id: str | None = None  # only with SIGNED_IN / INVITE_VALID
    roles: tuple[Role, ...] = ()
    wait_seconds: int = 0
    problems: tuple[PassphraseProblem, ...] = ()

    @property
    def signed_in(self) -> bool:
        return self.verdict == Verdict.SIGNED_IN


@dataclass(frozen=True)
class _Attempt:
    """An attempt counted against an account (or an unknown address) before checking."""

    learner_id: str | None
    credentials: Credentials | None
    wait_seconds: int  # > 0: refused without checking, still blocked
    blocked_for: int = 0  # how long a failure of this attempt blocks the account


@dataclass
class ServedSignIn:
    """The sign-in rules for one served process (one browser tab)."""

    data: DataFolder
    clock: Clock = utc_now
    process: ProcessThrottle = field(default_factory=ProcessThrottle)
    source: str | None = None  # the browser's network address, when served
    sleep: Callable[[float], None] = time.sleep

    @property
    def identity(self) -> IdentityFolder:
        return IdentityFolder(self.data)

    # -- the three things a person can do ------------------------------------------------------

    def with_passphrase(self, email: str, passphrase: str) -> SignInOutcome:
        now = self.clock()
        if wait := self._guard(now):
            return self._throttled(None, wait)
        attempt = self._count_attempt(email, now)
        if attempt.wait_seconds:
            return self._throttled(attempt.learner_id, attempt.wait_seconds)
        stored = attempt.credentials.passphrase if attempt.credentials else None
        if verify_passphrase(passphrase, stored) and attempt.learner_id is not None:
            return self._success(attempt.learner_id, now)
        return self._failure(attempt, now)

    def check_invite(self, email: str, code: str) -> SignInOutcome:
        """Whether `code` is this address's unused, unexpired invite (it is not used up yet)."""
        now = self.clock()
        if wait := self._guard(now):
            return self._throttled(None, wait)
        attempt = self._count_attempt(email, now)
        if attempt.wait_seconds:
            return self._throttled(attempt.learner_id, attempt.wait_seconds)
        if _invite_matches(attempt.credentials, code, now) and attempt.learner_id is not None:
            self._forgive(attempt.learner_id)
            self._source_succeeded(now)
            self.process.succeeded()
            return SignInOutcome(Verdict.INVITE_VALID, learner_id=attempt.learner_id)
        return self._failure(attempt, now)

    def accept_invite(self, email: str, code: str, passphrase: str, repeated: str) -> SignInOutcome:
        """Use the invite code up and set the passphrase, in one locked change."""
        problems = passphrase_problems(passphrase, repeated)
        if problems:
            return SignInOutcome(Verdict.PASSPHRASE_PROBLEM, problems=tuple(problems))
        now = self.clock()
        if wait := self._guard(now):
            return self._throttled(None, wait)
        new_hash = hash_passphrase(passphrase)  # before the lock: it takes a moment
        attempt = self._count_attempt(email, now)
        if attempt.wait_seconds:
            return self._throttled(attempt.learner_id, attempt.wait_seconds)
        if attempt.learner_id is None:
            return self._failure(attempt, now)
        used = _use_invite(self.identity, attempt.learner_id, code, new_hash, now)
        if not used:
            return self._failure(attempt, now)
        self._source_succeeded(now)
        self.process.succeeded()
        self._audit(attempt.learner_id, "signed in (invite code, new passphrase)")
        return SignInOutcome(
            Verdict.SIGNED_IN, learner_id=attempt.learner_id, roles=tuple(used.roles)
        )

    # -- bookkeeping ---------------------------------------------------------------------------

    def _audit(self, learner_id: str | None, outcome: str) -> None:
        """Each served sign-in attempt in the audit trail: who (when known), when, outcome.

        Never the typed address of an unknown person, nor any secret.
        """
        from trainer.audit import record

        actor = f"learner:{learner_id}" if learner_id else "unknown address"
        record(self.data, actor, "sign-in", {"outcome": outcome}, now=self.clock())

    def _throttled(self, learner_id: str | None, wait: int) -> SignInOutcome:
        self._audit(learner_id, f"refused: too many attempts, wait {wait} s")
        return SignInOutcome(Verdict.THROTTLED, wait_seconds=wait)

    def _guard(self, now: dt.datetime) -> int:
        """Seconds this tab or its network address must still wait; 0 = go ahead (counted).

        While failures spike server-wide, every attempt that goes ahead is slowed first.
        """
        if wait := self.process.wait(now):
            return wait
        if self.source:
            blocked = 0

            def count(current: FailureCount | None) -> FailureCount:
                nonlocal blocked
                if current is not None:
                    blocked = seconds_left(current.blocked_until, now)
                    if blocked:
                        return current
                before = still_counted(current.failures, current.last_at, now) if current else 0
                wait = address_wait(before + 1)
                return FailureCount(
                    failures=before + 1, blocked_until=now + wait if wait else None, last_at=now
                )

            self.identity.update_source(self.source, count)
            if blocked:
                return blocked
        if delay := spike_delay(self.identity.failure_rate(), now):
            self.sleep(delay)
        return 0

    def _source_succeeded(self, now: dt.datetime) -> None:
        """Take back this attempt's count: the rest of the address's budget stays spent."""
        if not self.source:
            return

        def uncount(current: FailureCount | None) -> FailureCount:
            if current is None:
                return FailureCount(last_at=now)
            failures = max(0, current.failures - 1)
            wait = address_wait(failures)
            return current.model_copy(
                update={"failures": failures, "blocked_until": now + wait if wait else None}
            )

        self.identity.update_source(self.source, uncount)

    def _failure(self, attempt: _Attempt, now: dt.datetime) -> SignInOutcome:
        self.process.failed(now)
        self.identity.count_failure(minute_bucket(now))
        source_wait = 0
        if self.source:
            counted = self.identity.source_failures(self.source)
            source_wait = seconds_left(counted.blocked_until, now) if counted else 0
        wait = max(attempt.blocked_for, self.process.wait(now), source_wait)
        self._audit(attempt.learner_id, "refused")
        return SignInOutcome(Verdict.REFUSED, wait_seconds=wait)

    def _count_attempt(self, email: str, now: dt.datetime) -> _Attempt:
        learner_id = self._learner_for(email)
        if learner_id is None:
            return self._count_unknown(email, now)
        blocked = 0

        def count(current: Credentials) -> Credentials:
            nonlocal blocked
            blocked = seconds_left(current.blocked_until, now)
            if blocked:
                return current
            failures = still_counted(current.failures, current.last_failure_at, now) + 1
            wait = account_wait(failures)
            return current.model_copy(
                update={
                    "failures": failures,
                    "blocked_until": now + wait if wait else None,
                    "last_failure_at": now,
                }
            )

        credentials = self.identity.update(learner_id, count)
        return _Attempt(
            learner_id, credentials, blocked, seconds_left(credentials.blocked_until, now)
        )

    def _count_unknown(self, email: str, now: dt.datetime) -> _Attempt:
        blocked = 0

        def count(current: FailureCount | None) -> FailureCount:
            nonlocal blocked
            if current is not None:
                blocked = seconds_left(current.blocked_until, now)
                if blocked:
                    return current
            failures = (still_counted(current.failures, current.last_at, now) if current else 0) + 1
            wait = account_wait(failures)
            return FailureCount(
                failures=failures, blocked_until=now + wait if wait else None, last_at=now
            )

        counted = self.identity.update_unknown(email, count)
        return _Attempt(None, None, blocked, seconds_left(counted.blocked_until, now))

    def _learner_for(self, email: str) -> str | None:
        cleaned = email.strip()
        if not cleaned or len(cleaned) > MAX_EMAIL_LENGTH or "@" not in cleaned:
            return None
        return self.data.find_learner_by_email(cleaned)

    def _forgive(self, learner_id: str) -> Credentials:
        return self.identity.update(
            learner_id,
            lambda c: c.model_copy(
                update={"failures": 0, "blocked_until": None, "last_failure_at": None}
            ),
        )

    def _success(self, learner_id: str, now: dt.datetime) -> SignInOutcome:
        credentials = self.identity.update(
            learner_id,
            lambda c: c.model_copy(
                update={
                    "failures": 0,
                    "blocked_until": None,
                    "last_failure_at": None,
                    "last_signed_in_at": now,
                }
            ),
        )
        self._source_succeeded(now)
        self.process.succeeded()
        self._audit(learner_id, "signed in")
        return SignInOutcome(
            Verdict.SIGNED_IN, learner_id=learner_id, roles=tuple(credentials.roles)
        )


def _invite_matches(credentials: Credentials | None, code: str, now: dt.datetime) -> bool:
    digest = code_digest(code)  # computed for unknown addresses too
    invite = credentials.invite if credentials else None
    if invite is None:
        hmac.compare_digest(digest, digest)
        return False
    return hmac.compare_digest(digest, invite.code_sha256) and invite.expires_at > now


def _use_invite(
    identity: IdentityFolder,
    learner_id: str,
    code: str,
    new_hash: PassphraseHash,
    now: dt.datetime,
) -> Credentials | None:
    """Set the passphrase if `code` is still valid (another tab may have used it meanwhile)."""
    used = False

    def consume(current: Credentials) -> Credentials:
        nonlocal used
        if not _invite_matches(current, code, now):
            return current
        used = True
        return current.model_copy(
            update={
                "passphrase": new_hash,
                "passphrase_set_at": now,
                "last_signed_in_at": now,
                "invite": None,
                "failures": 0,
                "blocked_until": None,
                "last_failure_at": None,
            }
        )

    credentials = identity.update(learner_id, consume)
    return credentials if used else None
