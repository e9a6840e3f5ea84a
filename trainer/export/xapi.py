"""Learner records as xAPI 1.0.3 statements, for a company's Learning Record Store.

Each statement is an event that already happened:
- a learner enrolled         -> ADL `registered` on the course, at the moment they were added
                                (invited or registered themselves), with their team as the
                                context's `team` group and their learner id, status ("invited"
                                until they first sign in) and own due date as extensions. When
                                any of these change, another `registered` with the same
                                timestamp carries the new state (its id covers the state), so
                                the last one stored is the learner's profile today;
- a module opened            -> ADL `attempted` on the module, at the moment it was first opened;
- a module read to the end   -> ADL `completed`, with the time spent;
- a quiz attempt started     -> ADL `attempted` on the quiz, with the attempt number and the
                                drawn questions in the order shown (`<base>extensions/questions`);
- a question answered        -> ADL `answered` on the question (a cmi.interaction), with the
                                response, the points and whether it was right; a writing
                                exercise's answer also carries the checker's findings;
- a finished quiz attempt    -> ADL `passed` or `failed`, with the score and duration;
- a policy acceptance        -> Activity Streams `accept` ("accepted"), with the text's SHA-256;
- a policy decline           -> `<base>verbs/declined` ("declined"), with the text's SHA-256
                                (no ADL or Activity Streams verb says "declined a policy";
                                xAPI lets a program mint verbs under an IRI it controls);
- the course complete        -> ADL `completed` on the course activity, once, when the
                                course's completion rule is met: success and completion true,
                                the time spent in modules and quiz attempts, and which
                                requirements the rule named (`<base>extensions/requirements`).

Context follows the cmi5/xAPI profile conventions where they apply to a course that is not a
cmi5 package: every statement of one learner in one course carries the same `registration`
(a UUID v5 of learner and course, so re-exports keep it), `parent` is the activity directly
above (the course for modules and the policy, the module for its quiz) and `grouping` holds
the course when it is not the parent, so an LRS can gather a whole course under one id.

Statement ids are UUID v5 of (learner, verb, object, timestamp) in a fixed namespace, so
exporting the same records again yields the same ids and an LRS treats a re-send as a
duplicate of a statement it already holds instead of recording the event twice.

Activity ids live under a base IRI the organisation controls (`--base-iri`); the default is
a placeholder on example.com that must be replaced before statements reach a real LRS.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

from trainer.content.models import Course, Quiz
from trainer.learning.completion import completed_at, completion_checklist
from trainer.learning.grading import attempt_score
from trainer.learning.records import LearnerRecord, QuizAttempt, Response

XAPI_VERSION = "1.0.3"
DEFAULT_BASE_IRI = "https://example.com/ambassador-trainer/"
# Fixed forever: changing it would give every past statement a new id.
STATEMENT_NAMESPACE = uuid.UUID("6f1c2a4e-8d0b-5b7e-9c3a-2e5d7f8a1b40")

VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
VERB_ACCEPTED = "http://activitystrea.ms/schema/1.0/accept"
VERB_SUBMITTED = "http://activitystrea.ms/schema/1.0/submit"  # a studio post sent for review
VERB_APPROVED = "http://activitystrea.ms/schema/1.0/approve"  # a coordinator approved it
VERB_SHARED = "http://activitystrea.ms/schema/1.0/share"  # the ambassador published it
VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"  # a quiz question's answer
VERB_REGISTERED = "http://adlnet.gov/expapi/verbs/registered"  # enrolled in the course
VERB_ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"  # a module opened, an attempt begun
VERB_DISPLAY = {
    VERB_COMPLETED: "completed",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
    VERB_ACCEPTED: "accepted",
    VERB_SUBMITTED: "submitted",
    VERB_APPROVED: "approved",
    VERB_SHARED: "shared",
    VERB_ANSWERED: "answered",
    VERB_REGISTERED: "registered",
    VERB_ATTEMPTED: "attempted",
}
DECLINED_VERB_PATH = "verbs/declined"  # under the base IRI: `<base>verbs/declined`

TYPE_COURSE = "http://adlnet.gov/expapi/activities/course"
TYPE_MODULE = "http://adlnet.gov/expapi/activities/module"
TYPE_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
TYPE_POLICY = "http://id.tincanapi.com/activitytype/document"
TYPE_POST = "http://activitystrea.ms/schema/1.0/note"  # a social-media post from the studio
TYPE_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"  # a quiz question

Statement = dict[str, Any]


class BaseIriError(ValueError):
    """The base IRI is not an absolute http(s) IRI."""


def checked_base_iri(base_iri: str) -> str:
    """An absolute http(s) IRI ending with `/`, so activity ids are `<base>modules/<id>`."""
    parts = urlsplit(base_iri)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BaseIriError(
            f"--base-iri must be an absolute http(s) address without ? or #, got {base_iri!r}"
        )
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration as xAPI asks: `PT4M30S`, hundredths of a second at most."""
    hundredths = max(0, round(seconds * 100))
    whole, fraction = divmod(hundredths, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or fraction or text == "PT":
        text += f"{secs}.{fraction:02d}".rstrip("0").rstrip(".") + "S"
    return text


def xapi_timestamp(value: dt.datetime) -> str:
    """UTC with milliseconds and `Z`, the form LRSs return and compare."""
    utc = value.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def statement_id(learner_id: str, verb: str, object_id: str, timestamp: str) -> str:
    return str(uuid.uuid5(STATEMENT_NAMESPACE, "\n".join((learner_id, verb, object_id, timestamp))))


class XapiStatements:
    """Builds the statements of one learner at a time against one course and base IRI."""

    def __init__(self, course: Course, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.course = course
        self.base = checked_base_iri(base_iri)
        self.course_id = self.base + "course"
        self.verb_declined = self.base + DECLINED_VERB_PATH
        self._course_activity = self._activity(self.course_id, TYPE_COURSE, self._course_title())
        self._module_activities = {
            module.id: self._activity(
                self.activity_id("modules", module.id),
                TYPE_MODULE,
                {lang: text.title for lang, text in module.texts.items()},
            )
            for module in course.modules
        }
        self._quiz_module = {m.quiz: m.id for m in course.modules if m.quiz is not None}

    def registration(self, learner_id: str) -> str:
        """One id per learner and course, the same in every export (cmi5's registration)."""
        return str(uuid.uuid5(STATEMENT_NAMESPACE, f"registration\n{learner_id}\n{self.course_id}"))

    def activity_id(self, *segments: str) -> str:
        return self.base + "/".join(quote(s, safe="") for s in segments)

    def _course_title(self) -> dict[str, str]:
        return {lang: self.course.title(lang) for lang in self.course.config.languages}

    def _activity(
        self, activity_id: str, activity_type: str, names: dict[str, str]
    ) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": activity_type}
        names = {lang: text for lang, text in names.items() if text}
        if names:
            definition["name"] = names
        return {"objectType": "Activity", "id": activity_id, "definition": definition}

    def _context(
        self,
        record: LearnerRecord,
        language: str | None,
        extensions: dict[str, Any] | None = None,
        parent: dict[str, Any] | None = None,
    ) -> Any:
        """`parent` defaults to the course; a module parent puts the course in `grouping`."""
        activities: dict[str, Any] = {}
        if parent is None:
            activities["parent"] = [self._course_activity]
        elif parent is not self._course_activity:
            activities["parent"] = [parent]
            activities["grouping"] = [self._course_activity]
        context: dict[str, Any] = {
            "registration": self.registration(record.profile.learner_id),
            "platform": "ambassador-trainer",
        }
        if activities:
            context["contextActivities"] = activities
        if language:
            context["language"] = language
        if extensions:
            context["extensions"] = extensions
        return context

    def _statement(
        self,
        record: LearnerRecord,
        verb: str,
        obj: dict[str, Any],
        when: dt.datetime,
        result: dict[str, Any] | None,
        context: dict[str, Any],
    ) -> Statement:
        profile = record.profile
        timestamp = xapi_timestamp(when)
        statement: Statement = {
            "id": statement_id(profile.learner_id, verb, obj["id"], timestamp),
            "actor": {
                "objectType": "Agent",
                "name": profile.name,
                "mbox": f"mailto:{profile.email}",
            },
            "verb": {"id": verb, "display": {"en-US": self._verb_display(verb)}},
            "object": obj,
            "context": context,
            "timestamp": timestamp,
            "version": XAPI_VERSION,
        }
        if result is not None:
            statement["result"] = result
        return statement

    def _verb_display(self, verb: str) -> str:
        return "declined" if verb == self.verb_declined else VERB_DISPLAY[verb]

    def learner_statements(
        self, record: LearnerRecord, since: dt.datetime | None = None
    ) -> Iterator[Statement]:
        """Every statement of one learner, oldest first; `since` keeps events at or after it."""
        statements: list[tuple[dt.datetime, Statement]] = []
        statements += self._profile_statements(record)
        statements += self._started_statements(record)
        statements += self._module_statements(record)
        statements += self._quiz_statements(record)
        statements += self._policy_statements(record)
        statements += self._course_statements(record)
        statements += self._post_statements(record)
        statements += self._answer_statements(record)
        # The course's `completed` shares its time with the event that completed it: after it.
        statements.sort(
            key=lambda pair: (pair[0], pair[1]["object"] is self._course_activity, pair[1]["id"])
        )
        for when, statement in statements:
            if since is None or when >= since:
                yield statement

    def _module_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        for module in self.course.modules:
            progress = record.modules.get(module.id)
            if progress is None or progress.completed_at is None:
                continue
            obj = self._module_activities[module.id]
            result = {"completion": True, "duration": iso_duration(progress.seconds_spent)}
            yield (
                progress.completed_at,
                self._statement(
                    record,
                    VERB_COMPLETED,
                    obj,
                    progress.completed_at,
                    result,
                    self._context(record, None),
                ),
            )

    def _course_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        """One `completed` on the course, at the moment its completion rule became met."""
        when = completed_at(self.course, record)
        if when is None:
            return
        checklist = completion_checklist(self.course, record)
        seconds = sum(p.seconds_spent for p in record.modules.values())
        seconds += sum(
            (a.finished_at - a.started_at).total_seconds()
            for a in record.attempts
            if a.finished_at is not None
        )
        result = {
            "success": True,
            "completion": True,
            "duration": iso_duration(seconds),
            "extensions": {
                self.activity_id("extensions", "requirements"): [
                    {"kind": r.kind, "id": r.target_id, "met": r.met} for r in checklist
                ]
            },
        }
        yield (
            when,
            self._statement(
                record,
                VERB_COMPLETED,
                self._course_activity,
                when,
                result,
                self._context(record, record.profile.language, parent=self._course_activity),
            ),
        )

    def _quiz_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        for attempt in record.attempts:
            quiz = self.course.quizzes.get(attempt.quiz_id)
            if attempt.finished_at is None or quiz is None:
                continue
            points, max_points, passed = _attempt_outcome(attempt, quiz)
            names = {lang: text.title for lang, text in quiz.texts.items()}
            obj = self._activity(self.activity_id("quizzes", quiz.id), TYPE_ASSESSMENT, names)
            result: dict[str, Any] = {
                "success": passed,
                "completion": True,
                "duration": iso_duration(
                    (attempt.finished_at - attempt.started_at).total_seconds()
                ),
            }
            if max_points > 0:
                raw = min(max(points, 0.0), float(max_points))
                result["score"] = {
                    "scaled": round(raw / max_points, 4),
                    "raw": raw,
                    "min": 0,
                    "max": max_points,
                }
            extensions = {self.activity_id("extensions", "attempt-number"): attempt.number}
            yield (
                attempt.finished_at,
                self._statement(
                    record,
                    VERB_PASSED if passed else VERB_FAILED,
                    obj,
                    attempt.finished_at,
                    result,
                    self._context(
                        record,
                        attempt.language,
                        extensions,
                        self._module_activities.get(self._quiz_module.get(quiz.id, "")),
                    ),
                ),
            )

    def _post_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        """A studio post sent for review (`submit`), each approval of it (`approve`), and its
        publication (`share`, when the ambassador marked it as posted).

        The ambassador is the actor of both: the approval says their post was approved, and
        names the coordinator who approved it in an extension.
        """
        for post in record.posts:
            obj = self._activity(self.activity_id("posts", post.post_id), TYPE_POST, {})
            extensions = {
                self.activity_id("extensions", "network"): post.network,
                self.activity_id("extensions", "template"): post.template_id,
                self.activity_id("extensions", "source"): post.source,
            }
            findings = {self.activity_id("extensions", "findings"): [f.code for f in post.findings]}
            if post.submitted_at is not None:
                yield (
                    post.submitted_at,
                    self._statement(
                        record,
                        VERB_SUBMITTED,
                        obj,
                        post.submitted_at,
                        {"success": post.errors == 0, "extensions": findings},
                        self._context(record, post.language, extensions),
                    ),
                )
            if post.posted_at is not None:  # "I posted it": the post's address is left out
                yield (
                    post.posted_at,
                    self._statement(
                        record,
                        VERB_SHARED,
                        obj,
                        post.posted_at,
                        {"completion": True, "extensions": findings},
                        self._context(record, post.language, extensions),
                    ),
                )
            for review in post.reviews:
                if review.decision != "approved":
                    continue
                approval = {
                    **extensions,
                    self.activity_id("extensions", "reviewer"): review.reviewer,
                }
                yield (
                    review.decided_at,
                    self._statement(
                        record,
                        VERB_APPROVED,
                        obj,
                        review.decided_at,
                        {"success": True, "completion": True},
                        self._context(record, post.language, approval),
                    ),
                )

    def _answer_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        """An `answered` statement per answer, the response and points as the learner's answer
        was graded; a writing exercise's draft is its response and the checker's findings (as
        the learner saw them) an extension of the result."""
        for attempt in record.attempts:
            quiz = self.course.quizzes.get(attempt.quiz_id)
            if quiz is None:
                continue
            quiz_activity = self._quiz_activity(quiz)
            kinds = _question_kinds(quiz, attempt.language)
            for answer in attempt.answers:
                obj = self._activity(
                    self.activity_id("quizzes", quiz.id, "questions", answer.question_id),
                    TYPE_INTERACTION,
                    {},
                )
                result: dict[str, Any] = {
                    "success": answer.correct,
                    "completion": True,
                    "response": xapi_response(answer.response),
                    "score": {
                        "raw": answer.points,
                        "min": min(0, answer.points),
                        "max": answer.max_points,
                        "scaled": round(answer.points / answer.max_points, 4)
                        if answer.max_points
                        else 0,
                    },
                }
                if answer.findings is not None:
                    obj["definition"]["interactionType"] = "long-fill-in"
                    result["score"]["min"] = 0
                    result["extensions"] = {
                        self.activity_id("extensions", "findings"): [
                            f.model_dump(mode="json") for f in answer.findings
                        ]
                    }
                else:
                    kind = kinds.get(answer.question_id)
                    if kind is not None:
                        obj["definition"]["interactionType"] = INTERACTION_TYPES[kind]
                extensions = {self.activity_id("extensions", "attempt-number"): attempt.number}
                yield (
                    answer.answered_at,
                    self._statement(
                        record,
                        VERB_ANSWERED,
                        obj,
                        answer.answered_at,
                        result,
                        self._context(record, attempt.language, extensions, quiz_activity),
                    ),
                )

    def _quiz_activity(self, quiz: Quiz) -> dict[str, Any]:
        return self._activity(
            self.activity_id("quizzes", quiz.id),
            TYPE_ASSESSMENT,
            {lang: text.title for lang, text in quiz.texts.items()},
        )

    def _profile_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        """The learner's enrolment as it stands: `registered` at the moment they were added.

        The id covers the profile's state (name, team, status, due date, language), so a change
        adds a statement and an unchanged profile never does (see the module docstring)."""
        profile = record.profile
        extensions: dict[str, Any] = {
            self.activity_id("extensions", "learner-id"): profile.learner_id,
            self.activity_id("extensions", "status"): profile.status,
        }
        if profile.due is not None:
            extensions[self.activity_id("extensions", "due")] = profile.due.isoformat()
        context = self._context(record, profile.language, extensions, self._course_activity)
        team = " ".join(profile.team.split())
        if team:
            context["team"] = {
                "objectType": "Group",
                "name": team,
                "account": {"homePage": self.activity_id("teams"), "name": team},
            }
        statement = self._statement(
            record, VERB_REGISTERED, self._course_activity, profile.created_at, None, context
        )
        state = "\n".join(
            (profile.name, team, profile.status, str(profile.due), str(profile.language))
        )
        statement["id"] = statement_id(
            profile.learner_id,
            VERB_REGISTERED,
            f"{self.course_id}\n{state}",
            statement["timestamp"],
        )
        yield profile.created_at, statement

    def _started_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        """`attempted`: each module the learner opened, and each quiz attempt they began."""
        for module in self.course.modules:
            progress = record.modules.get(module.id)
            if progress is None:
                continue
            yield (
                progress.started_at,
                self._statement(
                    record,
                    VERB_ATTEMPTED,
                    self._module_activities[module.id],
                    progress.started_at,
                    None,
                    self._context(record, None),
                ),
            )
        for attempt in record.attempts:
            quiz = self.course.quizzes.get(attempt.quiz_id)
            if quiz is None:
                continue
            extensions = {
                self.activity_id("extensions", "attempt-number"): attempt.number,
                self.activity_id("extensions", "questions"): list(attempt.question_ids),
            }
            yield (
                attempt.started_at,
                self._statement(
                    record,
                    VERB_ATTEMPTED,
                    self._quiz_activity(quiz),
                    attempt.started_at,
                    None,
                    self._context(
                        record,
                        attempt.language,
                        extensions,
                        self._module_activities.get(self._quiz_module.get(quiz.id, "")),
                    ),
                ),
            )

    def _policy_statements(self, record: LearnerRecord) -> Iterator[tuple[dt.datetime, Statement]]:
        for decision in record.policy_decisions:
            verb = VERB_ACCEPTED if decision.decision == "accepted" else self.verb_declined
            policy = self.course.policies.get(decision.policy_id)
            names = (
                {lang: f"{text.title} {decision.version}" for lang, text in policy.texts.items()}
                if policy is not None
                else {"en": f"{decision.policy_id} {decision.version}"}
            )
            obj = self._activity(
                self.activity_id("policies", decision.policy_id, "versions", decision.version),
                TYPE_POLICY,
                names,
            )
            extensions = {self.activity_id("extensions", "policy-sha256"): decision.sha256}
            yield (
                decision.decided_at,
                self._statement(
                    record,
                    verb,
                    obj,
                    decision.decided_at,
                    None,
                    self._context(record, decision.language, extensions),
                ),
            )


INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "short": "fill-in",
    "ordering": "sequencing",
    "post": "long-fill-in",
}


def _question_kinds(quiz: Quiz, language: str) -> dict[str, str]:
    text = quiz.texts.get(language) or quiz.texts[quiz.default_language]
    return {question.id: question.kind for question in text.questions}


def xapi_response(response: Response) -> str:
    """xAPI's response string: choices (indices in the written order) joined by `[,]`."""
    if isinstance(response, str):
        return response
    if isinstance(response, int):
        return str(response)
    return "[,]".join(str(index) for index in response)


def _attempt_outcome(attempt: QuizAttempt, quiz: Quiz) -> tuple[float, int, bool]:
    """The score and verdict recorded when the attempt ended (an event does not change later)."""
    if attempt.score is not None and attempt.max_score is not None and attempt.passed is not None:
        return attempt.score, attempt.max_score, attempt.passed
    computed = attempt_score(attempt, quiz)
    return computed.points, computed.max_points, computed.passed
