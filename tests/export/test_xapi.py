"""xAPI statements: structure per the 1.0.3 spec, the right verbs and scores, stable ids."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from tests.export.course_factory import T0, complete_learner, make_course
from tests.export.xapi_spec import validate_statement
from trainer.export.xapi import (
    DEFAULT_BASE_IRI,
    VERB_ACCEPTED,
    VERB_ANSWERED,
    VERB_ATTEMPTED,
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    VERB_REGISTERED,
    BaseIriError,
    XapiStatements,
    checked_base_iri,
    iso_duration,
)
from trainer.learning.records import LearnerRecord

BASE = "https://learning.firma.pl/xapi/ambassadors/"


STEPS = (VERB_REGISTERED, VERB_ATTEMPTED, VERB_ANSWERED)


def outcomes(statements: Any) -> list[dict[str, Any]]:
    """The outcome statements (completed, passed, failed, policy), without the steps that led
    to them (enrolment, modules opened, attempts begun, answers)."""
    return [s for s in statements if s["verb"]["id"] not in STEPS]


def _statements(base: str = BASE) -> list[dict[str, Any]]:
    return outcomes(XapiStatements(make_course(), base).learner_statements(complete_learner()))


def _declined_then_accepted() -> LearnerRecord:
    record = complete_learner()
    declined = record.policy_decisions[0].model_copy(
        update={"decision": "declined", "decided_at": T0 + dt.timedelta(minutes=90)}
    )
    return record.model_copy(update={"policy_decisions": [declined, *record.policy_decisions]})


def test_every_statement_meets_the_xapi_1_0_3_structure() -> None:
    statements = list(
        XapiStatements(make_course(), BASE).learner_statements(_declined_then_accepted())
    )
    assert len(outcomes(statements)) == 7
    # registered, 2 modules opened, 2 attempts begun with 4 answers each
    assert len(statements) == 7 + 1 + 2 + 2 + 8
    for statement in statements:
        validate_statement(json.loads(json.dumps(statement)))


def test_verbs_in_time_order_module_quiz_failed_then_passed_policy_then_course() -> None:
    statements = _statements()
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs == [
        VERB_COMPLETED,
        VERB_FAILED,
        VERB_PASSED,
        VERB_COMPLETED,
        VERB_ACCEPTED,
        VERB_COMPLETED,
    ]
    assert statements[4]["verb"]["display"] == {"en-US": "accepted"}
    assert statements[-1]["object"]["id"] == BASE + "course"


def test_course_completed_once_when_the_rule_is_met_with_duration_and_requirements() -> None:
    course = _statements()[-1]
    assert course["timestamp"] == "2026-03-02T11:00:00.000Z"  # the policy acceptance completed it
    result = course["result"]
    assert (result["success"], result["completion"]) == (True, True)
    # 6 + 4 minutes reading, two quiz attempts of 4 min 30 s
    assert result["duration"] == "PT19M"
    assert result["extensions"][BASE + "extensions/requirements"] == [
        {"kind": "module", "id": "program", "met": True},
        {"kind": "module", "id": "zasady", "met": True},
        {"kind": "quiz", "id": "program-quiz", "met": True},
        {"kind": "policy", "id": "social-media-policy", "met": True},
    ]
    assert "contextActivities" not in course["context"]


def test_no_course_statement_while_the_course_is_incomplete() -> None:
    record = complete_learner()
    record = record.model_copy(update={"policy_decisions": []})
    statements = outcomes(XapiStatements(make_course(), BASE).learner_statements(record))
    assert [s["object"]["id"] for s in statements].count(BASE + "course") == 0


def test_a_declined_policy_is_a_statement_with_our_documented_verb() -> None:
    statements = list(
        XapiStatements(make_course(), BASE).learner_statements(_declined_then_accepted())
    )
    declined = [s for s in statements if s["verb"]["id"] == BASE + "verbs/declined"]
    assert len(declined) == 1
    assert declined[0]["verb"]["display"] == {"en-US": "declined"}
    assert declined[0]["object"]["id"] == BASE + "policies/social-media-policy/versions/2.0"
    assert declined[0]["context"]["extensions"][BASE + "extensions/policy-sha256"] == "a" * 64


def test_one_registration_per_learner_and_course_groups_modules_and_quizzes() -> None:
    statements = _statements()
    registrations = {s["context"]["registration"] for s in statements}
    assert len(registrations) == 1
    other = outcomes(
        XapiStatements(make_course(), BASE).learner_statements(complete_learner("jan", "Jan"))
    )
    assert {s["context"]["registration"] for s in other}.isdisjoint(registrations)
    module, quiz = statements[0], statements[2]
    assert module["context"]["contextActivities"]["parent"][0]["id"] == BASE + "course"
    assert "grouping" not in module["context"]["contextActivities"]
    assert quiz["context"]["contextActivities"]["parent"][0]["id"] == BASE + "modules/program"
    assert quiz["context"]["contextActivities"]["grouping"][0]["id"] == BASE + "course"


def test_quiz_statement_carries_scaled_score_success_and_iso_duration() -> None:
    passed = _statements()[2]
    assert passed["object"]["id"] == BASE + "quizzes/program-quiz"
    assert passed["result"] == {
        "success": True,
        "completion": True,
        "duration": "PT4M30S",
        "score": {"scaled": 0.75, "raw": 3.0, "min": 0, "max": 4},
    }
    assert passed["timestamp"] == "2026-03-02T09:24:30.000Z"


def test_actor_is_an_mbox_agent_with_the_learner_name() -> None:
    actor = _statements()[0]["actor"]
    assert actor == {"objectType": "Agent", "name": "Anna Nowak", "mbox": "mailto:anna@firma.pl"}


def test_activity_ids_live_under_the_base_iri_with_titles_per_language() -> None:
    module = _statements()[0]["object"]
    assert module["id"] == BASE + "modules/program"
    assert module["definition"]["name"]["pl"] == "Program ambasadorski"
    policy = _statements()[-2]["object"]
    assert policy["id"] == BASE + "policies/social-media-policy/versions/2.0"
    sha = _statements()[-2]["context"]["extensions"][BASE + "extensions/policy-sha256"]
    assert sha == "a" * 64


def test_statement_ids_are_deterministic_uuid5_so_resending_is_idempotent() -> None:
    first, second = _statements(), _statements()
    assert first == second
    ids = [s["id"] for s in first]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    other_base = [s["id"] for s in _statements("https://other.example.org/")]
    assert set(other_base).isdisjoint(ids)


def test_since_keeps_only_later_events() -> None:
    builder = XapiStatements(make_course(), BASE)
    later = outcomes(
        builder.learner_statements(complete_learner(), since=T0 + dt.timedelta(hours=1))
    )
    assert [s["verb"]["id"] for s in later] == [VERB_COMPLETED, VERB_ACCEPTED, VERB_COMPLETED]


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(270, "PT4M30S"), (0, "PT0S"), (3661.5, "PT1H1M1.5S"), (3600, "PT1H"), (0.004, "PT0S")],
)
def test_iso_8601_durations(seconds: float, expected: str) -> None:
    assert iso_duration(seconds) == expected


def test_base_iri_must_be_absolute_http_and_gets_a_trailing_slash() -> None:
    assert checked_base_iri("https://lrs.firma.pl/a") == "https://lrs.firma.pl/a/"
    assert DEFAULT_BASE_IRI.endswith("/")
    for bad in ("firma.pl/x", "ftp://x/", "https://x/?q=1"):
        with pytest.raises(BaseIriError):
            checked_base_iri(bad)


def test_spec_model_rejects_what_an_lrs_rejects() -> None:
    good = _statements()[2]
    validate_statement(good)
    broken: list[dict[str, Any]] = []
    for path, value in (
        (("actor", "mbox_sha1sum"), "0" * 40),  # two identifiers
        (("result", "score", "scaled"), 1.5),
        (("result", "duration"), "4 minutes"),
        (("verb", "display"), {"english": "passed"}),
        (("id",), "not-a-uuid"),
        (("timestamp",), "2026-03-02 09:24"),
        (("object", "id"), "quizzes/program-quiz"),
        (("result", "success"), "true"),
        (("stored",), "2026-03-02T09:24:30Z"),
        (("context", "language"), None),
    ):
        statement = copy.deepcopy(good)
        target = statement
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        broken.append(statement)
    for statement in broken:
        with pytest.raises((ValidationError, ValueError)):
            validate_statement(statement)
