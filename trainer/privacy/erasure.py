"""Erasure of one learner from the data folder (the rule is in `trainer.privacy`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from trainer.certificates.register import revoke_learner_certificates
from trainer.identity.credentials import IdentityFolder
from trainer.reminders.sent_log import remove_log
from trainer.store import ledger
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder, validate_learner_id

ERASED_DIR = "erased"
PolicyEvidence = Literal["pseudonymise", "erase"]


def erasure_key(learner_id: str) -> str:
    """The pseudonym of an erased learner: a digest of their id, never the id itself."""
    return hashlib.sha256(f"trainer-erased:{validate_learner_id(learner_id)}".encode()).hexdigest()


def tombstone_path(data: DataFolder, learner_id: str) -> Path:
    return data.root / ERASED_DIR / f"{erasure_key(learner_id)}.json"


def is_erased(data: DataFolder, learner_id: str) -> bool:
    """Whether this learner id was erased (certificates issued to it are revoked)."""
    return tombstone_path(data, learner_id).exists()


@dataclass
class ErasureOutcome:
    pseudonym: str
    removed: list[Path] = field(default_factory=list)
    decisions_kept: int = 0
    tombstone: Path | None = None
    certificates_revoked: int = 0


def erase_learner(
    data: DataFolder,
    learner_id: str,
    *,
    policy_evidence: PolicyEvidence = "pseudonymise",
    now: dt.datetime | None = None,
) -> ErasureOutcome:
    outcome = ErasureOutcome(erasure_key(learner_id))
    decisions: list[dict[str, object]] = []
    try:
        record = data.learner(learner_id).read()
        for d in record.policy_decisions:
            decisions.append(
                {
                    "policy_id": d.policy_id,
                    "version": d.version,
                    "sha256": d.sha256,
                    "language": d.language,
                    "decision": d.decision,
                    "decided_at": d.decided_at.isoformat(),
                    "scrolled_to_end": d.scrolled_to_end,
                    "box_checked": d.box_checked,
                    "typed_full_name": d.typed_name is not None,
                }
            )
    except StoreError:
        pass  # an unreadable file is erased all the same; no evidence can be kept from it
    kept = decisions if policy_evidence == "pseudonymise" else []
    tombstone = {
        "erased_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "pseudonym": outcome.pseudonym,
        "policy_evidence": policy_evidence,
        "policy_decisions": kept,
    }
    path = tombstone_path(data, learner_id)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # The tombstone first: if anything fails later, the person is already marked erased and
    # running the command again finishes the job.
    write_atomically(path, json.dumps(tombstone, indent=1).encode("utf-8"))
    outcome.tombstone = path
    outcome.decisions_kept = len(kept)
    # Always, even when the file did not read: the ledger may acknowledge its decisions.
    ledger.append_erasure(data.root, learner_id, outcome.pseudonym)
    outcome.removed += data.remove_learner(learner_id)
    identity = IdentityFolder(data)
    for target in (identity.path(learner_id), identity.lock_path(learner_id)):
        if target.exists():
            target.unlink()
            outcome.removed.append(target)
    if remove_log(data, learner_id):
        outcome.removed.append(data.root / "reminders" / f"{learner_id}.json")
    # Their certificates verify as revoked, and the register forgets whom they named.
    outcome.certificates_revoked = revoke_learner_certificates(data.root, learner_id)
    return outcome
