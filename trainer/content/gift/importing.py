"""`trainer import-gift`: where the quiz goes, writing it, and checking it with its course."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from trainer.content.course_files import read_course_config
from trainer.content.gift.parser import parse_gift
from trainer.content.gift.to_quiz import MatchingChoice, import_gift, slug
from trainer.content.loader import find_course_root
from trainer.content.report import validate_target
from trainer.content.source_file import SourceFile, read_source_file
from trainer.locations import COURSE_FILE

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class ImportRequest:
    bank: Path
    text: str
    quiz_id: str | None
    output: Path | None
    title: str | None
    pass_mark: float
    matching: MatchingChoice
    force: bool
    cwd: Path


@dataclass
class ImportOutcome:
    ok: bool
    report: list[str] = field(default_factory=list)
    written: Path | None = None


def run_import(request: ImportRequest) -> ImportOutcome:
    quiz_id = request.quiz_id or slug(request.bank.stem)
    if not _SLUG.match(quiz_id) or len(quiz_id) > 64:
        return ImportOutcome(
            False, [f"--quiz `{quiz_id}`: an id is lowercase letters, digits and hyphens"]
        )
    start = request.output.resolve().parent if request.output else request.cwd
    root = find_course_root(start)
    if request.output is not None:
        output = request.output.resolve()
    elif root is not None:
        output = root / "quizzes" / f"{quiz_id}.md"
    else:
        output = request.cwd / f"{quiz_id}.md"
    shown = _shown(output, request.cwd)
    if output.exists() and not request.force:
        return ImportOutcome(
            False, [f"{shown} already exists; choose another --quiz or -o, or add --force"]
        )
    lang = _course_language(root)
    bank = parse_gift(request.text)
    categories = {name for _, name in bank.categories}
    title = request.title or (
        categories.pop().rsplit("/", 1)[-1]
        if len(categories) == 1
        else request.bank.stem.replace("-", " ").replace("_", " ").capitalize()
    )
    result = import_gift(
        request.text,
        quiz_id=quiz_id,
        title=title.strip() or quiz_id,
        pass_mark=request.pass_mark,
        lang=lang,
        matching=request.matching,
    )
    bank_name = request.bank.name
    report = [
        f"{bank_name}:{note.line}: {'skipped' if note.skipped else 'changed'}: {note.message}"
        for note in result.notes
    ]
    if result.imported == 0:
        report.append(f"no question of {bank_name} could be imported; nothing was written")
        return ImportOutcome(False, report)
    _write(output, result.markdown)
    outcome = validate_target(output)
    report.extend(d.format() for d in outcome.result.diagnostics)
    total = result.taken + result.skipped
    changed = len(result.notes) - result.skipped
    written = f" as {result.imported} questions" if result.imported != result.taken else ""
    report.append(
        f"imported {result.taken} of {total} questions into {shown}{written} "
        f"({result.skipped} skipped, {changed} changed; see the lines above)"
        if result.notes
        else f"imported {result.taken} questions into {shown}{written}"
    )
    return ImportOutcome(outcome.result.ok, report, output)


def _shown(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


def _course_language(root: Path | None) -> str:
    if root is None:
        return "en"
    source = read_source_file(root / COURSE_FILE, COURSE_FILE)
    if not isinstance(source, SourceFile):
        return "en"
    config = read_course_config(source)[0]
    return config.default_language if config else "en"


def _write(path: Path, text: str) -> None:
    """All or nothing: a half-written quiz would break the course."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
