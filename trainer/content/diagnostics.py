"""Validation findings, each tied to a file position a trainer can jump to."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]

WARNING_CODES = frozenset(
    {
        "long-page",
        "empty-page",
        "module-without-quiz",
        "missing-translation",
        "unused-translation",
        "translation-pages-differ",
        "hint-after-answers",
        "answers-after-answer-list",
        "heading-one-in-module",
        "minutes-far-off",
        "image-format",
        "large-image",
        "image-without-alt",
        "quiz-without-module",
        "misplaced-file",
        "depends-on-broken-file",
        "ignored-feedback",
        "control-character",
    }
)
"""Every kind of warning; `silence:` in course.yml may name these (never an error)."""


class Diagnostic(BaseModel):
    """One problem in a course file: `path:line:col: severity: message`."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str  # relative to the course folder, POSIX separators
    line: int  # 1-based; 1 when the whole file is concerned
    col: int = 1  # 1-based
    severity: Severity
    message: str
    code: str  # stable machine-readable kind, e.g. "unknown-key", "dangling-requires"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class CourseValidationError(Exception):
    """Raised when a course with errors is asked to open; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"the course has {errors} error(s)")
