"""Checks that look across files: ids, references, prerequisite cycles and translations."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from trainer.content.course_files import (
    ParsedFile,
    ParsedModuleFile,
    ParsedPolicyFile,
    ParsedQuizFile,
)
from trainer.content.diagnostics import WARNING_CODES, Diagnostic, Severity
from trainer.content.file_names import FileKind
from trainer.content.front_matter import YamlDocument
from trainer.content.models import CourseConfig, ModuleMeta
from trainer.content.translations import inherited_key_mismatches, quiz_structure_differences
from trainer.locations import COURSE_FILE

BrokenFiles = dict[FileKind, dict[str, str]]
"""Per kind: the id (or name) of each file that has errors before its id could be read -> path."""

_KIND_OF: dict[type[ParsedFile], FileKind] = {
    ParsedModuleFile: "module",
    ParsedQuizFile: "quiz",
    ParsedPolicyFile: "policy",
}
_KIND_WORD: dict[type[ParsedFile], str] = dict(_KIND_OF)


@dataclass
class CourseChecks:
    config: CourseConfig | None
    config_document: YamlDocument | None  # course.yml's, when it could be read
    modules: Sequence[ParsedModuleFile]
    quizzes: Sequence[ParsedQuizFile]
    policies: Sequence[ParsedPolicyFile]
    broken: BrokenFiles = field(default_factory=lambda: {"module": {}, "quiz": {}, "policy": {}})
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _id_lists: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def run(self) -> None:
        self._course_file()
        for files in (self.modules, self.quizzes, self.policies):
            self._duplicate_ids(files)
            for parsed in files:
                if parsed.is_translation:
                    self._translation(parsed, files)
                else:
                    self._missing_translations(parsed, files)
        self._module_numbers()
        for module in self.modules:
            if not module.is_translation:
                self._module_references(module)
        self._prerequisite_cycles()
        self._quizzes_without_module()

    def run_for_preview(self, parsed: ParsedFile) -> None:
        """The checks that make sense for one file being edited."""
        files: Sequence[ParsedFile] = {
            ParsedModuleFile: self.modules,
            ParsedQuizFile: self.quizzes,
            ParsedPolicyFile: self.policies,
        }[type(parsed)]
        if parsed.is_translation:
            self._translation(parsed, files)
        elif isinstance(parsed, ParsedModuleFile) and isinstance(parsed.meta, ModuleMeta):
            self._module_track(parsed, parsed.meta)

    # --- course.yml ---------------------------------------------------------------------

    def _course_file(self) -> None:
        config = self.config
        if config is None:
            return
        if config.default_language not in config.languages:
            self._config_error(
                ("default_language",),
                "language-not-offered",
                f"the default language `{config.default_language}` must also be listed in "
                "`languages`",
            )
        for index, lang in enumerate(config.languages):
            if lang in config.languages[:index]:
                self._config_error(
                    ("languages", index), "duplicate-id", f"the language `{lang}` is listed twice"
                )
        track_ids = [t.id for t in config.tracks]
        for index, track_id in enumerate(track_ids):
            if track_id in track_ids[:index]:
                self._config_error(
                    ("tracks", index, "id"),
                    "duplicate-id",
                    f"the track id `{track_id}` is used twice",
                )
        if not config.tracks:
            self._config_error(("tracks",), "missing-key", "the course needs at least one track")
        for code in config.silence:
            if code not in WARNING_CODES:
                close = difflib.get_close_matches(code, sorted(WARNING_CODES), n=1, cutoff=0.6)
                self._config_error(
                    ("silence", code),
                    "unknown-silenced-code",
                    f"`silence` names `{code}`, which is not a kind of warning"
                    + (f"; did you mean `{close[0]}`?" if close else "")
                    + " (errors cannot be silenced; the codes are listed in docs/authoring.md)",
                )
        policy_ids = _ids(self.policies)
        if config.policy in self.broken["policy"]:
            self._config_depends(("policy",), "policy", config.policy)
        elif config.policy not in policy_ids:
            self._config_error(
                ("policy",),
                "dangling-policy",
                f"`policy: {config.policy}` names no policy in `policy/`"
                + _known(policy_ids, config.policy),
            )
        for key, files in (("modules", self.modules), ("quizzes", self.quizzes)):
            wanted = getattr(config.completion, key)
            if wanted == "all":
                continue
            known = _ids(files)
            kind: FileKind = "module" if key == "modules" else "quiz"
            for index, item in enumerate(wanted):
                if item not in known and item in self.broken[kind]:
                    self._config_depends(("completion", key, index), kind, item)
                elif item not in known:
                    self._config_error(
                        ("completion", key, index),
                        "unknown-completion-id",
                        f"`completion.{key}` names `{item}`, which is not a "
                        f"{'module' if key == 'modules' else 'quiz'} of this course"
                        + _known(known, item),
                    )

    def _config_error(
        self,
        loc: tuple[object, ...],
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        line, col = self.config_document.position(loc) if self.config_document else (1, 1)
        self.diagnostics.append(
            Diagnostic(
                path=COURSE_FILE, line=line, col=col, severity=severity, code=code, message=message
            )
        )

    def _config_depends(self, loc: tuple[object, ...], kind: FileKind, name: str) -> None:
        self._config_error(loc, "depends-on-broken-file", self._depends(kind, name), "warning")

    def _depends(self, kind: FileKind, name: str) -> str:
        return (
            f"`{name}` is the {kind} in {self.broken[kind][name]}, which has errors; "
            "this reference is checked again once that file is fixed"
        )

    # --- ids ----------------------------------------------------------------------------

    def _duplicate_ids(self, files: Sequence[ParsedFile]) -> None:
        first: dict[str, ParsedFile] = {}
        for parsed in files:
            if parsed.is_translation:
                continue
            declared = parsed.declared_id
            if declared is None:
                continue
            if declared in first:
                other = first[declared]
                self._file_error(
                    parsed,
                    ("id",),
                    "duplicate-id",
                    f"the {_KIND_WORD[type(parsed)]} id `{declared}` is also used by "
                    f"{other.source.path} (line {other.key_line('id')}); ids must be unique",
                )
            else:
                first[declared] = parsed

    def _module_numbers(self) -> None:
        first: dict[int, ParsedModuleFile] = {}
        for module in self.modules:
            if module.is_translation:
                continue
            order = module.name.order
            if order in first:
                self.diagnostics.append(
                    Diagnostic(
                        path=module.source.path,
                        line=1,
                        severity="error",
                        code="duplicate-module-number",
                        message=(
                            f"the number {module.name.base.split('-')[0]} is also used by "
                            f"{first[order].source.path}; the numbers set the course order, "
                            "so each module needs its own"
                        ),
                    )
                )
            else:
                first[order] = module

    # --- modules ------------------------------------------------------------------------

    def _module_references(self, module: ParsedModuleFile) -> None:
        meta = module.meta
        if not isinstance(meta, ModuleMeta):
            return
        self._module_track(module, meta)
        module_ids = self._known_ids("module")
        for index, required in enumerate(meta.requires):
            if required not in module_ids and required in self.broken["module"]:
                self._file_warning(
                    module,
                    ("requires", index),
                    "depends-on-broken-file",
                    self._depends("module", required),
                )
            elif required not in module_ids:
                self._file_error(
                    module,
                    ("requires", index),
                    "dangling-requires",
                    f"`requires` names `{required}`, which is not a module of this course"
                    + _known(module_ids, required),
                )
        if meta.quiz is None:
            self._file_warning(
                module,
                ("id",),
                "module-without-quiz",
                "this module has no quiz (`quiz:`); learners finish it without being checked",
            )
        else:
            quiz_ids = self._known_ids("quiz")
            if meta.quiz not in quiz_ids and meta.quiz in self.broken["quiz"]:
                self._file_warning(
                    module, ("quiz",), "depends-on-broken-file", self._depends("quiz", meta.quiz)
                )
            elif meta.quiz not in quiz_ids:
                self._file_error(
                    module,
                    ("quiz",),
                    "dangling-quiz",
                    f"`quiz: {meta.quiz}` names no quiz in `quizzes/`"
                    + _known(quiz_ids, meta.quiz),
                )

    def _quizzes_without_module(self) -> None:
        """A quiz no module names is missing from the map, yet may be needed for completion."""
        originals = [m for m in self.modules if not m.is_translation]
        if any(not isinstance(m.meta, ModuleMeta) for m in originals):
            return  # a module that cannot be read may be the one that names it
        used = {m.meta.quiz for m in originals if isinstance(m.meta, ModuleMeta)}
        wanted = self.config.completion.quizzes if self.config is not None else "all"
        for quiz in self.quizzes:
            quiz_id = quiz.declared_id
            if quiz.is_translation or quiz_id is None or quiz_id in used:
                continue
            counted = wanted == "all" or quiz_id in wanted
            self._file_warning(
                quiz,
                ("id",),
                "quiz-without-module",
                f"no module has `quiz: {quiz_id}`, so learners never see this quiz on the "
                "course map"
                + (
                    ", yet the course cannot be completed without passing it"
                    if counted
                    else " and nothing counts it"
                )
                + f"; add `quiz: {quiz_id}` to the module it belongs to",
            )

    def _known_ids(self, kind: FileKind) -> list[str]:
        """The ids of one kind of file, listed once per run (modules ask for them each)."""
        cached = self._id_lists.get(kind)
        if cached is None:
            files = {"module": self.modules, "quiz": self.quizzes, "policy": self.policies}[kind]
            cached = self._id_lists[kind] = _ids(files)
        return cached

    def _module_track(self, module: ParsedModuleFile, meta: ModuleMeta) -> None:
        if self.config is None:
            return
        tracks = [t.id for t in self.config.tracks]
        if meta.track not in tracks:
            self._file_error(
                module,
                ("track",),
                "unknown-track",
                f"`track: {meta.track}` is not one of the tracks in course.yml"
                + _known(tracks, meta.track),
            )

    def _prerequisite_cycles(self) -> None:
        metas: dict[str, tuple[ParsedModuleFile, ModuleMeta]] = {}
        for m in self.modules:
            if not m.is_translation and isinstance(m.meta, ModuleMeta):
                metas.setdefault(m.meta.id, (m, m.meta))  # a duplicate id is reported apart
        originals = {module_id: module for module_id, (module, _) in metas.items()}
        requires = {
            module_id: [r for r in meta.requires if r in metas]
            for module_id, (_, meta) in metas.items()
        }
        order = {module_id: index for index, module_id in enumerate(originals)}
        reported: set[frozenset[str]] = set()
        state: dict[str, int] = {}  # 1: on the current path, 2: finished
        for start in originals:
            if state.get(start):
                continue
            path: list[str] = []
            stack: list[tuple[str, int]] = [(start, 0)]
            while stack:
                node, next_edge = stack.pop()
                if next_edge == 0:
                    state[node] = 1
                    path.append(node)
                edges = requires[node]
                if next_edge < len(edges):
                    stack.append((node, next_edge + 1))
                    target = edges[next_edge]
                    if state.get(target) == 1:
                        cycle = path[path.index(target) :]
                        if frozenset(cycle) not in reported:
                            reported.add(frozenset(cycle))
                            self._cycle(cycle, originals, order)
                    elif not state.get(target):
                        stack.append((target, 0))
                else:
                    state[node] = 2
                    path.pop()

    def _cycle(
        self, cycle: list[str], originals: dict[str, ParsedModuleFile], order: dict[str, int]
    ) -> None:
        first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        ring = cycle[first:] + cycle[:first]
        # `path` runs from a module to one it requires, so the cycle reads "a requires b ..."
        module = originals[ring[0]]
        requirement = ring[1] if len(ring) > 1 else ring[0]
        meta = module.meta
        assert isinstance(meta, ModuleMeta)
        index = meta.requires.index(requirement)
        self._file_error(
            module,
            ("requires", index),
            "prerequisite-cycle",
            "prerequisite cycle: "
            + " → ".join([*ring, ring[0]])
            + " (each requires the next, so none of them can ever be opened)",
        )

    # --- translations -------------------------------------------------------------------

    def _translation(self, parsed: ParsedFile, files: Sequence[ParsedFile]) -> None:
        config = self.config
        if config is not None:
            if parsed.lang == config.default_language:
                self._file_error(
                    parsed,
                    None,
                    "translation-in-default-language",
                    f"`{parsed.lang}` is the course's default language, so this text is the "
                    f"original: name the file `{parsed.name.base}.md` (without `.{parsed.lang}`)",
                )
                return
            if parsed.lang not in config.languages:
                self._file_warning(
                    parsed,
                    None,
                    "unused-translation",
                    f"`{parsed.lang}` is not in the course's `languages` in course.yml, "
                    "so no learner will see this translation",
                )
        original = next(
            (f for f in files if not f.is_translation and f.name.base == parsed.name.base), None
        )
        kind = _KIND_OF[type(parsed)]
        if original is None and parsed.name.base in self.broken[kind]:
            self._file_warning(
                parsed,
                None,
                "depends-on-broken-file",
                f"the original of this translation, {self.broken[kind][parsed.name.base]}, "
                "has errors; the translation is checked against it once that file is fixed",
            )
            return
        if original is None:
            self._file_error(
                parsed,
                None,
                "translation-without-original",
                f"this translation has no original `{parsed.name.base}.md` beside it",
            )
            return
        declared, original_id = parsed.declared_id, original.declared_id
        if declared is not None and original_id is not None and declared != original_id:
            self._file_error(
                parsed,
                ("id",),
                "translation-id-mismatch",
                f"a translation keeps the original's id: `{original_id}` "
                f"(from {original.source.path}), not `{declared}`",
            )
        if parsed.meta is not None and original.meta is not None and parsed.document is not None:
            self.diagnostics.extend(
                inherited_key_mismatches(
                    parsed.meta,
                    original.meta,
                    parsed.document,
                    parsed.source.path,
                    original.source.path,
                )
            )
        if original.has_errors:
            return  # its errors are reported on it; comparing against it would blame this file
        if isinstance(parsed, ParsedQuizFile) and isinstance(original, ParsedQuizFile):
            self._quiz_shape(parsed, original)
        if isinstance(parsed, ParsedModuleFile) and isinstance(original, ParsedModuleFile):
            self._page_count(parsed, original)

    def _quiz_shape(self, parsed: ParsedQuizFile, original: ParsedQuizFile) -> None:
        if parsed.text is None or original.text is None:
            return
        self.diagnostics.extend(
            quiz_structure_differences(
                original.text.questions,
                parsed.text.questions,
                parsed.source.path,
                original.source.path,
                parsed.key_line("id"),
            )
        )

    def _page_count(self, parsed: ParsedModuleFile, original: ParsedModuleFile) -> None:
        if parsed.text is None or original.text is None:
            return
        mine, theirs = len(parsed.text.pages), len(original.text.pages)
        if mine != theirs:
            self._file_warning(
                parsed,
                None,
                "translation-pages-differ",
                f"this translation has {mine} pages and the original "
                f"{original.source.path} has {theirs}; learners who switch language "
                "keep their page number, so keep the same `##` pages",
            )

    def _missing_translations(self, original: ParsedFile, files: Sequence[ParsedFile]) -> None:
        if self.config is None:
            return
        present = {f.lang for f in files if f.is_translation and f.name.base == original.name.base}
        for lang in self.config.languages:
            if lang == self.config.default_language or lang in present:
                continue
            self._file_warning(
                original,
                None,
                "missing-translation",
                f"no `{lang}` translation (`{original.name.base}.{lang}.md`); learners "
                f"reading in `{lang}` will see the `{self.config.default_language}` text",
            )

    # --- reporting ----------------------------------------------------------------------

    def _file_error(
        self, parsed: ParsedFile, loc: tuple[object, ...] | None, code: str, message: str
    ) -> None:
        self._add(parsed, loc, "error", code, message)

    def _file_warning(
        self, parsed: ParsedFile, loc: tuple[object, ...] | None, code: str, message: str
    ) -> None:
        self._add(parsed, loc, "warning", code, message)

    def _add(
        self,
        parsed: ParsedFile,
        loc: tuple[object, ...] | None,
        severity: Severity,
        code: str,
        message: str,
    ) -> None:
        line, col = (
            parsed.document.position(loc)
            if loc is not None and parsed.document is not None
            else (1, 1)
        )
        self.diagnostics.append(
            Diagnostic(
                path=parsed.source.path,
                line=line,
                col=col,
                severity=severity,
                code=code,
                message=message,
            )
        )


def _ids(files: Sequence[ParsedFile]) -> list[str]:
    """Each id once, even when two files declare it (that is reported as a duplicate)."""
    return list(
        dict.fromkeys(
            declared
            for f in files
            if not f.is_translation and (declared := f.declared_id) is not None
        )
    )


def _known(ids: list[str], near: str | None = None) -> str:
    """A "did you mean" for a misspelt id, else the list of ids there are (if short)."""
    if near is not None:
        close = difflib.get_close_matches(near, ids, n=1, cutoff=0.6)
        if close:
            return f"; did you mean `{close[0]}`?"
    if not ids:
        return ""
    if len(ids) <= 8:
        return " (there are: " + ", ".join(f"`{i}`" for i in sorted(ids)) + ")"
    return ""
