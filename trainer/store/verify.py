"""`trainer verify`: does every learner file read, and is every policy decision as it was saved?

Verification only reads (no locks, no repairs), so it is safe while learners use the app and on
a copy handed to an auditor. Anything that looks altered is a `Finding` (the command exits 1);
things worth knowing that are not tampering (files moved aside by an earlier recovery, a missing
policy snapshot) are `notes`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.store import chain
from trainer.store.atomic import is_temporary_name
from trainer.store.errors import CorruptFileError, StoreError
from trainer.store.folder import CORRUPT_MARK, LEARNER_ID, LEARNERS, POLICIES, SHA256_HEX
from trainer.store.learner_file import build_record, parse_tables, read_bytes
from trainer.store.schema import POLICY, Tables, meta_document, ordered

FindingKind = Literal["unreadable", "edited", "deleted", "reordered", "snapshot"]


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

    @property
    def altered(self) -> bool:
        return bool(self.findings)

    def summary(self) -> str:
        verdict = (
            f"{len(self.findings)} problem(s) found"
            if self.altered
            else "everything is as it was saved"
        )
        return (
            f"Checked {self.learners_checked} learner file(s), {self.decisions_checked} policy "
            f"decision(s) and {self.snapshots_checked} policy text(s) in {self.root}: {verdict}."
        )


def verify_data_folder(root: Path) -> VerifyReport:
    """Check every learner file and every hash chain under `root` (read-only)."""
    learners_dir = root / LEARNERS
    if not learners_dir.is_dir():
        raise StoreError(f"{root} is not a trainer data folder (it has no '{LEARNERS}' folder).")
    findings: list[Finding] = []
    notes: list[str] = []
    decisions = 0
    shown_texts: set[str] = set()
    learners = 0
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
        try:
            tables = parse_tables(read_bytes(path, learner_id), path)
            record = build_record(tables, path)
        except CorruptFileError as error:
            findings.append(Finding(path, learner_id, "unreadable", str(error)))
            continue
        except StoreError as error:
            notes.append(str(error))
            continue
        if record.profile.learner_id != learner_id:
            findings.append(
                Finding(
                    path,
                    learner_id,
                    "edited",
                    f"{name} holds the profile of {record.profile.learner_id!r}",
                )
            )
        findings.extend(chain_findings(path, learner_id, tables))
        decisions += len(record.policy_decisions)
        shown_texts.update(d.sha256 for d in record.policy_decisions)
    snapshots, snapshot_findings, stored = _check_snapshots(root / POLICIES)
    findings.extend(snapshot_findings)
    for sha in sorted(shown_texts - stored):
        notes.append(f"No snapshot of the policy text {sha} is kept in '{POLICIES}'.")
    return VerifyReport(root, learners, decisions, snapshots, tuple(findings), tuple(notes))


def chain_findings(path: Path, learner_id: str, tables: Tables) -> list[Finding]:
    meta = meta_document(tables)
    length = meta.get("policy_chain_length")
    head = meta.get("policy_chain_head")
    breaks = chain.check_chain(
        ordered(tables[POLICY]),
        expected_length=length if isinstance(length, int) else None,
        expected_head=head if isinstance(head, str) else None,
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
