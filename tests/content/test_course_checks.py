"""Checks across files: ids, references, prerequisites, tracks, course.yml, translations."""

from __future__ import annotations

from tests.content.conftest import COURSE_YML, QUIZ, WriteCourse, found, load, module, only

BILINGUAL = COURSE_YML.replace("languages: [pl]", "languages: [pl, en]")


def test_duplicate_module_ids_name_the_other_file(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/02-again.md": module("intro")}))
    problem = only(result, "duplicate-id")
    assert (problem.path, problem.line) == ("modules/02-again.md", 2)
    assert "also used by modules/01-intro.md (line 2)" in problem.message


def test_duplicate_quiz_ids(write_course: WriteCourse) -> None:
    result = load(write_course({"quizzes/other.md": QUIZ}))
    assert ("quizzes/other.md", 2, "duplicate-id") in found(result)


def test_two_modules_with_the_same_number(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/01-other.md": module("other")}))
    problem = only(result, "duplicate-module-number")
    assert problem.path == "modules/01-other.md"


def test_requires_naming_an_unknown_module_points_at_the_item(write_course: WriteCourse) -> None:
    extra = "requires:\n  - intro\n  - intor\n"
    result = load(write_course({"modules/02-next.md": module("next", extra=extra)}))
    problem = only(result, "dangling-requires")
    assert (problem.line, problem.col) == (9, 5)
    assert problem.message.endswith("did you mean `intro`?")


def test_a_quiz_reference_to_nowhere(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/01-intro.md": module(quiz="chek")}))
    problem = only(result, "dangling-quiz")
    assert problem.line == 6
    assert "did you mean `check`?" in problem.message


def test_the_course_policy_must_exist(write_course: WriteCourse) -> None:
    config = COURSE_YML.replace("policy: rules", "policy: rulez")
    problem = only(load(write_course({"course.yml": config})), "dangling-policy")
    assert (problem.path, problem.line) == ("course.yml", 8)


def test_a_prerequisite_cycle_is_named_in_full(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "modules/01-intro.md": module("intro", extra="requires: [gamma]\n"),
                "modules/02-beta.md": module("beta", extra="requires: [intro]\n"),
                "modules/03-gamma.md": module("gamma", extra="requires: [beta]\n"),
            }
        )
    )
    problem = only(result, "prerequisite-cycle")
    assert (problem.path, problem.line) == ("modules/01-intro.md", 7)
    assert problem.message.startswith("prerequisite cycle: intro → gamma → beta → intro")


def test_a_module_requiring_itself_is_a_cycle(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/01-intro.md": module(extra="requires: [intro]\n")}))
    assert "intro → intro" in only(result, "prerequisite-cycle").message


def test_two_separate_cycles_are_both_reported(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "modules/02-a.md": module("a", extra="requires: [b]\n"),
                "modules/03-b.md": module("b", extra="requires: [a]\n"),
                "modules/04-c.md": module("c", extra="requires: [d]\n"),
                "modules/05-d.md": module("d", extra="requires: [c, intro]\n"),
            }
        )
    )
    cycles = {d.path for d in result.diagnostics if d.code == "prerequisite-cycle"}
    assert cycles == {"modules/02-a.md", "modules/04-c.md"}


def test_a_track_not_in_course_yml(write_course: WriteCourse) -> None:
    text = module().replace("track: basics", "track: advanced")
    problem = only(load(write_course({"modules/01-intro.md": text})), "unknown-track")
    assert problem.line == 4


def test_a_module_without_quiz_is_only_a_warning(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/01-intro.md": module(quiz=None)}))
    warning = only(result, "module-without-quiz")
    assert warning.severity == "warning"
    assert result.ok and result.course is not None


def test_completion_rule_must_name_real_modules_and_quizzes(write_course: WriteCourse) -> None:
    config = COURSE_YML + "completion:\n  modules: [intro, outro]\n  quizzes: [check, exam]\n"
    result = load(write_course({"course.yml": config}))
    assert {(d.line, d.code) for d in result.diagnostics} == {
        (10, "unknown-completion-id"),
        (11, "unknown-completion-id"),
    }


def test_course_yml_language_and_track_consistency(write_course: WriteCourse) -> None:
    config = (
        COURSE_YML.replace("default_language: pl", "default_language: de")
        .replace("languages: [pl]", "languages: [pl, pl]")
        .replace("tracks:\n", "tracks:\n  - id: basics\n    title: Again\n")
    )
    result = load(write_course({"course.yml": config}))
    assert {(d.line, d.code) for d in result.errors} == {
        (3, "language-not-offered"),
        (4, "duplicate-id"),
        (8, "duplicate-id"),
    }


# --- translations ---------------------------------------------------------------------------

TRANSLATED_QUIZ = """\
---
id: check
title: Check (en)
---
## Right or wrong? {#right-or-wrong}

1. [x] Right
2. [ ] Wrong
"""


def test_translations_are_merged_into_the_course(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "course.yml": BILINGUAL,
                "modules/01-intro.en.md": "---\nid: intro\ntitle: Intro (en)\n---\nText.\n",
                "quizzes/check.en.md": TRANSLATED_QUIZ,
                "policy/rules.en.md": "---\nid: rules\ntitle: Rules (en)\n---\nBe nice.\n",
            }
        )
    )
    assert result.diagnostics == []
    assert result.course is not None
    assert result.course.modules[0].text("en").title == "Intro (en)"
    assert result.course.modules[0].text("de").title == "Intro"  # falls back to the default
    assert result.course.quizzes["check"].text("en").title == "Check (en)"
    english = result.course.policy.text("en")
    assert (english.body, english.version) == ("Be nice.", "1")
    assert english.sha256 != result.course.policy.text("pl").sha256


def test_a_missing_translation_is_a_warning(write_course: WriteCourse) -> None:
    result = load(write_course({"course.yml": BILINGUAL}))
    assert {(d.path, d.code, d.severity) for d in result.diagnostics} == {
        ("modules/01-intro.md", "missing-translation", "warning"),
        ("quizzes/check.md", "missing-translation", "warning"),
        ("policy/rules.md", "missing-translation", "warning"),
    }
    assert "`01-intro.en.md`" in result.diagnostics[0].message
    assert result.course is not None


def test_a_translation_whose_answers_differ(write_course: WriteCourse) -> None:
    translated = TRANSLATED_QUIZ.replace("1. [x] Right\n2. [ ] Wrong", "1. [ ] R\n2. [x] W")
    result = load(write_course({"course.yml": BILINGUAL, "quizzes/check.en.md": translated}))
    problem = only(result, "translation-structure")
    assert (problem.path, problem.line) == ("quizzes/check.en.md", 5)
    assert "answer(s) 2 are marked correct here but 1 there" in problem.message


def test_a_translation_with_another_kind_of_question(write_course: WriteCourse) -> None:
    translated = TRANSLATED_QUIZ.replace("1. [x] Right\n2. [ ] Wrong", "- [x] Right\n- [ ] Wrong")
    result = load(write_course({"course.yml": BILINGUAL, "quizzes/check.en.md": translated}))
    assert "multiple-choice question here but a single-choice question there" in (
        only(result, "translation-structure").message
    )


def test_a_translation_with_other_question_ids(write_course: WriteCourse) -> None:
    translated = TRANSLATED_QUIZ.replace("{#right-or-wrong}", "{#true-or-false}")
    result = load(write_course({"course.yml": BILINGUAL, "quizzes/check.en.md": translated}))
    assert {(d.line, d.code) for d in result.errors} == {
        (5, "translation-structure"),  # the unknown id, on its question
        (2, "translation-structure"),  # the original's id missing, on the `id` line
    }


def test_a_translation_may_repeat_inherited_keys_only_unchanged(
    write_course: WriteCourse,
) -> None:
    translated = "---\nid: intro\ntitle: Intro\ntrack: basics\nminutes: 50\n---\nText.\n"
    result = load(write_course({"course.yml": BILINGUAL, "modules/01-intro.en.md": translated}))
    problem = only(result, "translation-mismatch")
    assert problem.line == 5
    assert "`minutes` is `50` here but `5` in the original modules/01-intro.md" in problem.message


def test_a_translation_keeps_the_original_id(write_course: WriteCourse) -> None:
    translated = "---\nid: intro-en\ntitle: Intro\n---\nText.\n"
    result = load(write_course({"course.yml": BILINGUAL, "modules/01-intro.en.md": translated}))
    assert only(result, "translation-id-mismatch").line == 2


def test_translation_file_name_problems(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "course.yml": BILINGUAL,
                "modules/01-intro.pl.md": "---\nid: intro\ntitle: Intro\n---\nText.\n",
                "modules/02-lonely.en.md": "---\nid: lonely\ntitle: Lonely\n---\nText.\n",
                "quizzes/check.de.md": TRANSLATED_QUIZ,
            }
        )
    )
    assert {
        ("modules/01-intro.pl.md", 1, "translation-in-default-language"),
        ("modules/02-lonely.en.md", 1, "translation-without-original"),
        ("quizzes/check.de.md", 1, "unused-translation"),
    } <= found(result)


def test_a_translation_with_another_number_of_pages_is_a_warning(
    write_course: WriteCourse,
) -> None:
    translated = "---\nid: intro\ntitle: Intro\n---\nText.\n\n## More\n\nText.\n"
    result = load(write_course({"course.yml": BILINGUAL, "modules/01-intro.en.md": translated}))
    assert only(result, "translation-pages-differ").severity == "warning"
