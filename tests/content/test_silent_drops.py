"""Mistakes that Markdown accepts but that would change what learners see, one course each.

Each test builds a small course with one mistake a trainer really makes and checks that
`trainer validate` names it at the line to fix, with the fix in the message.
"""

from __future__ import annotations

from tests.content.conftest import QUIZ, WriteCourse, found, load, module, only

QUIZ_HEAD = "---\nid: check\ntitle: Check\npass: 0.5\n---\n"


def test_an_unindented_feedback_line_does_not_swallow_the_answers_below(
    write_course: WriteCourse,
) -> None:
    body = (
        "## Where does the label go? {#label}\n"  # line 6
        "\n"
        "1. [x] At the start\n"
        "   > Right.\n"
        "2. [ ] In a hashtag\n"  # line 10
        "> Too easy to miss.\n"  # line 11: not indented, ends the list
        "3. [ ] Nowhere\n"
        "\n"
        "The label must be seen first.\n"
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "answers-after-feedback")
    assert (problem.path, problem.line, problem.severity) == ("quizzes/check.md", 11, "error")
    assert "answers from line 12 on" in problem.message
    assert "indent the feedback by 3 spaces" in problem.message
    assert result.course is None


def test_the_same_mistake_in_a_bulleted_list_and_an_ordering_question(
    write_course: WriteCourse,
) -> None:
    body = (
        "## Which? {#which}\n"  # 6
        "\n"
        "- [x] A\n"
        "> Yes.\n"  # 9
        "- [ ] B\n"
        "\n"
        "## Order {#order}\n"  # 12
        "\n"
        "1. First\n"
        "> Why first.\n"  # 15
        "2. Second\n"
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    assert {(d.line, d.code) for d in result.diagnostics} == {
        (9, "answers-after-feedback"),
        (15, "answers-after-feedback"),
    }


def test_answers_written_after_the_explanation_are_reported(write_course: WriteCourse) -> None:
    body = "## Which? {#which}\n\n- [x] A\n- [ ] B\n\nBecause.\n\n- [ ] C\n"
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "answers-after-answer-list")
    assert (problem.line, problem.severity) == (13, "warning")  # may be a checklist on purpose
    assert "line 8" in problem.message


def test_a_hint_after_the_answers_is_a_warning_saying_where_hints_go(
    write_course: WriteCourse,
) -> None:
    body = "## Pick {#pick}\n\n1. [x] A\n2. [ ] B\n\n> Think of the first line.\n"
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "hint-after-answers")
    assert (problem.line, problem.severity) == (11, "warning")
    assert "between the question heading and the answers" in problem.message
    assert result.course is not None  # a warning: the course still opens


def test_a_hint_after_a_short_answer_blank(write_course: WriteCourse) -> None:
    body = "## Label {#label}\n\nThe label is [[#ad]].\n\n> It is short.\n"
    problem = only(load(write_course({"quizzes/check.md": QUIZ_HEAD + body})), "hint-after-answers")
    assert problem.line == 10
    assert "text with the blank" in problem.message


def test_a_question_written_with_one_or_three_hashes(write_course: WriteCourse) -> None:
    body = (
        "## First {#first}\n\n1. [x] A\n2. [ ] B\n\n"  # 6-10
        "### Second {#second}\n\n1. [x] A\n2. [ ] B\n"  # 11
    )
    result = load(write_course({"quizzes/check.md": QUIZ_HEAD + body}))
    problem = only(result, "question-heading-level")
    assert problem.line == 11
    assert "write `## Second {#second}`" in problem.message
    assert found(result) == {("quizzes/check.md", 11, "question-heading-level")}


def test_single_hash_pages_turn_a_module_into_one_page(write_course: WriteCourse) -> None:
    body = "Opening.\n\n# Second page\n\nText.\n\n# Third page\n\nMore.\n"
    result = load(write_course({"modules/01-intro.md": module(body=body)}))
    problems = [d for d in result.diagnostics if d.code == "heading-one-in-module"]
    assert [(d.line, d.severity) for d in problems] == [(10, "warning"), (14, "warning")]
    assert "write `## Second page`" in problems[0].message
    assert "the whole module is one page" in problems[0].message


def test_a_correct_quiz_gets_none_of_these(write_course: WriteCourse) -> None:
    assert load(write_course({"quizzes/check.md": QUIZ})).diagnostics == []


# --- files that are not where the course reads them ------------------------------------------

MODULE_TWO = module("second", title="Second")


def test_a_module_in_a_folder_named_module_is_not_lost(write_course: WriteCourse) -> None:
    result = load(write_course({"module/02-second.md": MODULE_TWO}))
    problem = only(result, "misplaced-file")
    assert (problem.path, problem.line, problem.severity) == ("module/02-second.md", 1, "warning")
    assert "did you mean `modules/02-second.md`?" in problem.message


def test_a_module_in_a_subfolder_of_modules(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/extra/02-second.md": MODULE_TWO}))
    problem = only(result, "misplaced-file")
    assert problem.path == "modules/extra/02-second.md"
    assert "subfolders are not read" in problem.message
    assert "did you mean `modules/02-second.md`?" in problem.message


def test_a_module_at_the_course_root_gets_the_next_free_number(write_course: WriteCourse) -> None:
    problem = only(load(write_course({"second.md": MODULE_TWO})), "misplaced-file")
    assert problem.path == "second.md"
    assert "did you mean `modules/02-second.md`?" in problem.message


def test_a_module_named_markdown(write_course: WriteCourse) -> None:
    problem = only(load(write_course({"modules/02-second.markdown": MODULE_TWO})), "misplaced-file")
    assert "only `.md` files are read" in problem.message
    assert "did you mean `modules/02-second.md`?" in problem.message


def test_a_quiz_saved_in_modules_is_recognised_as_a_quiz(write_course: WriteCourse) -> None:
    root = write_course({"modules/02-quiz.md": QUIZ.replace("id: check", "id: extra")})
    result = load(root)
    problem = only(result, "file-in-wrong-folder")
    assert problem.path == "modules/02-quiz.md"
    assert "this file is a quiz (it has `pass:`)" in problem.message
    assert "move it to `quizzes/02-quiz.md`" in problem.message
    assert {d.code for d in result.diagnostics} == {"file-in-wrong-folder"}


def test_a_quiz_in_modules_that_a_module_uses_is_not_called_missing(
    write_course: WriteCourse,
) -> None:
    root = write_course({"modules/basics.md": QUIZ}, base=True)
    (root / "quizzes/check.md").unlink()
    result = load(root)
    assert {d.code for d in result.diagnostics} == {
        "file-in-wrong-folder",
        "depends-on-broken-file",
    }
    assert only(result, "depends-on-broken-file").severity == "warning"


def test_readme_and_notes_without_front_matter_are_left_alone(write_course: WriteCourse) -> None:
    root = write_course({"README.md": "# Our course\n", "notes/ideas.md": "- more posts\n"})
    assert load(root).diagnostics == []


def test_post_templates_and_reminders_are_known_folders(write_course: WriteCourse) -> None:
    # hub/ files are read as post templates (their own checks apply); neither folder is
    # reported as holding files that are not part of the course.
    template = "---\nid: launch\ntitle: Launch\n---\nWe launched!\n"
    root = write_course({"hub/launch.md": template, "reminders/weekly.md": template})
    assert [d for d in load(root).diagnostics if d.code == "misplaced-file"] == []


def test_another_course_inside_the_folder_is_not_looked_into(write_course: WriteCourse) -> None:
    root = write_course({"examples/other/course.yml": "title: x\n", "examples/other/x.md": QUIZ})
    assert load(root).diagnostics == []


def test_a_second_settings_file_is_named(write_course: WriteCourse) -> None:
    problem = only(load(write_course({"course.yaml": "title: Old\n"})), "misplaced-file")
    assert problem.path == "course.yaml"
    assert "read only from `course.yml`" in problem.message


def test_course_yaml_instead_of_course_yml(write_course: WriteCourse) -> None:
    root = write_course()
    (root / "course.yml").rename(root / "course.yaml")
    problem = only(load(root), "missing-course-file")
    assert "`course.yaml` is there: rename it to `course.yml`" in problem.message


def test_near_miss_file_names_get_a_did_you_mean(write_course: WriteCourse) -> None:
    root = write_course(
        {
            "modules/2_Second.md": MODULE_TWO,
            "modules/first-steps.md": module("first-steps"),
            "quizzes/Extra Quiz.md": QUIZ.replace("id: check", "id: extra"),
        }
    )
    messages = {d.path: d.message for d in load(root).diagnostics if d.code == "bad-file-name"}
    assert messages["modules/2_Second.md"].endswith("did you mean `02-second.md`?")
    assert messages["modules/first-steps.md"].endswith("did you mean `02-first-steps.md`?")
    assert messages["quizzes/Extra Quiz.md"].endswith("did you mean `extra-quiz.md`?")


# --- one broken file does not make correct files look wrong ------------------------------------


def test_a_broken_module_is_not_reported_as_missing_by_the_modules_that_require_it(
    write_course: WriteCourse,
) -> None:
    broken = "---\nid: intro\ntitle: 'Intro\ntrack: basics\n---\nText.\n"
    nxt = module("next", extra="requires: [intro]\n")
    result = load(write_course({"modules/01-intro.md": broken, "modules/02-next.md": nxt}))
    codes = {(d.path, d.code, d.severity) for d in result.diagnostics}
    assert ("modules/02-next.md", "dangling-requires", "error") not in codes
    problem = only(result, "depends-on-broken-file")
    assert (problem.path, problem.line, problem.severity) == ("modules/02-next.md", 7, "warning")
    assert "modules/01-intro.md, which has errors" in problem.message


def test_a_broken_quiz_or_policy_is_not_called_missing(write_course: WriteCourse) -> None:
    result = load(
        write_course(
            {
                "quizzes/check.md": "---\nid: check\ntitle: [\n---\n## Q {#q}\n",
                "policy/rules.md": "no front matter\n",
            }
        )
    )
    codes = {(d.path, d.code) for d in result.diagnostics}
    assert ("modules/01-intro.md", "dangling-quiz") not in codes
    assert ("course.yml", "dangling-policy") not in codes
    assert ("modules/01-intro.md", "depends-on-broken-file") in codes
    assert ("course.yml", "depends-on-broken-file") in codes


def test_a_copied_module_id_is_a_duplicate_not_a_cycle(write_course: WriteCourse) -> None:
    copy = module("intro", extra="requires: [intro]\n")
    result = load(write_course({"modules/02-copy.md": copy}))
    codes = {d.code for d in result.diagnostics}
    assert "duplicate-id" in codes
    assert "prerequisite-cycle" not in codes


def test_a_list_of_known_ids_names_each_once(write_course: WriteCourse) -> None:
    nxt = module("next", extra="requires: [zzz]\n")
    result = load(write_course({"modules/02-copy.md": module("intro"), "modules/03-next.md": nxt}))
    message = only(result, "dangling-requires").message
    assert message.count("`intro`") == 1


def test_an_unreadable_original_does_not_orphan_its_translation(write_course: WriteCourse) -> None:
    config = (
        "title: T\norganisation: O\ndefault_language: pl\nlanguages: [pl, en]\n"
        "tracks:\n  - id: basics\n    title: B\npolicy: rules\n"
    )
    root = write_course(
        {
            "course.yml": config,
            "modules/01-intro.md": b"---\nid: intro\n\xff\n---\n",
            "modules/01-intro.en.md": "---\nid: intro\ntitle: Intro\n---\nText.\n",
        }
    )
    codes = {(d.path, d.code) for d in load(root).diagnostics}
    assert ("modules/01-intro.en.md", "translation-without-original") not in codes
    assert ("modules/01-intro.en.md", "depends-on-broken-file") in codes


# --- YAML messages that say what to type ------------------------------------------------------

POLICY_HEAD = (
    "---\nid: rules\ntitle: Rules\nversion: {version}\neffective: 2026-01-01\n---\nBe kind.\n"
)


def test_a_version_yaml_reads_as_a_number_suggests_the_quoted_text(
    write_course: WriteCourse,
) -> None:
    root = write_course({"policy/rules.md": POLICY_HEAD.format(version="1.10")})
    problem = only(load(root), "wrong-type")
    assert (problem.path, problem.line) == ("policy/rules.md", 4)
    assert 'YAML reads `1.10` as the number 1.1: put it in quotes: `"1.10"`' in problem.message


def test_a_tab_in_the_front_matter_is_called_a_tab(write_course: WriteCourse) -> None:
    extra = "requires:\n\t- intro\n"
    root = write_course({"modules/02-next.md": module("next", extra=extra)})
    problem = only(load(root), "yaml-syntax")
    assert (problem.path, problem.line, problem.col) == ("modules/02-next.md", 8, 1)
    assert "tab character" in problem.message


def test_an_unclosed_quote_points_at_its_own_line(write_course: WriteCourse) -> None:
    text = '---\nid: intro\ntitle: "Intro\ntrack: basics\nminutes: 5\nquiz: check\n---\nText.\n'
    problem = only(load(write_course({"modules/01-intro.md": text})), "yaml-syntax")
    assert (problem.line, problem.col) == (3, 8)
    assert 'the quote `"` opened here is never closed' in problem.message


def test_an_unclosed_quote_in_course_yml(write_course: WriteCourse) -> None:
    from tests.content.conftest import COURSE_YML

    config = COURSE_YML.replace("title: Test course", "title: 'Test course")
    problem = only(load(write_course({"course.yml": config})), "yaml-syntax")
    assert (problem.path, problem.line) == ("course.yml", 1)


def test_a_quiz_no_module_names_is_a_warning(write_course: WriteCourse) -> None:
    result = load(write_course({"quizzes/extra.md": QUIZ.replace("id: check", "id: extra")}))
    problem = only(result, "quiz-without-module")
    assert (problem.path, problem.line, problem.severity) == ("quizzes/extra.md", 2, "warning")
    assert "the course cannot be completed without passing it" in problem.message
    assert "add `quiz: extra`" in problem.message


def test_a_broken_original_quiz_is_not_blamed_on_its_translation(
    write_course: WriteCourse,
) -> None:
    from tests.content.conftest import COURSE_YML

    body = "## Q {#q}\n\n1. [x] A\n> Yes.\n2. [ ] B\n"
    translation = "---\nid: check\ntitle: Check\n---\n## Q {#q}\n\n1. [x] A\n   > Yes.\n2. [ ] B\n"
    root = write_course(
        {
            "course.yml": COURSE_YML.replace("languages: [pl]", "languages: [pl, en]"),
            "quizzes/check.md": QUIZ_HEAD + body,
            "quizzes/check.en.md": translation,
        }
    )
    result = load(root)
    assert {(d.path, d.code) for d in result.diagnostics if d.severity == "error"} == {
        ("quizzes/check.md", "answers-after-feedback")
    }


# --- reading time -----------------------------------------------------------------------------

LONG_TEXT = "Ambassadors disclose their employer in every post. " * 240  # 1680 words


def test_minutes_can_be_left_out_and_are_computed_from_the_text(write_course: WriteCourse) -> None:
    text = "---\nid: intro\ntitle: Intro\ntrack: basics\nquiz: check\n---\n" + LONG_TEXT
    result = load(write_course({"modules/01-intro.md": text}))
    assert result.diagnostics == []
    assert result.course is not None
    assert result.course.module("intro").minutes == 17  # 1680 words at 100 a minute


def test_minutes_far_from_the_text_are_a_warning(write_course: WriteCourse) -> None:
    result = load(write_course({"modules/01-intro.md": module(body=LONG_TEXT)}))  # minutes: 5
    problem = only(result, "minutes-far-off")
    assert (problem.line, problem.severity) == (5, "warning")
    assert "the text (1680 words) takes about 17 min at 100 words a minute" in problem.message
    close = module(body=LONG_TEXT).replace("minutes: 5", "minutes: 12")
    assert load(write_course({"modules/01-intro.md": close})).diagnostics == []


def test_a_short_module_is_not_questioned_over_a_few_minutes(write_course: WriteCourse) -> None:
    assert load(write_course({"modules/01-intro.md": module(body="Short.\n")})).diagnostics == []


# --- images -----------------------------------------------------------------------------------


def _image_module(alt: str, src: str) -> str:
    return module(body=f"Text.\n\n![{alt}]({src})\n")


def test_images_are_checked_for_format_size_and_alt_text(write_course: WriteCourse) -> None:
    from PIL import Image

    root = write_course(
        {
            "modules/01-intro.md": _image_module("Logo", "../images/logo.png"),
            "modules/02-b.md": module("b", body="![](../images/logo.png)\n"),
            "modules/03-c.md": module("c", body="![Chart](../images/chart.svg)\n"),
            "modules/04-d.md": module("d", body="![Photo](../images/photo.png)\n"),
            "modules/05-e.md": module("e", body="![Scan](../images/scan.tiff)\n"),
            "modules/06-f.md": module("f", body="![Huge](../images/huge.png)\n"),
            "images/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "images/photo.png": b"this is text, not a PNG",
            "images/huge.png": b"\x89PNG" + b"\x00" * (6 * 1024 * 1024),
        }
    )
    Image.new("RGB", (4, 4)).save(root / "images/logo.png")
    Image.new("RGB", (4, 4)).save(root / "images/scan.tiff")
    found = {(d.path, d.code, d.severity) for d in load(root).diagnostics}
    assert ("modules/01-intro.md", "image-format", "warning") not in found
    assert ("modules/02-b.md", "image-without-alt", "warning") in found
    assert ("modules/03-c.md", "image-format", "warning") in found
    assert ("modules/04-d.md", "broken-image", "error") in found
    assert ("modules/05-e.md", "image-format", "warning") in found
    assert ("modules/06-f.md", "large-image", "warning") in found
