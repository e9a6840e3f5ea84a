"""`trainer report`: the coordinator's overview, aggregated while learners stream by.

Everything is counted from the same `LearnerSummary` the CSV uses, so the report and the
spreadsheet agree. Memory holds counters per module, team, quiz and question, never a list
of learners.

Funnel stages (each learner counts in every stage they reached, so the numbers only shrink):
invited (every learner in the data folder, whether they registered or were invited), signed
in (has used the app: more than an invitation), started (opened a module or a quiz), modules
done (every module the completion rule names), quizzes passed (every quiz the rule names),
policy accepted on the current version, complete.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trainer.content.models import Course
from trainer.export.collation import sort_key, team_key
from trainer.export.learner_summary import LearnerSummary, summarise_learner
from trainer.export.question_statistics import QuestionStatistics, QuestionStatisticsBuilder
from trainer.learning.completion import (
    quizzes_in_course_order,
    required_module_ids,
    required_quiz_ids,
)
from trainer.learning.records import LearnerRecord
from trainer.studio.figures import COUNTS, StudioFigures, studio_figures

if TYPE_CHECKING:
    from trainer.export.selection import LearnerSource

SCORE_BUCKETS = 10  # 0-9 %, 10-19 %, ..., 90-100 %


@dataclass
class Funnel:
    invited: int = 0
    signed_in: int = 0
    started: int = 0
    modules_done: int = 0
    quizzes_passed: int = 0
    policy_accepted: int = 0
    complete: int = 0
    overdue: int = 0  # past their due date, not complete (not a stage: shown beside the funnel)
    with_due_date: int = 0  # learners a due date applies to (0: nobody can be overdue)

    def stages(self) -> list[tuple[str, int]]:
        return [
            ("invited", self.invited),
            ("signed in", self.signed_in),
            ("started", self.started),
            ("modules done", self.modules_done),
            ("quizzes passed", self.quizzes_passed),
            ("policy accepted (current version)", self.policy_accepted),
            ("complete", self.complete),
        ]


@dataclass
class ModuleCompletion:
    module_id: str
    title: str
    quiz_id: str | None
    started: int = 0
    done: int = 0
    seconds_spent_done: float = 0.0  # summed over learners who finished the module
    quiz_attempted: int = 0
    quiz_passed: int = 0

    @property
    def mean_minutes_done(self) -> float | None:
        return self.seconds_spent_done / 60 / self.done if self.done else None


@dataclass
class TeamCompletion:
    team: str
    learners: int = 0
    started: int = 0
    complete: int = 0
    modules_done: int = 0  # sum over learners
    modules_total: int = 0  # learners x modules in the course

    @property
    def progress(self) -> float:
        return self.modules_done / self.modules_total if self.modules_total else 0.0


@dataclass
class ScoreDistribution:
    """Graded scores (the quiz's own grading method) of learners with a finished attempt."""

    quiz_id: str
    buckets: list[int] = field(default_factory=lambda: [0] * SCORE_BUCKETS)
    graded: int = 0
    passed: int = 0
    score_sum: float = 0.0

    @property
    def mean(self) -> float | None:
        return self.score_sum / self.graded if self.graded else None

    def add(self, score: float, passed: bool) -> None:
        index = min(SCORE_BUCKETS - 1, int(score * SCORE_BUCKETS + 1e-9))
        self.buckets[max(0, index)] += 1
        self.graded += 1
        self.passed += passed
        self.score_sum += score

    @staticmethod
    def bucket_label(index: int) -> str:
        width = 100 // SCORE_BUCKETS
        top = 100 if index == SCORE_BUCKETS - 1 else (index + 1) * width - 1
        return f"{index * width}-{top}%"


@dataclass
class PolicyFigures:
    """Where each learner's latest policy decision stands today."""

    accepted_current: int = 0
    accepted_earlier_version: int = 0
    declined: int = 0
    not_decided: int = 0


@dataclass
class CourseReport:
    funnel: Funnel
    modules: list[ModuleCompletion]
    teams: list[TeamCompletion]  # sorted by team name; "" is learners without a team
    scores: list[ScoreDistribution]
    questions: list[QuestionStatistics]
    policy: PolicyFigures = field(default_factory=PolicyFigures)
    # (Monday of the ISO week, UTC; completions that week), weeks without any left out
    completions_by_week: list[tuple[dt.date, int]] = field(default_factory=list)
    studio: StudioFigures = field(default_factory=StudioFigures)  # `.present` when any post


class StudioTally:
    """The content studio's figures (`trainer.studio.figures`) while learners stream by.

    `studio_figures` counts over an iterable of records; only records with posts matter, and
    those are folded in one at a time so memory holds counters, not learners.
    """

    def __init__(self) -> None:
        self.total = StudioFigures()
        self._templates: dict[str, Counter[str]] = {}
        self._findings: Counter[str] = Counter()

    def add(self, record: LearnerRecord) -> None:
        if not record.posts and not any(
            answer.findings is not None for attempt in record.attempts for answer in attempt.answers
        ):
            return
        part = studio_figures([record])
        total = self.total
        for name in COUNTS:
            setattr(total, name, getattr(total, name) + getattr(part, name))
        for source, counts in part.review_by_source.items():
            into = total.review_by_source.setdefault(source, dict.fromkeys(counts, 0))
            for name, value in counts.items():
                into[name] += value
        for team, counts in part.templates_by_team.items():
            self._templates.setdefault(team, Counter()).update(counts)
        self._findings.update(dict(part.findings))

    def figures(self) -> StudioFigures:
        self.total.templates_by_team = {
            team: dict(counts.most_common()) for team, counts in sorted(self._templates.items())
        }
        self.total.findings = self._findings.most_common()
        self.total.review_by_source = dict(sorted(self.total.review_by_source.items()))
        return self.total


class CourseReportBuilder:
    """Add learners one at a time (from a `LearnerSource`), then call `report()`."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.funnel = Funnel()
        self.modules = {
            m.id: ModuleCompletion(m.id, m.text(course.default_language).title, m.quiz)
            for m in course.modules
        }
        self.teams: dict[str, TeamCompletion] = {}
        quiz_ids = quizzes_in_course_order(course)
        self.scores = {quiz_id: ScoreDistribution(quiz_id) for quiz_id in quiz_ids}
        self.questions = QuestionStatisticsBuilder(
            {
                quiz_id: {q.id: q.points for q in quiz.texts[quiz.default_language].questions}
                for quiz_id, quiz in ((i, course.quizzes[i]) for i in quiz_ids)
            }
        )
        self._required_modules = set(required_module_ids(course))
        self._required_quizzes = set(required_quiz_ids(course))
        self._policy_required = course.config.completion.policy
        self.policy = PolicyFigures()
        self.weeks: dict[dt.date, int] = {}
        self.studio = StudioTally()

    def add(
        self,
        record: LearnerRecord,
        summary: LearnerSummary | None = None,
        *,
        overdue: bool = False,
        has_due_date: bool = False,
    ) -> LearnerSummary:
        """Count one learner (`summary` when the caller computed it already)."""
        if summary is None:
            summary = summarise_learner(record, self.course)
        self.funnel.overdue += overdue
        self.funnel.with_due_date += has_due_date
        self.studio.add(record)
        self._count_funnel(summary)
        self._count_modules(summary)
        self._count_team(summary)
        self._count_policy(summary)
        if summary.complete:
            self._count_completion_week(summary)
        self.questions.add_learner(record.attempts)
        return summary

    def _count_policy(self, summary: LearnerSummary) -> None:
        policy = summary.policy
        if policy.declined:
            self.policy.declined += 1
        elif policy.current:
            self.policy.accepted_current += 1
        elif policy.accepted_version is not None:
            self.policy.accepted_earlier_version += 1
        else:
            self.policy.not_decided += 1

    def _count_completion_week(self, summary: LearnerSummary) -> None:
        """The week the last requirement of the completion rule was met (as `completed_at`)."""
        moments: list[dt.datetime] = [
            m.completed_at
            for m in summary.modules
            if m.module_id in self._required_modules and m.completed_at is not None
        ]
        moments += [
            q.passed_at
            for q in summary.quizzes()
            if q.quiz_id in self._required_quizzes and q.passed_at is not None
        ]
        if self._policy_required and summary.policy.accepted_at is not None:
            moments.append(summary.policy.accepted_at)
        if not moments:
            return
        day = max(moments).astimezone(dt.UTC).date()
        monday = day - dt.timedelta(days=day.weekday())
        self.weeks[monday] = self.weeks.get(monday, 0) + 1

    def _count_funnel(self, summary: LearnerSummary) -> None:
        funnel = self.funnel
        funnel.invited += 1
        funnel.signed_in += summary.status == "active"
        funnel.started += summary.started
        done = {m.module_id for m in summary.modules if m.state == "done"}
        funnel.modules_done += self._required_modules <= done
        passed = {q.quiz_id for q in summary.quizzes() if q.passed}
        funnel.quizzes_passed += self._required_quizzes <= passed
        funnel.policy_accepted += summary.policy.current
        funnel.complete += summary.complete

    def _count_modules(self, summary: LearnerSummary) -> None:
        for standing in summary.modules:
            module = self.modules[standing.module_id]
            module.started += standing.state != "not started"
            if standing.state == "done":
                module.done += 1
                module.seconds_spent_done += standing.seconds_spent
            quiz = standing.quiz
            if quiz is not None:
                module.quiz_attempted += quiz.attempts > 0
                module.quiz_passed += quiz.passed
                if quiz.score is not None and quiz.quiz_id in self.scores:
                    self.scores[quiz.quiz_id].add(quiz.score, quiz.passed)

    def _count_team(self, summary: LearnerSummary) -> None:
        key = team_key(summary.team)
        team = self.teams.setdefault(key, TeamCompletion(" ".join(summary.team.split())))
        team.learners += 1
        team.started += summary.started
        team.complete += summary.complete
        team.modules_done += summary.modules_done
        team.modules_total += len(summary.modules)

    def report(self) -> CourseReport:
        return CourseReport(
            funnel=self.funnel,
            modules=list(self.modules.values()),
            teams=sorted(self.teams.values(), key=lambda t: polish_order(t.team)),
            scores=list(self.scores.values()),
            questions=self.questions.statistics(),
            policy=self.policy,
            completions_by_week=sorted(self.weeks.items()),
            studio=self.studio.figures(),
        )


def build_report(records: Iterable[LearnerRecord], course: Course) -> CourseReport:
    builder = CourseReportBuilder(course)
    for record in records:
        builder.add(record)
    return builder.report()


def polish_order(text: str) -> bytes:
    """Team and learner lists are read by Polish HR first: `Łódź` after `Lublin`."""
    return sort_key("pl")(text)


def build_source_report(source: LearnerSource, course: Course) -> CourseReport:
    """The report over a filtered `LearnerSource`, with its overdue count."""
    builder = CourseReportBuilder(course)
    if source.course is None:
        source.course = course
    for record, summary in source.summarised():
        facts = source.facts(record, summary)
        builder.add(record, summary, overdue=facts.overdue, has_due_date=facts.due is not None)
    return builder.report()
