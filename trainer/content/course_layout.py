"""Which files of a course folder are read, and the ones a trainer meant to be but are not.

A module saved as `module/05-x.md`, `modules/extra/05-x.md`, `05-x.md` at the course root or
`modules/05-x.markdown` would silently drop out of the course (its quiz orphaned, its track
empty). Every such file gets a warning with the path it should have.

What is read (extend `OTHER_COURSE_FILES` when a part of the product reads another folder):

- `course.yml` at the root;
- `modules/*.md`, `quizzes/*.md`, `policy/*.md` (not their subfolders);
- the patterns in `OTHER_COURSE_FILES` (post templates, reminders).

What is looked at: every `.md`, `.markdown`, `.yml` and `.yaml` file in the course folder,
except in hidden folders (`.git`, ...), tool folders (`node_modules`, ...) and folders holding a
`course.yml` of their own (another course, e.g. test fixtures). A Markdown file without front
matter (a README, notes) is not course content and is left alone unless it sits in one of the
course folders or a near miss of one (`module/`, `Quizzes/`, `policies/`).
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
from pathlib import Path

from trainer.content.diagnostics import Diagnostic
from trainer.content.file_names import FOLDERS, KIND_OF_FOLDER, FileKind
from trainer.content.source_file import leaves_course_folder
from trainer.locations import COURSE_FILE

OTHER_COURSE_FILES: tuple[str, ...] = ("hub/*.md", "reminders/*.md")
"""Files other parts of the product read (studio post templates, reminder texts)."""

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv", "htmlcov"})
LOOKED_AT_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
_HEAD_BYTES = 4096
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:", re.MULTILINE)
_MODULE_STEM = re.compile(r"^(\d{1,3})[-_ ]+(.+)$")
_LANG_SUFFIX = re.compile(r"^(.*)\.([a-z]{2})$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

WORD: dict[FileKind, str] = {"module": "module", "quiz": "quiz", "policy": "policy"}


def front_matter_keys(text: str) -> set[str] | None:
    """Top-level keys of the front matter, or None when the text has none."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    keys: set[str] = set()
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            break
        match = _TOP_KEY.match(line)
        if match:
            keys.add(match.group(1))
    return keys


def kind_from_keys(keys: set[str]) -> FileKind | None:
    """What a file is, judged from its front matter keys (`pass:` only quizzes have, ...)."""
    if "pass" in keys or "draw" in keys or "attempts" in keys:
        return "quiz"
    if "effective" in keys or "version" in keys:
        return "policy"
    if keys & {"track", "minutes", "requires", "quiz", "summary"}:
        return "module"
    return None


def guess_kind(text: str) -> FileKind | None:
    keys = front_matter_keys(text)
    return kind_from_keys(keys) if keys is not None else None


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "untitled"


def suggested_name(kind: FileKind, file_name: str, next_number: int) -> str:
    """The name the file would have in its folder: `05-first-post.md`, `basics.en.md`."""
    stem = file_name
    for suffix in (".markdown", ".md", ".yml", ".yaml", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    lang = ""
    match = _LANG_SUFFIX.match(stem)
    if match and match.group(1):
        stem, lang = match.group(1), "." + match.group(2)
    if kind != "module":
        return f"{slugify(stem)}{lang}.md"
    numbered = _MODULE_STEM.match(stem)
    if numbered:
        number, rest = int(numbered.group(1)), numbered.group(2)
    else:
        number, rest = next_number, stem
    return f"{number:02d}-{slugify(rest)}{lang}.md"


def is_other_course_file(relative: str) -> bool:
    return any(
        fnmatch.fnmatchcase(relative, pattern) and relative.count("/") == pattern.count("/")
        for pattern in OTHER_COURSE_FILES
    )


def _near_course_folder(name: str) -> FileKind | None:
    lowered = name.lower()
    if lowered in KIND_OF_FOLDER:
        return KIND_OF_FOLDER[lowered]
    near: dict[str, FileKind] = {
        **KIND_OF_FOLDER,
        "module": "module",
        "quiz": "quiz",
        "quizes": "quiz",
        "policies": "policy",
    }
    close = difflib.get_close_matches(lowered, list(near), 1, 0.75)
    return near[close[0]] if close else None


def stray_files(root: Path, next_module_number: int) -> list[Diagnostic]:
    """A warning for every file that looks like course content but is not read."""
    diagnostics: list[Diagnostic] = []
    root = Path(root)
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        relative_folder = here.relative_to(root).as_posix()
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and not (here / name / COURSE_FILE).is_file()
        )
        for name in sorted(files):
            if not name.lower().endswith(LOOKED_AT_SUFFIXES) or name.startswith("."):
                continue
            relative = name if relative_folder == "." else f"{relative_folder}/{name}"
            problem = _stray(root, relative, name, next_module_number)
            if problem is not None:
                diagnostics.append(problem)
                if problem.code == "misplaced-file":
                    next_module_number += 1
    return diagnostics


def _stray(root: Path, relative: str, name: str, next_number: int) -> Diagnostic | None:
    parts = relative.split("/")
    top = parts[0] if len(parts) > 1 else ""
    in_course_folder = top in KIND_OF_FOLDER
    if len(parts) == 1 and name == COURSE_FILE:
        return None
    if len(parts) == 2 and in_course_folder and name.endswith(".md"):
        return None  # read by the loader, which reports its own problems
    if is_other_course_file(relative):
        return None
    if len(parts) == 1 and name.lower() in ("course.yaml", "course.yml"):
        if not (root / COURSE_FILE).is_file():
            return None  # the missing course.yml error names this file
        return _warning(
            relative,
            f"`{name}` is not read: the course settings are read only from `{COURSE_FILE}`; "
            f"merge it into `{COURSE_FILE}` or delete it",
        )
    is_yaml = name.lower().endswith((".yml", ".yaml"))
    near = _near_course_folder(top) if top else None
    outside = leaves_course_folder(root / relative, relative)
    head = _head(root / relative) if not is_yaml and not outside else ""
    kind = guess_kind(head) if not is_yaml else None
    if not is_yaml and kind is None and near is None and head[:3] != "---":
        return None  # a README or notes: not course content
    if is_yaml:
        if len(parts) > 1 and near is None:
            return None  # a tool's settings in a folder of its own
        return _warning(
            relative,
            f"`{relative}` is not read: the only YAML file of a course is `{COURSE_FILE}` "
            "(modules, quizzes and policies are Markdown files with front matter)",
        )
    kind = kind or near or "module"
    target = f"{FOLDERS[kind]}/{suggested_name(kind, name, next_number)}"
    where = (
        "its subfolders are not read"
        if in_course_folder and len(parts) > 2
        else "only `.md` files are read"
        if in_course_folder and not name.endswith(".md")
        else f"{WORD[kind]} files are read only from `{FOLDERS[kind]}/`"
    )
    return Diagnostic(
        path=relative,
        line=1,
        severity="warning",
        code="misplaced-file",
        message=(
            f"this {WORD[kind]} is not part of the course ({where}), so learners never see "
            f"it; did you mean `{target}`?"
        ),
    )


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _warning(path: str, message: str) -> Diagnostic:
    return Diagnostic(path=path, line=1, severity="warning", code="misplaced-file", message=message)
