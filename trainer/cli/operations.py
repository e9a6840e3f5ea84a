"""For whoever runs the installation: backups, verification, serving in a browser."""

from __future__ import annotations

import os
from pathlib import Path

import click

from trainer.cli.options import (
    COURSE_OPTION,
    DATA_OPTION,
    LANG_OPTION,
    resolve_course,
    resolve_data,
    resolve_lang,
)


@click.command()
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@DATA_OPTION
def backup(destination: Path, data_dir: Path | None) -> None:
    """Write a consistent copy of the data folder into DESTINATION (safe while people learn)."""
    from trainer.plain_text import single_line
    from trainer.store.backup import backup_data_folder
    from trainer.store.errors import StoreError

    skipped: list[str] = []

    def report_skip(error: StoreError) -> None:
        skipped.append(single_line(str(error)))
        click.echo(f"Skipped (unreadable): {single_line(str(error))}", err=True)

    try:
        made = backup_data_folder(resolve_data(data_dir), destination.resolve(), report_skip)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    click.echo(f"Backup written to {single_line(str(made))}")
    if skipped:
        click.echo(f"{len(skipped)} damaged file(s) were not backed up; see above.", err=True)
        raise SystemExit(1)


@click.command()
@click.option(
    "--anchor",
    "anchor",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[DIGEST]",
    help="Alone: also print the ledger's anchor digest, to keep outside this machine. With a "
    "DIGEST printed earlier: also prove nothing acknowledged before it was removed.",
)
@DATA_OPTION
def verify(anchor: str | None, data_dir: Path | None) -> None:
    """Check every learner file, policy hash chain and the acceptance ledger; exit 1 if anything
    was altered or a learner's record is set aside (see docs/operations.md)."""
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.verify import verify_data_folder

    try:
        report = verify_data_folder(resolve_data(data_dir), anchor=anchor or None)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    for finding in report.findings:
        label = "SET ASIDE" if finding.kind == "set_aside" else f"ALTERED [{finding.kind}]"
        click.echo(f"{label} {single_line(finding.message)}")
    for note in report.notes:
        click.echo(f"note: {single_line(note)}")
    click.echo(single_line(report.summary()))
    if anchor:
        verdict = "does not hold" if any(f.kind == "anchor" for f in report.findings) else "holds"
        click.echo(f"Anchor {single_line(anchor)}: the ledger {verdict} everything it covered.")
    elif anchor is not None:
        click.echo(f"Anchor: {report.anchor}")
        click.echo(
            "Keep this line outside this machine (an e-mail, a ticket); a later "
            "`trainer verify --anchor DIGEST` proves no decision acknowledged before it was "
            "removed."
        )
    if report.altered:
        raise SystemExit(1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public-url",
    default=None,
    envvar="TRAINER_PUBLIC_URL",
    show_envvar=True,
    help="The address people open, when behind a reverse proxy (e.g. https://training.firma.pl).",
)
@click.option(
    "--dashboard",
    is_flag=True,
    help="Serve the coordinator dashboard instead (sign-in requires the coordinator role).",
)
@click.option(
    "--process-per-tab",
    is_flag=True,
    help="Start a fresh interpreter for each tab instead of forking a warm one (slower; "
    "for comparison and troubleshooting).",
)
@click.option(
    "--max-sessions",
    type=click.IntRange(1),
    default=None,
    help="Sessions open at once, in all [default: half the memory / 32 MiB per session].",
)
@click.option(
    "--per-address-sessions",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="Sessions not signed in yet, per network address.",
)
@click.option(
    "--per-address-new",
    type=click.IntRange(1),
    default=60,
    show_default=True,
    help="New sessions per minute, per network address.",
)
@click.option(
    "--sign-in-timeout",
    type=click.IntRange(10),
    default=900,
    show_default=True,
    help="Seconds a session may stay open without anyone signing in.",
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    multiple=True,
    metavar="ADDRESS",
    help="Your reverse proxy's address or network (repeatable): only then is the browser's "
    "address taken from X-Forwarded-For.",
)
@click.option(
    "--lrs",
    "lrs_endpoint",
    default=None,
    help="Forward statements to this LRS as people learn (password: TRAINER_LRS_PASSWORD "
    "or a prompt).",
)
@click.option("--lrs-user", default=None, help="The LRS key or user name.")
@COURSE_OPTION
@DATA_OPTION
@LANG_OPTION
def serve(
    host: str,
    port: int,
    public_url: str | None,
    dashboard: bool,
    process_per_tab: bool,
    max_sessions: int | None,
    per_address_sessions: int,
    per_address_new: int,
    sign_in_timeout: int,
    trusted_proxies: tuple[str, ...],
    lrs_endpoint: str | None,
    lrs_user: str | None,
    course_dir: Path | None,
    data_dir: Path | None,
    lang: str | None,
) -> None:
    """Serve the learner app to browsers: one app process per tab, sign-in with a passphrase.

    Listens on loopback by default; see docs/operations.md for HTTPS and systemd. Run a
    second one with --dashboard (on another port) for coordinators.
    """
    from trainer.cli.forwarding import configure, lrs_password
    from trainer.forwarding.config import PASSWORD_VARIABLE
    from trainer.serve.limits import LimitSettings, default_max_sessions
    from trainer.serve.server import serve as serve_app

    password = None
    if lrs_endpoint is not None:
        configure(resolve_data(data_dir), lrs_endpoint, lrs_user, None)
        password = lrs_password()
    # Only the forwarder gets the password; the tabs' processes inherit this environment.
    os.environ.pop(PASSWORD_VARIABLE, None)

    limits = LimitSettings(
        max_sessions=max_sessions or default_max_sessions(),
        per_address_pending=per_address_sessions,
        per_address_new_per_minute=per_address_new,
        sign_in_timeout=float(sign_in_timeout),
    )

    raise SystemExit(
        serve_app(
            resolve_course(course_dir),
            resolve_data(data_dir),
            resolve_lang(lang),
            host=host,
            port=port,
            public_url=public_url,
            dashboard=dashboard,
            process_per_tab=process_per_tab,
            limits=limits,
            trusted_proxies=trusted_proxies,
            lrs_password=password,
        )
    )
