"""Cells that are safe to open in Excel, LibreOffice or Google Sheets.

A spreadsheet treats a cell starting with `=`, `+`, `-`, `@`, tab, CR or LF as a formula (or
strips the character and then does). A learner who types `=HYPERLINK(...)` as their name
must not get a live formula on the coordinator's machine, so every cell whose text came from
a person (names, e-mails, teams, titles) goes through `neutralise_cell` (OWASP "CSV
Injection"). Control characters and bidi overrides are removed as well: they are never part
of a legitimate name and can disguise a value in a viewer.
"""

from __future__ import annotations

from trainer.plain_text import terminal_safe

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(text: str) -> str:
    """Return `text` as inert data: control characters removed, formula triggers quoted.

    The trigger check runs on the original text, so a value such as `\\t=1+1` is still
    prefixed even though the tab itself is removed afterwards; line breaks inside a value become
    spaces because a multi-line name or team is never intended.
    """
    triggered = text.startswith(FORMULA_TRIGGERS)
    if text.isprintable():  # the usual name: nothing to remove (controls and bidi marks are not)
        return "'" + text if triggered else text
    cleaned = " ".join(terminal_safe(text).replace("\t", " ").split("\n"))
    if triggered or cleaned.startswith(FORMULA_TRIGGERS):
        return "'" + cleaned
    return cleaned


def neutralise_text(text: str) -> str:
    """A person's multi-line text (a post's draft) as inert data, its line breaks kept.

    Like `neutralise_cell`, but lines stay lines (CR LF and CR become LF; the csv writer
    quotes the cell, so a spreadsheet shows one cell of several lines). Tabs become spaces.
    """
    cleaned = terminal_safe(text.replace("\t", " "))
    if text.startswith(FORMULA_TRIGGERS) or cleaned.startswith(FORMULA_TRIGGERS):
        return "'" + cleaned
    return cleaned
