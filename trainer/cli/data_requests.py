"""For coordinators: data-subject requests (GDPR / RODO) about one learner, by e-mail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from trainer.cli.coordinator_data import coordinator_data, log_action
from trainer.cli.options import DATA_OPTION


@click.group("learner")
def learner_requests() -> None:
    """What is stored about a person: show it, give them a copy, or erase it."""


def _learner(data_dir: Path | None, email: str) -> tuple[Any, str]:
    from trainer.plain_text import single_line
    from trainer.store.folder import DataFolder

    data = DataFolder(coordinator_data(data_dir))
    learner_id = data.find_learner_by_email(email)
    if learner_id is None:
        raise click.ClickException(
            f"{single_line(email)} is not a learner in {data.root} (nothing is stored under "
            "this address; an erased person is not found either)."
        )
    return data, learner_id


def _document(data: Any, learner_id: str) -> dict[str, Any]:
    from trainer.plain_text import single_line
    from trainer.privacy import personal_data
    from trainer.store.errors import StoreError

    try:
        return personal_data(data, learner_id)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None


@learner_requests.command("show")
@click.argument("email")
@click.option("--json", "as_json", is_flag=True, help="The full document as JSON.")
@DATA_OPTION
def learner_show(email: str, as_json: bool, data_dir: Path | None) -> None:
    """Everything stored about EMAIL: profile, progress, answers, policy decisions, sign-in,
    reminders and audit entries (readable, or --json)."""
    from trainer.plain_text import single_line

    data, learner_id = _learner(data_dir, email)
    document = _document(data, learner_id)
    log_action(data.root, "learner.show", {"learner_id": learner_id})
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    learner = document["learner"]
    profile = learner["profile"]
    sign_in = document["sign_in"]
    lines = [
        f"Learner {learner_id}",
        f"  name: {profile['name']}",
        f"  e-mail: {profile['email']}",
        f"  team: {profile['team'] or '-'}; language: {profile['language'] or '-'}",
        f"  account: {profile['status']}, created {profile['created_at']}",
        f"  due date: {document['due_date'] or '-'}",
        f"Progress: {len(learner['modules'])} module(s) opened, "
        f"{len(learner['attempts'])} quiz attempt(s) with "
        f"{sum(len(a['answers']) for a in learner['attempts'])} answer(s)",
        f"Policy decisions: {len(learner['policy_decisions'])}",
        *(
            f"  {d['decided_at']}: {d['decision']} {d['policy_id']} v{d['version']} "
            f"(typed name: {d['typed_name'] or '-'})"
            for d in learner["policy_decisions"]
        ),
        f"Sign-in: passphrase {'set' if sign_in['has_passphrase'] else 'not set'}, "
        f"invite pending until {sign_in['invite_pending_until'] or '-'}, "
        f"last sign-in {sign_in['last_signed_in_at'] or '-'}, roles {sign_in['roles'] or '-'}",
        f"Reminders sent: {len(document['reminders_sent'])}",
        f"Audit entries about them: {len(document['audit_entries'])}",
        "",
        "Full detail: add --json, or `trainer learner export EMAIL -o FILE` for their copy.",
    ]
    for line in lines:
        indent = line[: len(line) - len(line.lstrip())]
        click.echo(indent + single_line(line))


@learner_requests.command("export")
@click.argument("email")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="A new JSON file (never overwritten).",
)
@DATA_OPTION
def learner_export(email: str, output: Path, data_dir: Path | None) -> None:
    """A portable copy (JSON, UTF-8) of everything stored about EMAIL, to hand to them."""
    from trainer.plain_text import single_line
    from trainer.store.atomic import write_atomically

    if output.exists():
        raise click.ClickException(f"{single_line(str(output))} exists; choose a new file name.")
    data, learner_id = _learner(data_dir, email)
    document = _document(data, learner_id)
    write_atomically(output, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    click.echo(f"Everything stored about {single_line(email)} is in {single_line(str(output))}.")
    log_action(data.root, "learner.export", {"learner_id": learner_id, "to": str(output)})


@learner_requests.command("erase")
@click.argument("email")
@click.option(
    "--policy-evidence",
    type=click.Choice(["pseudonymise", "erase"]),
    default="pseudonymise",
    show_default=True,
    help="Keep the policy decisions without name, e-mail or id (pseudonymise), or drop them.",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@DATA_OPTION
def learner_erase(email: str, policy_evidence: str, yes: bool, data_dir: Path | None) -> None:
    """Erase EMAIL's personal data from the data folder (not from backups: they are listed).

    Removed: progress, answers, attempts, policy decisions with the typed name, sign-in
    details, reminder log, e-mail index entry. Policy-acceptance evidence is kept
    pseudonymised by default (see docs/coordinators.md). `trainer verify` still passes.
    """
    from trainer.plain_text import single_line
    from trainer.privacy import erase_learner
    from trainer.store.errors import StoreError

    data, learner_id = _learner(data_dir, email)
    if not yes:
        click.confirm(
            f"Erase everything stored about {single_line(email)} ({learner_id})?",
            abort=True,
            err=True,
        )
    try:
        outcome = erase_learner(data, learner_id, policy_evidence=policy_evidence)  # type: ignore[arg-type]
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    click.echo(
        f"Erased {single_line(email)}: {len(outcome.removed)} file(s) removed, "
        f"{outcome.certificates_revoked} certificate(s) revoked."
    )
    if policy_evidence == "pseudonymise":
        click.echo(
            f"Kept {outcome.decisions_kept} policy decision(s) without name, e-mail or id, "
            f"as {outcome.pseudonym[:12]}… in {single_line(str(outcome.tombstone))}."
        )
    backups = data.known_backups()
    click.echo(
        "Backups are not changed"
        + (
            ": these still hold the person's data until they expire or are deleted:"
            if backups
            else " (none are recorded for this data folder)."
        )
    )
    for backup in backups:
        click.echo(f"  {single_line(str(backup))}")
    log_action(
        data.root,
        "learner.erase",
        {
            "pseudonym": outcome.pseudonym,
            "policy_evidence": policy_evidence,
            "files_removed": len(outcome.removed),
            "certificates_revoked": outcome.certificates_revoked,
            "backups_not_changed": len(backups),
        },
    )
