"""Reading one course file from disk: size cap, UTF-8 check, exact bytes kept for hashing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.content.diagnostics import Diagnostic
from trainer.plain_text import UNSAFE_CHARACTERS

MAX_FILE_BYTES = 512 * 1024
"""A course file larger than this is refused: no hand-written page needs it, and it keeps a
stray export or pasted binary from slowing every learner's start-up."""

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file as read from disk. `text` has CR LF turned into LF and a leading BOM removed."""

    path: str  # relative to the course folder, POSIX separators
    absolute: Path
    raw: bytes
    text: str


def read_source_file(absolute: Path, relative: str) -> SourceFile | Diagnostic:
    """Read a file or explain in one diagnostic why it cannot be used."""
    if leaves_course_folder(absolute, relative):
        return Diagnostic(
            path=relative,
            line=1,
            severity="error",
            code="outside-course",
            message=(
                "this file is a link to a place outside the course folder, so it was not read "
                "(learners must only see what is in the course); copy the file into the course "
                "instead"
            ),
        )
    try:
        size = absolute.stat().st_size
    except OSError as exc:
        return _unreadable(relative, exc)
    if size > MAX_FILE_BYTES:
        return Diagnostic(
            path=relative,
            line=1,
            severity="error",
            code="file-too-large",
            message=(
                f"the file is {size // 1024} KB; course files may be at most "
                f"{MAX_FILE_BYTES // 1024} KB (split it into several modules, or move large "
                "media out of the course text)"
            ),
        )
    try:
        raw = absolute.read_bytes()
    except OSError as exc:
        return _unreadable(relative, exc)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        return Diagnostic(
            path=relative,
            line=raw.count(b"\n", 0, exc.start) + 1,
            col=exc.start - line_start + 1,
            severity="error",
            code="not-utf8",
            message=(
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} here); "
                "save it as UTF-8 in your editor"
            ),
        )
    text = text.removeprefix(_BOM)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(path=relative, absolute=absolute, raw=raw, text=text)


def leaves_course_folder(absolute: Path, relative: str) -> bool:
    """Whether `absolute` (the course file `relative`) is, or lies behind, a symbolic link to a
    place outside the course folder. Nothing of the target is read."""
    parts = Path(relative).parts
    if not parts or ".." in parts or Path(relative).is_absolute():
        return False
    root = absolute
    try:
        linked = False
        for _ in parts:
            linked = linked or root.is_symlink()
            root = root.parent
        if not linked:
            return False  # no link between the course folder and the file: it is inside
        return not absolute.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def hidden_characters(source: SourceFile) -> list[Diagnostic]:
    """A warning for the first control character or bidi override in the file.

    Learners never see them (the app removes them before anything reaches the terminal), so
    the text on screen differs from the file; usually they come from a paste.
    """
    found = UNSAFE_CHARACTERS.search(source.text.replace("\t", " "))
    if found is None:
        return []
    start = found.start()
    line_start = source.text.rfind("\n", 0, start) + 1
    return [
        Diagnostic(
            path=source.path,
            line=source.text.count("\n", 0, start) + 1,
            col=start - line_start + 1,
            severity="warning",
            code="control-character",
            message=(
                f"invisible control character U+{ord(found.group()):04X} here (often from a "
                "paste); learners will not see it, so delete it"
            ),
        )
    ]


def _unreadable(relative: str, exc: OSError) -> Diagnostic:
    return Diagnostic(
        path=relative,
        line=1,
        severity="error",
        code="unreadable-file",
        message=f"the file cannot be read: {exc.strerror or exc}",
    )
