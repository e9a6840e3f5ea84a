"""Learner records rebuilt from xAPI statements (ours, as `trainer.export.xapi` writes them).

`trainer report --from-lrs` reads a Learning Record Store's statements about the course and
rebuilds, per learner, what the report counts, so that the report is computed by the same code
(`CourseReportBuilder` over `LearnerSummary`) as `trainer report` over the data folders:

- the profile from the learner's last stored `registered` statement (name and e-mail from the
  actor; team from the context's `team` group; learner id, status and own due date from
  extensions; the time they were added from its timestamp);
- modules opened (`attempted`) and read (`completed`, with the time spent to 0.01 s, the
  precision xAPI keeps);
- quiz attempts begun (`attempted`, with the drawn questions), answered question by question
  (`answered`) and finished (`passed`/`failed`, with the score as recorded);
- policy decisions (`accept` and our `declined`), with the text's SHA-256.

Statements this module does not need (the course's `completed`, the content studio's posts)
are skipped; the studio's posts are counted in `skipped_posts`, because drafts never leave the
data folder and a report from the LRS cannot show the studio's figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from pydantic import ValidationError

from trainer.content.models import Course
from trainer.export.xapi import (
    STATEMENT_NAMESPACE,
    VERB_ACCEPTED,
    VERB_ANSWERED,
    VERB_APPROVED,
    VERB_ATTEMPTED,
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    VERB_REGISTERED,
    VERB_SHARED,
    VERB_SUBMITTED,
    XapiStatements,
)
from trainer.learning.records import (
    AnswerRecord,
    DraftFinding,
    LearnerProfile,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)

Statement = dict[str, Any]
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
POST_VERBS = (VERB_SUBMITTED, VERB_APPROVED, VERB_SHARED)


@dataclass
class StatementRecords:
    """What was rebuilt, and what could not be used (each a visible count, never dropped)."""

    records: list[LearnerRecord] = field(default_factory=list)
    statements: int = 0
    without_registration: int = 0  # learners whose enrolment never reached the LRS
    skipped_posts: int = 0  # the studio's statements (not part of what is rebuilt)
    unusable: list[str] = field(default_factory=list)  # why a statement was left out


def parse_duration(text: str) -> float:
    match = _DURATION.match(text or "")
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    days, hours, minutes, seconds = match.groups()
    return (
        int(days or 0) * 86400
        + int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + float(seconds or 0)
    )


def parse_timestamp(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"timestamp without an offset: {text!r}")
    return value.astimezone(dt.UTC)


class _Learner:
    """One actor's statements, folded in as they come, in whatever order the LRS lists them."""

    def __init__(self, email: str) -> None:
        self.email = email
        self.name = email
        self.enrolment: Statement | None = None
        self.enrolment_stored: tuple[str, int] = ("", 0)
        self.first_seen: dt.datetime | None = None
        self.modules: dict[str, ModuleProgress] = {}
        self.attempts: dict[tuple[str, int], dict[str, Any]] = {}
        self.decisions: list[dict[str, Any]] = []


class StatementReader:
    """Folds statements of one course (one base IRI) into learner records."""

    def __init__(self, course: Course, base_iri: str) -> None:
        self.course = course
        self.xapi = XapiStatements(course, base_iri)
        self.base = self.xapi.base
        self.modules = {self.xapi.activity_id("modules", m.id): m.id for m in course.modules}
        self.quizzes = {self.xapi.activity_id("quizzes", q): q for q in course.quizzes}
        self.learners: dict[str, _Learner] = {}
        self.result = StatementRecords()

    def ext(self, name: str) -> str:
        return self.xapi.activity_id("extensions", name)

    def add(self, statement: Statement) -> None:
        self.result.statements += 1
        try:
            self._add(statement)
        except (KeyError, TypeError, ValueError) as error:
            self.result.unusable.append(f"{statement.get('id', '?')}: {error}")

    def _add(self, statement: Statement) -> None:
        verb = statement["verb"]["id"]
        if verb in POST_VERBS:
            self.result.skipped_posts += 1
            return
        mbox = str(statement["actor"]["mbox"])
        email = mbox.removeprefix("mailto:")
        learner = self.learners.setdefault(email.casefold(), _Learner(email))
        when = parse_timestamp(statement["timestamp"])
        if learner.first_seen is None or when < learner.first_seen:
            learner.first_seen = when
        name = statement["actor"].get("name")
        if name and learner.enrolment is None:
            learner.name = str(name)
        object_id = str(statement["object"]["id"])
        context = statement.get("context") or {}
        extensions = context.get("extensions") or {}
        result = statement.get("result") or {}
        if verb == VERB_REGISTERED and object_id == self.xapi.course_id:
            # The profile as it stands is the enrolment stored last (the LRS's `stored`, set
            # as it took each statement): LRSs differ in the order they list statements.
            stored = (str(statement.get("stored", "")), self.result.statements)
            if learner.enrolment is None or stored > learner.enrolment_stored:
                learner.enrolment, learner.enrolment_stored = statement, stored
        elif object_id in self.modules:
            self._module(learner, self.modules[object_id], verb, when, result)
        elif object_id in self.quizzes:
            number = int(extensions[self.ext("attempt-number")])
            attempt = learner.attempts.setdefault((self.quizzes[object_id], number), {})
            if context.get("language"):
                attempt["language"] = context["language"]
            if verb == VERB_ATTEMPTED:
                attempt["started_at"] = when
                attempt["question_ids"] = [str(q) for q in extensions[self.ext("questions")]]
            elif verb in (VERB_PASSED, VERB_FAILED):
                attempt["finished_at"] = when
                attempt["passed"] = verb == VERB_PASSED
                attempt["duration"] = parse_duration(result.get("duration", "PT0S"))
                score = result.get("score")
                if score is not None:
                    attempt["score"] = float(score["raw"])
                    attempt["max_score"] = int(score["max"])
        elif verb == VERB_ANSWERED:
            self._answer(learner, object_id, when, extensions, result, context)
        elif verb == VERB_ACCEPTED or verb == self.xapi.verb_declined:
            self._decision(learner, object_id, verb, when, extensions, context)
        # Anything else (the course's `completed`) follows from the rest.

    def _module(
        self,
        learner: _Learner,
        module_id: str,
        verb: str,
        when: dt.datetime,
        result: dict[str, Any],
    ) -> None:
        progress = learner.modules.get(module_id)
        if progress is None:
            progress = ModuleProgress(module_id=module_id, started_at=when, updated_at=when)
        if verb == VERB_ATTEMPTED:
            progress = progress.model_copy(update={"started_at": when})
        elif verb == VERB_COMPLETED:
            seconds = parse_duration(result.get("duration", "PT0S"))
            progress = progress.model_copy(
                update={"completed_at": when, "seconds_spent": seconds, "updated_at": when}
            )
        learner.modules[module_id] = progress

    def _answer(
        self,
        learner: _Learner,
        object_id: str,
        when: dt.datetime,
        extensions: dict[str, Any],
        result: dict[str, Any],
        context: dict[str, Any],
    ) -> None:
        quiz_prefix, _, question = object_id.rpartition("/questions/")
        quiz_id = self.quizzes[quiz_prefix]
        number = int(extensions[self.ext("attempt-number")])
        attempt = learner.attempts.setdefault((quiz_id, number), {})
        if context.get("language"):
            attempt.setdefault("language", context["language"])
        score = result["score"]
        findings = (result.get("extensions") or {}).get(self.ext("findings"))
        attempt.setdefault("answers", []).append(
            AnswerRecord(
                question_id=unquote(question),
                response=str(result.get("response", "")),
                points=float(score["raw"]),
                max_points=int(score["max"]),
                correct=bool(result["success"]),
                answered_at=when,
                findings=None
                if findings is None
                else [DraftFinding.model_validate(f) for f in findings],
            )
        )

    def _decision(
        self,
        learner: _Learner,
        object_id: str,
        verb: str,
        when: dt.datetime,
        extensions: dict[str, Any],
        context: dict[str, Any],
    ) -> None:
        path = object_id.removeprefix(self.xapi.activity_id("policies") + "/")
        policy_id, _, version = path.partition("/versions/")
        if not version:
            raise ValueError(f"not a policy version's activity: {object_id}")
        learner.decisions.append(
            {
                "policy_id": unquote(policy_id),
                "version": unquote(version),
                "sha256": str(extensions[self.ext("policy-sha256")]),
                "language": str(context.get("language") or self.course.default_language),
                "decision": "accepted" if verb == VERB_ACCEPTED else "declined",
                "decided_at": when,
            }
        )

    def records(self) -> StatementRecords:
        for learner in self.learners.values():
            try:
                self.result.records.append(self._record(learner))
            except (KeyError, TypeError, ValueError, ValidationError) as error:
                self.result.unusable.append(f"{learner.email}: {error}")
        # In id order, as a data folder lists them: the first spelling of a team seen wins.
        self.result.records.sort(key=lambda record: record.profile.learner_id)
        return self.result

    def _profile(self, learner: _Learner) -> LearnerProfile:
        enrolment = learner.enrolment
        if enrolment is None:  # enrolled before the LRS heard of it: a stable made-up id
            self.result.without_registration += 1
            digest = hashlib.sha256(learner.email.casefold().encode()).hexdigest()[:12]
            return LearnerProfile(
                learner_id=f"lrs-{digest}",
                name=learner.name,
                email=learner.email,
                created_at=learner.first_seen or dt.datetime.now(dt.UTC),
            )
        context = enrolment.get("context") or {}
        extensions = context.get("extensions") or {}
        due = extensions.get(self.ext("due"))
        return LearnerProfile(
            learner_id=str(extensions[self.ext("learner-id")]),
            name=str(enrolment["actor"].get("name") or learner.name),
            email=learner.email,
            team=str((context.get("team") or {}).get("name", "")),
            language=context.get("language"),
            status=extensions.get(self.ext("status"), "active"),
            created_at=parse_timestamp(enrolment["timestamp"]),
            due=None if due is None else dt.date.fromisoformat(str(due)),
        )

    def _record(self, learner: _Learner) -> LearnerRecord:
        profile = self._profile(learner)
        attempts = [
            self._attempt(profile.learner_id, quiz_id, number, facts)
            for (quiz_id, number), facts in sorted(learner.attempts.items())
        ]
        decisions = [
            PolicyDecision(learner_id=profile.learner_id, **facts)
            for facts in sorted(learner.decisions, key=lambda d: d["decided_at"])
        ]
        return LearnerRecord(
            profile=profile,
            modules=learner.modules,
            attempts=attempts,
            policy_decisions=decisions,
        )

    def _attempt(
        self, learner_id: str, quiz_id: str, number: int, facts: dict[str, Any]
    ) -> QuizAttempt:
        answers: list[AnswerRecord] = sorted(facts.get("answers", []), key=lambda a: a.answered_at)
        finished_at = facts.get("finished_at")
        started_at = facts.get("started_at")
        if started_at is None:  # begun before `attempted` statements were sent
            ends = [a.answered_at for a in answers] + ([finished_at] if finished_at else [])
            started_at = min(ends)
            if finished_at is not None:
                started_at = min(started_at, finished_at - dt.timedelta(seconds=facts["duration"]))
        question_ids = facts.get("question_ids") or [a.question_id for a in answers]
        seed = uuid.uuid5(STATEMENT_NAMESPACE, f"attempt\n{learner_id}\n{quiz_id}\n{number}")
        return QuizAttempt(
            attempt_id=seed.hex,
            quiz_id=quiz_id,
            number=number,
            seed=0,
            question_ids=question_ids,
            language=str(facts.get("language") or self.course.default_language),
            answers=answers,
            started_at=started_at,
            finished_at=finished_at,
            score=facts.get("score"),
            max_score=facts.get("max_score"),
            passed=facts.get("passed") if finished_at is not None else None,
        )


def records_from_statements(
    statements: Iterable[Statement], course: Course, base_iri: str
) -> StatementRecords:
    reader = StatementReader(course, base_iri)
    for statement in statements:
        reader.add(statement)
    return reader.records()
