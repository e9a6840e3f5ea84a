"""For whoever runs the installation: put one learner's damaged or set-aside record back."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.cli.coordinator_data import log_action
from trainer.cli.options import DATA_OPTION, resolve_data


@click.command()
@click.argument("who", metavar="EMAIL")
@click.option(
    "--from",
    "backup",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    metavar="BACKUP_DIR",
    help="A folder made by `trainer backup` (trainer-backup-...).",
)
@click.option(
    "--from-quarantine",
    is_flag=True,
    help="The learner's own file, set aside when it was found damaged (if it still reads).",
)
@DATA_OPTION
def restore(who: str, backup: Path | None, from_quarantine: bool, data_dir: Path | None) -> None:
    """Restore the record of the learner with EMAIL (or learner id), under the lock.

    Safe while `trainer serve` runs: the learner's next sign-in sees the restored record. The
    copy is checked first; a damaged current file is kept under a `.corrupt-` name.
    """
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.restore import restore_learner

    if (backup is None) == (not from_quarantine):
        raise click.UsageError("Give exactly one of --from BACKUP_DIR and --from-quarantine.")
    root = resolve_data(data_dir)
    try:
        result = restore_learner(
            root,
            who,
            backup=backup.resolve() if backup else None,
            from_quarantine=from_quarantine,
        )
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    log_action(
        root,
        "restore",
        {
            "learner_id": result.learner_id,
            "source": str(result.source),
            "decisions": result.decisions,
            "lost": result.lost,
        },
    )
    click.echo(
        f"Restored {single_line(result.email)} ({result.learner_id}) from "
        f"{single_line(str(result.source))}: {result.decisions} policy decision(s)."
    )
    if result.moved_aside is not None:
        click.echo(f"The damaged file was kept as {single_line(result.moved_aside.name)}.")
    if result.lost:
        click.echo(
            f"{result.lost} policy decision(s) acknowledged later are not in this copy: the "
            "learner must decide again; `trainer verify` lists them as lost by this restore.",
            err=True,
        )
