"""Where identity is kept: one credentials file per learner, plus a book of unknown addresses.

Layout (see docs/operations.md)::

    <data>/identity/<learner-id>.json    passphrase hash, pending invite, failures, roles
    <data>/identity/<learner-id>.lock    its lock file
    <data>/identity/unknown.json         failed sign-ins for addresses that are nobody's
    <data>/identity/unknown.lock
    <data>/identity/sources.json         failed sign-ins per source (network) address
    <data>/identity/sources.lock
    <data>/identity/failure-rate.json    failed sign-ins server-wide, per minute
    <data>/identity/failure-rate.lock

Both books hold digests, never what people typed or their network addresses.

Credentials live outside the learner's progress file so exports, backups of progress and the
learner's own session never carry a passphrase hash. Every change is a read-modify-write under
the file's lock with the store's atomic write, so concurrent served processes lose nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trainer.identity.passphrase import PassphraseHash
from trainer.store.atomic import is_temporary_name, write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import IDENTITY, DataFolder, normalised_email, validate_learner_id
from trainer.store.locking import exclusive

UNKNOWN_BOOK = "unknown"
SOURCE_BOOK = "sources"
RATE_BOOK = "failure-rate"
UNKNOWN_BOOK_LIMIT = 5000  # oldest entries are dropped: the book cannot fill the disk
RATE_BOOK_MINUTES = 60  # per-minute counts kept for the spike detector

Role = Literal["coordinator"]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PendingInvite(BaseModel):
    """An invite code not used yet; only its digest is kept."""

    model_config = ConfigDict(extra="forbid")

    code_sha256: str
    issued_at: dt.datetime
    expires_at: dt.datetime


class Credentials(BaseModel):
    """What lets one learner sign in when served, and what they may do there."""

    model_config = ConfigDict(extra="forbid")

    learner_id: str
    passphrase: PassphraseHash | None = None
    passphrase_set_at: dt.datetime | None = None
    invite: PendingInvite | None = None
    failures: int = 0  # attempts since the last success (counted before checking)
    blocked_until: dt.datetime | None = None
    last_failure_at: dt.datetime | None = None  # failures age out (throttle.FAILURE_MEMORY)
    roles: list[Role] = Field(default_factory=list)
    last_signed_in_at: dt.datetime | None = None  # shown to coordinators; set on each success


class FailureCount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    failures: int = 0
    blocked_until: dt.datetime | None = None
    last_at: dt.datetime


class IdentityFolder:
    """The `identity/` folder of a data folder."""

    def __init__(self, data: DataFolder) -> None:
        self.data = data
        self.root = data.root / IDENTITY

    def _ensure(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise StoreError(
                f"Could not create {self.root} ({error.strerror or error})."
            ) from error

    def path(self, learner_id: str) -> Path:
        return self.root / f"{validate_learner_id(learner_id)}.json"

    def lock_path(self, learner_id: str) -> Path:
        return self.root / f"{validate_learner_id(learner_id)}.lock"

    # -- one learner's credentials -----------------------------------------------------------

    def read(self, learner_id: str) -> Credentials:
        """The learner's credentials; empty ones if none were ever written."""
        path = self.path(learner_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return Credentials(learner_id=learner_id)
        except OSError as error:
            raise StoreError(f"Could not read {path.name} ({error.strerror or error}).") from error
        try:
            credentials = Credentials.model_validate_json(raw)
        except ValidationError as error:
            raise StoreError(
                f"The credentials file {path} is damaged ({error.error_count()} problem(s)); "
                "issue the learner a new invite code with `trainer invite`."
            ) from error
        if credentials.learner_id != learner_id:
            raise StoreError(f"The credentials file {path} belongs to someone else.")
        return credentials

    def update(self, learner_id: str, change: Callable[[Credentials], Credentials]) -> Credentials:
        """Apply `change` to the current credentials under the learner's lock and save."""
        self._ensure()
        with exclusive(self.lock_path(learner_id), f"the sign-in details of {learner_id!r}"):
            try:
                current = self.read(learner_id)
            except StoreError:
                current = Credentials(learner_id=learner_id)  # a damaged file is replaced
            changed = change(current)
            write_atomically(
                self.path(learner_id), changed.model_dump_json(indent=1).encode("utf-8")
            )
        return changed

    def remove_stale_temporaries(self) -> int:
        """Delete temporary files of saves that never finished (call before any tab starts)."""
        removed = 0
        try:
            paths = list(self.root.iterdir())
        except FileNotFoundError:
            return 0
        for path in paths:
            if is_temporary_name(path.name):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def learner_ids(self) -> Iterator[str]:
        try:
            names = sorted(p.name for p in self.root.iterdir())
        except FileNotFoundError:
            return
        for name in names:
            if name.endswith(".json") and name.removesuffix(".json") not in (
                UNKNOWN_BOOK,
                SOURCE_BOOK,
                RATE_BOOK,
            ):
                yield name.removesuffix(".json")

    # -- failures for addresses that belong to nobody ------------------------------------------

    def unknown_failures(self, email: str) -> FailureCount | None:
        book = self._read_book()
        entry = book.get(_address_key(email))
        if entry is None:
            return None
        try:
            return FailureCount.model_validate(entry)
        except ValidationError:
            return None

    def update_unknown(
        self, email: str, change: Callable[[FailureCount | None], FailureCount]
    ) -> FailureCount:
        """Count a failure for an address nobody has, like `update` does for a learner."""
        return self._update_book(UNKNOWN_BOOK, _address_key(email), change)

    def update_source(
        self, source: str, change: Callable[[FailureCount | None], FailureCount]
    ) -> FailureCount:
        """Count an attempt from a network address (any account), under the book's lock."""
        return self._update_book(SOURCE_BOOK, _source_key(source), change)

    def source_failures(self, source: str) -> FailureCount | None:
        entry = self._read_book(SOURCE_BOOK).get(_source_key(source))
        try:
            return None if entry is None else FailureCount.model_validate(entry)
        except ValidationError:
            return None

    def _update_book(
        self, name: str, key: str, change: Callable[[FailureCount | None], FailureCount]
    ) -> FailureCount:
        self._ensure()
        with exclusive(self.root / f"{name}.lock", "the sign-in attempt book"):
            book = self._read_book(name)
            try:
                current = FailureCount.model_validate(book[key]) if key in book else None
            except ValidationError:
                current = None
            changed = change(current)
            book.pop(key, None)
            book[key] = changed.model_dump(mode="json")
            while len(book) > UNKNOWN_BOOK_LIMIT:
                book.pop(next(iter(book)))
            data = json.dumps(book, separators=(",", ":")).encode("utf-8")
            write_atomically(self.root / f"{name}.json", data)
        return changed

    def _read_book(self, name: str = UNKNOWN_BOOK) -> dict[str, object]:
        try:
            value = json.loads((self.root / f"{name}.json").read_bytes())
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    # -- failures server-wide, per minute (the spike detector) ---------------------------------

    def failure_rate(self) -> dict[str, int]:
        """Failed sign-ins per minute ("2026-03-02T09:15" -> count), lock-free read."""
        book = self._read_book(RATE_BOOK)
        return {k: v for k, v in book.items() if isinstance(v, int)}

    def count_failure(self, minute: str) -> None:
        self._ensure()
        with exclusive(self.root / f"{RATE_BOOK}.lock", "the sign-in failure rate"):
            book = self.failure_rate()
            book[minute] = book.get(minute, 0) + 1
            for old in sorted(book)[:-RATE_BOOK_MINUTES]:
                del book[old]
            data = json.dumps(book, separators=(",", ":")).encode("utf-8")
            write_atomically(self.root / f"{RATE_BOOK}.json", data)


def _source_key(source: str) -> str:
    return hashlib.sha256(f"trainer-source:{source.strip().lower()}".encode()).hexdigest()


def _address_key(email: str) -> str:
    """The book never holds what people typed, only a digest of it."""
    return hashlib.sha256(f"trainer-address:{normalised_email(email)}".encode()).hexdigest()
