"""For coordinators and auditors: `trainer audit`, the log of who did what, and its check."""

from __future__ import annotations

import json
from pathlib import Path

import click

from trainer.cli.coordinator_data import coordinator_data, parse_since
from trainer.cli.options import DATA_OPTION


@click.command("audit")
@click.option("--since", default=None, help="Only entries at or after this date (ISO 8601).")
@click.option("--verify", is_flag=True, help="Check the hash chain; exit status 1 if broken.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, as stored.")
@DATA_OPTION
def audit(since: str | None, verify: bool, as_json: bool, data_dir: Path | None) -> None:
    """Show the audit trail: roster imports, invites, deadlines, reminders, exports, erasures."""
    from trainer.audit import read_entries, verify_trail
    from trainer.audit.trail import trail_path
    from trainer.plain_text import single_line

    data = coordinator_data(data_dir)
    if verify:
        count, problems = verify_trail(data)
        for problem in problems:
            click.echo(f"{trail_path(data)}: {single_line(problem.format())}", err=True)
        if problems:
            raise click.ClickException(
                f"The audit trail is damaged: {len(problems)} problem(s) in {count} entries."
            )
        head = next(iter(reversed(list(read_entries(data)))), None)
        anchor = f"; last hash {head.entry_hash}" if head else ""
        click.echo(f"The audit trail is intact: {count} entries{anchor}.")
        return
    shown = 0
    for entry in read_entries(data, parse_since(since)):
        shown += 1
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "seq": entry.seq,
                        "at": entry.at.isoformat(),
                        "actor": entry.actor,
                        "action": entry.action,
                        "details": entry.details,
                    },
                    ensure_ascii=False,
                )
            )
            continue
        local = entry.at.astimezone()
        details = ", ".join(f"{k}={_detail(v)}" for k, v in entry.details.items() if v)
        parts = [f"{local:%Y-%m-%d %H:%M}", entry.actor, entry.action, details]
        click.echo("  ".join(single_line(p) for p in parts if p))
    if not shown and not as_json:
        click.echo("No audit entries" + (" since then." if since else " yet."), err=True)


def _detail(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value[:10]) + (", …]" if len(value) > 10 else "]")
    return str(value)
