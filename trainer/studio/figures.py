"""Content-studio figures from learners' records, for reports and exports (no I/O here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from trainer.learning.records import LearnerRecord


@dataclass
class StudioFigures:
    """What the studio adds to a program report.

    `templates_by_team`: {team: {template id: posts started from it}}; `findings`: how often
    each rule was broken in the saved drafts (errors and warnings), most frequent first.
    """

    ambassadors_writing: int = 0
    posts: int = 0
    posted: int = 0
    submitted: int = 0
    approved: int = 0
    changes_requested: int = 0
    awaiting_review: int = 0
    exercises: int = 0
    exercises_passed: int = 0
    templates_by_team: dict[str, dict[str, int]] = field(default_factory=dict)
    findings: list[tuple[str, int]] = field(default_factory=list)

    @property
    def exercise_pass_rate(self) -> float | None:
        return self.exercises_passed / self.exercises if self.exercises else None

    @property
    def present(self) -> bool:
        return self.posts > 0


def studio_figures(records: Iterable[LearnerRecord]) -> StudioFigures:
    figures = StudioFigures()
    rules: Counter[str] = Counter()
    by_team: dict[str, Counter[str]] = {}
    for record in records:
        for attempt in record.attempts:  # writing exercises answered in quizzes
            for answer in attempt.answers:
                if answer.findings is not None:
                    figures.exercises += 1
                    figures.exercises_passed += answer.correct
                    rules.update(f.code for f in answer.findings if f.level in ("error", "warning"))
        if not record.posts:
            continue
        figures.ambassadors_writing += 1
        team = record.profile.team or "—"
        for post in record.posts:
            figures.posts += 1
            figures.posted += post.posted_at is not None
            figures.submitted += post.submitted_at is not None
            figures.awaiting_review += post.awaiting_review
            verdict = post.verdict
            if verdict is not None:
                figures.approved += verdict.decision == "approved"
                figures.changes_requested += verdict.decision == "changes_requested"
            if post.source == "exercise":
                figures.exercises += 1
                figures.exercises_passed += post.errors == 0
            if post.template_id is not None:
                by_team.setdefault(team, Counter())[post.template_id] += 1
            rules.update(f.code for f in post.findings if f.level in ("error", "warning"))
    figures.templates_by_team = {
        team: dict(counts.most_common()) for team, counts in sorted(by_team.items())
    }
    figures.findings = rules.most_common()
    return figures


FIGURE_FIELDS = ("figure", "team", "key", "value")
COUNTS = (
    "ambassadors_writing",
    "posts",
    "posted",
    "submitted",
    "approved",
    "changes_requested",
    "awaiting_review",
    "exercises",
    "exercises_passed",
)
"""The figures that are plain counts: added up across learners, one row each in exports."""


def figure_rows(figures: StudioFigures) -> list[dict[str, object]]:
    """The figures as flat rows (`figure`, `team`, `key`, `value`) for CSV and JSONL.

    `figure` is one of: the counts (`posts`, `posted`, ...), `exercise_pass_rate`,
    `template_uses` (per team and template id) and `finding` (per rule code).
    """
    rows: list[dict[str, object]] = []
    for name in COUNTS:
        rows.append({"figure": name, "team": "", "key": "", "value": getattr(figures, name)})
    rate = figures.exercise_pass_rate
    rows.append(
        {
            "figure": "exercise_pass_rate",
            "team": "",
            "key": "",
            "value": "" if rate is None else round(rate, 4),
        }
    )
    for team, uses in figures.templates_by_team.items():
        for template_id, count in uses.items():
            rows.append(
                {"figure": "template_uses", "team": team, "key": template_id, "value": count}
            )
    for code, count in figures.findings:
        rows.append({"figure": "finding", "team": "", "key": code, "value": count})
    return rows
