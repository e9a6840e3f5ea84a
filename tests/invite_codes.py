"""Read `codes.csv` (from `trainer invite/roster import --codes-out`) as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_invite_codes(path: Path) -> dict[str, str]:
    """E-mail -> invite code, whatever the file's language and delimiter (columns: e-mail,
    name, code, expiry). The file must start with the BOM Excel needs."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "codes.csv must be UTF-8 with a BOM"
    text = raw.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))
    return {row[0]: row[2] for row in rows[1:]}
