"""Everything the data folder holds about one person, as one JSON-able document."""

from __future__ import annotations

from typing import Any

from trainer.audit import read_entries
from trainer.deadlines import load_deadlines
from trainer.identity.credentials import IdentityFolder
from trainer.reminders.sent_log import sent_reminders
from trainer.store.folder import DataFolder


def _mentions(details: object, learner_id: str) -> bool:
    if isinstance(details, str):
        return details == learner_id
    if isinstance(details, dict):
        return any(_mentions(v, learner_id) for v in details.values())
    if isinstance(details, list):
        return any(_mentions(v, learner_id) for v in details)
    return False


def personal_data(data: DataFolder, learner_id: str) -> dict[str, Any]:
    """The learner's record as stored, their sign-in details without secrets (no passphrase
    hash, no invite digest), their due date, reminders sent and audit entries about them."""
    record = data.learner(learner_id).read()
    credentials = IdentityFolder(data).read(learner_id)
    due = load_deadlines(data).due_for(record.profile)
    audit = [
        {
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "details": e.details,
        }
        for e in read_entries(data)
        if e.actor == f"learner:{learner_id}" or _mentions(e.details, learner_id)
    ]
    return {
        "format": "ambassador-trainer personal data, version 1",
        "learner": record.model_dump(mode="json"),
        "due_date": due.isoformat() if due else None,
        "sign_in": {
            "has_passphrase": credentials.passphrase is not None,
            "passphrase_set_at": _iso(credentials.passphrase_set_at),
            "invite_pending_until": _iso(credentials.invite.expires_at)
            if credentials.invite
            else None,
            "failed_attempts": credentials.failures,
            "roles": list(credentials.roles),
            "last_signed_in_at": _iso(credentials.last_signed_in_at),
        },
        "reminders_sent": [
            {"at": s.at.isoformat(), "template": s.template, "message_id": s.message_id}
            for s in sent_reminders(data, learner_id)
        ],
        "audit_entries": audit,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
