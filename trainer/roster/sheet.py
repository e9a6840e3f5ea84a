"""Read a roster CSV exported from Excel, LibreOffice or an HR system.

People export rosters in many shapes: Polish or English headers, `,` or `;` (Polish-locale
Excel), with or without a UTF-8 BOM, sometimes in Windows-1250. We accept the shapes that are
unambiguous and explain the rest with line numbers, because a coordinator fixes the file
in a spreadsheet and needs to find the row.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from trainer.plain_text import single_line

Column = Literal["first_name", "last_name", "email", "team", "language", "due"]
REQUIRED_COLUMNS: tuple[Column, ...] = ("first_name", "last_name", "email")

# Header spellings after `_header_key` (case-folded, diacritics and separators removed).
HEADER_ALIASES: dict[str, Column] = {
    "imie": "first_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "nazwisko": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "email": "email",
    "mail": "email",
    "adresemail": "email",
    "emailaddress": "email",
    "zespol": "team",
    "dzial": "team",
    "team": "team",
    "department": "team",
    "jezyk": "language",
    "language": "language",
    "lang": "language",
    "termin": "due",
    "terminukonczenia": "due",
    "due": "due",
    "duedate": "due",
    "deadline": "due",
}

# Language cells people actually write -> two-letter code (checked against the course later).
LANGUAGE_NAMES: dict[str, str] = {
    "polski": "pl",
    "polish": "pl",
    "polska": "pl",
    "angielski": "en",
    "english": "en",
    "niemiecki": "de",
    "german": "de",
    "deutsch": "de",
    "ukrainski": "uk",
    "ukrainian": "uk",
}

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# Deliberately plain: one @, no spaces or quoting, a dotted domain. Enough to catch typos in a
# spreadsheet; the address is only used to sign in and as the xAPI mbox.
EMAIL = re.compile(r"^[^@\s\"<>(),;:\\\[\]]+@" + _LABEL + r"(?:\." + _LABEL + r")+$")
NAME_MAX = 200  # LearnerProfile.name
TEAM_MAX = 100  # LearnerProfile.team


class RosterFileError(Exception):
    """The file as a whole cannot be read (encoding, no header, missing columns)."""


@dataclass(frozen=True)
class RosterProblem:
    """One bad row, or a duplicate, tied to the physical line a spreadsheet user can find."""

    line: int
    kind: Literal["bad-row", "duplicate", "already-learner"]
    message: str

    def format(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class RosterEntry:
    """A checked row: what the store will be asked to create."""

    line: int
    first_name: str
    last_name: str
    email: str  # lower-cased
    team: str
    language: str | None
    due: dt.date | None = None  # `termin` column: this person's own deadline

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class RosterSheet:
    """The file read and checked against itself (not yet against the data folder)."""

    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    delimiter: str = ","
    ignored_columns: list[str] = field(default_factory=list)


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-.]+", "", folded.casefold())


def decode_roster(data: bytes, source: str) -> str:
    """UTF-8 with or without BOM; anything else is refused with advice, never guessed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RosterFileError(
            f"{source} is saved as UTF-16 (Excel 'Unicode text'). "
            "Save it as 'CSV UTF-8 (comma delimited)' and try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterFileError(
            f"{source} is not UTF-8 (byte 0x{data[exc.start]:02X} on line {line}); it is "
            "probably Windows-1250 or ISO-8859-2. In Excel use 'Save as' -> "
            "'CSV UTF-8 (comma delimited)', in LibreOffice choose the UTF-8 character set."
        ) from None


def guess_delimiter(header_line: str) -> str:
    """The separator used in the header line: `;` (Polish-locale Excel), `,` or tab."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def normalise_language(cell: str, known: Iterable[str]) -> str | None:
    """`pl`, `PL`, `pl-PL`, `pl_PL`, `polski`, `Polish` -> `pl`; empty -> None.

    Raises ValueError when the value names no language of the course.
    """
    value = cell.strip()
    if not value:
        return None
    key = _header_key(value)
    code = LANGUAGE_NAMES.get(key)
    if code is None:
        code = re.split(r"[-_]", value.strip().lower())[0]
    known_codes = sorted(set(known))
    if code not in known_codes:
        raise ValueError(
            f"unknown language {single_line(value)!r} (the course has: {', '.join(known_codes)})"
        )
    return code


def _map_header(cells: list[str]) -> tuple[dict[Column, int], list[str]]:
    columns: dict[Column, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        column = HEADER_ALIASES.get(_header_key(cell))
        if column is None:
            if cell.strip():
                ignored.append(single_line(cell))
            continue
        if column in columns:
            raise RosterFileError(
                f"line 1: two columns mean {column.replace('_', ' ')} "
                f"({single_line(cells[columns[column]])!r} and {single_line(cell)!r})"
            )
        columns[column] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        wanted = ", ".join(c.replace("_", " ") for c in missing)
        raise RosterFileError(
            f"line 1: the header has no column for {wanted}. Expected headers such as "
            "'imię; nazwisko; e-mail; zespół; język' or "
            "'first name, last name, email, team, language'."
        )
    return columns, ignored


def read_roster(text: str, languages: Iterable[str]) -> RosterSheet:
    """Check every row and every within-file duplicate; never stops at the first problem."""
    known = tuple(languages)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise RosterFileError("the file is empty: expected a header line and one row per person")
    delimiter = guess_delimiter(first)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    sheet = RosterSheet(delimiter=delimiter)
    columns: dict[Column, int] | None = None
    header_width = 0
    seen: dict[str, int] = {}
    record_start = 1
    try:
        for cells in reader:
            line = record_start
            record_start = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns, sheet.ignored_columns = _map_header(cells)
                header_width = len(cells)
                continue
            entry = _check_row(line, cells, columns, header_width, known, sheet.problems)
            if entry is None:
                continue
            earlier = seen.get(entry.email)
            if earlier is not None:
                sheet.problems.append(
                    RosterProblem(line, "duplicate", f"{entry.email} is already on line {earlier}")
                )
                continue
            seen[entry.email] = line
            sheet.entries.append(entry)
    except csv.Error as exc:
        raise RosterFileError(f"line {reader.line_num}: not valid CSV ({exc})") from None
    if columns is None:
        raise RosterFileError("the file has no header line")
    return sheet


def _check_row(
    line: int,
    cells: list[str],
    columns: dict[Column, int],
    header_width: int,
    languages: tuple[str, ...],
    problems: list[RosterProblem],
) -> RosterEntry | None:
    def cell(column: Column) -> str:
        index = columns.get(column)
        if index is None or index >= len(cells):
            return ""
        return single_line(cells[index])

    found: list[str] = []
    extra = [c for c in cells[header_width:] if c.strip()]
    if extra:
        found.append(
            f"{len(cells)} cells but the header has {header_width} "
            "(a name or team containing the separator must be quoted)"
        )
    first, last, email = cell("first_name"), cell("last_name"), cell("email").lower()
    team = cell("team")
    if not first:
        found.append("empty first name")
    if not last:
        found.append("empty last name")
    if len(f"{first} {last}") > NAME_MAX:
        found.append(f"name longer than {NAME_MAX} characters")
    if not email:
        found.append("missing e-mail")
    elif len(email) > 254 or not EMAIL.match(email):
        found.append(f"invalid e-mail {email!r}")
    if len(team) > TEAM_MAX:
        found.append(f"team longer than {TEAM_MAX} characters")
    language: str | None = None
    try:
        language = normalise_language(cell("language"), languages)
    except ValueError as exc:
        found.append(str(exc))
    due: dt.date | None = None
    if cell("due"):
        from trainer.deadlines import parse_due

        try:
            due = parse_due(cell("due"))
        except ValueError as exc:
            found.append(f"due date: {exc}")
    if found:
        problems.append(RosterProblem(line, "bad-row", "; ".join(found)))
        return None
    return RosterEntry(line, first, last, email, team, language, due)
