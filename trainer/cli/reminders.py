"""For coordinators: `trainer remind`, reminder e-mails through SMTP or as `.eml` files."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import click

from trainer.cli.coordinator_data import (
    coordinator_data,
    coordinator_errors,
    learner_source,
    load_course_for_coordinator,
    log_action,
    report_unreadable,
    selection_from_options,
)
from trainer.cli.options import COURSE_OPTION, DATA_OPTION, resolve_course

PASSWORD_VARIABLE = "TRAINER_SMTP_PASSWORD"
REMIND_STATUSES = ["invited", "not-started", "started", "in-progress", "overdue"]


@click.command("remind")
@click.option(
    "--status",
    type=click.Choice(REMIND_STATUSES),
    required=True,
    help="Who to remind, as the dashboard's filter: invited (opened nothing yet; also "
    "not-started), started, in-progress, overdue (past the due date).",
)
@click.option("--team", default=None, help="Only this team (case and diacritics ignored).")
@click.option("--search", default="", help="Only names or e-mail addresses containing this.")
@click.option("--dry-run", is_flag=True, help="Write .eml files to --out instead of sending.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .eml files of --dry-run (default: ./reminders-<date>).",
)
@click.option(
    "--new-codes",
    is_flag=True,
    help="Put a fresh invite code in each message ({code}); lists the unused codes it voids.",
)
@click.option(
    "--interval-days",
    default=7,
    show_default=True,
    type=click.IntRange(0, 365),
    help="Nobody is reminded twice within this many days (0: no limit).",
)
@click.option("--link", envvar="TRAINER_LINK", default="", help="The training's address ({link}).")
@click.option(
    "--from", "sender", envvar="TRAINER_SMTP_FROM", help="Sender, e.g. 'HR <hr@firma.pl>'."
)
@click.option("--smtp-host", envvar="TRAINER_SMTP_HOST", default="localhost", show_default=True)
@click.option(
    "--smtp-port",
    envvar="TRAINER_SMTP_PORT",
    type=int,
    default=None,
    help="Default: 587 with starttls, 465 with ssl, 25 with none.",
)
@click.option(
    "--smtp-security",
    envvar="TRAINER_SMTP_SECURITY",
    type=click.Choice(["starttls", "ssl", "none"]),
    default="starttls",
    show_default=True,
)
@click.option(
    "--smtp-user",
    envvar="TRAINER_SMTP_USER",
    default=None,
    help=f"Log in as this user; the password comes from {PASSWORD_VARIABLE} or a prompt.",
)
@click.option(
    "--smtp-cafile",
    envvar="TRAINER_SMTP_CAFILE",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Trust this CA certificate (a company CA) for the server's certificate.",
)
@COURSE_OPTION
@DATA_OPTION
def remind(
    status: str,
    team: str | None,
    search: str,
    dry_run: bool,
    out_dir: Path | None,
    new_codes: bool,
    interval_days: int,
    link: str,
    sender: str | None,
    smtp_host: str,
    smtp_port: int | None,
    smtp_security: str,
    smtp_user: str | None,
    smtp_cafile: Path | None,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """E-mail a reminder to each selected learner, from the course's reminders/*.md templates.

    Complete learners and learners reminded within --interval-days are skipped, so running
    it twice sends nothing twice. The SMTP password is never an option: it is read from
    TRAINER_SMTP_PASSWORD or asked for.
    """
    from trainer.plain_text import single_line
    from trainer.reminders.sending import (
        EmlOutbox,
        ReminderRun,
        SmtpSettings,
        SmtpUnavailable,
        smtp_outbox,
    )
    from trainer.reminders.sending import (
        remind as send_reminders,
    )
    from trainer.reminders.templates import TemplateError, load_templates

    started = time.perf_counter()
    course = load_course_for_coordinator(course_dir)
    root = resolve_course(course_dir)
    try:
        templates = load_templates(root, list(course.config.languages), course.default_language)
    except TemplateError as error:
        raise click.ClickException(f"reminder templates:\n{error}") from None
    if not new_codes and templates.uses("code"):
        names = ", ".join(t.path for t in templates.uses("code"))
        raise click.UsageError(
            f"{names} use {{code}}: pass --new-codes to put fresh invite codes in the messages "
            "(the unused codes people have are then voided)."
        )
    if not link and templates.uses("link"):
        raise click.UsageError("The templates use {link}: give the training's address with --link.")
    if not sender:
        if not dry_run:
            raise click.UsageError("Give the sender with --from 'HR <hr@firma.pl>'.")
        sender = "reminders@localhost"
    run = ReminderRun(
        course=course,
        templates=templates,
        sender=sender,
        link=link,
        interval=dt.timedelta(days=interval_days),
        new_codes=new_codes,
        dry_run=dry_run,
    )
    selection = selection_from_options(team, status, search)
    data = coordinator_data(data_dir)
    try:
        if dry_run:
            folder = out_dir or Path(f"reminders-{dt.date.today():%Y-%m-%d}")
            with learner_source(data_dir, selection, True, course) as source:
                outcome = send_reminders(run, source, EmlOutbox(folder))
        else:
            port = smtp_port or {"starttls": 587, "ssl": 465, "none": 25}[smtp_security]
            password = None
            if smtp_user:
                password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
                    f"SMTP password for {smtp_user}", hide_input=True, err=True
                )
            settings = SmtpSettings(
                host=smtp_host,
                port=port,
                security=smtp_security,  # type: ignore[arg-type]
                sender=sender,
                user=smtp_user,
                password=password,
                cafile=smtp_cafile,
            )
            with (
                smtp_outbox(settings) as outbox,
                learner_source(data_dir, selection, True, course) as source,
            ):
                outcome = send_reminders(run, source, outbox)
    except SmtpUnavailable as error:
        raise click.ClickException(str(error)) from None
    except coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    seconds = time.perf_counter() - started
    for email, issued in outcome.voided_codes:
        click.echo(
            f"voided the unused invite code of {single_line(email)} "
            f"(issued {issued.astimezone():%Y-%m-%d %H:%M}); the new one is in the message",
        )
    for email, reason in outcome.refused:
        click.echo(f"refused by the server: {single_line(email)}: {single_line(reason)}", err=True)
    for learner_id in outcome.no_template:
        click.echo(
            f"no template fits learner {learner_id} (add reminders/default.<lang>.md)", err=True
        )
    verb = f"written to {single_line(str(folder))}" if dry_run else "sent"
    click.echo(
        f"{outcome.count} reminder(s) {verb}; skipped: {outcome.recently_reminded} reminded "
        f"within {interval_days} day(s), {outcome.complete} complete; "
        f"{len(outcome.refused)} refused; {seconds:.1f} s."
    )
    details: dict[str, object] = {"status": status, **selection.describe(), "count": outcome.count}
    if dry_run:
        log_action(data, "reminder.drafted", {**details, "out": str(folder)})
    elif outcome.count:
        log_action(data, "reminder.sent", {**details, "learners": outcome.delivered})
    if outcome.voided_codes:
        log_action(data, "invite.voided", {"count": len(outcome.voided_codes), "by": "remind"})
    report_unreadable(source)
    if outcome.refused or outcome.no_template:
        raise SystemExit(1)
