"""The JSONL format: one self-contained JSON object per learner, for archives and for merging.

Each line carries the learner's whole record exactly as the store holds it (every attempt with
every answer, every policy decision with its hash-chain fields), plus the summary the CSV
shows, so a line is useful to a reader without this program and can be merged back into a
data folder with `trainer import` (see `trainer.export.merge`).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from trainer.content.models import Course
from trainer.export.csv_table import iso_time
from trainer.export.learner_summary import LearnerSummary, summarise_learner
from trainer.learning.records import LearnerRecord

LINE_FORMAT = "ambassador-trainer/learner"
LINE_FORMAT_VERSION = 1


class LearnerLine(BaseModel):
    """What `trainer import` accepts: unknown keys are refused rather than dropped."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["ambassador-trainer/learner"]
    format_version: Literal[1]
    record: LearnerRecord
    summary: dict[str, Any] = {}


def summary_document(summary: LearnerSummary) -> dict[str, Any]:
    return {
        "status": summary.status,
        "complete": summary.complete,
        "modules_done": summary.modules_done,
        "last_activity": iso_time(summary.last_activity),
        "modules": [
            {
                "module_id": m.module_id,
                "title": m.title,
                "state": m.state,
                "started_at": iso_time(m.started_at) or None,
                "completed_at": iso_time(m.completed_at) or None,
                "seconds_spent": m.seconds_spent,
                "quiz": None
                if m.quiz is None
                else {
                    "quiz_id": m.quiz.quiz_id,
                    "score": m.quiz.score,
                    "attempts": m.quiz.attempts,
                    "passed": m.quiz.passed,
                    "passed_at": iso_time(m.quiz.passed_at) or None,
                },
            }
            for m in summary.modules
        ],
        "policy": {
            "accepted_version": summary.policy.accepted_version,
            "accepted_at": iso_time(summary.policy.accepted_at) or None,
            "accepted_sha256": summary.policy.accepted_sha256,
            "current": summary.policy.current,
            "declined": summary.policy.declined,
        },
    }


def learner_line(record: LearnerRecord, course: Course) -> str:
    """One line of JSON (no trailing newline); non-ASCII kept as UTF-8 so names stay readable."""
    document = {
        "format": LINE_FORMAT,
        "format_version": LINE_FORMAT_VERSION,
        "record": record.model_dump(mode="json"),
        "summary": summary_document(summarise_learner(record, course)),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
