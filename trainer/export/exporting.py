"""The three export formats over a `LearnerSource`, written to any text stream.

Callable from the CLI and from a dashboard alike: each function streams one learner at a time
(memory holds one learner's record, whatever the number of learners) and returns counts.
The stream must be opened with `newline=""` for CSV (the writer emits CRLF itself).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal, TextIO

from trainer.content.models import Course
from trainer.export.csv_table import CsvTable
from trainer.export.learner_lines import learner_line
from trainer.export.selection import LearnerSource
from trainer.export.vocabulary import OutputLanguage
from trainer.export.xapi import DEFAULT_BASE_IRI, XapiStatements
from trainer.store.errors import StoreError

ExportFormat = Literal["csv", "jsonl", "xapi"]


@dataclass
class ExportOutcome:
    learners: int = 0  # learners written
    lines: int = 0  # CSV rows (without header), JSONL lines or xAPI statements
    unreadable: list[StoreError] = field(default_factory=list)  # skipped (skip_unreadable)


def export_csv(
    source: LearnerSource,
    course: Course,
    out: TextIO,
    *,
    delimiter: str = ",",
    language: OutputLanguage = "en",
) -> ExportOutcome:
    table = CsvTable(out, delimiter=delimiter, language=language)
    outcome = ExportOutcome()
    if source.course is None:
        source.course = course
    for record, summary in source.summarised():
        facts = source.facts(record, summary)
        table.write_learner(summary, due=facts.due, overdue=facts.overdue)
        outcome.learners += 1
    table.start()  # header only, when the selection is empty but valid
    outcome.lines = table.rows
    outcome.unreadable = source.unreadable
    return outcome


def export_jsonl(source: LearnerSource, course: Course, out: TextIO) -> ExportOutcome:
    outcome = ExportOutcome()
    for record in source.records():
        out.write(learner_line(record, course) + "\n")
        outcome.learners += 1
        outcome.lines += 1
    outcome.unreadable = source.unreadable
    return outcome


def export_xapi(
    source: LearnerSource, course: Course, out: TextIO, *, base_iri: str = DEFAULT_BASE_IRI
) -> ExportOutcome:
    """`--since` applies to each statement's time here, so a feed can be sent incrementally."""
    builder = XapiStatements(course, base_iri)
    since = source.selection.since
    outcome = ExportOutcome()
    for record in source.records():
        outcome.learners += 1
        for statement in builder.learner_statements(record, since=since):
            out.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n")
            outcome.lines += 1
    outcome.unreadable = source.unreadable
    return outcome
