"""The audit tab: the newest entries of the audit trail and whether its chain is intact.

Entries are read (and the chain checked) in a worker by the dashboard; this widget only shows
them. Actors and details come from files, so every cell is literal, single-line text cut with
an ellipsis.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from trainer.audit import AuditEntry, read_entries, verify_trail
from trainer.tui.coordinator.cells import cell
from trainer.tui.coordinator.strings import CoordinatorText

SHOWN_ENTRIES = 500  # newest first; `trainer audit` lists them all
DETAILS_WIDTH = 60


@dataclass(frozen=True)
class AuditSnapshot:
    """What a worker read: the newest entries (newest first), the count and chain problems."""

    entries: list[AuditEntry]
    total: int
    problems: list[str]


def read_audit(root: Path) -> AuditSnapshot:
    """Read the whole trail once (it is checked line by line), keep only the newest entries."""
    newest = deque(read_entries(root), maxlen=SHOWN_ENTRIES)
    total, problems = verify_trail(root)
    return AuditSnapshot(list(reversed(newest)), total, [p.format() for p in problems])


def details_text(entry: AuditEntry) -> str:
    parts = []
    for key, value in entry.details.items():
        if isinstance(value, list):
            value = f"{len(value)}×" if len(value) > 3 else ", ".join(map(str, value))
        if value not in ("", None):
            parts.append(f"{key}={value}")
    return "; ".join(parts)


class AuditView(Vertical):
    """The verification line above a table of entries."""

    def __init__(self, t: CoordinatorText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="audit-status")
        yield DataTable[Text](id="audit", cursor_type="row", zebra_stripes=True)

    def show(self, snapshot: AuditSnapshot) -> None:
        t = self.t
        status = self.query_one("#audit-status", Static)
        if snapshot.problems:
            status.update(
                Content(t("audit.damaged", n=len(snapshot.problems), first=snapshot.problems[0]))
            )
            status.set_class(True, "notice")
        else:
            status.update(Content(t("audit.intact", n=snapshot.total)))
            status.set_class(False, "notice")
        table: DataTable[Text] = self.query_one("#audit", DataTable)
        table.clear(columns=True)
        for key in ("when", "who", "action", "details"):
            table.add_column(Text(t(f"audit.col.{key}")), key=key)
        for entry in snapshot.entries:
            table.add_row(
                cell(f"{entry.at.astimezone():%Y-%m-%d %H:%M}"),
                cell(entry.actor, 24),
                cell(entry.action, 18),
                cell(details_text(entry), DETAILS_WIDTH),
            )
