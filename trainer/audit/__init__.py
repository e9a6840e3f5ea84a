"""The audit trail: an append-only, hash-chained log of what coordinators did.

Anyone who changes what the data folder says about people writes one entry with
`trainer.audit.record(data, actor, action, details)`; `trainer audit` lists and verifies it.
"""

from trainer.audit.trail import (
    ACTIONS,
    AuditEntry,
    AuditProblem,
    default_actor,
    read_entries,
    record,
    verify_trail,
)

__all__ = [
    "ACTIONS",
    "AuditEntry",
    "AuditProblem",
    "default_actor",
    "read_entries",
    "record",
    "verify_trail",
]
