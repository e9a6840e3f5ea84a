"""Links and images that point at files: they must stay inside the course folder and exist.

A course is copied, reviewed and served as one folder; a link to `../../secrets.txt` or to
`/etc/passwd` would either break on the learner's machine or expose a file it should not.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from trainer.content.diagnostics import Diagnostic
from trainer.content.images import ImageProblem, check_image
from trainer.content.markdown_source import MarkdownBody


def check_local_links(
    body: MarkdownBody, file: Path, course_root: Path, path: str
) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    root = os.path.normpath(os.path.abspath(course_root))
    folder = os.path.dirname(os.path.abspath(file))
    real_root = ""
    checked: dict[str, str] = {}  # resolved path -> "ok" / "missing" / "escapes": one look each
    pictures: dict[str, ImageProblem | None] = {}
    resolved_of: dict[str, str] = {}  # as written -> normalised path (pages repeat links)
    for block, target, what, alt in _targets(body.tokens):
        if what == "image" and not alt.strip():
            line, col = _locate(body, block, target, target)
            diagnostics.append(
                Diagnostic(
                    path=path,
                    line=line,
                    col=col,
                    severity="warning",
                    code="image-without-alt",
                    message=(
                        "this image has no alt text (`![what it shows](...)`): learners whose "
                        "screen cannot draw it, or who read without colours, see nothing"
                    ),
                )
            )
        if target.startswith("#"):
            continue
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            continue  # a web address or mailto:, not a file
        written = unquote(parts.path)
        if not written:
            continue
        if written.startswith("/") or os.path.isabs(written):
            diagnostics.append(
                _error(
                    path,
                    *_locate(body, block, target, written),
                    "link-outside-course",
                    f"the {what} `{written}` is an absolute path; link to course files "
                    "relative to this file, like `../images/photo.png`",
                )
            )
            continue
        resolved = resolved_of.get(written)
        if resolved is None:
            resolved = resolved_of[written] = os.path.normpath(os.path.join(folder, written))
        if not _inside(resolved, root):
            diagnostics.append(
                _error(
                    path,
                    *_locate(body, block, target, written),
                    "link-outside-course",
                    f"the {what} `{written}` points outside the course folder; "
                    "copy the file into the course and link to it there",
                )
            )
            continue
        state = checked.get(resolved)
        if state is None:
            if not os.path.exists(resolved):
                state = "missing"
            else:
                real_root = real_root or os.path.realpath(root)
                inside = _inside(os.path.realpath(resolved), real_root)
                state = "ok" if inside else "escapes"
            checked[resolved] = state
        if state == "missing":
            diagnostics.append(
                _error(
                    path,
                    *_locate(body, block, target, written),
                    "missing-link-target",
                    f"the {what} `{written}` points to a file that does not exist",
                )
            )
        elif state == "ok" and what == "image":
            if resolved not in pictures:
                pictures[resolved] = check_image(Path(resolved), written)
            problem = pictures[resolved]
            if problem is not None:
                line, col = _locate(body, block, target, written)
                diagnostics.append(
                    Diagnostic(
                        path=path,
                        line=line,
                        col=col,
                        severity=problem.severity,
                        code=problem.code,
                        message=problem.message,
                    )
                )
        elif state == "escapes":
            diagnostics.append(
                _error(
                    path,
                    *_locate(body, block, target, written),
                    "link-outside-course",
                    f"the {what} `{written}` is a shortcut (symbolic link) to a file outside "
                    "the course folder",
                )
            )
    return diagnostics


def _targets(tokens: list[Token]) -> Iterator[tuple[Token, str, str, str]]:
    """(block token, target, "link"/"image", alt text) for every link and image in the body."""
    for token in tokens:
        # every link or image syntax that can name a file has a `[` (autolinks are web only)
        if token.type != "inline" or not token.children or "[" not in token.content:
            continue
        for child in token.children:
            if child.type == "link_open":
                href = child.attrs.get("href")
                if isinstance(href, str):
                    yield token, href, "link", ""
            elif child.type == "image":
                src = child.attrs.get("src")
                if isinstance(src, str):
                    alt = "".join(c.content for c in child.children or [])
                    yield token, src, "image", alt


def _locate(body: MarkdownBody, block: Token, target: str, written: str) -> tuple[int, int]:
    """The line and column where the target is written, within its paragraph if we can."""
    start, end = block.map if block.map else (body.first_line, body.first_line + 1)
    for index in range(start, min(end, len(body.lines))):
        line = body.lines[index]
        for needle in (target, written):
            found = line.find(needle)
            if found >= 0:
                return index + 1, found + 1
    return start + 1, 1


def _inside(candidate: str, root: str) -> bool:
    return candidate == root or candidate.startswith(root.rstrip(os.sep) + os.sep)


def _error(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path=path, line=line, col=col, severity="error", code=code, message=message)
