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
