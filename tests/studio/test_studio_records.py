"""An ambassador's studio posts live in their learner file; coordinators review them there."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.responses import GOOD_POST
from trainer.content.loader import load_course
from trainer.content.models import Course
from trainer.learning.records import LearnerProfile
from trainer.posts.links import EMAIL
from trainer.session import LearnerSession
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import AmbassadorPosts, pseudonym
from trainer.studio.drafts import (
    IdeaFilter,
    campaign_link,
    fill_placeholders,
    post_ideas,
    share_url,
)
from trainer.studio.figures import studio_figures
from trainer.studio.review import decide, review_queue

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def course() -> Course:
    loaded = load_course(REPO).course
    assert loaded is not None
    return loaded


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


def ambassador(folder: DataFolder, name: str = "Anna Nowak", team: str = "Płatności") -> str:
    profile = LearnerProfile(
        learner_id=folder.new_learner_id(name, f"{name.split()[0].lower()}@przykladowa.pl"),
        name=name,
        email=f"{name.split()[0].lower()}@przykladowa.pl",
        team=team,
    )
    return folder.create_learner(profile).learner_id


def test_post_ideas_hide_expired_templates_and_filter(course: Course) -> None:
    today = dt.date(2026, 11, 30)
    every = {t.id for t in post_ideas(course, IdeaFilter(), today)}
    assert "christmas-campaign-2025" not in every and "blog-article" in every
    on_x = post_ideas(course, IdeaFilter(network="x"), today)
    assert on_x and all("x" in t.networks for t in on_x)
    hiring = {t.id for t in post_ideas(course, IdeaFilter(topic="hiring", lang="en"), today)}
    assert hiring == {"job-offer-data-analyst", "employee-referral"}


def test_a_template_is_filled_from_the_profile_with_a_pseudonymous_campaign_link(
    course: Course, folder: DataFolder
) -> None:
    learner_id = ambassador(folder)
    profile = folder.learner(learner_id).read().profile
    template = course.hub_template("job-offer-data-analyst")
    ref = pseudonym(learner_id, folder.root)
    assert ref == pseudonym(learner_id, folder.root) and len(ref) == 12
    link = campaign_link(template, "linkedin", course.config.posts, ref)
    assert link == (
        "https://przykladowa.pl/kariera/analityk-danych?utm_source=linkedin&utm_medium=social"
        f"&utm_campaign=job-offer-data-analyst&utm_content={ref}"
    )
    assert EMAIL.search(link) is None and "anna" not in link
    text = fill_placeholders(template.text("pl").post, profile, course.config.posts, link)
    assert "do zespołu Płatności osoby" in text and link in text
    assert "{{co_lubisz_w_pracy}}" in text  # the ambassador's own words are left to them


def test_an_ambassador_saves_marks_posted_and_the_record_keeps_what_they_saw(
    course: Course, folder: DataFolder
) -> None:
    learner_id = ambassador(folder)
    posts = AmbassadorPosts(folder.learner(learner_id), course.config.posts)
    post = posts.new(
        source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
    )
    saved = posts.save(post, "Szukamy ludzi do zespołu!")
    assert [f.code for f in saved.findings] == ["missing-disclosure"]
    good = "[REKLAMA] Pracuję w Przykładowej i polecam nasz nowy artykuł."
    posted = posts.mark_posted(saved, good, "https://www.linkedin.com/feed/update/urn:li:1")
    record = folder.learner(learner_id).read()
    assert record.posts == [posted]
    assert posted.findings == [] and posted.posted_at is not None
    with pytest.raises(ValueError, match="https"):
        posts.mark_posted(saved, good, "javascript:alert(1)")


def test_a_coordinator_decision_is_stored_with_who_and_when_and_shown_once(
    course: Course, folder: DataFolder
) -> None:
    learner_id = ambassador(folder)
    posts = AmbassadorPosts(folder.learner(learner_id), course.config.posts)
    post = posts.new(source="hub", network="x", language="en", draft="#ad Przykładowa rocks")
    submitted = posts.submit(post, "#ad Przykładowa is hiring!")
    queue = review_queue(folder)
    assert [q.post.post_id for q in queue] == [submitted.post_id]
    with pytest.raises(ValueError, match="comment"):
        decide(
            folder,
            learner_id,
            post.post_id,
            decision="changes_requested",
            comment=" ",
            reviewer="hr@przykladowa.pl",
        )
    decided = decide(
        folder,
        learner_id,
        post.post_id,
        decision="changes_requested",
        comment="Dodaj link do oferty.",
        reviewer="hr@przykladowa.pl",
    )
    assert decided.verdict is not None and decided.verdict.reviewer == "hr@przykladowa.pl"
    assert review_queue(folder) == []
    # The ambassador's stale copy saved later does not drop the decision.
    posts.save(submitted, "#ad Przykładowa is hiring! https://przykladowa.pl/jobs")
    assert folder.learner(learner_id).read().posts[0].reviews == decided.reviews
    unseen = posts.unseen_verdicts()
    assert [p.post_id for p in unseen] == [post.post_id]
    posts.mark_seen(unseen)
    assert posts.unseen_verdicts() == []
    again = posts.submit(folder.learner(learner_id).read().posts[0], "#ad Przykładowa is hiring!")
    assert again.awaiting_review and len(review_queue(folder)) == 1


def test_studio_figures_count_templates_by_team_posted_reviews_and_broken_rules(
    course: Course, folder: DataFolder
) -> None:
    for name, team in (("Anna Nowak", "Płatności"), ("Jan Kowalski", "IT")):
        learner_id = ambassador(folder, name, team)
        posts = AmbassadorPosts(folder.learner(learner_id), course.config.posts)
        post = posts.new(
            source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
        )
        posts.mark_posted(post, "Bez oznaczenia {{x}}", None)
        # The writing exercise's draft goes to review with the answer (source "exercise").
        session = LearnerSession(course, folder.learner(learner_id), folder, "pl")
        attempt = session.begin_quiz("content")
        session.answer(attempt.attempt_id, "team-event-post", GOOD_POST["pl"], hint_used=False)
        [exercise] = [q.post for q in review_queue(folder) if q.profile.learner_id == learner_id]
        decide(folder, learner_id, exercise.post_id, decision="approved", comment="", reviewer="hr")
    figures = studio_figures(folder.read_all())
    assert figures.ambassadors_writing == 2 and figures.posts == 2
    assert (figures.posted, figures.submitted, figures.approved) == (2, 2, 2)
    assert figures.exercises == 2 and figures.exercise_pass_rate == 1.0
    assert figures.review_by_source["exercise"]["approved"] == 2
    assert figures.templates_by_team == {
        "IT": {"blog-article": 1},
        "Płatności": {"blog-article": 1},
    }
    assert figures.findings[:2] == [("missing-disclosure", 2), ("unfilled-placeholder", 2)]


def test_share_pages_exist_where_the_network_has_one() -> None:
    assert share_url("linkedin", "x", "https://przykladowa.pl/a?utm_source=linkedin") == (
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fprzykladowa.pl%2Fa"
        "%3Futm_source%3Dlinkedin"
    )
    assert (
        share_url("x", "#ad Zażółć", None)
        == "https://x.com/intent/post?text=%23ad%20Za%C5%BC%C3%B3%C5%82%C4%87"
    )
    assert share_url("instagram", "x", "https://a.pl") is None
    assert share_url("linkedin", "x", None) is None


def test_xapi_has_a_submit_and_an_approve_statement_for_a_studio_post(
    course: Course, folder: DataFolder
) -> None:
    from trainer.export.xapi import VERB_APPROVED, VERB_SUBMITTED, XapiStatements

    learner_id = ambassador(folder)
    posts = AmbassadorPosts(folder.learner(learner_id), course.config.posts)
    post = posts.new(
        source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
    )
    posts.submit(post, "[REKLAMA] Pracuję w Przykładowej.")
    decide(folder, learner_id, post.post_id, decision="approved", comment="", reviewer="hr:marta")
    record = folder.learner(learner_id).read()
    statements = [
        s
        for s in XapiStatements(course).learner_statements(record)
        if s["verb"]["id"] in (VERB_SUBMITTED, VERB_APPROVED)
    ]
    assert [s["verb"]["display"]["en-US"] for s in statements] == ["submitted", "approved"]
    assert all(s["object"]["id"].endswith(f"posts/{post.post_id}") for s in statements)
    assert statements[0]["result"]["success"] is True
    extensions = statements[1]["context"]["extensions"]
    assert "hr:marta" in extensions.values() and "blog-article" in extensions.values()


def test_the_studio_key_is_made_once_even_when_processes_race(tmp_path: Path) -> None:
    import multiprocessing

    from trainer.studio.ambassador import studio_secret

    root = tmp_path / "data"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        keys = pool.map(studio_secret, [root] * 8)
    assert len(set(keys)) == 1 and len(keys[0]) == 32
    assert sorted(p.name for p in root.iterdir()) == ["studio-secret"]


def test_a_published_post_is_a_share_statement_that_meets_the_spec(
    course: Course, folder: DataFolder
) -> None:
    from tests.export.xapi_spec import validate_statement
    from trainer.export.xapi import VERB_SHARED, XapiStatements

    learner_id = ambassador(folder)
    posts = AmbassadorPosts(folder.learner(learner_id), course.config.posts)
    post = posts.new(source="hub", network="x", language="pl", draft="x")
    link = "https://x.com/anna/status/1"
    posts.mark_posted(post, "[REKLAMA] Pracuję w Przykładowej.", link)
    statements = list(XapiStatements(course).learner_statements(folder.learner(learner_id).read()))
    for statement in statements:
        validate_statement(json.loads(json.dumps(statement)))
    [shared] = [s for s in statements if s["verb"]["id"] == VERB_SHARED]
    assert shared["verb"]["display"] == {"en-US": "shared"}
    assert shared["object"]["id"].endswith(f"posts/{post.post_id}")
    assert link not in json.dumps(shared)
