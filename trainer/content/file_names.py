"""How course files are named: `modules/NN-slug[.LANG].md`, `quizzes/name[.LANG].md`, ..."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FileKind = Literal["module", "quiz", "policy"]

FOLDERS: dict[FileKind, str] = {"module": "modules", "quiz": "quizzes", "policy": "policy"}
KIND_OF_FOLDER: dict[str, FileKind] = {folder: kind for kind, folder in FOLDERS.items()}

_MODULE_NAME = re.compile(r"^(\d{2,3})-([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2}))?\.md$")
_PLAIN_NAME = re.compile(r"^([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2}))?\.md$")


@dataclass(frozen=True, slots=True)
class CourseFileName:
    """What a file name says: its base (shared by a file and its translations) and language."""

    base: str  # `01-intro` or `ambassador-basics`
    lang: str | None  # None: the original, in the course's default language
    order: int  # the NN prefix of a module; 0 for other files


def parse_file_name(kind: FileKind, name: str) -> CourseFileName | str:
    """The parsed name, or a sentence saying how the file should be named."""
    if kind == "module":
        match = _MODULE_NAME.match(name)
        if match is None:
            return (
                f"module files are named `NN-slug.md` (two or three digits giving the order, "
                f"a hyphen, then lowercase letters, digits and hyphens), like `01-intro.md`, "
                f"or `01-intro.en.md` for a translation; `{name}` does not fit"
            )
        number, slug, lang = match.groups()
        return CourseFileName(base=f"{number}-{slug}", lang=lang, order=int(number))
    match = _PLAIN_NAME.match(name)
    if match is None:
        folder = FOLDERS[kind]
        return (
            f"files in `{folder}/` are named with lowercase letters, digits and hyphens, "
            f"like `ambassador-basics.md`, or `ambassador-basics.en.md` for a translation; "
            f"`{name}` does not fit"
        )
    base, lang = match.groups()
    return CourseFileName(base=base, lang=lang, order=0)


def is_course_text(name: str) -> bool:
    """Markdown files are course text; images and other attachments beside them are not."""
    return name.lower().endswith(".md") and not name.startswith(".")
