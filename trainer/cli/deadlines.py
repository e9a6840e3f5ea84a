"""For coordinators: due dates per team and per person (`trainer deadline ...`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainer.cli.coordinator_data import coordinator_data, log_action
from trainer.cli.options import DATA_OPTION

if TYPE_CHECKING:
    from trainer.store.folder import DataFolder


def parse_due_option(value: str) -> dt.date:
    from trainer.deadlines import parse_due

    try:
        return parse_due(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group("deadline")
def deadline() -> None:
    """Due dates: learners past theirs without completing are overdue everywhere."""


@deadline.command("set")
@click.argument("due")
@click.argument("emails", nargs=-1)
@click.option("--team", default=None, help="Everyone in this team without a date of their own.")
@DATA_OPTION
def deadline_set(
    due: str, emails: tuple[str, ...], team: str | None, data_dir: Path | None
) -> None:
    """Set DUE (2026-12-15 or 15.12.2026) for a team (--team) or for the people EMAILS.

    A person's own date (roster `termin` column, `trainer invite --due`, or this command with
    e-mail addresses) wins over their team's.
    """
    from trainer.deadlines import set_team_deadline
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    when = parse_due_option(due)
    if (team is None) == (not emails):
        raise click.UsageError("Give either --team TEAM or e-mail addresses (not both).")
    data = DataFolder(coordinator_data(data_dir))
    try:
        if team is not None:
            members = _team_members(data, team)
            set_team_deadline(data, team, when)
            click.echo(
                f"Team {single_line(team)!r}: due {when:%Y-%m-%d} "
                f"({members} learner(s) in the team now)."
            )
            log_action(data.root, "deadline.set", {"team": team, "due": when.isoformat()})
            return
        changed, unknown = set_learner_deadlines(data, list(emails), when)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    for email in unknown:
        click.echo(f"not a learner: {single_line(email)}", err=True)
    click.echo(f"Due {when:%Y-%m-%d} for {len(changed)} learner(s).")
    if changed:
        log_action(data.root, "deadline.set", {"learners": changed, "due": when.isoformat()})
    if unknown:
        raise SystemExit(1)


@deadline.command("clear")
@click.option("--team", required=True, help="Remove this team's due date.")
@DATA_OPTION
def deadline_clear(team: str, data_dir: Path | None) -> None:
    """Remove a team's due date (people's own dates stay)."""
    from trainer.deadlines import set_team_deadline
    from trainer.store.folder import DataFolder

    data = DataFolder(coordinator_data(data_dir))
    set_team_deadline(data, team, None)
    click.echo(f"Team {team!r} has no due date now.")
    log_action(data.root, "deadline.set", {"team": team, "due": None})


@deadline.command("list")
@DATA_OPTION
def deadline_list(data_dir: Path | None) -> None:
    """Team due dates."""
    from trainer.deadlines.team_file import team_deadline_entries
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    entries = team_deadline_entries(DataFolder(coordinator_data(data_dir)))
    if not entries:
        click.echo("No team has a due date.")
    for team, when in entries:
        click.echo(f"{when:%Y-%m-%d}  {single_line(team)}")


def _team_members(data: DataFolder, team: str) -> int:
    from trainer.export.collation import team_key

    key = team_key(team)
    return sum(
        1 for r in data.read_all(on_error=lambda _e: None) if team_key(r.profile.team) == key
    )


def set_learner_deadlines(
    data: DataFolder, emails: list[str], when: dt.date | None
) -> tuple[list[str], list[str]]:
    """Set each person's own due date; returns (learner ids changed, unknown addresses)."""
    changed: list[str] = []
    unknown: list[str] = []
    for email in emails:
        learner_id = data.find_learner_by_email(email)
        if learner_id is None:
            unknown.append(email)
            continue
        store = data.learner(learner_id)
        profile = store.read().profile
        store.update_profile(profile.model_copy(update={"due": when}))
        changed.append(learner_id)
    return changed, unknown
