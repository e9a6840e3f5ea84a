"""Drafts written in writing exercises go to the coordinators' review queue, as the hub's do.

Ola answers the sample course's writing exercise through her session (a real data folder);
the answer that was graded and the review item are one draft, written in one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.responses import BAD_POST, GOOD_POST
from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.learning.exercise_review import exercise_post_id
from trainer.learning.records import LearnerProfile, StudioPost
from trainer.locations import bundled_course_dir
from trainer.posts.rules import PostRules
from trainer.session import LearnerSession
from trainer.store.errors import RuleRefusedError, StoreError
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import AmbassadorPosts
from trainer.studio.figures import figure_rows, studio_figures
from trainer.studio.review import decide, review_queue

QUESTION = "team-event-post"


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load_course(bundled_course_dir()).course
    assert loaded is not None
    return loaded


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    folder = DataFolder(tmp_path / "data")
    folder.create_learner(
        LearnerProfile(learner_id="ola", name="Ola Wiśniewska", email="ola@firma.pl", team="IT")
    )
    return folder


def session(course: Course, folder: DataFolder) -> LearnerSession:
    return LearnerSession(course, folder.learner("ola"), folder, "pl")


def answer_exercise(course: Course, folder: DataFolder, draft: str) -> tuple[str, StudioPost]:
    """Ola opens the content quiz, writes `draft` in its writing exercise, and finishes."""
    ola = session(course, folder)
    attempt = ola.begin_quiz("content")
    ola.answer(attempt.attempt_id, QUESTION, draft, hint_used=False)
    ola.finish_quiz(attempt.attempt_id)
    post = folder.learner("ola").read().post(exercise_post_id(attempt.attempt_id, QUESTION))
    assert post is not None
    return attempt.attempt_id, post


def test_an_exercise_draft_is_in_the_review_queue_as_it_was_graded(
    course: Course, folder: DataFolder
) -> None:
    attempt_id, post = answer_exercise(course, folder, BAD_POST)
    record = folder.learner("ola").read()
    [answer] = [a for a in record.attempts[0].answers if a.question_id == QUESTION]
    assert (post.source, post.quiz_id, post.question_id, post.attempt_id) == (
        "exercise",
        "content",
        QUESTION,
        attempt_id,
    )
    assert post.draft == answer.response == BAD_POST
    assert answer.findings is not None
    assert [(f.code, f.level, f.line, f.col) for f in post.findings] == [
        (f.code, f.level, f.line, f.col) for f in answer.findings
    ]
    assert post.network == "linkedin" and post.language == "pl"
    assert post.submitted_at == answer.answered_at and post.awaiting_review
    [queued] = review_queue(folder)
    assert queued.post == post and queued.profile.name == "Ola Wiśniewska"


def test_answering_again_never_makes_a_second_review_item(
    course: Course, folder: DataFolder
) -> None:
    """A retry of the same save (a second window, a resumed session) is refused as a second
    answer, and the review item stays single."""
    ola = session(course, folder)
    attempt = ola.begin_quiz("content")
    ola.answer(attempt.attempt_id, QUESTION, GOOD_POST["pl"], hint_used=False)
    other_window = session(course, folder)
    other_window.record = other_window.record.model_copy(
        update={"attempts": [attempt]}  # it had read the attempt before the answer was saved
    )
    with pytest.raises(RuleRefusedError):
        other_window.answer(attempt.attempt_id, QUESTION, BAD_POST, hint_used=False)
    record = folder.learner("ola").read()
    assert len(record.posts) == 1 and record.posts[0].draft == GOOD_POST["pl"]
    assert len(review_queue(folder)) == 1


def test_the_store_refuses_a_review_item_that_differs_from_the_answer(
    course: Course, folder: DataFolder
) -> None:
    from trainer.learning.attempts import answer_question
    from trainer.learning.exercise_review import exercise_post

    store = folder.learner("ola")
    quiz = course.quizzes["content"]
    ola = session(course, folder)
    attempt = ola.begin_quiz("content")
    answer = answer_question(attempt, quiz, QUESTION, BAD_POST)
    question = quiz.text("pl").question(QUESTION)
    post = exercise_post(attempt, question, answer)  # type: ignore[arg-type]
    for forged in (
        post.model_copy(update={"draft": GOOD_POST["pl"]}),
        post.model_copy(update={"findings": []}),
        post.model_copy(update={"question_id": "other"}),
        post.model_copy(update={"post_id": "0" * 32}),
    ):
        with pytest.raises(StoreError, match="nothing was saved"):
            store.record_answer(attempt.attempt_id, answer, post=forged)
    assert store.read().posts == [] and store.read().attempts[0].answers == []
    # An exercise's post cannot be made, or rewritten, outside its answer.
    with pytest.raises(StoreError, match="saved with its answer only"):
        store.save_post(post)
    store.record_answer(attempt.attempt_id, answer, post=post)
    with pytest.raises(StoreError, match="cannot be changed"):
        store.save_post(post.model_copy(update={"draft": GOOD_POST["pl"]}))
    assert store.read().posts == [post]


def test_the_coordinators_decision_reaches_the_learner_at_next_sign_in(
    course: Course, folder: DataFolder
) -> None:
    _, post = answer_exercise(course, folder, GOOD_POST["pl"])
    decide(folder, "ola", post.post_id, decision="approved", comment="Super!", reviewer="hr")
    assert review_queue(folder) == []
    posts = AmbassadorPosts(folder.learner("ola"), course.config.posts)
    [unseen] = posts.unseen_verdicts()
    assert unseen.post_id == post.post_id and unseen.verdict is not None
    assert (unseen.verdict.decision, unseen.verdict.comment) == ("approved", "Super!")
    posts.mark_seen([unseen])  # the sign-in screen records that she saw it
    assert posts.unseen_verdicts() == []
    saved = folder.learner("ola").read().post(post.post_id)
    assert saved is not None and saved.draft == GOOD_POST["pl"]


def test_review_can_be_switched_off_per_course_and_per_exercise(
    course: Course, folder: DataFolder
) -> None:
    quiz = course.quizzes["content"]
    off = quiz.model_copy(update={"post_rules": PostRules(review_exercises=False)})
    quiet = course.model_copy(update={"quizzes": {**course.quizzes, "content": off}})
    answer_exercise_without_review(quiet, folder)
    assert folder.learner("ola").read().posts == []
    # `review=yes` on the exercise wins over the course's default.
    text = off.text("pl")
    questions = tuple(
        q.model_copy(update={"review": True}) if q.id == QUESTION else q for q in text.questions
    )
    forced = off.model_copy(
        update={"texts": {**off.texts, "pl": text.model_copy(update={"questions": questions})}}
    )
    loud = course.model_copy(update={"quizzes": {**course.quizzes, "content": forced}})
    _, post = answer_exercise(loud, folder, GOOD_POST["pl"])
    assert [p.post_id for p in folder.learner("ola").read().posts] == [post.post_id]


def answer_exercise_without_review(course: Course, folder: DataFolder) -> None:
    ola = session(course, folder)
    attempt = ola.begin_quiz("content")
    ola.answer(attempt.attempt_id, QUESTION, BAD_POST, hint_used=False)
    ola.finish_quiz(attempt.attempt_id)


def test_a_preview_never_sends_anything_for_review(course: Course) -> None:
    preview = LearnerSession.preview(course, "pl")
    attempt = preview.begin_quiz("content")
    preview.answer(attempt.attempt_id, QUESTION, GOOD_POST["pl"], hint_used=False)
    assert preview.record.posts == []


def test_reports_count_an_exercise_draft_once_and_its_review_by_source(
    course: Course, folder: DataFolder
) -> None:
    _, first = answer_exercise(course, folder, BAD_POST)
    answer_exercise(course, folder, GOOD_POST["pl"])
    decide(
        folder, "ola", first.post_id, decision="changes_requested", comment="#sp?", reviewer="hr"
    )
    hub = AmbassadorPosts(folder.learner("ola"), course.config.posts)
    post = hub.new(source="hub", network="linkedin", language="pl", draft="", template_id="x")
    hub.submit(post, "[REKLAMA] Pracuję w Przykładowej.")
    figures = studio_figures(folder.read_all())
    assert (figures.exercises, figures.exercises_passed) == (2, 1)
    assert (figures.posts, figures.ambassadors_writing) == (1, 1)
    assert (figures.submitted, figures.changes_requested, figures.awaiting_review) == (3, 1, 2)
    assert figures.review_by_source == {
        "exercise": {"submitted": 2, "approved": 0, "changes_requested": 1, "awaiting_review": 1},
        "hub": {"submitted": 1, "approved": 0, "changes_requested": 0, "awaiting_review": 1},
    }
    # The bad draft's broken rules are counted once (from the answer), not again as a post.
    assert dict(figures.findings)["cryptic-disclosure"] == 1
    rows = [r for r in figure_rows(figures) if r["figure"] == "submitted"]
    assert [(r["source"], r["value"]) for r in rows] == [("", 3), ("exercise", 2), ("hub", 1)]
    json.dumps(figure_rows(figures))


def test_xapi_says_the_exercise_draft_was_submitted_and_approved(
    course: Course, folder: DataFolder
) -> None:
    from tests.export.xapi_spec import validate_statement
    from trainer.export.xapi import VERB_ANSWERED, VERB_APPROVED, VERB_SUBMITTED, XapiStatements

    _, post = answer_exercise(course, folder, GOOD_POST["pl"])
    decide(folder, "ola", post.post_id, decision="approved", comment="", reviewer="hr:marta")
    statements = list(XapiStatements(course).learner_statements(folder.learner("ola").read()))
    for statement in statements:
        validate_statement(json.loads(json.dumps(statement)))
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs.count(VERB_ANSWERED) == 1  # the graded answer, once
    [submitted] = [s for s in statements if s["verb"]["id"] == VERB_SUBMITTED]
    [approved] = [s for s in statements if s["verb"]["id"] == VERB_APPROVED]
    for statement in (submitted, approved):
        assert statement["object"]["id"].endswith(f"posts/{post.post_id}")
        assert "exercise" in statement["context"]["extensions"].values()
