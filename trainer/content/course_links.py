"""Where a link in course text leads inside the course: a module (and page), a quiz, the policy.

Authors link between files the way they would on GitHub (`../policy/social-media.md`,
`02-linkedin.en.md#hashtags`); validation has already checked that such files exist. The
reader uses this to open the target in the app instead of showing a path nobody can follow.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from trainer.content.models import Course

_NOT_ANCHOR = re.compile(r"[^\w\- ]+")


@dataclass(frozen=True, slots=True)
class CourseLinkTarget:
    kind: Literal["module", "quiz", "policy", "file"]
    target_id: str  # module/quiz/policy id, or the file's path in the course
    page: int | None = None  # for a module link with `#page-title`


def anchor(title: str) -> str:
    """The GitHub-style anchor of a heading: `Co zyskujesz?` -> `co-zyskujesz`."""
    return _NOT_ANCHOR.sub("", title.strip().lower()).replace(" ", "-")


def course_link_target(course: Course, from_path: str, address: str) -> CourseLinkTarget | None:
    """None for web addresses, `mailto:` and anything that is not a course file."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    written = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not written:
        resolved = from_path
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), written))
    if resolved.startswith("../"):
        return None
    for module in course.modules:
        for text in module.texts.values():
            if text.path == resolved:
                page = None
                if fragment:
                    wanted = anchor(fragment)
                    page = next((p.index for p in text.pages if anchor(p.title) == wanted), None)
                return CourseLinkTarget("module", module.id, page)
    for quiz in course.quizzes.values():
        if any(text.path == resolved for text in quiz.texts.values()):
            return CourseLinkTarget("quiz", quiz.id)
    for policy in course.policies.values():
        if any(text.path == resolved for text in policy.texts.values()):
            return CourseLinkTarget("policy", policy.id)
    if not written:
        return None  # `#anchor` within a page that is not a module page
    return CourseLinkTarget("file", resolved)
