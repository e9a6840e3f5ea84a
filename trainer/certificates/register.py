"""Issuing and verifying certificates.

The code is an HMAC-SHA256, with the data folder's secret, of the facts the certificate
attests (learner id, course, content version, completion time, the policy text accepted),
cut to 60 bits and written as 12 Crockford base-32 characters (`7KQ2-M9XD-4HZ1`): nobody
without the secret can make one up, and it reveals nothing about the person.

Issuing also writes `<data>/certificates/issued/<CODE>.json` with those facts (no name or
e-mail), so a code can be looked up without reading every learner. Verification recomputes
the HMAC from that entry (an edited entry fails), then reads the learner's record for the name:

- `valid`: the entry is genuine and the learner is in the data folder;
- `revoked`: the entry is genuine but the learner has been erased (a data-subject request
  deletes their file) or the certificate was revoked with `revoke_learner_certificates`;
- `unknown`: no such code was issued here, or its entry was edited.

A certificate attests a completion that happened; a later policy version does not revoke it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from trainer.certificates.secret import certificate_secret, certificates_dir, existing_secret
from trainer.content.models import Course
from trainer.learning.completion import completed_at
from trainer.learning.policy import policy_status
from trainer.learning.records import LearnerRecord, UtcTime, utc_now
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

ISSUED = "issued"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_CODE = re.compile(rf"^[{CROCKFORD}]{{{CODE_LENGTH}}}$")

VerificationState = Literal["valid", "revoked", "unknown"]


class NotCompleteError(Exception):
    """A certificate was asked for a learner whose course is not complete."""


class CertificateFacts(BaseModel):
    """What the code vouches for. Changing any field changes the code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    learner_id: str
    course_title: str  # in the course's default language: the course's name, not a translation
    course_version: str
    completed_at: UtcTime
    policy_id: str
    policy_version: str
    policy_sha256: str

    def canonical(self) -> bytes:
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")


class IssuedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    facts: CertificateFacts | None  # None once revoked: the register forgets the learner
    issued_at: UtcTime
    revoked_at: UtcTime | None = None


@dataclass(frozen=True)
class Verification:
    state: VerificationState
    code: str  # as normalised
    name: str | None = None  # only when valid
    course_title: str | None = None
    completed_at: dt.datetime | None = None


def course_version(course: Course) -> str:
    """A short fingerprint of the course content the learner went through (modules, quizzes)."""
    digest = hashlib.sha256()
    for module in course.modules:
        for lang in sorted(module.texts):
            digest.update(f"module {module.id} {lang}\n".encode())
            for page in module.texts[lang].pages:
                digest.update(page.markdown.encode("utf-8"))
    for quiz_id in sorted(course.quizzes):
        quiz = course.quizzes[quiz_id]
        digest.update(f"quiz {quiz_id} {quiz.pass_mark}\n".encode())
        for lang in sorted(quiz.texts):
            for question in quiz.texts[lang].questions:
                digest.update(question.model_dump_json().encode("utf-8"))
    return digest.hexdigest()[:10]


def certificate_facts(course: Course, record: LearnerRecord, version: str) -> CertificateFacts:
    """The facts of a complete learner's certificate; `NotCompleteError` otherwise."""
    finished = completed_at(course, record)
    if finished is None:
        raise NotCompleteError(
            f"{record.profile.learner_id} has not completed the course: no certificate."
        )
    status = policy_status(course.policy, record)
    accepted = status.last_acceptance
    return CertificateFacts(
        learner_id=record.profile.learner_id,
        course_title=course.title(course.default_language),
        course_version=version,
        completed_at=finished,
        policy_id=course.policy.id,
        policy_version=accepted.version if accepted else "",
        policy_sha256=accepted.sha256 if accepted else "",
    )


def certificate_code(secret: bytes, facts: CertificateFacts) -> str:
    mac = hmac.new(secret, facts.canonical(), hashlib.sha256).digest()
    bits = int.from_bytes(mac[:8], "big") >> (64 - 5 * CODE_LENGTH)
    chars = [CROCKFORD[(bits >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH))]
    return "".join(chars)


def formatted_code(code: str) -> str:
    """`7KQ2M9XD4HZ1` -> `7KQ2-M9XD-4HZ1`, easier to read out and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalised_code(text: str) -> str | None:
    """What a person typed, as a code: case, dashes and spaces ignored, O/I/L read as 0/1.

    None when it cannot be a code at all (wrong length or characters).
    """
    cleaned = re.sub(r"[\s\-]", "", text).upper().translate(_READ_AS)
    return cleaned if _CODE.fullmatch(cleaned) else None


def _entry_path(root: Path, code: str) -> Path:
    return certificates_dir(root) / ISSUED / f"{code}.json"


def issue_certificate(
    root: Path, course: Course, record: LearnerRecord, *, now: dt.datetime | None = None
) -> IssuedEntry:
    """The learner's certificate entry, written to the register on first issue (idempotent)."""
    facts = certificate_facts(course, record, course_version(course))
    code = certificate_code(certificate_secret(root), facts)
    path = _entry_path(root, code)
    existing = _read_entry(path)
    if existing is not None and existing.facts == facts:
        return existing
    entry = IssuedEntry(code=code, facts=facts, issued_at=now or utc_now())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, entry.model_dump_json(indent=2).encode("utf-8") + b"\n")
    return entry


def _read_entry(path: Path) -> IssuedEntry | None:
    try:
        return IssuedEntry.model_validate_json(path.read_bytes())
    except (FileNotFoundError, ValidationError, ValueError):
        return None


def verify_certificate(root: Path, text: str) -> Verification:
    """Look a code up; see the module docstring for what each answer means."""
    code = normalised_code(text)
    if code is None:
        return Verification("unknown", re.sub(r"[^0-9A-Za-z-]", "", text)[:20].upper())
    entry = _read_entry(_entry_path(root, code))
    if entry is None or entry.code != code:
        return Verification("unknown", code)
    if entry.revoked_at is not None or entry.facts is None:
        return Verification("revoked", code)
    secret = existing_secret(root)
    if secret is None or not hmac.compare_digest(certificate_code(secret, entry.facts), code):
        return Verification("unknown", code)  # an entry edited (or written) without the secret
    folder = DataFolder(root)
    learner_id = entry.facts.learner_id
    try:
        if not folder.learner_path(learner_id).exists():
            return Verification("revoked", code)
        record = folder.learner(learner_id).read()
    except StoreError:
        return Verification("revoked", code)
    return Verification(
        "valid",
        code,
        name=record.profile.name,
        course_title=entry.facts.course_title,
        completed_at=entry.facts.completed_at,
    )


def revoke_learner_certificates(
    root: Path, learner_id: str, *, now: dt.datetime | None = None
) -> int:
    """Mark every certificate of `learner_id` revoked and forget whom it named.

    For data-subject erasure (and for a coordinator withdrawing a certificate): the entry keeps
    the code, so it verifies as `revoked` rather than `unknown`, and drops the facts (learner
    id, completion time), so nothing in the register points at the person any more. Returns
    how many certificates were revoked.
    """
    folder = certificates_dir(root) / ISSUED
    revoked = 0
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return 0
    for path in paths:
        entry = _read_entry(path)
        if entry is None or entry.facts is None or entry.facts.learner_id != learner_id:
            continue
        entry.revoked_at = now or utc_now()
        entry.facts = None
        write_atomically(path, entry.model_dump_json(indent=2).encode("utf-8") + b"\n")
        revoked += 1
    return revoked
