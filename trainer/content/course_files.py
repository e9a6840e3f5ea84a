"""One course file at a time: front matter, body, and the checks that need only that file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from trainer.content.diagnostics import Diagnostic
from trainer.content.file_names import CourseFileName
from trainer.content.front_matter import SplitFile, YamlDocument, read_yaml, split_front_matter
from trainer.content.local_links import check_local_links
from trainer.content.markdown_source import MarkdownBody
from trainer.content.meta_validation import validate_meta
from trainer.content.models import (
    CourseConfig,
    ModuleMeta,
    ModuleText,
    PolicyMeta,
    PolicyText,
    QuizMeta,
    QuizText,
)
from trainer.content.module_pages import (
    WORDS_PER_MINUTE,
    count_words,
    minutes_far_off,
    parse_pages,
)
from trainer.content.quiz_questions import parse_quiz_body
from trainer.content.source_file import SourceFile, hidden_characters
from trainer.content.translations import (
    ModuleTranslationMeta,
    PolicyTranslationMeta,
    QuizTranslationMeta,
)


@dataclass(slots=True)
class ParsedFile:
    """What one file yielded; `meta`/`text` are None when its errors prevent building them."""

    source: SourceFile
    name: CourseFileName
    lang: str
    document: YamlDocument | None = None
    meta: BaseModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def is_translation(self) -> bool:
        return self.name.lang is not None

    @property
    def declared_id(self) -> str | None:
        value = getattr(self.meta, "id", None)
        if value is None and self.document is not None and isinstance(self.document.data, dict):
            raw = self.document.data.get("id")
            value = raw if isinstance(raw, str) else None
        return value

    def key_line(self, *loc: object) -> int:
        if self.document is None:
            return 1
        return self.document.position(loc)[0]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


@dataclass(slots=True)
class ParsedModuleFile(ParsedFile):
    text: ModuleText | None = None


@dataclass(slots=True)
class ParsedQuizFile(ParsedFile):
    text: QuizText | None = None
    question_count: int = 0


@dataclass(slots=True)
class ParsedPolicyFile(ParsedFile):
    text: PolicyText | None = None
    body: str = ""
    sha256: str = ""


def read_course_config(
    source: SourceFile,
) -> tuple[CourseConfig | None, YamlDocument | None, list[Diagnostic]]:
    document, diagnostics = read_yaml(source.text, source.path, 1)
    if document is None:
        return None, None, diagnostics
    config, problems = validate_meta(CourseConfig, document, source.path, what="course.yml")
    return config, document, diagnostics + problems


def _front_matter(
    parsed: ParsedFile, model: type[BaseModel]
) -> tuple[SplitFile | None, BaseModel | None]:
    split = split_front_matter(parsed.source)
    if isinstance(split, Diagnostic):
        parsed.diagnostics.append(split)
        return None, None
    document, problems = read_yaml(split.yaml_text, parsed.source.path, split.yaml_first_line)
    parsed.diagnostics.extend(problems)
    parsed.document = document
    if document is None:
        return split, None
    meta, problems = validate_meta(model, document, parsed.source.path)
    parsed.diagnostics.extend(problems)
    parsed.meta = meta
    return split, meta


def _body(
    parsed: ParsedFile, split: SplitFile, course_root: Path, *, task_lists: bool = False
) -> MarkdownBody:
    body = MarkdownBody.parse(split.body, split.body_first_line - 1, task_lists=task_lists)
    parsed.diagnostics.extend(
        check_local_links(body, parsed.source.absolute, course_root, parsed.source.path)
    )
    return body


def read_module_file(
    source: SourceFile, name: CourseFileName, lang: str, course_root: Path
) -> ParsedModuleFile:
    parsed = ParsedModuleFile(source=source, name=name, lang=lang)
    parsed.diagnostics.extend(hidden_characters(source))
    model = ModuleTranslationMeta if name.lang else ModuleMeta
    split, meta = _front_matter(parsed, model)
    if split is None:
        return parsed
    body = _body(parsed, split, course_root)
    title = str(getattr(meta, "title", ""))
    pages, problems = parse_pages(body, title, source.path)
    parsed.diagnostics.extend(problems)
    words = count_words(split.body)
    written = getattr(meta, "minutes", None)
    if isinstance(meta, ModuleMeta) and written is not None:
        computed = minutes_far_off(written, words)
        if computed is not None:
            line, col = parsed.document.position(("minutes",)) if parsed.document else (1, 1)
            parsed.diagnostics.append(
                Diagnostic(
                    path=source.path,
                    line=line,
                    col=col,
                    severity="warning",
                    code="minutes-far-off",
                    message=(
                        f"`minutes: {written}`, but the text ({words} words) takes about "
                        f"{computed} min at {WORDS_PER_MINUTE} words a minute; correct it, or "
                        "leave `minutes:` out to have it computed"
                    ),
                )
            )
    if meta is not None:
        parsed.text = ModuleText(
            lang=lang,
            path=source.path,
            title=title,
            summary=str(getattr(meta, "summary", "")),
            pages=pages,
            words=words,
        )
    return parsed


def read_quiz_file(
    source: SourceFile, name: CourseFileName, lang: str, course_root: Path
) -> ParsedQuizFile:
    parsed = ParsedQuizFile(source=source, name=name, lang=lang)
    parsed.diagnostics.extend(hidden_characters(source))
    model = QuizTranslationMeta if name.lang else QuizMeta
    split, meta = _front_matter(parsed, model)
    if split is None:
        return parsed
    body = _body(parsed, split, course_root, task_lists=True)
    quiz_body = parse_quiz_body(body, source.path)
    parsed.diagnostics.extend(quiz_body.diagnostics)
    parsed.question_count = len(quiz_body.questions)
    body_ok = not any(d.severity == "error" for d in quiz_body.diagnostics)
    draw = getattr(meta, "draw", None)
    if isinstance(meta, QuizMeta) and draw is not None and body_ok and draw > parsed.question_count:
        line, col = parsed.document.position(("draw",)) if parsed.document else (1, 1)
        parsed.diagnostics.append(
            Diagnostic(
                path=source.path,
                line=line,
                col=col,
                severity="error",
                code="draw-larger-than-pool",
                message=(
                    f"`draw: {draw}` asks for more questions per attempt than the quiz has "
                    f"({parsed.question_count})"
                ),
            )
        )
    if meta is not None:
        parsed.text = QuizText(
            lang=lang,
            path=source.path,
            title=str(getattr(meta, "title", "")),
            intro=quiz_body.intro,
            questions=quiz_body.questions,
        )
    return parsed


def read_policy_file(
    source: SourceFile, name: CourseFileName, lang: str, course_root: Path
) -> ParsedPolicyFile:
    parsed = ParsedPolicyFile(source=source, name=name, lang=lang)
    parsed.diagnostics.extend(hidden_characters(source))
    model = PolicyTranslationMeta if name.lang else PolicyMeta
    split, meta = _front_matter(parsed, model)
    if split is None:
        return parsed
    body = _body(parsed, split, course_root)
    text = body.source(body.first_line, body.end())
    if not text.strip():
        parsed.diagnostics.append(
            Diagnostic(
                path=source.path,
                line=split.body_first_line,
                severity="error",
                code="empty-policy",
                message="the policy has no text for the ambassador to read",
            )
        )
    parsed.body = text
    parsed.sha256 = hashlib.sha256(source.raw).hexdigest()
    if isinstance(meta, PolicyMeta):
        parsed.text = policy_text(parsed, meta.title, meta)
    return parsed


def policy_text(parsed: ParsedPolicyFile, title: str, original: PolicyMeta) -> PolicyText:
    """A translation takes its version and effective date from the original's front matter."""
    return PolicyText(
        lang=parsed.lang,
        path=parsed.source.path,
        title=title,
        version=original.version,
        effective=original.effective,
        body=parsed.body,
        sha256=parsed.sha256,
    )
