"""For coordinators: invitations from a spreadsheet, invite codes, the coordinator role."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.cli.coordinator_data import (
    coordinator_data,
    course_language,
    load_course_for_coordinator,
    log_action,
)
from trainer.cli.options import (
    COURSE_OPTION,
    DATA_OPTION,
    chosen_output,
    output_options,
    resolve_data,
)


@click.group()
def roster() -> None:
    """Invite ambassadors in bulk from a spreadsheet."""


@roster.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Invite the good rows even if some rows are bad.")
@click.option("--dry-run", is_flag=True, help="Check the file against the data folder only.")
@click.option(
    "--codes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also issue one-time invite codes (served sign-in) into this new CSV file.",
)
@output_options
@COURSE_OPTION
@DATA_OPTION
def roster_import(
    csv_file: Path,
    skip_bad: bool,
    dry_run: bool,
    course_dir: Path | None,
    data_dir: Path | None,
    codes_out: Path | None = None,
    output_lang: str | None = None,
    delimiter: str | None = None,
) -> None:
    """Invite everyone in CSV_FILE (first name, last name, e-mail, team, language, due date).

    Headers may be Polish or English (imię, nazwisko, e-mail, zespół/dział, język, termin),
    separated by `,` or `;`, in UTF-8 with or without BOM. With any bad row nothing changes unless
    --skip-bad; people who already are learners are skipped and listed. --lang and --delimiter
    shape the --codes-out file like every CSV trainer writes.
    """
    from trainer.plain_text import single_line
    from trainer.roster.invitation import invite_roster
    from trainer.roster.sheet import RosterFileError, decode_roster, read_roster
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    course = load_course_for_coordinator(course_dir)
    name = single_line(csv_file.name)
    if codes_out is not None and codes_out.exists():
        raise click.ClickException(
            f"{single_line(str(codes_out))} exists; codes are never overwritten."
        )
    try:
        sheet = read_roster(decode_roster(csv_file.read_bytes(), name), course.config.languages)
        outcome = invite_roster(
            DataFolder(coordinator_data(data_dir)), sheet, skip_bad=skip_bad, dry_run=dry_run
        )
    except (RosterFileError, StoreError) as error:
        raise click.ClickException(f"{name}: {single_line(str(error))}") from None
    separator = {";": "';'", ",": "','", "\t": "tab"}[sheet.delimiter]
    rows = len(sheet.entries) + len(sheet.problems)
    click.echo(f"{name}: {rows} row(s), separator {separator}")
    if sheet.ignored_columns:
        ignored = ", ".join(repr(c) for c in sheet.ignored_columns)
        click.echo(f"note: columns ignored: {ignored}")
    for problem in sorted([*outcome.errors, *outcome.already_learners], key=lambda p: p.line):
        click.echo(f"{name}:{single_line(problem.format())}")
    good = len(outcome.to_invite)
    if dry_run:
        click.echo(f"Dry run: {good} learner(s) would be invited; nothing was changed.")
    elif outcome.errors and not skip_bad:
        click.echo(
            f"Nothing was changed: fix the {len(outcome.errors)} problem(s) above, or run again "
            f"with --skip-bad to invite the {good} good row(s)."
        )
    else:
        for entry, learner_id in outcome.invited:
            click.echo(f"invited {learner_id}: {single_line(entry.name)} <{entry.email}>")
        skipped = f"; {len(outcome.errors)} bad row(s) left out" if outcome.errors else ""
        click.echo(f"Invited {len(outcome.invited)} learner(s){skipped}.")
        if outcome.invited:
            log_action(
                coordinator_data(data_dir),
                "roster.import",
                {
                    "file": csv_file.name,
                    "learners": [learner_id for _entry, learner_id in outcome.invited],
                },
            )
        if codes_out is not None and outcome.invited:
            from trainer.identity.invitations import issue_codes_into

            language, separator = chosen_output(
                output_lang, delimiter, course.config.default_language
            )
            try:
                written = issue_codes_into(
                    DataFolder(coordinator_data(data_dir)),
                    [learner_id for _entry, learner_id in outcome.invited],
                    codes_out,
                    delimiter=separator,
                    language=language,
                )
            except StoreError as error:
                raise click.ClickException(
                    f"invite codes: {single_line(str(error))} (use `trainer invite`)"
                ) from None
            click.echo(f"{written} invite code(s) written to {single_line(str(codes_out))}")
            log_action(
                coordinator_data(data_dir),
                "invite",
                {"learners": [learner_id for _entry, learner_id in outcome.invited]},
            )
    if outcome.store_error:
        raise click.ClickException(
            f"{single_line(outcome.store_error)} ({len(outcome.invited)} invited before that)"
        )
    if outcome.errors and not (skip_bad and not dry_run):
        raise SystemExit(1)


@click.command()
@click.argument("emails", nargs=-1)
@click.option(
    "--all-invited", is_flag=True, help="Every learner who has not signed in yet (after a roster)."
)
@click.option(
    "--codes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write e-mail, name, code, expiry to this new CSV file instead of printing codes.",
)
@click.option("--valid-days", default=14, show_default=True, type=click.IntRange(1, 365))
@click.option(
    "--due",
    default=None,
    help="Also set these people's own due date (2026-12-15 or 15.12.2026).",
)
@output_options
@COURSE_OPTION
@DATA_OPTION
def invite(
    emails: tuple[str, ...],
    all_invited: bool,
    codes_out: Path | None,
    valid_days: int,
    due: str | None,
    output_lang: str | None,
    delimiter: str | None,
    course_dir: Path | None,
    data_dir: Path | None,
) -> None:
    """Issue one-time invite codes for served sign-in (also resets a forgotten passphrase).

    Each code works once, for its own e-mail address, until it expires; a new code replaces
    the previous one. Send each person their code; they sign in with e-mail + code and choose
    a passphrase. The --codes-out file follows --lang and --delimiter (default: ';' and
    Polish headers when the language is Polish), UTF-8 with BOM, like every CSV trainer writes.
    """
    import datetime as dt

    from trainer.identity.invitations import (
        invited_learner_ids,
        issue_invite,
        issue_invites_by_email,
        write_invite_codes,
    )
    from trainer.plain_text import single_line
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder

    if not emails and not all_invited:
        raise click.UsageError("Give e-mail addresses, or --all-invited.")
    from trainer.cli.deadlines import parse_due_option

    due_date = parse_due_option(due) if due is not None else None
    data = DataFolder(resolve_data(data_dir))
    valid_for = dt.timedelta(days=valid_days)
    language, separator = chosen_output(
        output_lang, delimiter, course_language(course_dir) if codes_out else None
    )
    try:
        issued, unknown = issue_invites_by_email(data, list(emails), valid_for=valid_for)
        if all_invited:
            done = {i.learner_id for i in issued}
            for learner_id in invited_learner_ids(data):
                if learner_id not in done:
                    issued.append(issue_invite(data, learner_id, valid_for=valid_for))
        if codes_out is not None:
            write_invite_codes(codes_out, issued, delimiter=separator, language=language)
    except StoreError as error:
        raise click.ClickException(single_line(str(error))) from None
    if issued and due_date is not None:
        from trainer.cli.deadlines import set_learner_deadlines

        set_learner_deadlines(data, [item.email for item in issued], due_date)
    if issued:
        log_action(
            data.root,
            "invite",
            {
                "learners": [item.learner_id for item in issued],
                "valid_days": valid_days,
                **({"due": due_date.isoformat()} if due_date else {}),
            },
        )
    for email in unknown:
        click.echo(
            f"not a learner (import them with `trainer roster import`): {single_line(email)}"
        )
    if codes_out is not None:
        click.echo(f"{len(issued)} invite code(s) written to {single_line(str(codes_out))}")
    else:
        for item in issued:
            click.echo(f"{single_line(item.email)}\t{item.code}\t{item.expires_at:%Y-%m-%d}")
        click.echo(f"{len(issued)} invite code(s), valid for {valid_days} day(s).", err=True)
    if unknown:
        raise SystemExit(1)
