"""For whoever runs the installation: statements to the organisation's LRS as they happen."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import click

from trainer.cli.options import COURSE_OPTION, DATA_OPTION, resolve_course, resolve_data


def lrs_password() -> str:
    """From TRAINER_LRS_PASSWORD, else asked for (never an option: it would show in `ps`)."""
    from trainer.forwarding.config import PASSWORD_VARIABLE

    return os.environ.get(PASSWORD_VARIABLE) or str(
        click.prompt("LRS password", hide_input=True, err=True)
    )


def configure(data_dir: Path, endpoint: str | None, user: str | None, base_iri: str | None) -> None:
    """Save `--lrs/--lrs-user/--base-iri` as the data folder's forwarding settings."""
    from trainer.export.lrs import LrsError, statements_url
    from trainer.export.xapi import DEFAULT_BASE_IRI, BaseIriError, checked_base_iri
    from trainer.forwarding.config import ForwardingConfig, read_config, write_config
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    if endpoint is None:
        return
    if not user:
        raise click.UsageError("--lrs needs --lrs-user (the LRS key or user name).")
    try:
        statements_url(endpoint)
        iri = checked_base_iri(base_iri or DEFAULT_BASE_IRI)
    except (LrsError, BaseIriError) as error:
        raise click.UsageError(single_line(str(error))) from None
    data = DataFolder(data_dir)
    previous = read_config(data)
    if previous is not None and previous.base_iri != iri and base_iri is not None:
        click.echo("note: a new base IRI gives new statement ids from now on.", err=True)
    write_config(data, ForwardingConfig(endpoint=endpoint, user=user, base_iri=iri))


@click.command()
@click.option("--lrs", "endpoint", default=None, help="The LRS's xAPI endpoint (saved).")
@click.option("--lrs-user", "user", default=None, help="The LRS key or user name (saved).")
@click.option("--base-iri", default=None, help="Base IRI of activity ids (saved).")
@click.option("--status", is_flag=True, help="Show what was delivered and what is waiting.")
@click.option("--watch", is_flag=True, help="Keep forwarding as learners work (Ctrl+C stops).")
@click.option("--batch", type=click.IntRange(1, 1000), default=100, show_default=True)
@COURSE_OPTION
@DATA_OPTION
def forward(
    endpoint: str | None,
    user: str | None,
    base_iri: str | None,
    status: bool,
    watch: bool,
    batch: int,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Send learners' xAPI statements to an LRS: everything waiting, or (--watch) as it comes.

    Each step a learner saves also writes its statements to an outbox in their file; this
    delivers the outboxes in order, with retries, exactly once per statement id. The password
    comes from TRAINER_LRS_PASSWORD or a prompt. Exit status 1: statements are still waiting.
    """
    from trainer.content.loader import load_course
    from trainer.export.lrs import LrsError
    from trainer.forwarding.config import read_config
    from trainer.forwarding.forwarder import Forwarder, backlog, describe
    from trainer.forwarding.outbox import ChangedLearners, attach_outbox
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    data = DataFolder(resolve_data(data_dir))
    try:
        configure(data.root, endpoint, user, base_iri)
        config = read_config(data)
        if status:
            for line in describe(data, config):
                click.echo(single_line(line))
            return
        if config is None:
            raise click.UsageError("Set up forwarding first: --lrs URL --lrs-user KEY.")
        password = lrs_password()
        result = load_course(resolve_course(course_dir))
        if result.course is None:
            raise click.ClickException("The course has errors; run `trainer validate`.")
        attach_outbox(data, result.course)
        # Steps taken before forwarding was set up, or by processes that do not forward.
        changed = ChangedLearners(data)
        changed()
        stopping = False

        def stop_now(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop_now)
        forwarder = Forwarder(
            data,
            config,
            password,
            batch_size=batch,
            log=lambda m: click.echo(m, err=True),
            before_pass=changed,
        )
        try:
            tries = None if watch else 5
            sent = forwarder.run(watch=watch, stop=lambda: stopping, give_up_after=tries)
        except KeyboardInterrupt:
            sent = 0
        waiting = backlog(data).total
    except (StoreError, LrsError) as error:
        raise click.ClickException(single_line(str(error))) from None
    click.echo(f"Sent {sent} statement(s); {waiting} waiting.")
    if waiting:
        raise SystemExit(1)
