"""For coordinators: the dashboard, and who may open it in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainer.cli.options import (
    COURSE_OPTION,
    DATA_OPTION,
    LANG_OPTION,
    resolve_course,
    resolve_data,
    resolve_lang,
)

if TYPE_CHECKING:
    from trainer.store.folder import DataFolder


@click.group("coordinator", invoke_without_command=True)
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
@click.pass_context
def coordinator(
    ctx: click.Context, course_dir: Path | None, data_dir: Path | None, lang: str | None
) -> None:
    """Coordinator tools. Without a command: open the dashboard (learners, charts, exports)."""
    if ctx.invoked_subcommand is not None:
        return
    from trainer.tui.coordinator.launch import run_coordinator_app

    raise SystemExit(
        run_coordinator_app(resolve_course(course_dir), resolve_data(data_dir), resolve_lang(lang))
    )


def _learner_for_role(data_dir: Path | None, email: str) -> tuple[DataFolder, str]:
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    ctx = click.get_current_context()
    parent = ctx.parent.params.get("data_dir") if ctx.parent else None
    data = DataFolder(resolve_data(data_dir or parent))
    learner_id = data.find_learner_by_email(email)
    if learner_id is None:
        raise click.ClickException(
            f"{single_line(email)} is not a learner in {data.root}. Add them with "
            "`trainer roster import`, then give them an invite code with `trainer invite`."
        )
    return data, learner_id


@coordinator.command("add")
@click.argument("email")
@DATA_OPTION
def coordinator_add(email: str, data_dir: Path | None) -> None:
    """Give EMAIL the coordinator role: the served dashboard and its exports."""
    from trainer.identity.roles import grant
    from trainer.plain_text import single_line

    data, learner_id = _learner_for_role(data_dir, email)
    granted = grant(data, learner_id)
    if granted:
        from trainer.cli.coordinator_data import log_action

        log_action(data.root, "role.grant", {"learner_id": learner_id, "role": "coordinator"})
    state = "is now" if granted else "already was"
    click.echo(f"{single_line(email)} ({learner_id}) {state} a coordinator.")


@coordinator.command("remove")
@click.argument("email")
@DATA_OPTION
def coordinator_remove(email: str, data_dir: Path | None) -> None:
    """Take the coordinator role from EMAIL (open dashboard tabs keep it until closed)."""
    from trainer.identity.roles import revoke
    from trainer.plain_text import single_line

    data, learner_id = _learner_for_role(data_dir, email)
    revoked = revoke(data, learner_id)
    if revoked:
        from trainer.cli.coordinator_data import log_action

        log_action(data.root, "role.revoke", {"learner_id": learner_id, "role": "coordinator"})
    state = "is no longer" if revoked else "was not"
    click.echo(f"{single_line(email)} ({learner_id}) {state} a coordinator.")
