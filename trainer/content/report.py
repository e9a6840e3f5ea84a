"""`trainer validate` output: one line per problem for people, JSON for trainers' CI."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from trainer.content.loader import (
    CourseLoadResult,
    find_course_root,
    load_course,
    load_file_for_preview,
)
from trainer.plain_text import single_line, terminal_safe

ReportFormat = Literal["text", "json"]


@dataclass(frozen=True)
class ValidationOutcome:
    result: CourseLoadResult
    scope: str | None = None  # the one file checked, relative to its course (or its name)


def validate_target(target: Path) -> ValidationOutcome:
    """A course folder, or one file checked with its course (only its problems are kept)."""
    if target.is_dir():
        return ValidationOutcome(load_course(target))
    root = find_course_root(target.parent)
    if root is None:  # a draft outside any course: its own checks only
        lone = load_file_for_preview(target)
        return ValidationOutcome(
            CourseLoadResult(diagnostics=lone.diagnostics, files_checked=1), target.name
        )
    relative = target.relative_to(root).as_posix()
    result = load_course(root)
    own = [d for d in result.diagnostics if d.path == relative]
    quiet = [d for d in result.silenced if d.path == relative]
    return ValidationOutcome(
        replace(result, diagnostics=own, silenced=quiet, files_checked=1),
        f"{relative} (checked with its course of {result.files_checked} files)",
    )


def validation_report(
    result: CourseLoadResult,
    report_format: ReportFormat,
    *,
    strict: bool = False,
    scope: str | None = None,
) -> str:
    """The whole report, safe to print (no control sequences from file names or content)."""
    if report_format == "json":
        return terminal_safe(
            json.dumps(
                {
                    "ok": result.passes(strict=strict),
                    "strict": strict,
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "files": result.files_checked,
                    "silenced": len(result.silenced),
                    "diagnostics": [
                        {
                            "path": single_line(d.path),
                            "line": d.line,
                            "col": d.col,
                            "severity": d.severity,
                            "code": d.code,
                            "message": single_line(d.message),
                        }
                        for d in result.diagnostics
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    lines = [single_line(d.format()) for d in result.diagnostics]
    summary = summary_line(result)
    if scope is not None:
        summary = summary.replace("in 1 file", f"in {single_line(scope)}", 1)
    if strict and result.ok and result.warnings:
        summary += " (--strict: warnings fail)"
    lines.append(summary)
    return "\n".join(lines)


def summary_line(result: CourseLoadResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    files = result.files_checked
    quiet = len(result.silenced)
    silenced = f" ({quiet} {_plural(quiet, 'warning')} silenced in course.yml)" if quiet else ""
    if not errors and not warnings:
        return f"no problems in {files} {_plural(files, 'file')}{silenced}"
    return (
        f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')} "
        f"in {files} {_plural(files, 'file')}{silenced}"
    )


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
