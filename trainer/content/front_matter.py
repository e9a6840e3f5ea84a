"""Front matter: the `---` YAML block at the top of a course file, and `course.yml` itself.

YAML is read with the safe loader, in two steps: first the node tree (which knows the line
and column of every key), then plain Python values built from it. Between the two we refuse
tags and aliases, so `!!python/object` and billion-laughs tricks never reach a constructor,
and every later error can point at the key a trainer has to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from trainer.content.diagnostics import Diagnostic
from trainer.content.source_file import SourceFile

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

FENCE = "---"


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """Plain values from a YAML text, plus where each key was written."""

    data: Any
    root: yaml.Node | None
    first_line: int  # 1-based file line of the YAML text's first line

    def position(self, loc: Sequence[object]) -> tuple[int, int]:
        """1-based (line, col) of the deepest node reached by following `loc` (keys / indexes).

        A mapping entry points at its key, so "unknown key" and "wrong value" both land on the
        line the trainer wrote `key:` on; a part of `loc` that is not in the file (a missing
        key) stops the walk at its parent.
        """
        _, line, col = self._walk(loc)
        return line, col

    def written(self, loc: Sequence[object]) -> str | None:
        """The value at `loc` exactly as typed (`1.10`, not the number 1.1), if it is a scalar."""
        node, _, _ = self._walk(loc, whole=True)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _walk(
        self, loc: Sequence[object], whole: bool = False
    ) -> tuple[yaml.Node | None, int, int]:
        node = self.root
        if node is None:
            return None, self.first_line, 1
        line, col = node.start_mark.line, node.start_mark.column
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and _same_key(key_node.value, part):
                        line, col = key_node.start_mark.line, key_node.start_mark.column
                        node = value_node
                        break
                else:
                    return (None if whole else node), self.first_line + line, col + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return (None if whole else node), self.first_line + line, col + 1
                node = node.value[part]
                line, col = node.start_mark.line, node.start_mark.column
            else:
                return (None if whole else node), self.first_line + line, col + 1
        return node, self.first_line + line, col + 1


def _same_key(written: str, part: object) -> bool:
    return written == part or (not isinstance(part, str) and written == str(part))


@dataclass(frozen=True, slots=True)
class SplitFile:
    """A Markdown course file cut into its YAML block and its body."""

    yaml_text: str
    yaml_first_line: int  # 1-based
    body: str  # the Markdown, preceded by blank lines so token lines equal file lines
    body_first_line: int  # 1-based line of the first body line


def split_front_matter(source: SourceFile) -> SplitFile | Diagnostic:
    """Cut `---\\n<yaml>\\n---\\n<markdown>`; the file must start with the opening fence."""
    lines = source.text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Diagnostic(
            path=source.path,
            line=1,
            severity="error",
            code="missing-front-matter",
            message=(
                "the file must start with front matter: a line `---`, the `key: value` lines "
                "(id, title, ...), and another `---`"
            ),
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        return Diagnostic(
            path=source.path,
            line=1,
            severity="error",
            code="unclosed-front-matter",
            message="the front matter opened by `---` on line 1 is never closed by another `---`",
        )
    return SplitFile(
        yaml_text="\n".join(lines[1:index]),
        yaml_first_line=2,
        body="\n" * (index + 1) + "\n".join(lines[index + 1 :]),
        body_first_line=index + 2,
    )


def read_yaml(
    text: str, path: str, first_line: int
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse YAML safely; a syntax error, tag or alias becomes a diagnostic, never an exception."""
    loader = _Loader(text)
    try:
        return _read_with(loader, text, path, first_line)
    finally:
        loader.dispose()


def _read_with(
    loader: yaml.SafeLoader, text: str, path: str, first_line: int
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path, first_line)]
    except yaml.YAMLError as exc:
        return None, [_diagnostic(path, first_line, 1, "yaml-syntax", f"YAML syntax error: {exc}")]
    if root is None:
        return YamlDocument(data=None, root=None, first_line=first_line), []
    problems, aliased = _refuse_tags(root, path, first_line)
    if aliased:
        problems.extend(_aliases(text, path, first_line))
    if problems:
        return None, problems
    try:
        data = loader.construct_document(root)
    except RecursionError:
        return None, [
            _diagnostic(path, first_line, 1, "yaml-syntax", "the YAML is nested too deeply")
        ]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path, first_line)]
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        # e.g. a timestamp like 2024-13-45 that looks like a date but is not one
        return None, [_unreadable_value(root, exc, path, first_line)]
    return YamlDocument(data=data, root=root, first_line=first_line), []


def _refuse_tags(root: yaml.Node, path: str, first_line: int) -> tuple[list[Diagnostic], bool]:
    """Walk the tree once (iteratively: the nesting may be deep) before anything is built.

    Also tells whether a node is reached twice, which only an alias (`*name`) can cause.
    """
    aliased = False
    problems: list[Diagnostic] = []
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        line = first_line + node.start_mark.line
        col = node.start_mark.column + 1
        if id(node) in seen:
            aliased = True
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            code = "unsafe-yaml-tag" if "python" in tag else "yaml-tag"
            problems.append(
                _diagnostic(
                    path,
                    line,
                    col,
                    code,
                    f"the YAML tag `{tag}` is not allowed: front matter holds only text, "
                    "numbers, true/false, dates, lists and `key: value` mappings",
                )
            )
            continue
        if isinstance(node, yaml.MappingNode):
            written: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in written:
                        problems.append(
                            _diagnostic(
                                path,
                                first_line + key_node.start_mark.line,
                                key_node.start_mark.column + 1,
                                "duplicate-key",
                                f"the key `{key_node.value}` is written twice; keep one",
                            )
                        )
                    written.add(key_node.value)
                stack.append(value_node)
                stack.append(key_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems, aliased


def _aliases(text: str, path: str, first_line: int) -> list[Diagnostic]:
    """Where each `*alias` is written (the node tree only knows where its anchor is)."""
    problems = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                problems.append(
                    _diagnostic(
                        path,
                        first_line + token.start_mark.line,
                        token.start_mark.column + 1,
                        "yaml-alias",
                        "YAML anchors and aliases (`&name`, `*name`) are not allowed here; "
                        "write the value out in full",
                    )
                )
    except yaml.YAMLError:
        pass
    return problems or [
        _diagnostic(path, first_line, 1, "yaml-alias", "YAML aliases are not allowed here")
    ]


def _unreadable_value(root: yaml.Node, exc: Exception, path: str, first_line: int) -> Diagnostic:
    """Find the date-looking value that is not a date, so the error lands on its line."""
    stack = [root]
    probe = _Loader("")
    try:
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
                try:
                    probe.construct_yaml_timestamp(node)
                except (ValueError, OverflowError, TypeError):
                    return _diagnostic(
                        path,
                        first_line + node.start_mark.line,
                        node.start_mark.column + 1,
                        "invalid-date",
                        f"`{node.value}` is not a real date (write dates as YYYY-MM-DD)",
                    )
            elif isinstance(node, yaml.MappingNode):
                stack.extend(value for pair in node.value for value in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
    finally:
        probe.dispose()
    return _diagnostic(path, first_line, 1, "yaml-syntax", f"a value cannot be read: {exc}")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = first_line + mark.line if mark is not None else first_line
    col = mark.column + 1 if mark is not None else 1
    problem = exc.problem or "the text cannot be read"
    context = exc.context or ""
    lines = text.split("\n")
    if "quoted scalar" in context and exc.context_mark is not None:
        # PyYAML stops at the end of the text; the mistake is where the quote was opened
        opened = exc.context_mark
        quote = lines[opened.line][opened.column : opened.column + 1] or '"'
        return _diagnostic(
            path,
            first_line + opened.line,
            opened.column + 1,
            "yaml-syntax",
            f"YAML syntax error: the quote `{quote}` opened here is never closed; "
            f"end the value with `{quote}`",
        )
    near = (mark.line, mark.line - 1) if mark is not None else ()
    tab_line = next((i for i in near if 0 <= i < len(lines) and "\t" in lines[i]), None)
    if tab_line is not None:
        return _diagnostic(
            path,
            first_line + tab_line,
            lines[tab_line].index("\t") + 1,
            "yaml-syntax",
            "YAML syntax error: this line has a tab character; YAML indents with spaces "
            "only: replace the tab with spaces",
        )
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; put text that contains `: ` in quotes"
    context_text = f" ({context})" if context else ""
    return _diagnostic(
        path, line, col, "yaml-syntax", f"YAML syntax error: {problem}{context_text}{hint}"
    )


def _diagnostic(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path=path, line=line, col=col, severity="error", code=code, message=message)
