"""Table cells and times as the dashboard shows them; learner text is never markup."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from trainer.plain_text import single_line


def cell(text: str, max_width: int | None = None, style: str = "") -> Text:
    """A table cell that is never parsed as markup; long text is cut with an ellipsis."""
    safe = single_line(text)
    if max_width is not None and cell_len(safe) > max_width:
        safe = set_cell_size(safe, max_width - 1) + "…"
    return Text(safe, style=style, no_wrap=True, overflow="ellipsis")


def table_date(moment: dt.datetime) -> str:
    """The local date: the learners table's last-activity column (the record shows the time)."""
    return moment.astimezone().strftime("%Y-%m-%d")


def table_time(moment: dt.datetime) -> str:
    """Minutes in UTC: the table's last-activity column."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def detail_time(moment: dt.datetime | None) -> str:
    """Seconds in UTC, spelled out: the times of the audit evidence on the detail screen."""
    if moment is None:
        return "—"
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
