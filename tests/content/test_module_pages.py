"""A module's body becomes pages: the opening text, then one page per `##`."""

from __future__ import annotations

from tests.content.conftest import WriteCourse, found, load, module, only
from trainer.content.markdown_source import MarkdownBody
from trainer.content.module_pages import PAGE_WARNING_BYTES, parse_pages


def pages_of(body: str, first_line: int = 0) -> tuple[list[tuple[int, str, str, int]], list[str]]:
    pages, problems = parse_pages(MarkdownBody.parse(body, first_line), "Module title", "m.md")
    return [(p.index, p.title, p.markdown, p.line) for p in pages], [p.code for p in problems]


def test_opening_text_and_sections_become_pages_with_their_lines() -> None:
    body = (
        "\n\nOpening **text**.\n\n## First\n\nOne.\n\n### Detail\n\nStill one.\n\n## Second\nTwo.\n"
    )
    pages, problems = pages_of(body, first_line=2)
    assert problems == []
    assert pages == [
        (0, "Module title", "Opening **text**.", 3),
        (1, "First", "One.\n\n### Detail\n\nStill one.", 5),
        (2, "Second", "Two.", 13),
    ]


def test_without_opening_text_the_first_section_is_page_zero() -> None:
    pages, _ = pages_of("## Only\n\nText.\n")
    assert pages == [(0, "Only", "Text.", 1)]


def test_a_heading_inside_a_fenced_block_is_not_a_page() -> None:
    pages, _ = pages_of("Intro.\n\n```\n## not a page\n```\n")
    assert len(pages) == 1
    assert "## not a page" in pages[0][2]


def test_an_empty_section_is_a_warning() -> None:
    _, problems = pages_of("Intro.\n\n## Empty\n\n## Full\n\nText.\n")
    assert problems == ["empty-page"]


def test_a_module_without_text_is_an_error(write_course: WriteCourse) -> None:
    root = write_course({"modules/01-intro.md": module(body="\n\n")})
    result = load(root)
    assert ("modules/01-intro.md", 8, "empty-module") in found(result)
    assert result.course is None


def test_a_very_long_page_is_a_warning_that_says_why(write_course: WriteCourse) -> None:
    long_page = "Intro.\n\n## Long\n\n" + ("A sentence of text. " * 50 + "\n\n") * 45
    assert len(long_page) > PAGE_WARNING_BYTES
    result = load(write_course({"modules/01-intro.md": module(body=long_page)}))
    warning = only(result, "long-page")
    assert (warning.severity, warning.line) == ("warning", 10)
    assert "split it with `##` headings" in warning.message
    assert result.course is not None  # a warning does not stop the course
