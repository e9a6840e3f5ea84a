"""An append-only, hash-chained log of coordinator actions: `<data>/audit/audit.jsonl`.

One JSON object per line::

    {"seq": 7, "at": "2026-11-30T09:12:03+00:00", "actor": "os:anna", "action": "invite",
     "details": {"learners": 3}, "prev_hash": "<64 hex>", "entry_hash": "<64 hex>"}

`entry_hash` is the SHA-256 of the line's canonical JSON without `entry_hash` (keys sorted, no
spaces, UTF-8), and `prev_hash` is the previous line's `entry_hash` (64 zeros for the first),
so an edited, removed or reordered line breaks the chain at a line `verify_trail` names. The
file is only ever appended to, under a lock, and each line is flushed to disk before `record`
returns. Details never hold secrets (no invite codes, no passphrases, no SMTP passwords).

Other packages call `record(data, actor, action, details)`; `action` is one of `ACTIONS` or a
new dotted name of their own (`review.decision`), and `details` is any JSON-able mapping.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder
from trainer.store.locking import exclusive

AUDIT_DIR = "audit"
AUDIT_FILE = "audit.jsonl"
AUDIT_LOCK = "audit.lock"
GENESIS = "0" * 64
TAIL_BYTES = 64 * 1024  # an entry is far smaller; the last line is found within this

# What the product itself writes. Other actions are allowed (a new feature names its own).
ACTIONS: dict[str, str] = {
    "roster.import": "roster imported",
    "invite": "invite codes issued",
    "invite.voided": "invite codes voided and replaced",
    "deadline.set": "due date set",
    "reminder.sent": "reminder e-mailed",
    "reminder.drafted": "reminder written as .eml (dry run)",
    "role.grant": "coordinator role given",
    "role.revoke": "coordinator role taken",
    "export": "data exported",
    "report": "report produced",
    "restore": "backup restored",
    "learner.show": "data-subject request: shown",
    "learner.export": "data-subject request: exported",
    "learner.erase": "data-subject request: erased",
    "review.decision": "review decision",
    "sign-in": "served sign-in",
}


def default_actor() -> str:
    """Who runs a command: TRAINER_ACTOR when set (a shared account), else `os:<login>`."""
    named = os.environ.get("TRAINER_ACTOR", "").strip()
    if named:
        return named
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return f"os:{user}"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    details: dict[str, Any]
    prev_hash: str
    entry_hash: str

    @property
    def description(self) -> str:
        return ACTIONS.get(self.action, self.action)


@dataclass(frozen=True)
class AuditProblem:
    line: int  # 1-based line of audit.jsonl (0: the file as a whole)
    message: str

    def format(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def _canonical(document: Mapping[str, Any]) -> bytes:
    content = {k: v for k, v in document.items() if k != "entry_hash"}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def entry_hash(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(_canonical(document)).hexdigest()


def trail_path(data: DataFolder | Path) -> Path:
    root = data.root if isinstance(data, DataFolder) else Path(data)
    return root / AUDIT_DIR / AUDIT_FILE


def _last_complete_line(path: Path) -> tuple[bytes | None, bool]:
    """The last whole line of the file, and whether the file ends with an unfinished line."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            if size == 0:
                return None, False
            handle.seek(max(0, size - TAIL_BYTES))
            tail = handle.read()
    except FileNotFoundError:
        return None, False
    torn = not tail.endswith(b"\n")
    lines = tail.split(b"\n")
    complete = lines[:-1]  # the piece after the last newline is empty or torn
    for line in reversed(complete):
        if line.strip():
            return line, torn
    return None, torn


def record(
    data: DataFolder | Path,
    actor: str,
    action: str,
    details: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry and return it; raises `StoreError` when it cannot be written.

    Callers write the entry after the action succeeded (an export that failed is not logged
    as done); an entry that cannot be written is an error the caller shows, never swallowed.
    """
    path = trail_path(data)
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreError(f"Could not create {path.parent} ({error.strerror or error}).") from error
    with exclusive(path.parent / AUDIT_LOCK, "the audit trail"):
        last, torn = _last_complete_line(path)
        prev, seq = GENESIS, 1
        if last is not None:
            try:
                previous = json.loads(last)
                prev, seq = str(previous["entry_hash"]), int(previous["seq"]) + 1
            except (ValueError, KeyError, TypeError):
                raise StoreError(
                    f"The last line of {path} is damaged; nothing was added. "
                    "Run `trainer audit --verify` and see docs/operations.md."
                ) from None
        document: dict[str, Any] = {
            "seq": seq,
            "at": at.isoformat(timespec="seconds"),
            "actor": actor,
            "action": action,
            "details": dict(details or {}),
            "prev_hash": prev,
        }
        document["entry_hash"] = entry_hash(document)
        line = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        if torn:
            line = "\n" + line  # an interrupted write stays visible as its own damaged line
        try:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise StoreError(
                f"Could not add to the audit trail {path} ({error.strerror or error})."
            ) from error
    return _entry(document)


def _entry(document: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        seq=int(document["seq"]),
        at=dt.datetime.fromisoformat(str(document["at"])),
        actor=str(document["actor"]),
        action=str(document["action"]),
        details=dict(document.get("details") or {}),
        prev_hash=str(document["prev_hash"]),
        entry_hash=str(document["entry_hash"]),
    )


def read_entries(data: DataFolder | Path, since: dt.datetime | None = None) -> Iterator[AuditEntry]:
    """Entries in order, one at a time; damaged lines are skipped (`verify_trail` names them)."""
    path = trail_path(data)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        for raw in handle:
            try:
                entry = _entry(json.loads(raw))
            except (ValueError, KeyError, TypeError):
                continue
            if since is None or entry.at >= since:
                yield entry


def verify_trail(data: DataFolder | Path) -> tuple[int, list[AuditProblem]]:
    """(entries read, problems): every line must hash right and follow the one before it."""
    path = trail_path(data)
    problems: list[AuditProblem] = []
    count = 0
    prev = GENESIS
    expected_seq = 1
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return 0, []
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                problems.append(AuditProblem(number, "empty line"))
                continue
            if not raw.endswith(b"\n"):
                problems.append(AuditProblem(number, "unfinished line (a write was interrupted)"))
            try:
                document = json.loads(raw)
                stored = str(document["entry_hash"])
                seq = int(document["seq"])
            except (ValueError, KeyError, TypeError):
                problems.append(AuditProblem(number, "not an audit entry (damaged line)"))
                continue
            count += 1
            if entry_hash(document) != stored:
                problems.append(AuditProblem(number, f"entry #{seq} was changed after writing"))
            if document.get("prev_hash") != prev:
                problems.append(
                    AuditProblem(
                        number,
                        f"entry #{seq} does not follow the entry before it "
                        "(a line was removed, inserted or moved)",
                    )
                )
            if seq != expected_seq:
                problems.append(
                    AuditProblem(number, f"entry #{seq} where #{expected_seq} was expected")
                )
            prev = stored
            expected_seq = seq + 1
    return count, problems
