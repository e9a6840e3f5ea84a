"""The certificate secret: 32 random bytes in `<data>/certificates/secret.key`, made on first use.

Whoever holds it can mint valid codes, so the file is created readable by its owner only, and
never overwritten: two processes creating it at once both end up with the one that won.
Losing it makes every issued code unverifiable (a backup of the data folder keeps it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from trainer.store.folder import CERTIFICATES

SECRET_FILE = "secret.key"
SECRET_BYTES = 32


class CertificateSecretError(Exception):
    """The secret file exists but cannot be used; the message says what to do."""


def certificates_dir(root: Path) -> Path:
    return Path(root) / CERTIFICATES


def certificate_secret(root: Path) -> bytes:
    """The data folder's secret, created (owner-only) when there is none yet."""
    folder = certificates_dir(root)
    path = folder / SECRET_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = secrets.token_hex(SECRET_BYTES) + "\n"
    # Written whole under a temporary name, then linked into place: a reader never sees half a
    # secret, and link() refuses to replace a secret another process linked first.
    temporary = folder / f".{SECRET_FILE}.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return _read(path)  # another process made it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)
    return bytes.fromhex(text.strip())


def existing_secret(root: Path) -> bytes | None:
    """The secret if this data folder has one; never creates it (verification only reads)."""
    try:
        return _read(certificates_dir(root) / SECRET_FILE)
    except FileNotFoundError:
        return None


def _read(path: Path) -> bytes:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise CertificateSecretError(
            f"{path} is not a certificate secret (64 hexadecimal digits). Restore it from a "
            "backup; deleting it makes every certificate issued so far unverifiable."
        )
    return secret
