from __future__ import annotations

import hashlib

import pytest

from trainer.identity import passphrase as module
from trainer.identity.passphrase import (
    PassphraseHash,
    hash_passphrase,
    passphrase_problems,
    verify_passphrase,
)


def test_a_passphrase_verifies_against_its_own_hash_only() -> None:
    stored = hash_passphrase("correct horse battery")
    assert verify_passphrase("correct horse battery", stored)
    assert not verify_passphrase("correct horse batterx", stored)
    assert not verify_passphrase("", stored)


def test_hash_is_salted_and_carries_its_parameters() -> None:
    first = hash_passphrase("zażółć gęślą jaźń")
    second = hash_passphrase("zażółć gęślą jaźń")
    assert first.salt != second.salt and first.key != second.key
    assert (first.algorithm, first.n, first.r, first.p) == ("scrypt", 2**15, 8, 1)
    assert "zażółć" not in first.model_dump_json()
    assert verify_passphrase(
        "zażółć gęślą jaźń", PassphraseHash.model_validate_json(first.model_dump_json())
    )


def test_old_hashes_with_other_parameters_still_verify() -> None:
    import base64

    salt = b"0123456789abcdef"
    key = hashlib.scrypt(b"older passphrase", salt=salt, n=2**10, r=8, p=1, dklen=32)
    old = PassphraseHash(
        n=2**10, r=8, p=1, salt=base64.b64encode(salt).decode(), key=base64.b64encode(key).decode()
    )
    assert verify_passphrase("older passphrase", old)
    assert not verify_passphrase("other passphrase", old)


def test_without_a_stored_hash_the_same_scrypt_work_is_done_and_the_answer_is_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def counting(password: bytes, **kwargs: int) -> bytes:
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"]))
        return real(password, **kwargs)  # type: ignore[arg-type]

    stored = hash_passphrase("a known passphrase")
    module._decoy()  # built once per process, like the stored one
    monkeypatch.setattr(hashlib, "scrypt", counting)
    assert not verify_passphrase("a known passphrase", None)
    assert verify_passphrase("a known passphrase", stored)
    assert calls == [(2**15, 8, 1), (2**15, 8, 1)]


@pytest.mark.parametrize(
    ("passphrase", "repeated", "problems"),
    [
        ("short", "short", ["too_short"]),
        ("          ", "          ", ["blank"]),
        ("long enough phrase", "long enough phrasf", ["mismatch"]),
        ("tiny", "tinx", ["too_short", "mismatch"]),
        ("x" * 1025, "x" * 1025, ["too_long"]),
        ("exactly10!", "exactly10!", []),
    ],
)
def test_new_passphrase_rules(passphrase: str, repeated: str, problems: list[str]) -> None:
    assert passphrase_problems(passphrase, repeated) == problems
