"""The coordinator's report on small data whose statistics were worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import pytest

from tests.export.course_factory import (
    T0,
    acceptance,
    attempt,
    complete_learner,
    make_course,
    profile,
)
from trainer.export.course_report import CourseReport, ScoreDistribution, build_report
from trainer.export.question_statistics import question_flags
from trainer.export.report_output import render_text, report_document, write_csv
from trainer.learning.records import LearnerRecord, ModuleProgress

# First attempts (q1..q4, 1 point each); learner e1 also has a perfect second attempt that
# must not count.
ANSWERS = {
    "e1": [True, True, False, True],
    "e2": [True, True, False, False],
    "e3": [True, False, True, False],
    "e4": [True, False, True, False],
    "e5": [False, False, True, False],
}


def _quiz_takers() -> list[LearnerRecord]:
    records = []
    for learner_id, correct in ANSWERS.items():
        attempts = [attempt(1, correct)]
        if learner_id == "e1":
            attempts.append(attempt(2, [True] * 4, start=T0 + dt.timedelta(hours=1)))
        records.append(LearnerRecord(profile=profile(learner_id, learner_id), attempts=attempts))
    return records


def _question(report: CourseReport, question_id: str) -> tuple[float | None, float | None]:
    found = next(q for q in report.questions if q.question_id == question_id)
    return found.facility, found.discrimination


def test_facility_is_the_mean_score_on_first_attempts() -> None:
    report = build_report(_quiz_takers(), make_course())
    assert [round(q.facility or 0, 6) for q in report.questions] == [0.8, 0.4, 0.6, 0.2]
    assert [q.responses for q in report.questions] == [5, 5, 5, 5]


def test_discrimination_is_the_correlation_with_the_rest_of_the_quiz() -> None:
    # q3 by hand: x = (0,0,1,1,1); rest of quiz = (3/3, 2/3, 1/3, 1/3, 0/3).
    # Sxy = -11/15, Sxx = 6/5, Syy = 130/225  ->  r = -11 / sqrt(156).
    report = build_report(_quiz_takers(), make_course())
    _, q3 = _question(report, "q3")
    assert q3 == pytest.approx(-11 / math.sqrt(156))
    # q2 by hand: x = (1,1,0,0,0); rest = (2/3, 1/3, 2/3, 2/3, 1/3).
    # Sxy = -1/15, Sxx = 6/5, Syy = 2/15  ->  r = (-1/15) / sqrt(0.16) = -1/6.
    _, q2 = _question(report, "q2")
    assert q2 == pytest.approx(-1 / 6)
    flags = next(q.flags for q in report.questions if q.question_id == "q3")
    assert flags == ("negative discrimination", "few responses")


def test_discrimination_is_undefined_when_everyone_scores_the_same() -> None:
    same = [
        LearnerRecord(
            profile=profile(f"s{i}", "S"), attempts=[attempt(1, [True, False, True, True])]
        )
        for i in range(3)
    ]
    report = build_report(same, make_course())
    assert _question(report, "q1") == (1.0, None)


def test_flag_thresholds() -> None:
    assert question_flags(20, 0.95, 0.4) == ("too easy",)
    assert question_flags(20, 0.15, None) == ("too hard",)
    assert question_flags(20, 0.5, -0.1) == ("negative discrimination",)
    assert question_flags(20, 0.9, 0.0) == ()


def _funnel_learners() -> list[LearnerRecord]:
    started = LearnerRecord(
        profile=profile("piotr", "Piotr", team="IT"),
        modules={"program": ModuleProgress(module_id="program", started_at=T0, updated_at=T0)},
        policy_decisions=[acceptance("piotr")],
    )
    return [
        complete_learner("anna", "Anna Nowak"),
        LearnerRecord(profile=profile("jan", "Jan", team="IT")),
        LearnerRecord(profile=profile("ola", "Ola", team="", status="invited")),
        started,
    ]


def test_funnel_counts_every_stage_reached() -> None:
    report = build_report(_funnel_learners(), make_course())
    assert report.funnel.stages() == [
        ("invited", 4),
        ("signed in", 3),  # Ola only has an invitation
        ("started", 2),
        ("modules done", 1),
        ("quizzes passed", 1),
        ("policy accepted (current version)", 2),
        ("complete", 1),
    ]


def test_module_and_team_completion() -> None:
    report = build_report(_funnel_learners(), make_course())
    program, zasady = report.modules
    assert (program.started, program.done, program.quiz_attempted, program.quiz_passed) == (
        2,
        1,
        1,
        1,
    )
    assert program.mean_minutes_done == 6.0
    assert (zasady.done, zasady.quiz_id) == (1, None)
    teams = {t.team: (t.learners, t.started, t.complete) for t in report.teams}
    assert teams == {"": (1, 0, 0), "IT": (2, 1, 0), "Sprzedaż": (1, 1, 1)}


def test_score_distribution_buckets_the_graded_score() -> None:
    report = build_report([*_funnel_learners(), *_quiz_takers()], make_course())
    distribution = report.scores[0]
    # graded (highest) scores: anna 0.75, e1 1.0, e2 0.5, e3 0.5, e4 0.5, e5 0.25
    assert distribution.buckets == [0, 0, 1, 0, 0, 3, 0, 1, 0, 1]
    assert (distribution.graded, distribution.passed) == (6, 5)
    assert distribution.mean == pytest.approx(3.5 / 6)
    assert ScoreDistribution.bucket_label(9) == "90-100%"


def test_text_report_shows_funnel_and_chosen_view() -> None:
    report = build_report(_funnel_learners(), make_course())
    text = render_text(report, "team")
    assert "Funnel (4 learners)" in text
    assert "  complete                                  1   25%" in text
    assert "(no team)" in text and "Sprzedaż" in text


def test_csv_and_json_reports() -> None:
    report = build_report(_quiz_takers(), make_course())
    out = io.StringIO()
    write_csv(report, "question", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert rows[2]["question"] == "q3" and rows[2]["discrimination"] == "-0.88"
    document = json.loads(json.dumps(report_document(report)))
    assert document["funnel"]["invited"] == 5
    assert document["questions"][0]["facility"] == pytest.approx(0.8)


def test_policy_decisions_and_completions_per_week_are_counted() -> None:
    learners = _funnel_learners()
    declined = (
        learners[0]
        .policy_decisions[0]
        .model_copy(update={"decision": "declined", "decided_at": T0 + dt.timedelta(days=1)})
    )
    learners.append(LearnerRecord(profile=profile("ewa", "Ewa"), policy_decisions=[declined]))
    late = complete_learner("ida", "Ida")
    late = late.model_copy(
        update={
            "policy_decisions": [
                acceptance("ida", at=T0 + dt.timedelta(days=9))  # Wednesday of the next week
            ]
        }
    )
    learners.append(late)

    report = build_report(learners, make_course())

    assert report.policy.accepted_current == 3  # Anna, Piotr, Ida
    assert report.policy.declined == 1
    assert report.policy.not_decided == 2  # Jan, Ola
    # Anna completed on Monday 2 March 2026, Ida on Wednesday 11 March.
    assert report.completions_by_week == [(dt.date(2026, 3, 2), 1), (dt.date(2026, 3, 9), 1)]
