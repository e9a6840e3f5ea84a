"""Front matter checked against its pydantic model, with errors a trainer can act on.

pydantic's own messages ("Input should be a valid integer, unable to parse string as an
integer [type=int_parsing, ...]") are for programmers. Here each error becomes one sentence
that names the key as written in the file, says what is expected and what was found, and
points at the key's line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from trainer.content.diagnostics import Diagnostic
from trainer.content.front_matter import YamlDocument

_SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
_LANGUAGE_PATTERN = "^[a-z]{2}$"
_VALUE_PREVIEW = 40

M = TypeVar("M", bound=BaseModel)


def validate_meta(
    model: type[M], document: YamlDocument, path: str, *, what: str = "front matter"
) -> tuple[M | None, list[Diagnostic]]:
    """Build `model` from the document, or return one diagnostic per problem."""
    data = document.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"{_describe(data)}"
        return None, [
            Diagnostic(
                path=path,
                line=document.first_line,
                severity="error",
                code="wrong-type" if data is not None else "missing-key",
                message=f"the {what} must be `key: value` lines (id, title, ...), found {found}",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, translate_errors(model, exc.errors(), document, path)


def translate_errors(
    model: type[BaseModel], errors: Sequence[ErrorDetails], document: YamlDocument, path: str
) -> list[Diagnostic]:
    """Group pydantic errors by the key they concern (a union reports once per member)."""
    grouped: dict[tuple[object, ...], list[ErrorDetails]] = {}
    for error in errors:
        key_path = _written_path(error, document.data)
        grouped.setdefault(key_path, []).append(error)
    # A union (`title: text | {lang: text}`) reports a failure per member; when the value has
    # the shape of one member, the errors inside it are the useful ones.
    for key_path in list(grouped):
        deeper = any(len(o) > len(key_path) and o[: len(key_path)] == key_path for o in grouped)
        if deeper and all(_is_shape_error(e) for e in grouped[key_path]):
            del grouped[key_path]
    diagnostics = []
    for key_path, group in grouped.items():
        line, col = document.position(key_path)
        code, message = _explain(model, key_path, group, document.written(key_path))
        diagnostics.append(
            Diagnostic(path=path, line=line, col=col, severity="error", code=code, message=message)
        )
    return diagnostics


def _written_path(error: ErrorDetails, data: Any) -> tuple[object, ...]:
    """The part of pydantic's `loc` that names keys/indexes in the file, not union members."""
    loc = error["loc"]
    written: list[object] = []
    current = data
    for index, part in enumerate(loc):
        if _holds(current, part):
            written.append(part)
            current = current[part]
        elif index + 1 < len(loc) and _holds(current, loc[index + 1]):
            continue  # a union member's name, e.g. `dict[str,str]`: not a key in the file
        else:
            if error["type"] == "missing" and index == len(loc) - 1:
                written.append(part)
            break
    return tuple(written)


def _is_shape_error(error: ErrorDetails) -> bool:
    return error["type"].endswith("_type") or error["type"] == "literal_error"


def _holds(container: Any, part: object) -> bool:
    if isinstance(container, dict):
        return part in container
    if isinstance(container, list):
        return isinstance(part, int) and 0 <= part < len(container)
    return False


def _explain(
    model: type[BaseModel],
    key_path: tuple[object, ...],
    group: list[ErrorDetails],
    written: str | None = None,
) -> tuple[str, str]:
    name = _key_name(key_path)
    first = group[0]
    kind = first["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, key_path[:-1])
        key = str(key_path[-1]) if key_path else "?"
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        known = f" (known keys: {', '.join(allowed)})" if allowed and not close else ""
        return "unknown-key", f"unknown key `{key}`{hint}{known}"
    if kind == "missing":
        return "missing-key", f"missing required key `{name}`"
    value = first.get("input")
    if len(group) > 1:
        options = _unique(_expected(error) for error in group)
        return "wrong-type", f"`{name}` must be {' or '.join(options)}, got {_describe(value)}"
    if name == "pass" and kind in ("greater_than_equal", "less_than_equal"):
        return (
            "pass-out-of-range",
            f"`pass` must be a fraction between 0 and 1 of the maximum score (0.8 means 80%), "
            f"got {_describe(value)}",
        )
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return "value-out-of-range", f"`{name}` must be {_bound(first)}, got {_describe(value)}"
    if kind == "literal_error":
        expected = str(first.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
        options = [o for o in options if o]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else _yes_no_hint(value)
        return (
            "invalid-value",
            f"`{name}` must be one of {', '.join(options)}, got {_describe(value)}{hint}",
        )
    if kind == "string_type" and isinstance(value, bool):
        return "wrong-type", f"`{name}` must be text, got {_describe(value)}{_yes_no_hint(value)}"
    if (
        kind == "string_type"
        and isinstance(value, int | float)
        and written is not None
        and written != str(value)
    ):
        return (
            "wrong-type",
            f"`{name}` must be text; YAML reads `{written}` as the number {value}: "
            f'put it in quotes: `"{written}"`',
        )
    if kind == "string_type" and isinstance(value, int | float | dt.date):
        return (
            "wrong-type",
            f"`{name}` must be text, got {_describe(value)}; put it in quotes: `'{value}'`",
        )
    if kind == "value_error":  # a check of our own (a validator): its message says what is wrong
        reason = str(first.get("ctx", {}).get("error", "")) or first["msg"]
        return "invalid-value", f"`{name}`: {reason}"
    if kind in ("string_pattern_mismatch", "string_too_long", "string_too_short"):
        return "invalid-value", f"`{name}` must be {_expected(first)}, got {_describe(value)}"
    return "wrong-type", f"`{name}` must be {_expected(first)}, got {_describe(value)}"


def _yes_no_hint(value: object) -> str:
    if not isinstance(value, bool):
        return ""
    return (
        " (YAML reads yes/no, on/off and true/false as true or false; "
        "put the word in quotes if you meant the word)"
    )


def _expected(error: ErrorDetails) -> str:
    """What a value of this kind should look like, in words."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "a whole number"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return "a number"
    if kind in ("bool_parsing", "bool_type"):
        return "true or false"
    if kind in ("string_type", "string_unicode"):
        return "text"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == _SLUG_PATTERN:
            return "an id: lowercase letters, digits and hyphens, like `first-steps`"
        if pattern == _LANGUAGE_PATTERN:
            return "a two-letter language code like `pl` or `en`"
        return "in the expected form"
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters long"
    if kind == "string_too_short":
        return f"at least {ctx.get('min_length')} characters long"
    if kind in ("list_type", "tuple_type", "iterable_type"):
        return "a list, like `[a, b]`"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return "`key: value` lines"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "a date written as YYYY-MM-DD"
    if kind == "literal_error":
        return str(ctx.get("expected", "one of the listed values")).replace("'", "`")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _bound(error)
    if kind == "none_required":
        return "empty"
    return "a valid value"


def _bound(error: ErrorDetails) -> str:
    ctx = error.get("ctx", {})
    if "gt" in ctx:
        return f"greater than {ctx['gt']}"
    if "ge" in ctx:
        return f"at least {ctx['ge']}"
    if "lt" in ctx:
        return f"less than {ctx['lt']}"
    if "le" in ctx:
        return f"at most {ctx['le']}"
    return "in the allowed range"


def _key_name(key_path: tuple[object, ...]) -> str:
    """`tracks[1].title` style, as a trainer would find it in the file."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part + 1}]" if text else f"item {part + 1}"
        else:
            text += f".{part}" if text else str(part)
    return text or "front matter"


def _allowed_keys(model: type[BaseModel], parent: tuple[object, ...]) -> list[str]:
    """Keys accepted at `parent` (names as written: aliases win), following nested models."""
    current: type[BaseModel] | None = model
    for part in parent:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            field = next(
                (f for f in current.model_fields.values() if f.alias == str(part)),
                None,
            )
        current = _nested_model(field.annotation) if field is not None else None
    if current is None:
        return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _nested_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def _describe(value: object) -> str:
    """A short, readable rendering of what the trainer wrote."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= _VALUE_PREVIEW else value[: _VALUE_PREVIEW - 1] + "…"
        return repr(shown)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a set of `key: value` lines"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _unique(items: typing.Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
