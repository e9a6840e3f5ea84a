"""Writing exercises in the coordinators' review queue: the post that carries an answer's draft.

An exercise's draft is graded once, when the answer is saved. When the exercise is reviewed
(`review=yes` on its ```` ```post ```` block, else course.yml's `posts.review_exercises`), the
same transaction writes a `StudioPost` built here from the answer: the same text, the same
findings (without the worded message, which the answer keeps), an id derived from the attempt
and question so that saving the answer again can never make a second review item. The store
checks `submission_problem` before it writes, so the two records cannot disagree.
"""

from __future__ import annotations

import hashlib

from trainer.content.models import PostExercise
from trainer.learning.records import (
    AnswerRecord,
    DraftFinding,
    PostFinding,
    QuizAttempt,
    StudioPost,
)
from trainer.posts.rules import PostRules

_FINDING_FIELDS = set(PostFinding.model_fields)


def sends_for_review(question: PostExercise, rules: PostRules) -> bool:
    """The exercise's own `review=` when written, else the course's `posts.review_exercises`."""
    return rules.review_exercises if question.review is None else question.review


def exercise_post_id(attempt_id: str, question_id: str) -> str:
    """One review item per answered exercise, whatever retries or resumes happen."""
    digest = hashlib.sha256(f"exercise\0{attempt_id}\0{question_id}".encode())
    return digest.hexdigest()[:32]


def as_post_finding(finding: DraftFinding) -> PostFinding:
    return PostFinding.model_validate(finding.model_dump(include=_FINDING_FIELDS))


def exercise_post(attempt: QuizAttempt, question: PostExercise, answer: AnswerRecord) -> StudioPost:
    """The review item for `answer` (a graded writing exercise of `attempt`), sent as answered."""
    if not isinstance(answer.response, str) or answer.findings is None:
        raise ValueError(f"{answer.question_id}: not a graded writing exercise")
    return StudioPost(
        post_id=exercise_post_id(attempt.attempt_id, answer.question_id),
        source="exercise",
        quiz_id=attempt.quiz_id,
        question_id=answer.question_id,
        attempt_id=attempt.attempt_id,
        network=question.network,
        language=question.lang or attempt.language,
        draft=answer.response,
        findings=[as_post_finding(f) for f in answer.findings],
        created_at=answer.answered_at,
        updated_at=answer.answered_at,
        submitted_at=answer.answered_at,
    )


def submission_problem(
    attempt_id: str, quiz_id: str, answer: AnswerRecord, post: StudioPost
) -> str | None:
    """Why `post` is not the review item of `answer`, or None when it is."""
    if post.source != "exercise":
        return "an exercise's review item has source 'exercise'"
    if (post.attempt_id, post.quiz_id, post.question_id) != (
        attempt_id,
        quiz_id,
        answer.question_id,
    ):
        return "the review item names another attempt, quiz or question than the answer"
    if post.post_id != exercise_post_id(attempt_id, answer.question_id):
        return "the review item's id is not the one derived from its attempt and question"
    if answer.findings is None or post.draft != answer.response:
        return "the review item's draft is not the answer's draft"
    if post.findings != [as_post_finding(f) for f in answer.findings]:
        return "the review item's findings are not the answer's findings"
    if post.submitted_at != answer.answered_at or post.reviews:
        return "the review item is sent when the answer is saved, and not yet decided"
    return None
