"""Load a whole course folder, or one file for the trainer's live preview.

Every problem is collected in one run and none escapes as an exception: a file that trips an
unexpected bug becomes an "internal error while reading this file" diagnostic, and the
course is only built when there is no error at all.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from trainer.content.course_checks import BrokenFiles, CourseChecks
from trainer.content.course_files import (
    ParsedFile,
    ParsedModuleFile,
    ParsedPolicyFile,
    ParsedQuizFile,
    policy_text,
    read_course_config,
    read_module_file,
    read_policy_file,
    read_quiz_file,
)
from trainer.content.course_layout import (
    WORD,
    front_matter_keys,
    guess_kind,
    kind_from_keys,
    stray_files,
    suggested_name,
)
from trainer.content.diagnostics import Diagnostic
from trainer.content.file_names import (
    FOLDERS,
    KIND_OF_FOLDER,
    CourseFileName,
    FileKind,
    is_course_text,
    parse_file_name,
)
from trainer.content.front_matter import YamlDocument
from trainer.content.hub import read_hub
from trainer.content.models import (
    Course,
    CourseConfig,
    Module,
    ModuleMeta,
    ModuleText,
    Policy,
    PolicyMeta,
    PolicyText,
    Quiz,
    QuizMeta,
    QuizText,
)
from trainer.content.module_pages import reading_minutes
from trainer.content.source_file import SourceFile, read_source_file
from trainer.locations import COURSE_FILE
from trainer.posts.rules import PostRules

FALLBACK_LANGUAGE = "en"
"""Used only while course.yml cannot be read, so files can still be checked."""

T = TypeVar("T")


@dataclass(frozen=True)
class LoadOutcome:
    """What the diagnostics say, shared by both results."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def passes(self, *, strict: bool = False) -> bool:
        """No error; with `strict`, no warning either."""
        return not self.diagnostics if strict else self.ok


@dataclass(frozen=True)
class CourseLoadResult(LoadOutcome):
    """`course` is None as soon as there is one error; warnings still come with a course."""

    course: Course | None = None
    files_checked: int = 0
    silenced: list[Diagnostic] = field(default_factory=list)  # left out by `silence:`


@dataclass(frozen=True)
class PreviewLoadResult(LoadOutcome):
    """One file parsed on its own, for the trainer's live preview.

    The parsed parts are filled whenever the file itself allows it, even if other checks
    (links, a translation's shape) report errors, so the preview can still show the text.
    """

    path: Path = field(default_factory=Path)
    kind: FileKind | Literal["course", "unknown"] = "unknown"
    lang: str = FALLBACK_LANGUAGE
    course_root: Path | None = None
    module: Module | None = None
    module_text: ModuleText | None = None
    quiz: Quiz | None = None
    quiz_text: QuizText | None = None
    policy: Policy | None = None
    policy_text: PolicyText | None = None


# --- the whole course -----------------------------------------------------------------------


def load_course(root: Path) -> CourseLoadResult:
    """Read and validate every file of the course in `root`."""
    try:
        return _CourseLoader(Path(root)).load()
    except Exception as exc:  # the last net: validation must never end in a traceback
        return CourseLoadResult(
            diagnostics=[internal_error(COURSE_FILE, exc)],
            course=None,
        )


def internal_error(path: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=1,
        severity="error",
        code="internal-error",
        message=(
            f"internal error while reading this file ({type(exc).__name__}: {exc}); "
            "please report it to the developers together with the file"
        ),
    )


class _CourseLoader:
    def __init__(self, root: Path) -> None:
        self.root = root.absolute()
        self.diagnostics: list[Diagnostic] = []
        self.files_checked = 0
        # ids (and name bases) of files that could not be read far enough to know their id:
        # references to them are "depends on a file that has errors", not errors of their own
        self.broken: BrokenFiles = {"module": {}, "quiz": {}, "policy": {}}

    def load(self) -> CourseLoadResult:
        if not self.root.is_dir():
            return CourseLoadResult(
                diagnostics=[
                    Diagnostic(
                        path=".",
                        line=1,
                        severity="error",
                        code="missing-course-folder",
                        message=f"{self.root} is not a folder",
                    )
                ]
            )
        config, config_document = self._config()
        default_lang = config.default_language if config else FALLBACK_LANGUAGE
        modules = self._read_folder("module", default_lang, read_module_file)
        quizzes = self._read_folder("quiz", default_lang, read_quiz_file)
        policies = self._read_folder("policy", default_lang, read_policy_file)
        read: list[tuple[FileKind, list[ParsedFile]]] = [
            ("module", list(modules)),
            ("quiz", list(quizzes)),
            ("policy", list(policies)),
        ]
        for kind, files in read:
            for unidentified in (f for f in files if f.declared_id is None):
                self._remember_broken(kind, unidentified.source.path, unidentified.source.text)
        next_number = max((m.name.order for m in modules), default=0) + 1
        self.diagnostics.extend(
            self._guard(".", partial(stray_files, self.root, next_number)) or []
        )
        checks = CourseChecks(
            config=config,
            config_document=config_document,
            modules=modules,
            quizzes=quizzes,
            policies=policies,
            broken=self.broken,
        )
        self._guard(COURSE_FILE, checks.run)
        self.diagnostics.extend(checks.diagnostics)
        hub = self._guard("hub", lambda: read_hub(self.root, config, default_lang))
        if hub is not None:
            self.diagnostics.extend(hub.diagnostics)
            self.files_checked += hub.files_checked
        for parsed in [*modules, *quizzes, *policies]:
            self.diagnostics.extend(parsed.diagnostics)
        diagnostics = sort_diagnostics(self.diagnostics)
        silenced: list[Diagnostic] = []
        if config is not None and config.silence:
            silenced = [d for d in diagnostics if is_silenced(d, config)]
            diagnostics = [d for d in diagnostics if not is_silenced(d, config)]
        course = None
        if config is not None and not any(d.severity == "error" for d in diagnostics):
            course = self._guard(
                COURSE_FILE,
                lambda: _assemble(self.root, config, modules, quizzes, policies).model_copy(
                    update={"hub": tuple(hub.templates) if hub else ()}
                ),
            )
            if course is None:
                diagnostics = sort_diagnostics(self.diagnostics)
        return CourseLoadResult(
            diagnostics=diagnostics,
            course=course,
            files_checked=self.files_checked,
            silenced=silenced,
        )

    def _config(self) -> tuple[CourseConfig | None, YamlDocument | None]:
        absolute = self.root / COURSE_FILE
        if not absolute.is_file():
            near = _near_course_file(self.root)
            self.diagnostics.append(
                Diagnostic(
                    path=COURSE_FILE,
                    line=1,
                    severity="error",
                    code="missing-course-file",
                    message=(
                        "the course folder has no course.yml (title, organisation, languages, "
                        "tracks and policy of the course)"
                        + (f"; `{near}` is there: rename it to `{COURSE_FILE}`" if near else "")
                    ),
                )
            )
            return None, None
        self.files_checked += 1
        source = read_source_file(absolute, COURSE_FILE)
        if isinstance(source, Diagnostic):
            self.diagnostics.append(source)
            return None, None
        result = self._guard(COURSE_FILE, lambda: read_course_config(source))
        if result is None:
            return None, None
        config, document, problems = result
        self.diagnostics.extend(problems)
        return config, document

    def _read_folder(
        self,
        kind: FileKind,
        default_lang: str,
        read: Callable[[SourceFile, CourseFileName, str, Path], T],
    ) -> list[T]:
        folder_name = FOLDERS[kind]
        folder = self.root / folder_name
        if not folder.is_dir():
            if kind != "quiz":
                self.diagnostics.append(
                    Diagnostic(
                        path=folder_name,
                        line=1,
                        severity="error",
                        code="missing-folder",
                        message=f"the course has no `{folder_name}/` folder",
                    )
                )
            return []
        parsed_files: list[T] = []
        entries = [
            e for e in sorted(os.scandir(folder), key=lambda e: e.name) if is_course_text(e.name)
        ]
        names = [parse_file_name(kind, e.name) for e in entries]
        next_number = 1 + max((n.order for n in names if not isinstance(n, str)), default=0)
        for entry in entries:
            if not entry.is_file():
                continue
            relative = f"{folder_name}/{entry.name}"
            self.files_checked += 1
            source = read_source_file(Path(entry.path), relative)
            if isinstance(source, Diagnostic):
                self.diagnostics.append(source)
                self._remember_broken(kind, relative, "")
                continue
            if self._in_wrong_folder(kind, source, entry.name, next_number):
                continue
            name = parse_file_name(kind, entry.name)
            if isinstance(name, str):
                suggestion = suggested_name(kind, entry.name, next_number)
                hint = f"; did you mean `{suggestion}`?" if suggestion != entry.name else ""
                self.diagnostics.append(
                    Diagnostic(
                        path=relative,
                        line=1,
                        severity="error",
                        code="bad-file-name",
                        message=name + hint,
                    )
                )
                self._remember_broken(kind, relative, source.text)
                continue
            parsed = self._guard(
                relative, partial(read, source, name, name.lang or default_lang, self.root)
            )
            if parsed is not None:
                parsed_files.append(parsed)
        return parsed_files

    def _in_wrong_folder(
        self, kind: FileKind, source: SourceFile, file_name: str, next_number: int
    ) -> bool:
        """A quiz saved in `modules/` (or any such mix-up): one error saying where it goes."""
        keys = front_matter_keys(source.text[:4096])
        actual = kind_from_keys(keys) if keys else None
        if actual is None or actual == kind:
            return False
        evidence = {"quiz": "`pass:`", "policy": "`version:`/`effective:`"}.get(
            actual, "`track:`/`minutes:`"
        )
        target = f"{FOLDERS[actual]}/{suggested_name(actual, file_name, next_number)}"
        self.diagnostics.append(
            Diagnostic(
                path=source.path,
                line=1,
                severity="error",
                code="file-in-wrong-folder",
                message=(
                    f"this file is a {WORD[actual]} (it has {evidence}), but it is in "
                    f"`{FOLDERS[kind]}/`, where only {FOLDERS[kind]} are read; "
                    f"move it to `{target}`"
                ),
            )
        )
        self._remember_broken(actual, source.path, source.text)
        return True

    def _remember_broken(self, kind: FileKind, path: str, text: str) -> None:
        known = self.broken[kind]
        match = _ID_LINE.search(text[:4096])
        if match:
            known.setdefault(match.group(1), path)
        stem = path.rsplit("/", 1)[-1].split(".")[0]
        known.setdefault(stem, path)
        if kind == "module" and "-" in stem:
            known.setdefault(stem.split("-", 1)[1], path)

    def _guard(self, path: str, work: Callable[[], T]) -> T | None:
        try:
            return work()
        except Exception as exc:
            self.diagnostics.append(internal_error(path, exc))
            return None


def is_silenced(diagnostic: Diagnostic, config: CourseConfig) -> bool:
    """A warning course.yml's `silence:` names, everywhere or for files matching a glob."""
    if diagnostic.severity != "warning":
        return False
    where = config.silence.get(diagnostic.code)
    if where is None:
        return False
    return where == "all" or any(fnmatch.fnmatchcase(diagnostic.path, glob) for glob in where)


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


def _near_course_file(root: Path) -> str | None:
    """`course.yaml`, `Course.yml`, `course.yml.txt`: the settings under a near-miss name."""
    try:
        names = [e.name for e in os.scandir(root) if e.is_file()]
    except OSError:
        return None
    lowered = {name.lower(): name for name in names}
    for candidate in ("course.yaml", "course.yml", "course.yml.txt", "course.yaml.txt"):
        if candidate in lowered:
            return lowered[candidate]
    close = difflib.get_close_matches(COURSE_FILE, names, n=1, cutoff=0.8)
    return close[0] if close else None


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.path, d.line, d.col, d.code, d.message): d for d in diagnostics}
    return [unique[key] for key in sorted(unique)]


def _assemble(
    root: Path,
    config: CourseConfig,
    module_files: list[ParsedModuleFile],
    quiz_files: list[ParsedQuizFile],
    policy_files: list[ParsedPolicyFile],
) -> Course:
    """Build the course from files that passed every check (so every part is present)."""
    languages = set(config.languages)
    default = config.default_language
    modules = []
    for original in sorted(
        (m for m in module_files if not m.is_translation),
        key=lambda m: (m.name.order, m.source.path),
    ):
        meta = original.meta
        assert isinstance(meta, ModuleMeta) and original.text is not None
        texts = {default: original.text}
        for translation in _translations_of(original, module_files, languages):
            assert isinstance(translation, ParsedModuleFile) and translation.text is not None
            texts[translation.lang] = translation.text
        modules.append(
            Module(
                id=meta.id,
                track=meta.track,
                minutes=meta.minutes or reading_minutes(original.text.words),
                requires=tuple(meta.requires),
                quiz=meta.quiz,
                order=original.name.order,
                default_language=default,
                texts=texts,
            )
        )
    quizzes = {}
    for quiz_file in (q for q in quiz_files if not q.is_translation):
        quiz_meta = quiz_file.meta
        assert isinstance(quiz_meta, QuizMeta) and quiz_file.text is not None
        quiz_texts = {default: quiz_file.text}
        for translation in _translations_of(quiz_file, quiz_files, languages):
            assert isinstance(translation, ParsedQuizFile) and translation.text is not None
            quiz_texts[translation.lang] = translation.text
        quizzes[quiz_meta.id] = quiz_from(quiz_meta, default, quiz_texts, config.posts)
    policies = {}
    for policy_file in (p for p in policy_files if not p.is_translation):
        policy_meta = policy_file.meta
        assert isinstance(policy_meta, PolicyMeta) and policy_file.text is not None
        policy_texts = {default: policy_file.text}
        for translation in _translations_of(policy_file, policy_files, languages):
            assert isinstance(translation, ParsedPolicyFile)
            title = str(getattr(translation.meta, "title", policy_meta.title))
            policy_texts[translation.lang] = policy_text(translation, title, policy_meta)
        policies[policy_meta.id] = Policy(
            id=policy_meta.id,
            version=policy_meta.version,
            effective=policy_meta.effective,
            default_language=default,
            texts=policy_texts,
        )
    return Course(
        root=root, config=config, modules=tuple(modules), quizzes=quizzes, policies=policies
    )


def _translations_of(
    original: ParsedFile, files: Iterable[ParsedFile], languages: set[str]
) -> list[ParsedFile]:
    return [
        f
        for f in files
        if f.is_translation and f.name.base == original.name.base and f.lang in languages
    ]


def quiz_from(
    meta: QuizMeta,
    default_lang: str,
    texts: dict[str, QuizText],
    post_rules: PostRules | None = None,
) -> Quiz:
    return Quiz(
        post_rules=post_rules or PostRules(),
        id=meta.id,
        pass_mark=meta.pass_mark,
        attempts=meta.attempts,
        grading=meta.grading,
        shuffle=meta.shuffle,
        draw=meta.draw,
        scoring=meta.scoring,
        default_language=default_lang,
        texts=texts,
    )


# --- one file, for the live preview ---------------------------------------------------------


def load_file_for_preview(path: Path) -> PreviewLoadResult:
    """Parse one module, quiz or policy file, with its course (if any) as context."""
    path = Path(path).absolute()
    try:
        return _preview(path)
    except Exception as exc:
        return PreviewLoadResult(diagnostics=[internal_error(path.name, exc)], path=path)


def find_course_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds course.yml."""
    for folder in (start, *start.parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    return None


def _preview(path: Path) -> PreviewLoadResult:
    if path.name == COURSE_FILE:
        return _preview_course_file(path)
    root = find_course_root(path.parent)
    relative = path.relative_to(root).as_posix() if root else path.name
    config: CourseConfig | None = None
    if root is not None:
        config_source = read_source_file(root / COURSE_FILE, COURSE_FILE)
        if isinstance(config_source, SourceFile):
            config = read_course_config(config_source)[0]
    source = read_source_file(path, relative)
    if isinstance(source, Diagnostic):
        return PreviewLoadResult(diagnostics=[source], path=path, course_root=root)
    folder_kind = KIND_OF_FOLDER.get(path.parent.name) if root is not None else None
    kind = folder_kind or _guess_kind(source)
    diagnostics: list[Diagnostic] = []
    name = parse_file_name(kind, path.name)
    if isinstance(name, str):
        if folder_kind is not None:  # naming rules hold inside a course, not for a lone draft
            diagnostics.append(
                Diagnostic(
                    path=relative, line=1, severity="error", code="bad-file-name", message=name
                )
            )
        name = CourseFileName(base=path.name.split(".")[0], lang=None, order=0)
    default_lang = config.default_language if config else FALLBACK_LANGUAGE
    lang = name.lang or default_lang
    links_root = root or path.parent
    readers = {"module": read_module_file, "quiz": read_quiz_file, "policy": read_policy_file}
    parsed: ParsedFile = readers[kind](source, name, lang, links_root)
    original: ParsedFile | None = None
    if name.lang is not None:
        original_path = path.with_name(f"{name.base}.md")
        original_source = read_source_file(original_path, _relative(original_path, root))
        if isinstance(original_source, SourceFile):
            original_name = CourseFileName(base=name.base, lang=None, order=name.order)
            original = readers[kind](original_source, original_name, default_lang, links_root)
    checks = CourseChecks(
        config=config,
        config_document=None,
        modules=[f for f in (parsed, original) if isinstance(f, ParsedModuleFile)],
        quizzes=[f for f in (parsed, original) if isinstance(f, ParsedQuizFile)],
        policies=[f for f in (parsed, original) if isinstance(f, ParsedPolicyFile)],
    )
    checks.run_for_preview(parsed)
    diagnostics.extend(parsed.diagnostics)
    if original is not None:
        # A translation takes its other keys from the original: its errors break the preview too.
        diagnostics.extend(d for d in original.diagnostics if d.severity == "error")
    diagnostics.extend(d for d in checks.diagnostics if d.path == relative)
    result = PreviewLoadResult(
        diagnostics=sort_diagnostics(diagnostics),
        path=path,
        kind=kind,
        lang=lang,
        course_root=root,
    )
    return _with_parts(result, parsed, original)


def _preview_course_file(path: Path) -> PreviewLoadResult:
    """course.yml on its own: its own checks only (the other files have theirs)."""
    source = read_source_file(path, COURSE_FILE)
    if isinstance(source, Diagnostic):
        return PreviewLoadResult(diagnostics=[source], path=path, kind="course")
    config, _, diagnostics = read_course_config(source)
    lang = config.default_language if config else FALLBACK_LANGUAGE
    return PreviewLoadResult(
        diagnostics=sort_diagnostics(diagnostics),
        path=path,
        kind="course",
        lang=lang,
        course_root=path.parent,
    )


def _with_parts(
    result: PreviewLoadResult, parsed: ParsedFile, original: ParsedFile | None
) -> PreviewLoadResult:
    """Fill the parsed module/quiz/policy, taking inherited keys from the original if needed."""
    base_meta = original.meta if original is not None and parsed.is_translation else parsed.meta
    lang = parsed.lang
    if isinstance(parsed, ParsedModuleFile) and parsed.text is not None:
        module = None
        if isinstance(base_meta, ModuleMeta):
            module = Module(
                id=base_meta.id,
                track=base_meta.track,
                minutes=base_meta.minutes or reading_minutes(parsed.text.words),
                requires=tuple(base_meta.requires),
                quiz=base_meta.quiz,
                order=parsed.name.order,
                default_language=lang,
                texts={lang: parsed.text},
            )
        return replace(result, module_text=parsed.text, module=module)
    if isinstance(parsed, ParsedQuizFile) and parsed.text is not None:
        quiz = (
            quiz_from(base_meta, lang, {lang: parsed.text})
            if isinstance(base_meta, QuizMeta)
            else None
        )
        return replace(result, quiz_text=parsed.text, quiz=quiz)
    if isinstance(parsed, ParsedPolicyFile) and isinstance(base_meta, PolicyMeta):
        title = str(getattr(parsed.meta, "title", base_meta.title))
        text = policy_text(parsed, title, base_meta)
        policy = Policy(
            id=base_meta.id,
            version=base_meta.version,
            effective=base_meta.effective,
            default_language=lang,
            texts={lang: text},
        )
        return replace(result, policy_text=text, policy=policy)
    return result


def _relative(path: Path, root: Path | None) -> str:
    return path.relative_to(root).as_posix() if root else path.name


def _guess_kind(source: SourceFile) -> FileKind:
    """A lone file outside a course folder: its front matter keys tell what it is."""
    return guess_kind(source.text[:4096]) or "module"
