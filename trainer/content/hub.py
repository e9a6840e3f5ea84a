"""The hub: post templates in `hub/*.md` (translations `name.en.md`), read and validated.

A template is front matter (id, title, networks, topics, valid_from/valid_until, link) and a
body: the suggested post up to the first `##` heading, then notes for the ambassador. Each
template is also run through the post checker for every network it lists, with the course's
own rules: a template that breaks the program's disclosure rule is an error at its line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from trainer.content.diagnostics import Diagnostic
from trainer.content.file_names import CourseFileName, is_course_text
from trainer.content.front_matter import YamlDocument, read_yaml, split_front_matter
from trainer.content.markdown_source import MarkdownBody
from trainer.content.meta_validation import validate_meta
from trainer.content.models import (
    AuthoredModel,
    CourseConfig,
    HubKind,
    HubTemplate,
    HubTemplateMeta,
    HubTemplateText,
    Slug,
)
from trainer.content.source_file import SourceFile, hidden_characters, read_source_file
from trainer.posts.checker import check_post
from trainer.posts.findings import LineIndex
from trainer.posts.links import tag_link
from trainer.posts.networks import NETWORK_NAMES, Network
from trainer.posts.rules import DEFAULT_RULES, PostRules

HUB_FOLDER = "hub"

# Placeholders the studio fills itself; any other `{{name}}` is for the ambassador to write.
PROFILE_PLACEHOLDERS = ("first_name", "name", "team", "company", "link")

# Checker findings that are expected in a template: its placeholders are filled later.
_EXPECTED_IN_TEMPLATES = frozenset({"unfilled-placeholder"})


class HubTemplateTranslationMeta(AuthoredModel):
    """A translation says its id and title (and summary); every other key is the original's."""

    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=200)]
    summary: str = ""


@dataclass(slots=True)
class ParsedHubFile:
    source: SourceFile
    name: CourseFileName
    lang: str
    document: YamlDocument | None = None
    meta: HubTemplateMeta | HubTemplateTranslationMeta | None = None
    text: HubTemplateText | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def is_translation(self) -> bool:
        return self.name.lang is not None

    def error(self, code: str, message: str, line: int = 1, col: int = 1) -> None:
        self.diagnostics.append(
            Diagnostic(
                path=self.source.path,
                line=line,
                col=col,
                severity="error",
                code=code,
                message=message,
            )
        )

    def key_position(self, *loc: object) -> tuple[int, int]:
        return self.document.position(loc) if self.document else (1, 1)


@dataclass
class HubReadResult:
    templates: list[HubTemplate]
    diagnostics: list[Diagnostic]
    files_checked: int


def read_hub(root: Path, config: CourseConfig | None, default_lang: str) -> HubReadResult:
    """Every template in `root/hub/` (no folder: an empty hub, which is fine)."""
    folder = root / HUB_FOLDER
    if not folder.is_dir():
        return HubReadResult([], [], 0)
    parsed_files: list[ParsedHubFile] = []
    diagnostics: list[Diagnostic] = []
    files_checked = 0
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not is_course_text(entry.name) or not entry.is_file():
            continue
        files_checked += 1
        relative = f"{HUB_FOLDER}/{entry.name}"
        name = _file_name(entry.name)
        if name is None:
            diagnostics.append(
                Diagnostic(
                    path=relative,
                    line=1,
                    severity="error",
                    code="bad-file-name",
                    message=(
                        "hub files are named with lowercase letters, digits and hyphens, like "
                        f"`job-offer.md`, or `job-offer.en.md` for a translation; `{entry.name}` "
                        "does not fit"
                    ),
                )
            )
            continue
        source = read_source_file(Path(entry.path), relative)
        if isinstance(source, Diagnostic):
            diagnostics.append(source)
            continue
        parsed_files.append(read_hub_file(source, name, name.lang or default_lang))
    rules = config.posts if config is not None else DEFAULT_RULES
    topics = {t.id for t in config.topics} if config is not None else set()
    templates = _assemble(parsed_files, config, default_lang, rules, topics)
    for parsed in parsed_files:
        diagnostics.extend(parsed.diagnostics)
    return HubReadResult(templates, diagnostics, files_checked)


_FILE_NAME = re.compile(r"^([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2}))?\.md$")


def _file_name(name: str) -> CourseFileName | None:
    match = _FILE_NAME.match(name)
    if match is None:
        return None
    return CourseFileName(base=match.group(1), lang=match.group(2), order=0)


def read_hub_file(source: SourceFile, name: CourseFileName, lang: str) -> ParsedHubFile:
    parsed = ParsedHubFile(source=source, name=name, lang=lang)
    parsed.diagnostics.extend(hidden_characters(source))
    split = split_front_matter(source)
    if isinstance(split, Diagnostic):
        parsed.diagnostics.append(split)
        return parsed
    document, problems = read_yaml(split.yaml_text, source.path, split.yaml_first_line)
    parsed.diagnostics.extend(problems)
    parsed.document = document
    if document is None:
        return parsed
    meta: HubTemplateMeta | HubTemplateTranslationMeta | None
    if name.lang:
        meta, problems = validate_meta(HubTemplateTranslationMeta, document, source.path)
    else:
        meta, problems = validate_meta(HubTemplateMeta, document, source.path)
    parsed.diagnostics.extend(problems)
    parsed.meta = meta
    body = MarkdownBody.parse(split.body, split.body_first_line - 1)
    notes_start = next(
        (
            token.map[0]
            for token in body.tokens
            if token.type == "heading_open" and token.tag == "h2" and token.map
        ),
        body.end(),
    )
    post_lines = body.lines[split.body_first_line - 1 : notes_start]
    while post_lines and not post_lines[0].strip():
        post_lines.pop(0)
    post_line = notes_start - len(post_lines) + 1
    post = "\n".join(post_lines).strip()
    if post:
        post_line = next(
            index + 1
            for index in range(split.body_first_line - 1, notes_start)
            if body.lines[index].strip()
        )
    notes = body.source(notes_start, body.end())
    if meta is not None:
        parsed.text = HubTemplateText(
            lang=lang,
            path=source.path,
            title=meta.title,
            summary=meta.summary,
            post=post,
            post_line=post_line,
            notes=notes,
        )
    if isinstance(meta, HubTemplateMeta):
        _check_own_keys(parsed, meta, post, notes)
    return parsed


def _check_own_keys(parsed: ParsedHubFile, meta: HubTemplateMeta, post: str, notes: str) -> None:
    if meta.valid_from and meta.valid_until and meta.valid_until < meta.valid_from:
        line, col = parsed.key_position("valid_until")
        parsed.error(
            "invalid-value",
            f"`valid_until` ({meta.valid_until}) is before `valid_from` ({meta.valid_from})",
            line,
            col,
        )
    if meta.kind == "post" and not post:
        parsed.error(
            "empty-template",
            "the template has no post text before its first `##` heading; write the suggested "
            "post, or set `kind: inspiration` for a topic without ready text",
            parsed.text.post_line if parsed.text else 1,
        )
    if meta.kind == "inspiration" and not notes:
        parsed.error(
            "empty-template",
            "an inspiration has no ready text, so it needs notes for the ambassador: add a "
            "`## ...` section saying what to write about",
            parsed.text.post_line if parsed.text else 1,
        )


def _assemble(
    files: list[ParsedHubFile],
    config: CourseConfig | None,
    default_lang: str,
    rules: PostRules,
    topics: set[str],
) -> list[HubTemplate]:
    originals: dict[str, ParsedHubFile] = {}
    by_base: dict[str, ParsedHubFile] = {}
    for parsed in files:
        if parsed.is_translation:
            continue
        by_base[parsed.name.base] = parsed
        meta = parsed.meta
        if not isinstance(meta, HubTemplateMeta):
            continue
        if meta.id in originals:
            other = originals[meta.id]
            line, col = parsed.key_position("id")
            parsed.error(
                "duplicate-id",
                f"the template id `{meta.id}` is also used by {other.source.path}; "
                "ids must be unique",
                line,
                col,
            )
            continue
        originals[meta.id] = parsed
        for index, topic in enumerate(meta.topics):
            if topics and topic not in topics:
                line, col = parsed.key_position("topics", index)
                known = ", ".join(sorted(topics))
                parsed.error(
                    "unknown-topic",
                    f"the topic `{topic}` is not declared in course.yml `topics` ({known})",
                    line,
                    col,
                )
    texts: dict[str, dict[str, HubTemplateText]] = {}
    for parsed in files:
        original = by_base.get(parsed.name.base)
        if parsed.is_translation and not _translation_fits(parsed, original, config, default_lang):
            continue
        if original is None or not isinstance(original.meta, HubTemplateMeta):
            continue
        if parsed.text is None:
            continue
        _check_posts(parsed, original.meta, rules)
        texts.setdefault(original.meta.id, {})[parsed.lang] = parsed.text
    templates = []
    for template_id, parsed in originals.items():
        meta = parsed.meta
        assert isinstance(meta, HubTemplateMeta)
        if template_id not in texts or default_lang not in texts[template_id]:
            continue
        templates.append(
            HubTemplate(
                id=meta.id,
                networks=tuple(dict.fromkeys(meta.networks)),
                topics=tuple(meta.topics),
                kind=meta.kind,
                valid_from=meta.valid_from,
                valid_until=meta.valid_until,
                link=meta.link,
                default_language=default_lang,
                texts=texts[template_id],
            )
        )
    return templates


def _translation_fits(
    parsed: ParsedHubFile,
    original: ParsedHubFile | None,
    config: CourseConfig | None,
    default_lang: str,
) -> bool:
    if parsed.lang == default_lang:
        parsed.error(
            "translation-in-default-language",
            f"`{parsed.lang}` is the course's default language, so this text is the original: "
            f"name the file `{parsed.name.base}.md`",
        )
        return False
    if config is not None and parsed.lang not in config.languages:
        parsed.diagnostics.append(
            Diagnostic(
                path=parsed.source.path,
                line=1,
                severity="warning",
                code="unused-translation",
                message=(
                    f"`{parsed.lang}` is not in the course's `languages`, so no ambassador "
                    "will see this translation"
                ),
            )
        )
        return False
    if original is None:
        parsed.error(
            "translation-without-original",
            f"a translation needs its original `{HUB_FOLDER}/{parsed.name.base}.md`",
        )
        return False
    meta = parsed.meta
    if isinstance(meta, HubTemplateTranslationMeta) and isinstance(original.meta, HubTemplateMeta):
        if meta.id != original.meta.id:
            line, col = parsed.key_position("id")
            parsed.error(
                "translation-id-mismatch",
                f"the translation's id `{meta.id}` differs from the original's "
                f"`{original.meta.id}` ({original.source.path})",
                line,
                col,
            )
            return False
        kind: HubKind = original.meta.kind
        if kind == "post" and parsed.text is not None and not parsed.text.post:
            parsed.error(
                "empty-template",
                "the original has a ready post, so its translation needs one too (before the "
                "first `##` heading)",
                parsed.text.post_line,
            )
    return True


_STUDIO_PLACEHOLDER = re.compile(r"\{\{\s*(company|link)\s*\}\}")


def sample_post(
    text: str, meta: HubTemplateMeta, rules: PostRules, network: Network
) -> tuple[str, list[tuple[int, int]]]:
    """The template as the checker should see it: `{{company}}` and `{{link}}` filled in.

    Also returns (offset in the filled text, offset in the template) for each replacement, so
    findings can point at the template's own line and column.
    """
    values = {"company": rules.brand[0] if rules.brand else None, "link": None}
    if meta.link:
        values["link"] = tag_link(
            meta.link,
            source=network,
            medium=rules.tracking.medium,
            campaign=meta.id,
            content="a1b2c3d4e5f6",
        )
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    position = 0
    filled_length = 0
    for match in _STUDIO_PLACEHOLDER.finditer(text):
        value = values[match.group(1)]
        if value is None:
            continue
        pieces.append(text[position : match.start()])
        filled_length += match.start() - position
        shifts.append((filled_length, match.start()))
        pieces.append(value)
        filled_length += len(value)
        position = match.end()
        shifts.append((filled_length, position))
    pieces.append(text[position:])
    return "".join(pieces), shifts


def _original_offset(offset: int, shifts: list[tuple[int, int]]) -> int:
    original = offset
    for filled, template in shifts:
        if filled <= offset:
            original = template + (offset - filled)
    return original


def _check_posts(parsed: ParsedHubFile, meta: HubTemplateMeta, rules: PostRules) -> None:
    """Run the program's own checker on the template for each network it is offered on."""
    text = parsed.text
    if text is None or not text.post or meta.kind != "post":
        return
    lang = parsed.lang if parsed.lang in ("pl", "en") else None
    lines = LineIndex(text.post)
    seen: set[tuple[str, int]] = set()
    for network in dict.fromkeys(meta.networks):
        post, shifts = sample_post(text.post, meta, rules, network)
        result = check_post(post, network, lang, rules, campaign=meta.id)  # type: ignore[arg-type]
        for finding in result.findings:
            if finding.code in _EXPECTED_IN_TEMPLATES or finding.level == "tip":
                continue
            start = min(_original_offset(finding.start, shifts), len(text.post))
            if (finding.code, start) in seen:
                continue
            seen.add((finding.code, start))
            where = lines.position(start)
            parsed.diagnostics.append(
                Diagnostic(
                    path=parsed.source.path,
                    line=text.post_line + where.line - 1,
                    col=where.col,
                    severity="error" if finding.level == "error" else "warning",
                    code=f"post-{finding.code}",
                    message=f"on {NETWORK_NAMES[network]}: {finding.message('en')}",
                )
            )
