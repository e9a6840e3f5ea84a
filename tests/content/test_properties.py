"""Whatever a trainer types, the loader answers with diagnostics, never an exception."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.content.conftest import COURSE_YML, POLICY, QUIZ
from trainer.content.loader import load_course, load_file_for_preview

SETTINGS = settings(
    max_examples=int(os.environ.get("TRAINER_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KEYS = ["id", "title", "track", "minutes", "requires", "quiz", "summary", "pass", "draw"]
YAML_BITS = [*"abcxyz019 :-[]{}#&*!|>'\"%@,?\t\n", "\n  ", "!!python/", "- ", "id: ", "pass: "]
YAMLISH = st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FRONT_MATTER_DICTS = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), VALUES, max_size=8
)

MARKDOWN_PIECES = st.sampled_from(
    [
        "## Question {#q1}",
        "## Question {#q1 points=3}",
        "## {#}",
        "## [[a|b]] {#short}",
        "## Title {points=x}",
        "## Title {",
        "# Top",
        "1. [x] yes",
        "1. [ ] no",
        "2. [X] maybe",
        "- [x] a",
        "- [ ] b",
        "- plain",
        "1. first",
        "   > feedback",
        "> hint",
        ">",
        "[[answer]]",
        "[[ | ]]",
        "[[a]] [[b]]",
        "{#id}",
        "```",
        "    code",
        "[link](../../../etc/passwd)",
        "![img](missing.png)",
        "[ref]: ../x",
        "| a | b |",
        "|---|---|",
        "---",
        "***",
        "",
        "text with {braces} and }{",
        "<div>",
        "\t- tabbed",
    ]
)
MARKDOWN = st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=15)), max_size=25).map("\n".join)


@pytest.fixture(scope="module")
def course_root() -> Iterator[Path]:
    """One course folder reused by every example; each example rewrites the file under test."""
    folder = Path(tempfile.mkdtemp(prefix="trainer-props-"))
    root = folder / "course"
    for relative, content in {
        "course.yml": COURSE_YML.replace("[pl]", "[pl, en]"),
        "policy/rules.md": POLICY,
        "quizzes/check.md": QUIZ,
        "modules/01-intro.md": "---\nid: intro\ntitle: I\ntrack: basics\nminutes: 5\n---\nx\n",
    }.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")
    yield root
    shutil.rmtree(folder)


def check_everything_about(root: Path, relative: str, content: str | bytes) -> None:
    target = root / relative
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    target.write_bytes(data)
    file_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    try:
        for result in (load_course(root), load_file_for_preview(target)):
            for d in result.diagnostics:
                assert d.line >= 1 and d.col >= 1, d
                if d.path == relative:
                    assert d.line <= file_lines, (d, data)
            assert "internal-error" not in {d.code for d in result.diagnostics}, result
    finally:
        target.unlink()


@SETTINGS
@given(front_matter=YAMLISH, body=MARKDOWN)
def test_random_yamlish_front_matter(course_root: Path, front_matter: str, body: str) -> None:
    check_everything_about(course_root, "modules/02-random.md", f"---\n{front_matter}\n---\n{body}")


@SETTINGS
@given(meta=FRONT_MATTER_DICTS, body=MARKDOWN)
def test_random_front_matter_dicts(course_root: Path, meta: dict[str, object], body: str) -> None:
    dumped = yaml.safe_dump(meta, allow_unicode=True)
    check_everything_about(course_root, "quizzes/random.md", f"---\n{dumped}---\n{body}")


@SETTINGS
@given(body=MARKDOWN, lang=st.sampled_from(["", ".en"]))
def test_random_markdown_in_a_quiz(course_root: Path, body: str, lang: str) -> None:
    head = (
        "---\nid: check\ntitle: T\npass: 0.5\n---\n"
        if not lang
        else "---\nid: check\ntitle: T\n---\n"
    )
    check_everything_about(course_root, f"quizzes/check{lang or '-2'}.md", head + body)


@SETTINGS
@given(body=MARKDOWN)
def test_random_markdown_in_a_module(course_root: Path, body: str) -> None:
    head = "---\nid: random\ntitle: T\ntrack: basics\nminutes: 5\nquiz: check\n---\n"
    check_everything_about(course_root, "modules/02-random.md", head + body)


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_random_bytes(course_root: Path, raw: bytes) -> None:
    check_everything_about(course_root, "policy/random.md", raw)
