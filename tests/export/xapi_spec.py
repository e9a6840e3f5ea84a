"""A strict model of an xAPI 1.0.3 statement, written from the spec, not from our exporter.

https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md (Part Two, section 2.4 and 4.x):
unknown properties and nulls are rejected, numbers and booleans must not be strings, an Agent
has exactly one inverse functional identifier, language map keys are RFC 5646 tags, ids are
IRIs with a scheme, the statement id is a UUID, `result.score.scaled` lies in [-1, 1] and
`raw` between `min` and `max`, durations and timestamps are ISO 8601, and `stored` and
`authority` are left for the LRS to set. No real LRS is available offline, so this model is
the closest check we can run here.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_DURATION = re.compile(
    r"^P(?=\d|T\d)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
_MAILTO = re.compile(r"^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$")


def _iri(value: str) -> str:
    if not _IRI.match(value):
        raise ValueError(f"not an IRI with a scheme: {value!r}")
    return value


def _uuid(value: str) -> str:
    parsed = uuid.UUID(value)
    if str(parsed) != value.lower() or parsed.variant != uuid.RFC_4122:
        raise ValueError("not an RFC 4122 UUID in canonical form")
    return value


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    return value


def _timestamp(value: str) -> str:
    if not _TIMESTAMP.match(value):
        raise ValueError(f"not an ISO 8601 timestamp with a zone: {value!r}")
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _language_map(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("empty language map")
    for key in value:
        if not _LANG.match(key):
            raise ValueError(f"not an RFC 5646 language tag: {key!r}")
    return value


def _extensions(value: dict[str, Any]) -> dict[str, Any]:
    for key in value:
        _iri(key)
    return value


Iri = Annotated[StrictStr, AfterValidator(_iri)]
Uuid = Annotated[StrictStr, AfterValidator(_uuid)]
Duration = Annotated[StrictStr, AfterValidator(_duration)]
Timestamp = Annotated[StrictStr, AfterValidator(_timestamp)]
LanguageMap = Annotated[dict[StrictStr, StrictStr], AfterValidator(_language_map)]
Extensions = Annotated[dict[StrictStr, Any], AfterValidator(_extensions)]
LanguageTag = Annotated[StrictStr, Field(pattern=_LANG.pattern)]


class SpecObject(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Account(SpecObject):
    homePage: Iri
    name: StrictStr


class Agent(SpecObject):
    objectType: Literal["Agent"] | None = None
    name: StrictStr | None = None
    mbox: Annotated[StrictStr, Field(pattern=_MAILTO.pattern)] | None = None
    mbox_sha1sum: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{40}$")] | None = None
    openid: Iri | None = None
    account: Account | None = None

    @model_validator(mode="after")
    def _exactly_one_identifier(self) -> Agent:
        ifis = [self.mbox, self.mbox_sha1sum, self.openid, self.account]
        if sum(v is not None for v in ifis) != 1:
            raise ValueError("an Agent has exactly one inverse functional identifier")
        return self


class Group(SpecObject):
    """An identified Group (xAPI 1.0.3 section 2.4.2.2): one identifier, members optional."""

    objectType: Literal["Group"]
    name: StrictStr | None = None
    mbox: Annotated[StrictStr, Field(pattern=_MAILTO.pattern)] | None = None
    account: Account | None = None
    member: list[Agent] | None = None

    @model_validator(mode="after")
    def _identified_or_with_members(self) -> Group:
        ifis = [self.mbox, self.account]
        if sum(v is not None for v in ifis) > 1:
            raise ValueError("a Group has at most one inverse functional identifier")
        if not any(ifis) and not self.member:
            raise ValueError("an anonymous Group lists its members")
        return self


class Verb(SpecObject):
    id: Iri
    display: LanguageMap | None = None


class ActivityDefinition(SpecObject):
    name: LanguageMap | None = None
    description: LanguageMap | None = None
    type: Iri | None = None
    moreInfo: Iri | None = None
    interactionType: (
        Literal[
            "true-false",
            "choice",
            "fill-in",
            "long-fill-in",
            "matching",
            "performance",
            "sequencing",
            "likert",
            "numeric",
            "other",
        ]
        | None
    ) = None
    extensions: Extensions | None = None


class Activity(SpecObject):
    objectType: Literal["Activity"] | None = None
    id: Iri
    definition: ActivityDefinition | None = None


class Score(SpecObject):
    scaled: Annotated[StrictFloat | StrictInt, Field(ge=-1, le=1)] | None = None
    raw: StrictFloat | StrictInt | None = None
    min: StrictFloat | StrictInt | None = None
    max: StrictFloat | StrictInt | None = None

    @model_validator(mode="after")
    def _raw_within_bounds(self) -> Score:
        if self.min is not None and self.max is not None and not self.min < self.max:
            raise ValueError("min must be less than max")
        if self.raw is not None:
            if self.min is not None and self.raw < self.min:
                raise ValueError("raw below min")
            if self.max is not None and self.raw > self.max:
                raise ValueError("raw above max")
        return self


class Result(SpecObject):
    score: Score | None = None
    success: StrictBool | None = None
    completion: StrictBool | None = None
    response: StrictStr | None = None
    duration: Duration | None = None
    extensions: Extensions | None = None


class ContextActivities(SpecObject):
    parent: list[Activity] | None = None
    grouping: list[Activity] | None = None
    category: list[Activity] | None = None
    other: list[Activity] | None = None


class Context(SpecObject):
    registration: Uuid | None = None
    instructor: Agent | None = None
    team: Group | None = None
    contextActivities: ContextActivities | None = None
    revision: StrictStr | None = None
    platform: StrictStr | None = None
    language: LanguageTag | None = None
    extensions: Extensions | None = None


class Statement(SpecObject):
    id: Uuid
    actor: Agent
    verb: Verb
    object: Activity
    result: Result | None = None
    context: Context | None = None
    timestamp: Timestamp | None = None
    version: Annotated[StrictStr, Field(pattern=r"^1\.0(\.\d+)?$")] | None = None


def _no_nulls(value: Any, path: str = "statement") -> None:
    """The LRS MUST reject statements with null values (except inside extensions)."""
    if value is None:
        raise ValueError(f"null at {path}")
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "extensions":
                _no_nulls(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_nulls(item, f"{path}[{i}]")


def validate_statement(data: dict[str, Any]) -> Statement:
    _no_nulls(data)
    return Statement.model_validate(data)
