"""`trainer verify`: does every learner file read, and is every policy decision as it was saved?

Verification only reads (no locks, no repairs), so it is safe while learners use the app and on
a copy handed to an auditor. Anything that looks altered is a `Finding` (the command exits 1):
an edited, deleted or reordered decision, decisions copied from another learner's file, a file
holding another learner's record, a decision acknowledged in the acceptance ledger that is no
longer in its file, a ledger that is not what an anchor says it was. Things worth knowing that
are not tampering (an unfinished save, a missing policy snapshot, decisions saved before the
folder had a ledger) are `notes`. What this proves and what it cannot: docs/operations.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.store import chain
from trainer.store.atomic import is_temporary_name
from trainer.store.errors import CorruptFileError, StoreError
from trainer.store.folder import (
    CORRUPT_MARK,
    LEARNER_ID,
    LEARNERS,
    POLICIES,
    SHA256_HEX,
    DataFolder,
)
from trainer.store.learner_file import build_record, parse_tables, read_bytes
from trainer.store.ledger import LEDGER, LedgerEntry, LedgerRead, check_anchor, read_ledger
from trainer.store.schema import POLICY, Tables, meta_document, ordered

FindingKind = Literal[
    "unreadable",
    "edited",
    "deleted",
    "reordered",
    "snapshot",
    "swapped",
    "copied",
    "ledger",
    "anchor",
    "set_aside",
]


@dataclass(frozen=True)
class Finding:
    """One thing that is not as the app saved it."""

    path: Path
    learner_id: str | None
    kind: FindingKind
    message: str


@dataclass(frozen=True)
class VerifyReport:
    root: Path
    learners_checked: int
    decisions_checked: int
    snapshots_checked: int
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]
    anchor: str  # the ledger's head now, for `trainer verify --anchor`

    @property
    def altered(self) -> bool:
        return bool(self.findings)

    def summary(self) -> str:
        aside = sum(1 for f in self.findings if f.kind == "set_aside")
        verdict = (
            f"{len(self.findings)} problem(s) found"
            if self.altered
            else "everything is as it was saved"
        )
        if aside:
            verdict += f", {aside} learner(s) set aside and not restored (`trainer restore`)"
        return (
            f"Checked {self.learners_checked} learner file(s), {self.decisions_checked} policy "
            f"decision(s) and {self.snapshots_checked} policy text(s) in {self.root}: {verdict}."
        )


def verify_data_folder(root: Path, anchor: str | None = None) -> VerifyReport:
    """Check every learner file, every hash chain and the ledger under `root` (read-only).

    `anchor` is a digest printed by an earlier `verify --anchor`: the ledger must still hold
    every line it covered.
    """
    learners_dir = root / LEARNERS
    if not learners_dir.is_dir():
        raise StoreError(f"{root} is not a trainer data folder (it has no '{LEARNERS}' folder).")
    findings: list[Finding] = []
    notes: list[str] = []
    decisions = 0
    shown_texts: set[str] = set()
    learners = 0
    chains: dict[str, _SavedChain] = {}
    named: set[str] = set()  # learners with a finding already (or a file that does not read)
    for path in sorted(learners_dir.iterdir()):
        name = path.name
        if CORRUPT_MARK in name:
            notes.append(
                f"{name} is a damaged file moved aside by an earlier start-up (see Recovery)."
            )
            continue
        if is_temporary_name(name):
            notes.append(f"{name} is an unfinished save; the next start-up removes it.")
            continue
        learner_id = name.removesuffix(".json")
        if not name.endswith(".json") or not LEARNER_ID.fullmatch(learner_id):
            continue
        learners += 1
        named.add(learner_id)
        try:
            tables = parse_tables(read_bytes(path, learner_id), path)
            record = build_record(tables, path)
        except CorruptFileError as error:
            findings.append(Finding(path, learner_id, "unreadable", str(error)))
            continue
        except StoreError as error:
            notes.append(str(error))
            continue
        meta = meta_document(tables)
        owners = {record.profile.learner_id, meta.get("learner_id", learner_id)} - {learner_id}
        if owners:
            findings.append(
                Finding(
                    path,
                    learner_id,
                    "swapped",
                    f"{name} holds the record of {sorted(map(str, owners))[0]!r}: it was "
                    "renamed, copied or swapped with another learner's file",
                )
            )
            continue  # the rest of the file is someone else's: its details would only repeat it
        named.discard(learner_id)
        before = len(findings)
        documents = ordered(tables[POLICY])
        for position, document in enumerate(documents, start=1):
            if document.get("learner_id") != learner_id:
                findings.append(
                    Finding(
                        path,
                        learner_id,
                        "copied",
                        f"learner {learner_id!r}: record {chain.describe(position, document)} "
                        f"was made by {document.get('learner_id')!r} and copied into this file",
                    )
                )
        broken = chain_findings(path, learner_id, tables)
        findings.extend(broken)
        if broken or len(findings) > before:
            named.add(learner_id)  # already reported: the ledger would only repeat it
        file_id = meta.get("file_id") if isinstance(meta.get("file_id"), str) else None
        chains[learner_id] = _SavedChain(
            path, file_id, [str(d.get("record_hash")) for d in documents]
        )
        decisions += len(record.policy_decisions)
        shown_texts.update(d.sha256 for d in record.policy_decisions)
    ledger = read_ledger(root)
    aside = DataFolder(root).set_aside()
    for learner_id, refusal in sorted(aside.items()):
        if learner_id not in chains and learner_id not in named:
            path = root / LEARNERS / f"{learner_id}.json"
            findings.append(Finding(path, learner_id, "set_aside", str(refusal)))
    findings.extend(_ledger_findings(root, ledger, chains, named, set(aside), notes))
    if anchor is not None:
        problem = check_anchor(ledger, anchor)
        if problem is not None:
            findings.append(Finding(root / LEDGER, None, "anchor", problem))
    snapshots, snapshot_findings, stored = _check_snapshots(root / POLICIES)
    findings.extend(snapshot_findings)
    for sha in sorted(shown_texts - stored):
        notes.append(f"No snapshot of the policy text {sha} is kept in '{POLICIES}'.")
    return VerifyReport(
        root, learners, decisions, snapshots, tuple(findings), tuple(notes), ledger.anchor()
    )


@dataclass(frozen=True)
class _SavedChain:
    path: Path
    file_id: str | None
    hashes: list[str]


def _ledger_findings(
    root: Path,
    ledger: LedgerRead,
    chains: dict[str, _SavedChain],
    named: set[str],
    set_aside: set[str],
    notes: list[str],
) -> list[Finding]:
    """Every decision the ledger acknowledged must still be in its learner's file.

    Learners in `named` already have a finding (or their file does not read): not repeated.
    """
    path = root / LEDGER
    findings = [Finding(path, None, "ledger", problem) for problem in ledger.problems]
    if ledger.torn_tail:
        notes.append(f"The last line of {LEDGER} was cut short by a crash; the next save drops it.")
    ledgered: dict[str, set[str]] = {}
    # learner -> chain position -> the ledger line that acknowledged the decision there
    expected: dict[str, dict[int, LedgerEntry]] = {}
    for entry in ledger.entries:
        positions = expected.setdefault(entry.learner_id, {})
        if entry.kind == "erased":
            if positions:
                notes.append(
                    f"{len(positions)} decision(s) (ledger lines up to {entry.seq}) left the "
                    f"folder with an erasure on request on {entry.at[:10]}; their pseudonymised "
                    f"evidence is in {entry.source}."
                )
            positions.clear()
            continue
        if entry.kind == "restored":
            for position in sorted(p for p in positions if p > entry.position):
                lost = positions.pop(position)
                notes.append(
                    f"learner {entry.learner_id!r}: decision #{position} (ledger line "
                    f"{lost.seq}) was lost when their file was restored from "
                    f"{entry.source or 'a copy'} on {entry.at[:10]} (ledger line {entry.seq})."
                )
            continue
        ledgered.setdefault(entry.learner_id, set()).add(entry.record_hash)
        positions[entry.position] = entry
    missing_files: dict[str, int] = {}
    for learner_id, positions in sorted(expected.items()):
        if learner_id in named or not positions:
            continue
        saved = chains.get(learner_id)
        if saved is None:
            missing_files[learner_id] = len(positions)
            continue
        for position, entry in sorted(positions.items()):
            if entry.file_id is not None and saved.file_id != entry.file_id:
                findings.append(
                    Finding(
                        saved.path,
                        learner_id,
                        "swapped",
                        f"learner {learner_id!r}: this is not the file their decisions were "
                        f"saved in (ledger line {entry.seq}): it was replaced by another file",
                    )
                )
                break
            hashes = saved.hashes
            if position > len(hashes) or hashes[position - 1] != entry.record_hash:
                where = "removed" if entry.record_hash not in hashes else "moved"
                findings.append(
                    Finding(
                        saved.path,
                        learner_id,
                        "deleted",
                        f"learner {learner_id!r}: decision #{position}, acknowledged in "
                        f"the ledger (line {entry.seq}), was {where} from their file",
                    )
                )
    for learner_id, count in sorted(missing_files.items()):
        if learner_id in set_aside:
            continue  # named as set aside already
        findings.append(
            Finding(
                root / LEARNERS / f"{learner_id}.json",
                learner_id,
                "deleted",
                f"learner {learner_id!r}: their file is missing, with {count} decision(s) "
                "acknowledged in the ledger",
            )
        )
    unledgered = sum(
        1
        for learner_id, saved in chains.items()
        for record_hash in saved.hashes
        if record_hash not in ledgered.get(learner_id, ())
    )
    if unledgered:
        notes.append(
            f"{unledgered} decision(s) are not in the acceptance ledger: saved before this "
            "folder had one, or a save was cut off between the learner's file and the ledger. "
            "Their own hash chains were checked."
        )
    return findings


def chain_findings(path: Path, learner_id: str, tables: Tables) -> list[Finding]:
    meta = meta_document(tables)
    length = meta.get("policy_chain_length")
    head = meta.get("policy_chain_head")
    file_id = meta.get("file_id")
    breaks = chain.check_chain(
        ordered(tables[POLICY]),
        expected_length=length if isinstance(length, int) else None,
        expected_head=head if isinstance(head, str) else None,
        genesis=chain.genesis_hash(learner_id, file_id if isinstance(file_id, str) else None),
    )
    return [
        Finding(path, learner_id, b.kind, f"learner {learner_id!r}: {b.message}") for b in breaks
    ]


def _check_snapshots(folder: Path) -> tuple[int, list[Finding], set[str]]:
    findings: list[Finding] = []
    stored: set[str] = set()
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    except FileNotFoundError:
        return 0, [], stored
    for path in paths:
        sha = path.stem
        if not SHA256_HEX.fullmatch(sha):
            continue
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            findings.append(Finding(path, None, "unreadable", f"{path.name}: {error}"))
            continue
        if actual != sha:
            findings.append(
                Finding(
                    path,
                    None,
                    "snapshot",
                    f"the policy text {path.name} was changed after learners were shown it",
                )
            )
        stored.add(sha)
    return len(paths), findings, stored
