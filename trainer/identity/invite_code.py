"""One-time invite codes: random, easy to read aloud or type, stored only as a digest.

A code has 60 random bits, so a SHA-256 digest is enough to keep it secret at rest (no slow
hash needed: it cannot be guessed from a dictionary). Codes use Crockford's base32 alphabet,
without I, L, O, U, and typing mistakes between look-alikes (O/0, I/L/1) are forgiven.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_invite_code() -> str:
    """A fresh code such as `7KQ2-M9XD-4HPA`."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalised_code(typed: str) -> str:
    """What a person typed, without spaces or dashes, upper-case, look-alikes mapped."""
    compact = "".join(ch for ch in typed.upper() if ch not in " -\t")
    return compact.translate(_LOOK_ALIKES)


def code_digest(code: str) -> str:
    """The SHA-256 (hex) kept in place of the code."""
    return hashlib.sha256(f"trainer-invite:{normalised_code(code)}".encode()).hexdigest()
