"""The acceptance ledger: a folder-level, append-only list of every policy decision saved.

A learner file's hash chain shows a record edited, reordered or deleted from the middle, but
someone who deletes the *last* decision and sets the file's two chain counters back leaves a
chain that is whole. The ledger, `<root>/ledger.jsonl`, is the second witness: one line per
decision, written after the decision is in the learner's file, each line naming the learner,
their file's id, the decision's position in the file's chain and its `record_hash`, and linked
to the line before by its own hash (`prev`, `hash`: SHA-256 of the line's canonical JSON
without `hash`). `trainer verify` checks every line against the learner files.

A third kind, `"kind": "erased"`, records a data-subject erasure (`trainer learner erase`): the
learner's decisions left the folder on purpose (their pseudonymised evidence is in `source`).

A second kind of line, `"kind": "restored"`, records that a coordinator (or start-up recovery)
put back a learner's file from a backup or from the set-aside copy, and how long its chain was:
decisions acknowledged earlier beyond that length were lost by the restore, and `verify` lists
them as such (a note, not an alteration), instead of reporting them deleted forever.

The ledger's head (number of lines and the last line's hash) is the *anchor*: a coordinator
keeps it outside the machine (`trainer verify --anchor`), and a later `verify --anchor DIGEST`
proves that every decision acknowledged before it is still in the ledger and in its file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.store.atomic import NEW_FILE_MODE, fsync_folder
from trainer.store.chain import GENESIS_HASH
from trainer.store.errors import StoreError, save_failure
from trainer.store.locking import exclusive

LEDGER = "ledger.jsonl"
LEDGER_LOCK = "ledger.lock"
ANCHOR_HEX = 32  # characters of the head hash in an anchor digest (128 bits)
_TAIL_BYTES = 8192  # a line is ~300 bytes: the last one is always in the last 8 KiB


@dataclass(frozen=True)
class LedgerEntry:
    seq: int  # 1-based line number
    learner_id: str
    file_id: str | None
    position: int  # decision: its 1-based position in the chain; restored: the chain's length
    record_hash: str  # decision: its record_hash; restored: the chain's head (or "")
    hash: str
    kind: str = "decision"  # or "restored"
    source: str = ""  # restored: where the record came from
    at: str = ""  # restored: when


@dataclass(frozen=True)
class LedgerRead:
    entries: tuple[LedgerEntry, ...]
    problems: tuple[str, ...]  # lines that are not as written (edited, removed, reordered)
    torn_tail: bool  # the last line was cut short by a crash while it was written

    @property
    def head(self) -> str:
        return self.entries[-1].hash if self.entries else GENESIS_HASH

    def anchor(self) -> str:
        """`<lines>-<first 32 hex of the head hash>`: short enough to paste into an e-mail."""
        return f"{len(self.entries)}-{self.head[:ANCHOR_HEX]}"


def line_hash(document: dict[str, Any]) -> str:
    content = {key: value for key, value in document.items() if key != "hash"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_decision(
    root: Path, learner_id: str, file_id: str | None, position: int, record_hash: str
) -> None:
    """Add one decision to the ledger, durably (caller holds the learner's lock)."""
    _append(
        root,
        {
            "learner_id": learner_id,
            "file_id": file_id,
            "position": position,
            "record_hash": record_hash,
        },
    )


def append_restore(
    root: Path, learner_id: str, file_id: str | None, chain: list[str], source: str
) -> None:
    """Note that the learner's file was put back with `chain` (its decisions' hashes)."""
    _append(
        root,
        {
            "kind": "restored",
            "learner_id": learner_id,
            "file_id": file_id,
            "position": len(chain),
            "record_hash": chain[-1] if chain else "",
            "source": source,
            "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def append_erasure(root: Path, learner_id: str, pseudonym: str) -> None:
    """Note that the learner was erased on request (`trainer learner erase`): their decisions
    are gone from the folder on purpose, and `verify` says so instead of "deleted"."""
    _append(
        root,
        {
            "kind": "erased",
            "learner_id": learner_id,
            "file_id": None,
            "position": 0,
            "record_hash": "",
            "source": f"erased/{pseudonym}.json",
            "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )


def _append(root: Path, fields: dict[str, Any]) -> None:
    path = root / LEDGER
    with exclusive(root / LEDGER_LOCK, "the acceptance ledger"):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, NEW_FILE_MODE)
        except OSError as error:
            raise _ledger_failure(error, path) from error
        try:
            size = os.fstat(fd).st_size
            tail = os.pread(fd, min(size, _TAIL_BYTES), max(0, size - _TAIL_BYTES))
            if tail and not tail.endswith(b"\n"):
                # A line cut short by a crash was never acknowledged: drop it, keep the rest.
                size -= len(tail) - (tail.rfind(b"\n") + 1)
                os.ftruncate(fd, size)
                tail = tail[: tail.rfind(b"\n") + 1]
            lines = tail.rstrip(b"\n").rsplit(b"\n", 1)
            last = json.loads(lines[-1]) if tail.strip() else None
            document: dict[str, Any] = {
                "seq": (int(last["seq"]) + 1) if last else 1,
                **fields,
                "prev": str(last["hash"]) if last else GENESIS_HASH,
            }
            document["hash"] = line_hash(document)
            line = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            os.write(fd, line.encode("utf-8") + b"\n")
            os.fsync(fd)
        except (OSError, ValueError, KeyError, TypeError) as error:
            if isinstance(error, OSError):
                raise _ledger_failure(error, path) from error
            raise StoreError(
                f"The acceptance ledger {path} is damaged at its end ({error}); the change "
                "was saved in the learner's file. Run `trainer verify`."
            ) from error
        finally:
            os.close(fd)
        if size == 0:
            fsync_folder(root)


def _ledger_failure(error: OSError, path: Path) -> StoreError:
    failure = save_failure(error, path)
    return type(failure)(
        f"The change was saved in the learner's file, but not in the acceptance ledger: "
        f"{failure} `trainer verify` lists decisions missing from the ledger."
    )


def read_ledger(root: Path) -> LedgerRead:
    """Every line, checked: each must hash to its `hash` and link to the line before it."""
    path = root / LEDGER
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LedgerRead((), (), False)
    except OSError as error:
        raise StoreError(f"Could not read the acceptance ledger {path} ({error}).") from error
    torn = bool(data) and not data.endswith(b"\n")
    raw_lines = data.split(b"\n")
    if torn:
        raw_lines = raw_lines[:-1]
    entries: list[LedgerEntry] = []
    problems: list[str] = []
    prev = GENESIS_HASH
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        try:
            document = json.loads(raw)
            entry = LedgerEntry(
                seq=int(document["seq"]),
                learner_id=str(document["learner_id"]),
                file_id=document.get("file_id"),
                position=int(document["position"]),
                record_hash=str(document["record_hash"]),
                hash=str(document["hash"]),
                kind=str(document.get("kind", "decision")),
                source=str(document.get("source", "")),
                at=str(document.get("at", "")),
            )
        except (ValueError, KeyError, TypeError):
            problems.append(f"line {number} of {LEDGER} is not a ledger entry")
            continue
        if line_hash(document) != entry.hash:
            problems.append(f"line {number} of {LEDGER} was edited after it was written")
        if document.get("prev") != prev or entry.seq != len(entries) + 1:
            problems.append(
                f"line {number} of {LEDGER} does not follow the line before it: lines were "
                "deleted, inserted or reordered"
            )
        prev = entry.hash
        entries.append(entry)
    return LedgerRead(tuple(entries), tuple(problems), torn)


def check_anchor(ledger: LedgerRead, anchor: str) -> str | None:
    """Why the ledger no longer holds what it held when `anchor` was taken; None if it does."""
    count_text, _, digest = anchor.strip().partition("-")
    if (
        not count_text.isdigit()
        or len(digest) < 8
        or not all(c in "0123456789abcdef" for c in digest)
    ):
        return f"{anchor!r} is not an anchor printed by `trainer verify --anchor`"
    count = int(count_text)
    if count == 0:
        return None
    if len(ledger.entries) < count:
        return (
            f"the anchor covers {count} ledger line(s) but the ledger now has "
            f"{len(ledger.entries)}: acknowledged decisions were removed"
        )
    if not ledger.entries[count - 1].hash.startswith(digest):
        return (
            f"the first {count} ledger line(s) are not the ones the anchor was taken from: "
            "the ledger was rewritten"
        )
    return None
