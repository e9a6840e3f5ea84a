"""Who was reminded when: `<data>/reminders/<learner-id>.json`, one small file per learner.

A send is written to the learner's log right after the SMTP server accepted that one message,
so a run stopped half-way (a refused address, an unreachable server, Ctrl+C) leaves the log
saying exactly who got an e-mail, and the next run sends to everyone else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder, validate_learner_id
from trainer.store.locking import exclusive

SENT_DIR = "reminders"
KEEP_SENDS = 50  # older entries are dropped: the log never grows without bound


@dataclass(frozen=True)
class SentReminder:
    at: dt.datetime
    template: str
    message_id: str


def _path(data: DataFolder, learner_id: str) -> Path:
    return data.root / SENT_DIR / f"{validate_learner_id(learner_id)}.json"


def sent_reminders(data: DataFolder, learner_id: str) -> list[SentReminder]:
    path = _path(data, learner_id)
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise StoreError(
            f"The reminder log {path} cannot be read ({error}); move it aside to send again."
        ) from None
    found: list[SentReminder] = []
    for entry in raw.get("sent", []) if isinstance(raw, dict) else []:
        try:
            found.append(
                SentReminder(
                    dt.datetime.fromisoformat(entry["at"]),
                    str(entry["template"]),
                    str(entry["message_id"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return found


def last_sent(data: DataFolder, learner_id: str) -> dt.datetime | None:
    sends = sent_reminders(data, learner_id)
    return max((s.at for s in sends), default=None)


def record_sent(data: DataFolder, learner_id: str, sent: SentReminder) -> None:
    path = _path(data, learner_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreError(f"Could not create {path.parent} ({error.strerror or error}).") from error
    with exclusive(path.with_suffix(".lock"), f"the reminder log of {learner_id!r}"):
        sends = [*sent_reminders(data, learner_id)[-(KEEP_SENDS - 1) :], sent]
        document = {
            "learner_id": learner_id,
            "sent": [
                {"at": s.at.isoformat(), "template": s.template, "message_id": s.message_id}
                for s in sends
            ],
        }
        write_atomically(path, json.dumps(document, indent=1).encode("utf-8"))


def remove_log(data: DataFolder, learner_id: str) -> bool:
    """For erasure: the log names a person's address history (message ids), so it goes."""
    path = _path(data, learner_id)
    removed = path.exists()
    path.unlink(missing_ok=True)
    path.with_suffix(".lock").unlink(missing_ok=True)
    return removed
