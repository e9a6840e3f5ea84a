"""The coordinators' review queue: submitted posts across the data folder, and decisions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from trainer.audit import record
from trainer.learning.records import LearnerProfile, PostReview, StudioPost
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder, ErrorCallback


@dataclass(frozen=True)
class QueuedPost:
    profile: LearnerProfile
    post: StudioPost


def review_queue(
    data: DataFolder,
    *,
    include_decided: bool = False,
    on_error: ErrorCallback | None = None,
) -> list[QueuedPost]:
    """Submitted posts awaiting a decision (oldest first); with `include_decided`, all.

    A learner file that cannot be read is skipped and told to `on_error` when given; the
    dashboard's warning row, exports and `trainer verify` name such learners in any case, so
    the queue opens for everyone else and never silently looks shorter than it is.
    """
    queued = [
        QueuedPost(learner.profile, post)
        for learner in data.read_all(on_error or _named_elsewhere)
        for post in learner.posts
        if post.submitted_at is not None and (include_decided or post.awaiting_review)
    ]
    return sorted(queued, key=lambda q: q.post.submitted_at or q.post.created_at)


def _named_elsewhere(error: StoreError) -> None:
    """An unreadable or set-aside learner has no posts to review here; the dashboard's warning
    row, exports and `trainer verify` name them (the queue must not stop for everyone else)."""


def decide(
    data: DataFolder,
    learner_id: str,
    post_id: str,
    *,
    decision: str,
    comment: str,
    reviewer: str,
) -> StudioPost:
    """Record a coordinator's decision in the ambassador's record (who, when, why)."""
    if decision == "changes_requested" and not comment.strip():
        raise ValueError("say what to change: a request for changes needs a comment")
    review = PostReview(
        decision=decision,
        comment=comment.strip(),
        reviewer=reviewer,
    )
    decided = data.learner(learner_id).review_post(post_id, review)
    # The learner's record holds the decision; the audit trail says a coordinator made one.
    record(
        data,
        reviewer,
        "review.decision",
        {"learner": learner_id, "post": post_id, "decision": decision},
        now=review.decided_at,
    )
    return decided


def decided_posts(data: DataFolder) -> Iterator[QueuedPost]:
    for learner in data.read_all(on_error=_named_elsewhere):
        for post in learner.posts:
            if post.reviews:
                yield QueuedPost(learner.profile, post)
