"""`trainer import`: merge learner records collected on another machine into this data folder.

Rules, chosen so that importing the same file twice changes nothing the second time:

- The whole file is checked first (JSON, format, record fields, and each learner's policy hash
  chain as exported). Any problem -> nothing at all is imported.
- A learner is matched by id, else by e-mail address (the identity a learner signs in with),
  else created. Merging into a learner found by e-mail rewrites `learner_id` inside the
  imported policy decisions to the local id (reported).
- Profile: the local profile wins; differences are reported. One exception: an `invited`
  local profile becomes `active` once the imported one is (the invitee started elsewhere).
- Module progress: the imported document replaces the local one only if it is further along
  (done beats not done; otherwise the later `updated_at` wins).
- Quiz attempts are identified by `attempt_id`: new ones are appended whole; an unfinished
  local attempt receives the imported answers it lacks and is finished if the imported one is;
  a finished local attempt is never changed (a different imported copy is reported).
- Policy decisions are identified by (policy, version, text SHA-256, language, decision,
  time). New ones are appended through the store, which seals them into the local hash chain.
  A decision appended after local ones necessarily gets a new `prev_hash`/`record_hash`; the
  report counts those as "re-chained". The original hashes stay verifiable in the imported
  file, which is why the coordinator should keep it (docs/coordinators.md, "Audits").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from trainer.export.learner_lines import LearnerLine
from trainer.learning.records import (
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)
from trainer.plain_text import single_line
from trainer.store import chain
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder
from trainer.store.learner import LearnerStore

ProblemKind = Literal["bad-line", "broken-chain", "duplicate-learner", "store"]
NoteKind = Literal["profile", "attempt", "matched-by-email", "email-taken"]


@dataclass(frozen=True)
class ImportProblem:
    """A reason the file was refused (checked before anything is written) or a failed save."""

    line: int
    kind: ProblemKind
    message: str

    def format(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportNote:
    """A conflict that was resolved by the rules above; worth a look, not an error."""

    line: int
    learner_id: str
    kind: NoteKind
    message: str

    def format(self) -> str:
        return f"line {self.line} ({self.learner_id}): {self.message}"


@dataclass
class ImportReport:
    lines: int = 0
    learners_created: int = 0
    learners_changed: int = 0
    modules_saved: int = 0
    attempts_added: int = 0
    attempts_completed: int = 0
    answers_added: int = 0
    decisions_added: int = 0
    decisions_rechained: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.learners_created
            or self.modules_saved
            or self.attempts_added
            or self.attempts_completed
            or self.answers_added
            or self.decisions_added
            or self.learners_changed
        )

    def summary(self) -> str:
        return (
            f"{self.lines} learner line(s): {self.learners_created} learner(s) created, "
            f"{self.modules_saved} module progress record(s) saved, {self.attempts_added} "
            f"attempt(s) added, {self.attempts_completed} completed, {self.answers_added} "
            f"answer(s) added, {self.decisions_added} policy decision(s) added "
            f"({self.decisions_rechained} re-chained after local decisions)."
        )


def _numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def parse_line(number: int, text: str) -> LearnerLine | ImportProblem:
    try:
        data = json.loads(text)
    except ValueError as error:
        return ImportProblem(number, "bad-line", f"not valid JSON ({error})")
    try:
        return LearnerLine.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "line"
        return ImportProblem(
            number, "bad-line", f"not an exported learner ({where}: {first['msg']})"
        )


def check_lines(lines: Iterable[str]) -> tuple[int, list[ImportProblem]]:
    """First pass: every line parses and every exported hash chain is intact."""
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}
    count = 0
    for number, text in _numbered_lines(lines):
        count += 1
        parsed = parse_line(number, text)
        if isinstance(parsed, ImportProblem):
            problems.append(parsed)
            continue
        learner_id = parsed.record.profile.learner_id
        if learner_id in seen:
            problems.append(
                ImportProblem(
                    number,
                    "duplicate-learner",
                    f"learner {learner_id} already appears on line {seen[learner_id]}",
                )
            )
        seen[learner_id] = number
        documents = [d.model_dump(mode="json") for d in parsed.record.policy_decisions]
        for found in chain.check_chain(
            documents, expected_length=None, expected_head=None, genesis=None
        ):
            problems.append(
                ImportProblem(
                    number,
                    "broken-chain",
                    f"learner {learner_id}: policy evidence in the file was altered: "
                    f"{found.message}",
                )
            )
    return count, problems


def import_file(folder: DataFolder, path: Path) -> ImportReport:
    """Check the whole file, then merge it; a file with any problem changes nothing."""
    report = ImportReport()
    try:
        with path.open(encoding="utf-8-sig") as lines:
            report.lines, report.problems = check_lines(lines)
        if report.problems:
            return report
        with path.open(encoding="utf-8-sig") as lines:
            for number, text in _numbered_lines(lines):
                parsed = parse_line(number, text)
                assert isinstance(parsed, LearnerLine)  # checked above
                try:
                    _merge_learner(folder, number, parsed.record, report)
                except StoreError as error:
                    report.problems.append(ImportProblem(number, "store", str(error)))
                    return report
    except UnicodeDecodeError as error:
        report.problems.append(ImportProblem(0, "bad-line", f"the file is not UTF-8 ({error})"))
    return report


def _merge_learner(
    folder: DataFolder, number: int, incoming: LearnerRecord, report: ImportReport
) -> None:
    imported_id = incoming.profile.learner_id
    store: LearnerStore | None = None
    if folder.learner_path(imported_id).exists():
        store = folder.learner(imported_id)
    else:
        owner = folder.find_learner_by_email(incoming.profile.email)
        if owner is not None:
            store = folder.learner(owner)
            report.notes.append(
                ImportNote(
                    number,
                    imported_id,
                    "matched-by-email",
                    f"merged into local learner {owner} (same e-mail address)",
                )
            )
    if store is None:
        store = folder.create_learner(incoming.profile)
        report.learners_created += 1
    local = store.read()
    _merge_profile(store, number, local, incoming, report)
    for progress in incoming.modules.values():
        if _further(progress, local.modules.get(progress.module_id)):
            store.save_module_progress(progress)
            report.modules_saved += 1
    local_attempts = {a.attempt_id: a for a in local.attempts}
    for attempt in incoming.attempts:
        _merge_attempt(store, number, local_attempts.get(attempt.attempt_id), attempt, report)
    known = {_decision_key(d) for d in local.policy_decisions}
    appended_after_local = bool(local.policy_decisions)
    for decision in incoming.policy_decisions:
        if _decision_key(decision) in known:
            continue
        fresh = decision.model_copy(
            update={"learner_id": store.learner_id, "prev_hash": None, "record_hash": None}
        )
        sealed = store.record_policy_decision(fresh)
        known.add(_decision_key(sealed))
        report.decisions_added += 1
        if appended_after_local or sealed.record_hash != decision.record_hash:
            report.decisions_rechained += 1


def _merge_profile(
    store: LearnerStore,
    number: int,
    local: LearnerRecord,
    incoming: LearnerRecord,
    report: ImportReport,
) -> None:
    mine, theirs = local.profile, incoming.profile
    differences = [
        f"{name} {single_line(str(getattr(mine, name)))!r} here, "
        f"{single_line(str(getattr(theirs, name)))!r} in the file"
        for name in ("name", "email", "team")
        if getattr(mine, name) != getattr(theirs, name)
    ]
    if differences:
        report.notes.append(
            ImportNote(
                number,
                theirs.learner_id,
                "profile",
                "profile kept as it is here: " + "; ".join(differences),
            )
        )
    if mine.status == "invited" and theirs.status == "active":
        store.update_profile(
            mine.model_copy(
                update={"status": "active", "language": mine.language or theirs.language}
            )
        )
        report.learners_changed += 1


def _further(incoming: ModuleProgress, local: ModuleProgress | None) -> bool:
    if local is None:
        return True
    if incoming.done != local.done:
        return incoming.done
    return incoming.updated_at > local.updated_at


def _merge_attempt(
    store: LearnerStore,
    number: int,
    local: QuizAttempt | None,
    incoming: QuizAttempt,
    report: ImportReport,
) -> None:
    if local is None:
        store.start_attempt(incoming)
        report.attempts_added += 1
        return
    if local.finished:
        if local != incoming:
            report.notes.append(
                ImportNote(
                    number,
                    store.learner_id,
                    "attempt",
                    f"attempt {local.attempt_id} ({local.quiz_id} #{local.number}) differs from "
                    "the file; the finished attempt here was kept",
                )
            )
        return
    have = {(a.question_id, a.answered_at) for a in local.answers}
    for answer in incoming.answers:
        if (answer.question_id, answer.answered_at) not in have:
            store.record_answer(local.attempt_id, answer)
            report.answers_added += 1
    if incoming.finished_at is not None:
        store.finish_attempt(
            local.attempt_id,
            finished_at=incoming.finished_at,
            score=incoming.score if incoming.score is not None else 0.0,
            max_score=incoming.max_score if incoming.max_score is not None else 0,
            passed=bool(incoming.passed),
        )
        report.attempts_completed += 1


def _decision_key(decision: PolicyDecision) -> tuple[str, str, str, str, str, str]:
    return (
        decision.policy_id,
        decision.version,
        decision.sha256,
        decision.language,
        decision.decision,
        decision.decided_at.isoformat(),
    )
