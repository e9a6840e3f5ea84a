"""What we remember about a learner. The store persists exactly these models.

All times are timezone-aware UTC. Answers refer to choices by their index in the written
order, so a shuffled or translated quiz still maps to the same stored answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter

LearnerId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# pydantic gives every time it parses with a zero offset ("Z", "+00:00") this one tzinfo object;
# recognising it spares a `utcoffset()` call per stored time (exports read every learner's).
PARSED_UTC = TypeAdapter(dt.datetime).validate_python("2000-01-01T00:00:00Z").tzinfo


def _must_be_aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is PARSED_UTC:
        return value
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("time must carry a UTC offset")
    # Stored times are already UTC; converting them again is most of a learner file's read cost.
    return value.astimezone(dt.UTC) if offset else value


UtcTime = Annotated[dt.datetime, AfterValidator(_must_be_aware)]


def as_utc(value: dt.datetime) -> dt.datetime:
    """`value` converted to UTC; a naive time is refused rather than guessed."""
    return _must_be_aware(value)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class LearnerProfile(Record):
    learner_id: LearnerId
    name: Annotated[str, Field(min_length=1, max_length=200)]
    email: Annotated[str, Field(min_length=3, max_length=254)]
    team: Annotated[str, Field(max_length=100)] = ""
    language: str | None = None  # preferred interface/content language
    status: Literal["invited", "active"] = "active"
    created_at: UtcTime = Field(default_factory=utc_now)
    due: dt.date | None = None  # this learner's own deadline (else their team's, if any)


class ModuleProgress(Record):
    module_id: str
    page: int = 0  # the page the learner is on (0-based)
    pages_seen: list[int] = []
    started_at: UtcTime = Field(default_factory=utc_now)
    completed_at: UtcTime | None = None  # set when the last page was reached
    seconds_spent: float = 0.0
    updated_at: UtcTime = Field(default_factory=utc_now)

    @property
    def done(self) -> bool:
        return self.completed_at is not None


Response = int | list[int] | str  # single choice | multiple choice or ordering | short answer


class PostFinding(Record):
    """One checker finding as the ambassador saw it when the draft was saved."""

    code: str
    level: Literal["error", "warning", "tip"]
    line: int
    col: int
    end_line: int
    end_col: int


class DraftFinding(PostFinding):
    """A finding on a writing exercise's draft, with the words the learner was shown."""

    message: str  # in the attempt's language
    fix: str = ""


class AnswerRecord(Record):
    question_id: str
    response: Response  # a writing exercise's draft is its text
    points: float  # points awarded (partial credit possible)
    max_points: int
    correct: bool
    hint_used: bool = False
    answered_at: UtcTime = Field(default_factory=utc_now)
    findings: list[DraftFinding] | None = None  # a writing exercise's: what the checker found


class QuizAttempt(Record):
    attempt_id: str  # uuid4 hex
    quiz_id: str
    number: int  # 1-based attempt number for this quiz
    seed: int  # seeds shuffle and draw; kept so a review shows the same order
    question_ids: list[str]  # drawn questions, in the order shown
    choice_orders: dict[str, list[int]] = {}  # question id -> displayed order of choice indices
    language: str
    answers: list[AnswerRecord] = []
    started_at: UtcTime = Field(default_factory=utc_now)
    finished_at: UtcTime | None = None
    score: float | None = None  # points
    max_score: int | None = None
    passed: bool | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def scaled(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return self.score / self.max_score


class PolicyDecision(Record):
    """An acceptance or a decline of one exact policy text: the audit evidence."""

    policy_id: str
    version: str
    sha256: str  # of the exact policy file bytes shown
    language: str
    decision: Literal["accepted", "declined"]
    decided_at: UtcTime = Field(default_factory=utc_now)
    learner_id: str
    typed_name: str | None = None  # the full name typed to confirm (acceptances)
    scrolled_to_end: bool = False
    box_checked: bool = False
    # Filled in by the store: hash chain for tamper evidence.
    prev_hash: str | None = None
    record_hash: str | None = None


class PostReview(Record):
    """A coordinator's decision on a submitted post: who, when, what, and why."""

    decision: Literal["approved", "changes_requested"]
    comment: Annotated[str, Field(max_length=2000)] = ""
    reviewer: Annotated[str, Field(min_length=1, max_length=200)]
    decided_at: UtcTime = Field(default_factory=utc_now)


class StudioPost(Record):
    """A post written in the content studio (from a hub template, or a quiz's writing exercise).

    `draft` and `findings` are what the ambassador saw when they last saved, submitted or
    marked the post as published: that is what coordinators review and reports count.
    An exercise's post is written with its answer, in the same transaction, and never changes
    afterwards: its draft is the answer's response and its findings the answer's findings.
    """

    post_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    source: Literal["hub", "exercise"]
    template_id: str | None = None
    quiz_id: str | None = None
    question_id: str | None = None
    attempt_id: str | None = None  # an exercise's: the attempt whose answer holds this draft
    network: Literal["linkedin", "x", "facebook", "instagram"]
    language: str
    draft: Annotated[str, Field(max_length=20_000)]
    findings: list[PostFinding] = []
    created_at: UtcTime = Field(default_factory=utc_now)
    updated_at: UtcTime = Field(default_factory=utc_now)
    submitted_at: UtcTime | None = None  # sent to the coordinators' review queue
    posted_at: UtcTime | None = None  # the ambassador said "I posted it"
    posted_url: Annotated[str, Field(max_length=2000)] | None = None
    reviews: list[PostReview] = []  # every decision, oldest first
    verdict_seen_at: UtcTime | None = None  # when the ambassador was shown the last decision

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def verdict(self) -> PostReview | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def awaiting_review(self) -> bool:
        """Submitted and not decided since the last submission."""
        if self.submitted_at is None:
            return False
        verdict = self.verdict
        return verdict is None or verdict.decided_at < self.submitted_at


class Position(Record):
    """Where "Continue" takes the learner."""

    kind: Literal["module", "quiz", "policy"]
    target_id: str
    page: int = 0  # module page
    question: int = 0  # index into the attempt's question_ids
    updated_at: UtcTime = Field(default_factory=utc_now)


class LearnerRecord(Record):
    """Everything about one learner, as read from the store in one go."""

    profile: LearnerProfile
    modules: dict[str, ModuleProgress] = {}
    attempts: list[QuizAttempt] = []
    policy_decisions: list[PolicyDecision] = []
    position: Position | None = None
    posts: list[StudioPost] = []  # the content studio's drafts and published posts

    def post(self, post_id: str) -> StudioPost | None:
        return next((p for p in self.posts if p.post_id == post_id), None)

    def attempts_for(self, quiz_id: str) -> list[QuizAttempt]:
        return [a for a in self.attempts if a.quiz_id == quiz_id]


__all__ = [
    "PARSED_UTC",
    "AnswerRecord",
    "LearnerId",
    "LearnerProfile",
    "LearnerRecord",
    "ModuleProgress",
    "PolicyDecision",
    "Position",
    "QuizAttempt",
    "Response",
    "UtcTime",
    "as_utc",
    "utc_now",
]
