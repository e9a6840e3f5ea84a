"""Passphrases are kept only as salted scrypt hashes, with the parameters beside the hash.

Keeping the parameters with each hash lets us raise the cost later without locking anyone
out: old hashes still verify with the parameters they were made with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

MIN_LENGTH = 10
MAX_LENGTH = 1024  # scrypt hashes any length; this only stops absurd input
# N=2**15, r=8: 32 MiB and ~0.17 s per hash on the 2-core build machine. Fifty people signing
# in at once must not exhaust the host's memory, so we stay below OWASP's N=2**17.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
KEY_BYTES = 32
SALT_BYTES = 16

PassphraseProblem = Literal["too_short", "too_long", "mismatch", "blank"]


class PassphraseHash(BaseModel):
    """One stored passphrase: `scrypt(passphrase, salt, n, r, p)`; salt and key in base64."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: Literal["scrypt"] = "scrypt"
    n: Annotated[int, Field(ge=2, le=2**20)]
    r: Annotated[int, Field(ge=1, le=32)]
    p: Annotated[int, Field(ge=1, le=16)]
    salt: str
    key: str


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * r * n + 1024 * 1024,
        dklen=KEY_BYTES,
    )


def hash_passphrase(passphrase: str) -> PassphraseHash:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return PassphraseHash(
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        salt=base64.b64encode(salt).decode("ascii"),
        key=base64.b64encode(key).decode("ascii"),
    )


def verify_passphrase(passphrase: str, stored: PassphraseHash | None) -> bool:
    """Whether `passphrase` matches; with no stored hash, do the same work and say no.

    Doing the work for a missing hash keeps an unknown e-mail address from answering faster
    than a known one (no enumeration by timing).
    """
    if len(passphrase) > MAX_LENGTH:
        passphrase = passphrase[:MAX_LENGTH]
        stored = None
    target = stored if stored is not None else _decoy()
    try:
        salt = base64.b64decode(target.salt, validate=True)
        expected = base64.b64decode(target.key, validate=True)
    except ValueError:
        return False
    key = _scrypt(passphrase, salt, target.n, target.r, target.p)
    return hmac.compare_digest(key, expected) and stored is not None


@cache
def _decoy() -> PassphraseHash:
    """A hash of a random passphrase nobody knows, with today's parameters."""
    return hash_passphrase(secrets.token_urlsafe(24))


def passphrase_problems(passphrase: str, repeated: str) -> list[PassphraseProblem]:
    """What is wrong with a new passphrase, in the order a person should fix it."""
    if not passphrase.strip():
        return ["blank"]
    problems: list[PassphraseProblem] = []
    if len(passphrase) < MIN_LENGTH:
        problems.append("too_short")
    elif len(passphrase) > MAX_LENGTH:
        problems.append("too_long")
    if passphrase != repeated:
        problems.append("mismatch")
    return problems
