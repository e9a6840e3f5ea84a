"""`<data>/deadlines.json`: team due dates, set with `trainer deadline set --team`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from trainer.deadlines.due import Deadlines
from trainer.export.collation import team_key
from trainer.store.atomic import make_private_folder, write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder
from trainer.store.locking import exclusive

DEADLINES_FILE = "deadlines.json"


def _path(data: DataFolder) -> Path:
    return data.root / DEADLINES_FILE


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise StoreError(
            f"The team deadlines file {path} cannot be read ({error}); set the deadlines "
            "again with `trainer deadline set`."
        ) from None
    teams = raw.get("teams") if isinstance(raw, dict) else None
    return teams if isinstance(teams, dict) else {}


def load_deadlines(data: DataFolder) -> Deadlines:
    teams: dict[str, dt.date] = {}
    for key, entry in _read(_path(data)).items():
        try:
            teams[key] = dt.date.fromisoformat(str(entry["due"]))
        except (KeyError, TypeError, ValueError):
            continue
    return Deadlines(teams)


def set_team_deadline(data: DataFolder, team: str, due: dt.date | None) -> None:
    """Set (or, with None, clear) the due date of everyone in `team` without their own."""
    path = _path(data)
    make_private_folder(data.root)
    with exclusive(data.root / "deadlines.lock", "the team deadlines"):
        teams = _read(path)
        key = team_key(team)
        if due is None:
            teams.pop(key, None)
        else:
            teams[key] = {"team": " ".join(team.split()), "due": due.isoformat()}
        document = {"teams": dict(sorted(teams.items()))}
        write_atomically(path, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


def team_deadline_entries(data: DataFolder) -> list[tuple[str, dt.date]]:
    """(team as first written, due date) for every team with a date, soonest first."""
    found: list[tuple[str, dt.date]] = []
    for entry in _read(_path(data)).values():
        try:
            found.append((str(entry["team"]), dt.date.fromisoformat(str(entry["due"]))))
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(found, key=lambda item: item[1])
