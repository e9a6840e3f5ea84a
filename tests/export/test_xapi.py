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
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    BaseIriError,
    XapiStatements,
    checked_base_iri,
    iso_duration,
)

BASE = "https://learning.firma.pl/xapi/ambassadors/"


def _statements(base: str = BASE) -> list[dict[str, Any]]:
    return list(XapiStatements(make_course(), base).learner_statements(complete_learner()))


def test_every_statement_meets_the_xapi_1_0_3_structure() -> None:
    statements = _statements()
    assert len(statements) == 5
    for statement in statements:
        validate_statement(json.loads(json.dumps(statement)))


def test_verbs_in_time_order_module_quiz_failed_then_passed_and_policy() -> None:
    verbs = [s["verb"]["id"] for s in _statements()]
    assert verbs == [VERB_COMPLETED, VERB_FAILED, VERB_PASSED, VERB_COMPLETED, VERB_ACCEPTED]
    accept = _statements()[-1]
    assert accept["verb"]["display"] == {"en-US": "accepted"}


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
    policy = _statements()[-1]["object"]
    assert policy["id"] == BASE + "policies/social-media-policy/versions/2.0"
    sha = _statements()[-1]["context"]["extensions"][BASE + "extensions/policy-sha256"]
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
    later = list(builder.learner_statements(complete_learner(), since=T0 + dt.timedelta(hours=1)))
    assert [s["verb"]["id"] for s in later] == [VERB_COMPLETED, VERB_ACCEPTED]


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
