"""The coordinators' review queue: submitted posts across the data folder, and decisions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from trainer.learning.records import LearnerProfile, PostReview, StudioPost
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder


@dataclass(frozen=True)
class QueuedPost:
    profile: LearnerProfile
    post: StudioPost


def review_queue(data: DataFolder, *, include_decided: bool = False) -> list[QueuedPost]:
    """Submitted posts awaiting a decision (oldest first); with `include_decided`, all."""
    queued = [
        QueuedPost(record.profile, post)
        for record in data.read_all(on_error=_named_elsewhere)
        for post in record.posts
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
    return data.learner(learner_id).review_post(post_id, review)


def decided_posts(data: DataFolder) -> Iterator[QueuedPost]:
    for record in data.read_all(on_error=_named_elsewhere):
        for post in record.posts:
            if post.reviews:
                yield QueuedPost(record.profile, post)
