"""Exports started from the dashboard: the export layer's writers into a temporary file.

The export is written to an anonymous temporary file (not memory), so exporting 10,000
learners x 30 modules costs disk, not RAM; the app then hands the open file to
`App.deliver_text`, which copies it to the downloads folder in a terminal or streams it to
the browser in served mode, and closes (and so deletes) it.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import Literal, TextIO

from trainer.content.models import Course
from trainer.export.exporting import ExportOutcome, export_csv, export_jsonl, export_xapi
from trainer.export.learner_filter import StatusFilter
from trainer.export.selection import LearnerSelection, LearnerSource
from trainer.store.folder import DataFolder

ExportKind = Literal["csv", "csv-semicolon", "jsonl", "xapi"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("csv", "csv-semicolon", "jsonl", "xapi")
FORMAT_NAMES: dict[ExportKind, str] = {
    "csv": "CSV",
    "csv-semicolon": "CSV (;)",
    "jsonl": "JSONL",
    "xapi": "xAPI",
}
_MIME_TYPES: dict[ExportKind, str] = {
    "csv": "text/csv",
    "csv-semicolon": "text/csv",
    "jsonl": "application/x-ndjson",
    "xapi": "application/x-ndjson",
}


@dataclass
class ExportFile:
    """A finished export, positioned at its start, ready for `App.deliver_text`."""

    stream: TextIO
    filename: str
    mime_type: str
    outcome: ExportOutcome


def file_slug(text: str) -> str:
    """`Sprzedaż Północ` -> `sprzedaz-polnoc`: safe in a file name on every system."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def export_filename(kind: ExportKind, team: str | None, now: dt.datetime) -> str:
    scope = "all" if team is None else file_slug(team) or "no-team"
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    if kind == "xapi":
        return f"xapi-statements-{scope}-{stamp}.jsonl"
    extension = "jsonl" if kind == "jsonl" else "csv"
    return f"learners-{scope}-{stamp}.{extension}"


def write_export(
    folder: DataFolder,
    course: Course,
    kind: ExportKind,
    team: str | None,
    *,
    status: StatusFilter | None = None,
    search: str = "",
    now: dt.datetime | None = None,
) -> ExportFile:
    """Export the learners the dashboard's filters show (team, status, search; as
    `trainer export --team --status --search`); unreadable files are skipped and counted.

    Raises what the export layer raises (`UnknownTeamError` when the team has gone, a
    `StoreError` or `OSError` when the disk fails); the temporary file is then closed.
    """
    selection = LearnerSelection(team=team, status=status, search=search)
    source = LearnerSource(folder, selection, skip_unreadable=True, course=course)
    # Not a `with` block: the open file is handed to `App.deliver_text`, which closes it.
    stream = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        if kind == "csv":
            outcome = export_csv(source, course, stream)
        elif kind == "csv-semicolon":
            outcome = export_csv(source, course, stream, delimiter=";")
        elif kind == "jsonl":
            outcome = export_jsonl(source, course, stream)
        else:
            outcome = export_xapi(source, course, stream)
        stream.flush()
        stream.seek(0)
    except BaseException:
        stream.close()
        raise
    return ExportFile(
        stream,
        export_filename(kind, team, now or dt.datetime.now(dt.UTC)),
        _MIME_TYPES[kind],
        outcome,
    )
