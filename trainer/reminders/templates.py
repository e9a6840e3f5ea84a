"""Reminder templates: `reminders/<name>.<lang>.md` in the course folder.

A template is Markdown-ish plain text with a front matter block holding the subject::

    ---
    subject: "Przypomnienie: szkolenie ambasadorów do {due}"
    ---
    Dzień dobry {name},

    masz za sobą {progress} szkolenia. ...

`<name>` is the learner status the reminder is for (`invited`, `started`, `in_progress`,
`overdue`) or `default` for any status; `<lang>` is a course language. A learner gets the
template of their language, else the course's default language. Placeholders: {name},
{first_name}, {progress}, {due}, {link}, {code} (only with `--new-codes`), {course}.
A mistake (unknown placeholder, missing subject, a stray brace) is reported as
`path:line:col: message` before anything is sent.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from trainer.content.diagnostics import Diagnostic
from trainer.content.front_matter import read_yaml, split_front_matter
from trainer.content.source_file import SourceFile, read_source_file

REMINDERS_DIR = "reminders"
PLACEHOLDERS = ("name", "first_name", "progress", "due", "link", "code", "course")
TEMPLATE_NAMES = ("invited", "started", "in_progress", "overdue", "default")


class TemplateError(Exception):
    """One or more templates cannot be used; the message lists `path:line:col: problem`."""


@dataclass(frozen=True)
class ReminderTemplate:
    name: str
    language: str
    path: str  # relative to the course folder
    subject: str
    body: str
    placeholders: frozenset[str]

    def render(self, values: dict[str, str]) -> tuple[str, str]:
        """(subject, body) with the placeholders filled; the subject stays on one line."""
        subject = " ".join(self.subject.format_map(values).split())
        return subject, self.body.format_map(values).strip() + "\n"


def _placeholders(
    text: str, path: str, first_line: int, problems: list[str], file_lines: list[str]
) -> set[str]:
    """The placeholders in `text` (which starts on file line `first_line`); columns are
    counted in the file's own line, so `path:line:col` points at the brace."""
    found: set[str] = set()
    for offset, line in enumerate(text.split("\n")):
        try:
            parsed = list(string.Formatter().parse(line))
        except ValueError as error:
            problems.append(f"{path}:{first_line + offset}:1: {error} (write {{{{ for a brace)")
            continue
        for _literal, field, spec, conversion in parsed:
            if field is None:
                continue
            number = first_line + offset
            written = file_lines[number - 1] if number <= len(file_lines) else line
            col = written.find("{" + field) + 1
            if field not in PLACEHOLDERS or spec or conversion:
                known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                problems.append(
                    f"{path}:{first_line + offset}:{col}: unknown placeholder "
                    f"{{{field}}}; use one of {known}"
                )
            else:
                found.add(field)
    return found


def _read_template(course_dir: Path, relative: str, problems: list[str]) -> ReminderTemplate | None:
    source = read_source_file(course_dir / relative, relative)
    if not isinstance(source, SourceFile):
        problems.append(source.format())
        return None
    split = split_front_matter(source)
    if isinstance(split, Diagnostic):
        problems.append(split.format())
        return None
    document, diagnostics = read_yaml(split.yaml_text, relative, split.yaml_first_line)
    problems.extend(d.format() for d in diagnostics)
    if document is None:
        return None
    data = document.data if isinstance(document.data, dict) else {}
    subject = data.get("subject")
    if not isinstance(subject, str) or not subject.strip():
        problems.append(
            f"{relative}:2:1: the front matter needs `subject: ...` (the e-mail subject)"
        )
        return None
    for key in data:
        if key != "subject":
            line, col = document.position([key])
            problems.append(f"{relative}:{line}:{col}: unknown key `{key}` (only `subject`)")
    line, _col = document.position(["subject"])
    file_lines = source.text.split("\n")
    used = _placeholders(subject, relative, line, problems, file_lines)
    body = split.body
    used |= _placeholders(body, relative, 1, problems, file_lines)
    stem = Path(relative).name.removesuffix(".md")
    name, _, language = stem.rpartition(".")
    return ReminderTemplate(name, language, relative, subject, body, frozenset(used))


@dataclass(frozen=True)
class ReminderTemplates:
    """Every template of a course, by (name, language)."""

    templates: dict[tuple[str, str], ReminderTemplate]
    default_language: str

    def for_learner(self, status: str, language: str | None) -> ReminderTemplate | None:
        for lang in (language, self.default_language):
            for name in (status, "default"):
                found = self.templates.get((name, lang or ""))
                if found is not None:
                    return found
        return None

    def uses(self, placeholder: str) -> list[ReminderTemplate]:
        return [t for t in self.templates.values() if placeholder in t.placeholders]


def load_templates(
    course_dir: Path, languages: list[str], default_language: str
) -> ReminderTemplates:
    """Read every `reminders/<name>.<lang>.md`; raise `TemplateError` listing all problems."""
    folder = course_dir / REMINDERS_DIR
    problems: list[str] = []
    templates: dict[tuple[str, str], ReminderTemplate] = {}
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path in paths:
        relative = f"{REMINDERS_DIR}/{path.name}"
        stem = path.name.removesuffix(".md")
        name, _, language = stem.rpartition(".")
        if name not in TEMPLATE_NAMES or language not in languages:
            problems.append(
                f"{relative}:1:1: name the file <status>.<language>.md, status one of "
                f"{', '.join(TEMPLATE_NAMES)} and language one of {', '.join(languages)}"
            )
            continue
        template = _read_template(course_dir, relative, problems)
        if template is not None:
            templates[(name, language)] = template
    if problems:
        raise TemplateError("\n".join(problems))
    if not templates:
        raise TemplateError(
            f"{REMINDERS_DIR}/: the course has no reminder templates; add e.g. "
            f"{REMINDERS_DIR}/default.{default_language}.md (see docs/coordinators.md)"
        )
    return ReminderTemplates(templates, default_language)
