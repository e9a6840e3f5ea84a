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
    `posts`, `posted` and the templates count the studio's own posts (from the hub); an
    exercise's draft is counted once, as an answer (`exercises`), though it is also reviewed.
    The review counts cover both, and `review_by_source` splits them:
    {source ("hub", "exercise"): {count name: value}}.
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
    review_by_source: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def exercise_pass_rate(self) -> float | None:
        return self.exercises_passed / self.exercises if self.exercises else None

    @property
    def present(self) -> bool:
        return self.posts > 0 or self.submitted > 0 or self.exercises > 0


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
        team = record.profile.team or "—"
        writing = False
        for post in record.posts:
            if post.submitted_at is not None:
                review = figures.review_by_source.setdefault(
                    post.source, dict.fromkeys(REVIEW_COUNTS, 0)
                )
                verdict = post.verdict
                approved = verdict is not None and verdict.decision == "approved"
                changes = verdict is not None and verdict.decision == "changes_requested"
                for name, value in (
                    ("submitted", True),
                    ("approved", approved),
                    ("changes_requested", changes),
                    ("awaiting_review", post.awaiting_review),
                ):
                    setattr(figures, name, getattr(figures, name) + value)
                    review[name] += value
            if post.source == "exercise":
                continue  # its draft and findings are the answer's, counted above
            writing = True
            figures.posts += 1
            figures.posted += post.posted_at is not None
            if post.template_id is not None:
                by_team.setdefault(team, Counter())[post.template_id] += 1
            rules.update(f.code for f in post.findings if f.level in ("error", "warning"))
        figures.ambassadors_writing += writing
    figures.templates_by_team = {
        team: dict(counts.most_common()) for team, counts in sorted(by_team.items())
    }
    figures.findings = rules.most_common()
    figures.review_by_source = dict(sorted(figures.review_by_source.items()))
    return figures


FIGURE_FIELDS = ("figure", "source", "team", "key", "value")
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
REVIEW_COUNTS = ("submitted", "approved", "changes_requested", "awaiting_review")
"""The review counts, also given per source (hub template or writing exercise)."""


def figure_rows(figures: StudioFigures) -> list[dict[str, object]]:
    """The figures as flat rows (`figure`, `source`, `team`, `key`, `value`) for CSV and JSONL.

    `figure` is one of: the counts (`posts`, `posted`, ...), `exercise_pass_rate`,
    `template_uses` (per team and template id) and `finding` (per rule code). The review
    counts come once for all sources (`source` empty) and once per source (`hub`, `exercise`).
    """
    rows: list[dict[str, object]] = []

    def row(figure: str, value: object, source: str = "", team: str = "", key: str = "") -> None:
        rows.append({"figure": figure, "source": source, "team": team, "key": key, "value": value})

    for name in COUNTS:
        row(name, getattr(figures, name))
        if name in REVIEW_COUNTS:
            for source, counts in figures.review_by_source.items():
                row(name, counts[name], source=source)
    rate = figures.exercise_pass_rate
    row("exercise_pass_rate", "" if rate is None else round(rate, 4))
    for team, uses in figures.templates_by_team.items():
        for template_id, count in uses.items():
            row("template_uses", count, team=team, key=template_id)
    for code, count in figures.findings:
        row("finding", count, key=code)
    return rows
