"""The hash chain that makes policy decisions tamper-evident.

Each stored decision carries `prev_hash` (the `record_hash` of the decision before it; for the
first, the chain's genesis: the SHA-256 of `ambassador-trainer policy chain|<learner id>|<file
id>`, or 64 zeros in files made before files had an id) and `record_hash`: the SHA-256 of the
decision's canonical JSON without the `record_hash` key (keys sorted, no spaces, UTF-8,
non-ASCII kept as is). Hashes are computed over the stored JSON document, not over a
re-serialised model, so an auditor can recompute them with a few lines of any language (see
docs/operations.md) and a new optional field in a later version never invalidates old records.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

GENESIS_HASH = "0" * 64  # the genesis of chains in files made before files had an id


def genesis_hash(learner_id: str, file_id: str | None) -> str:
    """What the first decision of a learner file links to: binds the chain to that learner and
    that very file, so decisions copied from another learner's (or another) file do not fit."""
    if file_id is None:
        return GENESIS_HASH
    seed = f"ambassador-trainer policy chain|{learner_id}|{file_id}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


FindingKind = Literal["edited", "deleted", "reordered"]


def canonical_bytes(document: dict[str, Any]) -> bytes:
    content = {key: value for key, value in document.items() if key != "record_hash"}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def record_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def seal(document: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    """Return `document` linked after `prev_hash` and carrying its own `record_hash`."""
    sealed = {**document, "prev_hash": prev_hash}
    sealed.pop("record_hash", None)
    sealed["record_hash"] = record_hash(sealed)
    return sealed


@dataclass(frozen=True)
class ChainBreak:
    kind: FindingKind
    position: int  # 1-based position in the stored order (0 when it concerns the chain's end)
    message: str


def describe(position: int, document: dict[str, Any]) -> str:
    """`#2 (accepted social-media v1.2, en, 2026-11-28T14:46:40Z)`: how a person finds it."""
    return (
        f"#{position} ({document.get('decision', '?')} {document.get('policy_id', '?')} "
        f"v{document.get('version', '?')}, {document.get('language', '?')}, "
        f"{document.get('decided_at', '?')})"
    )


def check_chain(
    documents: list[dict[str, Any]],
    *,
    expected_length: int | None,
    expected_head: str | None,
    genesis: str | None = GENESIS_HASH,
) -> list[ChainBreak]:
    """Name every edited, deleted or reordered record in one learner's chain.

    `expected_length` and `expected_head` come from the file's meta table and reveal records
    removed from the end, which the links alone cannot show. `genesis` is what the first record
    must link to (`genesis_hash`); `None` accepts any (an export does not carry the file id).
    """
    breaks: list[ChainBreak] = []
    stored_hashes = [doc.get("record_hash") for doc in documents]
    position_of = {h: i for i, h in enumerate(stored_hashes) if isinstance(h, str)}
    gap_found = False
    for i, doc in enumerate(documents):
        here = describe(i + 1, doc)
        if doc.get("record_hash") != record_hash(doc):
            breaks.append(
                ChainBreak("edited", i + 1, f"record {here} was edited after it was saved")
            )
        expected_prev = stored_hashes[i - 1] if i else genesis
        prev = doc.get("prev_hash")
        if prev == expected_prev or (i == 0 and genesis is None):
            continue
        if i == 0:
            breaks.append(
                ChainBreak(
                    "deleted",
                    1,
                    f"record {here} does not start this file's chain: records before it were "
                    "deleted, or it was copied from another file",
                )
            )
            gap_found = True
            continue
        if prev in (genesis, GENESIS_HASH):
            breaks.append(
                ChainBreak(
                    "reordered", i + 1, f"record {here} was the first record but is now #{i + 1}"
                )
            )
        elif prev in position_of:
            j = position_of[prev]
            breaks.append(
                ChainBreak(
                    "reordered",
                    i + 1,
                    f"record {here} is out of order: it was saved right after "
                    f"{describe(j + 1, documents[j])}",
                )
            )
        else:
            gap_found = True
            after = f"after {describe(i, documents[i - 1])} and " if i else ""
            breaks.append(
                ChainBreak(
                    "deleted",
                    i + 1,
                    f"a record was deleted (or rewritten) {after}before {here}",
                )
            )
    if expected_length is not None and not gap_found:
        missing = expected_length - len(documents)
        if missing > 0:
            last = describe(len(documents), documents[-1]) if documents else "the start"
            breaks.append(
                ChainBreak(
                    "deleted",
                    0,
                    f"{missing} record(s) were deleted from the end (after {last}); "
                    f"{expected_length} were saved",
                )
            )
        elif expected_head is not None and expected_head not in position_of:
            breaks.append(
                ChainBreak("deleted", 0, "the last saved record is missing or was rewritten")
            )
    return breaks
