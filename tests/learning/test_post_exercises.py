"""Writing exercises in quizzes: a trainer writes a ```post block, a learner writes a post,
the post checker decides, and the draft with its findings is kept and exported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.content.conftest import COURSE_YML, POLICY, module
from tests.export.xapi_spec import validate_statement
from tests.responses import BAD_POST, GOOD_POST
from trainer.content.loader import load_course
from trainer.content.markdown_source import MarkdownBody
from trainer.content.models import Course, PostExercise
from trainer.content.quiz_questions import ParsedQuizBody, parse_quiz_body
from trainer.export.learner_lines import learner_line
from trainer.export.xapi import VERB_ANSWERED, XapiStatements
from trainer.learning.attempts import answer_question, finish, new_attempt
from trainer.learning.errors import InvalidResponse
from trainer.learning.grading import grade_answer
from trainer.learning.records import LearnerProfile
from trainer.locations import bundled_course_dir
from trainer.posts.rules import PostRules
from trainer.store.folder import DataFolder
from trainer.studio.figures import studio_figures

RULES = PostRules(brand=["Przykładowa"])
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

EXERCISE = """\
## Write a post about the team event {#team-event points=2}

> Say that you work here in the first line.

Finish the post.

```post network=linkedin lang=en require=disclosure,placeholders
On Saturday my team ran a workshop in {{city}}.
```

The checker is the same as in the studio.
"""


def parse(body: str) -> ParsedQuizBody:
    return parse_quiz_body(MarkdownBody.parse(body, 0, task_lists=True), "quizzes/q.md")


def diagnostics(body: str) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}: {d.code}" for d in parse(body).diagnostics]


def exercise(body: str = EXERCISE) -> PostExercise:
    [question] = parse(body).questions
    assert isinstance(question, PostExercise)
    return question


# --- the trainer writes it ------------------------------------------------------------------


def test_a_post_block_makes_a_writing_exercise_with_its_settings_hint_and_explanation() -> None:
    parsed = parse(EXERCISE)
    assert parsed.diagnostics == []
    question = exercise()
    assert (question.id, question.points, question.network, question.lang) == (
        "team-event",
        2,
        "linkedin",
        "en",
    )
    assert question.require == ("disclosure", "placeholders")
    assert question.template == "On Saturday my team ran a workshop in {{city}}."
    assert question.prompt == "Write a post about the team event\n\nFinish the post."
    assert question.hint == "Say that you work here in the first line."
    assert question.explanation == "The checker is the same as in the studio."


def test_an_empty_block_starts_with_an_empty_editor_and_lang_is_optional() -> None:
    question = exercise("## Write {#w}\n\n```post network=x\n```\n")
    assert (question.template, question.lang, question.require) == ("", None, ())


@pytest.mark.parametrize(
    ("fence", "expected"),
    [
        ("```post network=myspace", "quizzes/q.md:3:9: unknown-post-network"),
        ("```post network=x lang=de", "quizzes/q.md:3:19: unknown-post-language"),
        ("```post network=x require=disclosure,rhyme", "quizzes/q.md:3:19: unknown-post-rule"),
        ("```post network=x colour=red", "quizzes/q.md:3:19: unknown-post-attribute"),
        ("```post lang=en", "quizzes/q.md:3:4: post-without-network"),
    ],
)
def test_wrong_settings_are_reported_at_their_line_and_column(fence: str, expected: str) -> None:
    body = f"## Write {{#w}}\n\n{fence}\nText\n```\n"
    assert diagnostics(body) == [expected]
    assert parse(body).questions == ()


def test_a_finding_code_can_be_required_as_well_as_a_rule_name() -> None:
    question = exercise("## Write {#w}\n\n```post network=x require=cryptic-disclosure\n```\n")
    assert question.require == ("cryptic-disclosure",)


def test_a_post_block_with_a_checkbox_list_or_a_second_block_is_refused() -> None:
    mixed = "## Write {#w}\n\n```post network=x\n```\n\n1. [x] a\n1. [ ] b\n"
    assert diagnostics(mixed) == ["quizzes/q.md:1:1: mixed-question-kinds"]
    twice = "## Write {#w}\n\n```post network=x\n```\n\n```post network=x\n```\n"
    assert diagnostics(twice) == ["quizzes/q.md:6:1: multiple-post-blocks"]


def test_other_code_blocks_stay_part_of_the_prompt(tmp_path: Path) -> None:
    body = "## Which? {#w}\n\n```text\n#ad\n```\n\n1. [x] a\n1. [ ] b\n"
    [question] = parse(body).questions
    assert question.kind == "single"
    assert "#ad" in question.prompt


@pytest.fixture
def course_with_quiz(tmp_path: Path) -> Path:
    """A course in Polish and English whose English quiz moved the exercise to X."""
    root = tmp_path / "course"
    quiz = "---\nid: check\ntitle: Check\npass: 0.5\n---\n"
    files = {
        "course.yml": COURSE_YML.replace("languages: [pl]", "languages: [pl, en]"),
        "policy/rules.md": POLICY,
        "modules/01-intro.md": module(),
        "quizzes/q.md": quiz + "## Napisz {#w}\n\n```post network=linkedin\n```\n",
        "quizzes/q.en.md": (
            "---\nid: check\ntitle: Check\n---\n\n## Write {#w}\n\n```post network=x\n```\n"
        ),
    }
    for relative, content in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")
    return root


def test_a_translation_must_keep_the_network_and_required_rules(course_with_quiz: Path) -> None:
    result = load_course(course_with_quiz)
    messages = [f"{d.path}:{d.line}: {d.code}: {d.message}" for d in result.errors]
    assert messages == [
        "quizzes/q.en.md:6: translation-structure: the question `w` does not match the "
        "original quizzes/q.md (line 6): the post is for `x` here but `linkedin` there; "
        "a translation changes only the words"
    ]


# --- the learner's draft is graded ------------------------------------------------------------


def sample_exercise(lang: str) -> PostExercise:
    course = load_course(bundled_course_dir()).course
    assert course is not None
    question = course.quizzes["content"].text(lang).question("team-event-post")
    assert isinstance(question, PostExercise)
    return question


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_disclosed_finished_post_passes_with_full_points(lang: str) -> None:
    course = load_course(bundled_course_dir()).course
    assert course is not None
    question = sample_exercise(lang)
    graded = grade_answer(
        question,
        GOOD_POST[lang],
        scoring="all-or-nothing",
        post_rules=course.config.posts,
        lang=lang,
    )
    assert (graded.points, graded.max_points, graded.correct) == (2, 2, True)
    assert graded.findings == ()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_starting_template_itself_does_not_pass(lang: str) -> None:
    question = sample_exercise(lang)
    graded = grade_answer(question, question.template, scoring="all-or-nothing", post_rules=RULES)
    assert (graded.points, graded.correct) == (0, False)
    assert graded.findings is not None
    assert {f.code for f in graded.findings} >= {"missing-disclosure", "unfilled-placeholder"}


def test_findings_keep_code_level_position_and_the_message_in_the_learners_language() -> None:
    question = exercise()
    graded = grade_answer(question, BAD_POST, scoring="all-or-nothing", post_rules=RULES, lang="pl")
    assert graded.findings is not None
    by_code = {f.code: f for f in graded.findings}
    cryptic = by_code["cryptic-disclosure"]
    assert (cryptic.level, cryptic.line, cryptic.col) == ("error", 1, BAD_POST.index("#sp") + 1)
    placeholder = by_code["unfilled-placeholder"]
    assert placeholder.col == BAD_POST.index("{{city}}") + 1
    assert "{{city}}" in placeholder.message
    assert by_code["missing-disclosure"].message.startswith("Brak oznaczenia")


def test_a_required_rule_fails_on_a_warning_that_would_not_stop_an_ordinary_post() -> None:
    # UOKiK: the label opens a Polish post; in the second line it is only a warning.
    late = (
        "W sobotę mój zespół poprowadził warsztaty z programowania dla licealistów z Gdańska.\n"
        "Pracuję w Przykładowej."
    )
    plain = exercise("## Write {#w}\n\n```post network=linkedin lang=pl\n```\n")
    strict = exercise("## Write {#w}\n\n```post network=linkedin lang=pl require=disclosure\n```\n")
    relaxed = grade_answer(plain, late, scoring="all-or-nothing", post_rules=RULES)
    assert relaxed.correct
    assert relaxed.findings is not None
    assert [(f.code, f.level) for f in relaxed.findings] == [("disclosure-not-at-start", "warning")]
    refused = grade_answer(strict, late, scoring="all-or-nothing", post_rules=RULES)
    assert (refused.correct, refused.points) == (False, 0)


def test_tips_never_stop_a_post_unless_their_rule_is_required() -> None:
    busy = (
        "I work at Przykładowa. Our team ran a coding workshop for students. "
        "#coding #workshop #students #python #teaching #community"
    )
    plain = exercise("## Write {#w}\n\n```post network=linkedin lang=en\n```\n")
    strict = exercise("## Write {#w}\n\n```post network=linkedin lang=en require=hashtags\n```\n")
    assert grade_answer(plain, busy, scoring="all-or-nothing", post_rules=RULES).correct
    assert not grade_answer(strict, busy, scoring="all-or-nothing", post_rules=RULES).correct


def test_require_disclosure_holds_even_when_the_course_switched_disclosure_off() -> None:
    lax = RULES.model_copy(
        update={"disclosure": RULES.disclosure.model_copy(update={"required": False})}
    )
    text = "On Saturday my team ran a coding workshop for students in Gdańsk."
    plain = exercise("## Write {#w}\n\n```post network=linkedin lang=en\n```\n")
    assert grade_answer(plain, text, scoring="all-or-nothing", post_rules=lax).correct
    strict = exercise("## Write {#w}\n\n```post network=linkedin lang=en require=disclosure\n```\n")
    assert not grade_answer(strict, text, scoring="all-or-nothing", post_rules=lax).correct


@pytest.mark.parametrize("response", [3, [0], None, "x" * 20_001])
def test_a_response_that_is_not_a_post_is_refused(response: object) -> None:
    with pytest.raises(InvalidResponse):
        grade_answer(exercise(), response, scoring="all-or-nothing")  # type: ignore[arg-type]


# --- stored, reviewed, exported ---------------------------------------------------------------


@pytest.fixture
def answered(tmp_path: Path) -> tuple[DataFolder, Course]:
    """Ola answers the sample course's writing exercise wrongly, then rightly (two attempts)."""
    course = load_course(bundled_course_dir()).course
    assert course is not None
    quiz = course.quizzes["content"]
    folder = DataFolder(tmp_path / "data")
    folder.create_learner(
        LearnerProfile(learner_id="ola", name="Ola Wiśniewska", email="ola@firma.pl", team="IT")
    )
    store = folder.learner("ola")
    now = NOW
    for draft in (BAD_POST, GOOD_POST["pl"]):
        attempt = new_attempt(quiz, store.read().attempts, lang="pl", seed=1, now=now)
        store.start_attempt(attempt)
        now += dt.timedelta(minutes=1)
        answer = answer_question(attempt, quiz, "team-event-post", draft, now=now)
        store.record_answer(attempt.attempt_id, answer, rule=lambda saved: None)
        done = finish(store.read().attempts_for(quiz.id)[-1], quiz, now=now)
        store.finish_attempt(
            attempt.attempt_id,
            finished_at=done.finished_at,
            score=done.score,
            max_score=done.max_score,
            passed=done.passed,
        )
        now += dt.timedelta(minutes=5)
    return folder, course


def test_the_store_keeps_the_draft_and_its_findings(answered: tuple[DataFolder, Course]) -> None:
    folder, _ = answered
    first, second = folder.learner("ola").read().attempts
    [wrong] = first.answers
    assert (wrong.response, wrong.correct, wrong.points, wrong.max_points) == (
        BAD_POST,
        False,
        0,
        2,
    )
    assert wrong.findings is not None
    assert {f.code for f in wrong.findings} >= {"cryptic-disclosure", "unfilled-placeholder"}
    assert all(f.message for f in wrong.findings)
    [right] = second.answers
    assert (right.response, right.correct, right.points, right.findings) == (
        GOOD_POST["pl"],
        True,
        2,
        [],
    )


def test_jsonl_carries_the_draft_and_findings(answered: tuple[DataFolder, Course]) -> None:
    folder, course = answered
    line = json.loads(learner_line(folder.learner("ola").read(), course))
    stored = line["record"]["attempts"][0]["answers"][0]
    assert stored["response"] == BAD_POST
    codes = {f["code"] for f in stored["findings"]}
    assert "cryptic-disclosure" in codes
    finding = next(f for f in stored["findings"] if f["code"] == "cryptic-disclosure")
    assert set(finding) == {"code", "level", "line", "col", "end_line", "end_col", "message", "fix"}


def test_xapi_has_an_answered_statement_with_the_draft_and_findings(
    answered: tuple[DataFolder, Course],
) -> None:
    folder, course = answered
    statements = list(XapiStatements(course).learner_statements(folder.learner("ola").read()))
    answered_statements = [s for s in statements if s["verb"]["id"] == VERB_ANSWERED]
    assert len(answered_statements) == 2
    for statement in answered_statements:
        validate_statement(statement)
    wrong, right = answered_statements
    assert wrong["object"]["id"].endswith("/quizzes/content/questions/team-event-post")
    assert wrong["object"]["definition"]["interactionType"] == "long-fill-in"
    assert wrong["result"]["response"] == BAD_POST
    assert wrong["result"]["success"] is False
    [findings] = wrong["result"]["extensions"].values()
    assert "cryptic-disclosure" in {f["code"] for f in findings}
    assert right["result"]["success"] is True
    assert right["result"]["score"] == {"raw": 2.0, "min": 0, "max": 2, "scaled": 1.0}


def test_the_studio_report_counts_exercise_answers_and_their_broken_rules(
    answered: tuple[DataFolder, Course],
) -> None:
    folder, _ = answered
    figures = studio_figures(folder.read_all())
    assert (figures.exercises, figures.exercises_passed) == (2, 1)
    assert "cryptic-disclosure" in dict(figures.findings)
