"""Data-subject requests (GDPR / RODO): what we hold about a person, a portable copy, erasure.

The erasure rule (also in docs/coordinators.md):
- removed from the data folder: the learner file (progress, answers, attempts, position, and
  policy decisions with the typed name), copies of it set aside as damaged, the sign-in
  details (`identity/`), the reminder log, the e-mail index entry and "last learner";
- policy-acceptance evidence is PSEUDONYMISED by default: a tombstone
  `erased/<pseudonym>.json` keeps, per decision, which policy text (version, SHA-256) was
  accepted or declined and when, without name, e-mail or learner id, so the organisation can
  still show that the policy was accepted by someone later erased; `--policy-evidence erase`
  keeps only the fact and the time of the erasure;
- backups are not touched (they are read-only archives); the command lists the known ones;
- the audit trail and the acceptance ledger are not rewritten (they are the record of
  processing, including the erasure itself, and append-only by design); they hold learner ids
  (which start with the e-mail's local part), never names or e-mail addresses; the ledger
  gets an `erased` line so `trainer verify` reports the decisions as erased on request.
`is_erased(data, learner_id)` lets certificates check that a learner was erased (revoked).
"""

from trainer.privacy.erasure import ErasureOutcome, erase_learner, erasure_key, is_erased
from trainer.privacy.personal_data import personal_data

__all__ = ["ErasureOutcome", "erase_learner", "erasure_key", "is_erased", "personal_data"]
