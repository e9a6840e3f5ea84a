"""`trainer validate` output: one line per problem for people, JSON for trainers' CI."""

from __future__ import annotations

import json
from typing import Literal

from trainer.content.loader import CourseLoadResult
from trainer.plain_text import single_line, terminal_safe

ReportFormat = Literal["text", "json"]


def validation_report(result: CourseLoadResult, report_format: ReportFormat) -> str:
    """The whole report, safe to print (no control sequences from file names or content)."""
    if report_format == "json":
        return terminal_safe(
            json.dumps(
                {
                    "ok": result.ok,
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "files": result.files_checked,
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
    lines.append(summary_line(result))
    return "\n".join(lines)


def summary_line(result: CourseLoadResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    files = result.files_checked
    if not errors and not warnings:
        return f"no problems in {files} {_plural(files, 'file')}"
    return (
        f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')} "
        f"in {files} {_plural(files, 'file')}"
    )


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
