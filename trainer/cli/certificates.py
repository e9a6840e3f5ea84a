"""Certificates: coordinators issue them in bulk; anyone with the data folder checks a code."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.cli.coordinator_data import (
    coordinator_data,
    coordinator_errors,
    learner_source,
    load_course_for_coordinator,
    report_unreadable,
    selection_from_options,
)
from trainer.cli.options import COURSE_OPTION, DATA_OPTION

PUBLIC_URL_OPTION = click.option(
    "--public-url",
    envvar="TRAINER_PUBLIC_URL",
    show_envvar=True,
    default=None,
    help="Address of `trainer serve` as people reach it, e.g. https://szkolenia.firma.pl: the "
    "QR code then opens <address>/verify/<code>. Without it the QR code holds the code.",
)


@click.group("certificate")
def certificate() -> None:
    """Completion certificates: issue PDFs, check a verification code."""


@certificate.command("verify")
@click.argument("code")
@DATA_OPTION
def verify_command(code: str, data_dir: Path | None) -> None:
    """Say whether CODE is a certificate issued here: valid (and to whom), revoked or unknown.

    Exit status 0 when valid, 1 otherwise.
    """
    from trainer.certificates.pdf import local_date
    from trainer.certificates.register import formatted_code, verify_certificate
    from trainer.plain_text import single_line

    answer = verify_certificate(coordinator_data(data_dir), code)
    shown = formatted_code(answer.code) if len(answer.code) == 12 else answer.code
    if answer.state == "valid":
        assert answer.completed_at is not None
        click.echo(
            f"{shown}: valid, issued to {single_line(answer.name or '')} for "
            f'"{single_line(answer.course_title or "")}", completed '
            f"{local_date(answer.completed_at.date(), 'en')}."
        )
        return
    if answer.state == "revoked":
        click.echo(f"{shown}: revoked. This certificate was issued here and is no longer valid.")
    else:
        click.echo(f"{shown}: unknown. No certificate with this code was issued here.")
    raise SystemExit(1)


@certificate.command("issue")
@click.option(
    "--status",
    type=click.Choice(["complete"]),
    default="complete",
    show_default=True,
    help="Which learners: those who completed the course (the only ones who get one).",
)
@click.option(
    "-o",
    "--output",
    "output_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDFs (created if needed).",
)
@click.option("--team", default=None, help="Only this team (case-insensitive).")
@click.option(
    "--learner", "learner_ids", multiple=True, help="Only this learner id (repeat for more)."
)
@click.option(
    "--lang",
    type=click.Choice(["pl", "en"]),
    default=None,
    help="Language of the certificates (default: each learner's own, else the course's).",
)
@PUBLIC_URL_OPTION
@click.option("--skip-unreadable", is_flag=True, help="Leave out unreadable learner files.")
@COURSE_OPTION
@DATA_OPTION
def issue_command(
    status: str,
    output_dir: Path,
    team: str | None,
    learner_ids: tuple[str, ...],
    lang: str | None,
    public_url: str | None,
    skip_unreadable: bool,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Write a PDF certificate for every learner who completed the course."""
    from trainer.certificates.document import certificate_document
    from trainer.learning.completion import is_complete
    from trainer.plain_text import single_line
    from trainer.store.atomic import make_private_folder, write_atomically

    course = load_course_for_coordinator(course_dir)
    root = coordinator_data(data_dir)
    wanted = set(learner_ids)
    issued = not_complete = 0
    try:
        make_private_folder(output_dir)  # certificates carry names
        selection = selection_from_options(team, None, "")
        with learner_source(data_dir, selection, skip_unreadable, course) as source:
            for record in source.records():
                if wanted and record.profile.learner_id not in wanted:
                    continue
                wanted.discard(record.profile.learner_id)
                if not is_complete(course, record):
                    not_complete += 1
                    continue
                document = certificate_document(
                    root, course, record, lang=lang, public_url=public_url
                )
                target = output_dir / document.filename
                write_atomically(target, document.pdf)
                issued += 1
                click.echo(f"{document.code}  {single_line(str(target))}")
    except OSError as error:
        raise click.ClickException(
            f"Could not write into {single_line(str(output_dir))} ({error.strerror or error})."
        ) from None
    except coordinator_errors() as error:
        raise click.ClickException(single_line(str(error))) from None
    click.echo(
        f"Issued {issued} certificate(s) into {single_line(str(output_dir))}; "
        f"{not_complete} learner(s) have not completed the course.",
        err=True,
    )
    for missing in sorted(wanted):
        click.echo(f"No learner {single_line(missing)!r} in the data folder.", err=True)
    report_unreadable(source)
    if wanted:
        raise SystemExit(1)
