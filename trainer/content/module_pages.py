"""A module body cut into pages: the text before the first `##`, then one page per `##`."""

from __future__ import annotations

from trainer.content.diagnostics import Diagnostic
from trainer.content.markdown_source import MarkdownBody, heading_text
from trainer.content.models import Page

WORDS_PER_MINUTE = 100
"""Study reading: slower than reading for pleasure (about 200-250 words a minute), because a
module asks the ambassador to understand and remember rules. Sets a module's reading time when
`minutes:` is left out, and the check of a `minutes:` that is written."""

MINUTES_SLACK = 5
"""A written `minutes:` is questioned only when it is off by more than half *and* by more than
this many minutes: on a short module a few minutes either way do not matter to anyone."""

PAGE_WARNING_BYTES = 40 * 1024
"""Above this a page is slow to lay out in the terminal reader and tiring to scroll; the
trainer is told to split it with `##` headings rather than being refused."""


def parse_pages(
    body: MarkdownBody, module_title: str, path: str
) -> tuple[tuple[Page, ...], list[Diagnostic]]:
    """Pages in written order; an empty opening text is simply not a page."""
    tokens = body.tokens
    # (heading token index, 0-based heading line, first line after the heading)
    headings = [
        (index, token.map[0], token.map[1])
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0 and token.map
    ]
    diagnostics: list[Diagnostic] = []
    pages: list[Page] = []
    opening_end = headings[0][1] if headings else body.end()
    opening = body.source(body.first_line, opening_end)
    if opening.strip():
        start = _first_text_line(body, body.first_line, opening_end)
        pages.append(Page(index=0, title=module_title, markdown=opening, line=start + 1))
    for position, (token_index, heading_line, content_start) in enumerate(headings):
        end = headings[position + 1][1] if position + 1 < len(headings) else body.end()
        title = heading_text(tokens, token_index).strip()
        markdown = body.source(content_start, end)
        if not markdown.strip():
            diagnostics.append(
                Diagnostic(
                    path=path,
                    line=heading_line + 1,
                    severity="warning",
                    code="empty-page",
                    message=f"the page `## {title}` has no text",
                )
            )
        pages.append(Page(index=len(pages), title=title, markdown=markdown, line=heading_line + 1))
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.level == 0 and token.map:
            title = heading_text(tokens, index).strip()
            diagnostics.append(
                Diagnostic(
                    path=path,
                    line=token.map[0] + 1,
                    severity="warning",
                    code="heading-one-in-module",
                    message=(
                        f"`# {title}` does not start a page: pages start at `##` headings "
                        f"(two `#`), so as written it is shown inside the page above"
                        + ("" if headings else " and the whole module is one page")
                        + f"; write `## {title}` (the module's own title comes from `title:`)"
                    ),
                )
            )
    for page in pages:
        size = len(page.markdown.encode("utf-8"))
        if size > PAGE_WARNING_BYTES:
            diagnostics.append(
                Diagnostic(
                    path=path,
                    line=page.line,
                    severity="warning",
                    code="long-page",
                    message=(
                        f"this page is {size // 1024} KB; pages over {PAGE_WARNING_BYTES // 1024} "
                        "KB are slow to show and hard to read on a screen — split it with "
                        "`##` headings"
                    ),
                )
            )
    if not any(page.markdown.strip() for page in pages):
        diagnostics.append(
            Diagnostic(
                path=path,
                line=body.first_line + 1 if body.first_line < body.end() else 1,
                severity="error",
                code="empty-module",
                message="the module has no text: write an opening paragraph or `##` pages",
            )
        )
    return tuple(pages), diagnostics


def _first_text_line(body: MarkdownBody, start: int, end: int) -> int:
    for index in range(start, end):
        if body.lines[index].strip():
            return index
    return start


def count_words(markdown: str) -> int:
    return len(markdown.split())


def reading_minutes(words: int) -> int:
    """Whole minutes at `WORDS_PER_MINUTE`, at least one."""
    return max(1, -(-words // WORDS_PER_MINUTE))


def minutes_far_off(written: int, words: int) -> int | None:
    """The computed reading time when `written` is far from it, else None."""
    computed = reading_minutes(words)
    difference = abs(written - computed)
    if difference * 2 > computed and difference > MINUTES_SLACK:
        return computed
    return None
