"""Issue invite codes for learners, and write them to a CSV the coordinator sends out.

Only the digest is stored; the plain codes exist once, in what this returns (and the CSV the
coordinator asked for). Issuing a new code replaces an unused one and, once used, lets a
learner who forgot their passphrase set a new one.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from trainer.export.csv_table import start_sheet
from trainer.export.people import local_time
from trainer.export.spreadsheet import neutralise_cell
from trainer.export.vocabulary import OutputLanguage
from trainer.identity.credentials import IdentityFolder, PendingInvite, utc_now
from trainer.identity.invite_code import code_digest, new_invite_code
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

DEFAULT_VALID_DAYS = 14


@dataclass(frozen=True)
class IssuedInvite:
    learner_id: str
    email: str
    name: str
    code: str
    expires_at: dt.datetime


def issue_invite(
    data: DataFolder,
    learner_id: str,
    *,
    valid_for: dt.timedelta = dt.timedelta(days=DEFAULT_VALID_DAYS),
    now: dt.datetime | None = None,
) -> IssuedInvite:
    """A fresh one-time code for an existing learner (their failures are forgiven too)."""
    profile = data.learner(learner_id).read().profile
    issued = now or utc_now()
    code = new_invite_code()
    invite = PendingInvite(
        code_sha256=code_digest(code), issued_at=issued, expires_at=issued + valid_for
    )
    IdentityFolder(data).update(
        learner_id,
        lambda c: c.model_copy(update={"invite": invite, "failures": 0, "blocked_until": None}),
    )
    return IssuedInvite(learner_id, profile.email, profile.name, code, invite.expires_at)


def issue_invites_by_email(
    data: DataFolder, emails: list[str], *, valid_for: dt.timedelta
) -> tuple[list[IssuedInvite], list[str]]:
    """Codes for every address that is a learner's; the addresses that are not come back."""
    issued: list[IssuedInvite] = []
    unknown: list[str] = []
    for email in emails:
        learner_id = data.find_learner_by_email(email)
        if learner_id is None:
            unknown.append(email)
            continue
        issued.append(issue_invite(data, learner_id, valid_for=valid_for))
    return issued, unknown


def issue_codes_into(
    data: DataFolder,
    learner_ids: list[str],
    path: Path,
    *,
    valid_for: dt.timedelta = dt.timedelta(days=DEFAULT_VALID_DAYS),
    delimiter: str = ",",
    language: OutputLanguage = "en",
) -> int:
    """Codes for these learners, written to a new CSV at `path` (for `roster import`)."""
    issued = [issue_invite(data, learner_id, valid_for=valid_for) for learner_id in learner_ids]
    write_invite_codes(path, issued, delimiter=delimiter, language=language)
    return len(issued)


def invited_learner_ids(data: DataFolder) -> list[str]:
    """Learners still marked invited (imported from a roster, never signed in)."""
    found: list[str] = []
    for record in data.read_all(on_error=lambda _error: None):
        if record.profile.status == "invited":
            found.append(record.profile.learner_id)
    return found


INVITE_CODE_COLUMNS = ("email", "name", "invite_code", "expires_at")


def invite_codes_csv(
    invites: list[IssuedInvite], *, delimiter: str = ",", language: OutputLanguage = "en"
) -> str:
    """e-mail, name, code, expiry for a mail merge, in the dialect of every CSV we write
    (BOM, headers in the output language). The expiry is local time to the minute, as in
    `trainer export --format people`. Cells are formula-safe."""
    out = io.StringIO()
    writer = start_sheet(out, INVITE_CODE_COLUMNS, delimiter=delimiter, language=language)
    for invite in invites:
        writer.writerow(
            [
                neutralise_cell(invite.email),
                neutralise_cell(invite.name),
                invite.code,
                local_time(invite.expires_at),
            ]
        )
    return out.getvalue()


def write_invite_codes(
    path: Path,
    invites: list[IssuedInvite],
    *,
    delimiter: str = ",",
    language: OutputLanguage = "en",
) -> None:
    """Write the codes readable by the owner only (they are secrets until used)."""
    if path.exists():
        raise StoreError(f"{path} exists; choose another file name (codes are never overwritten).")
    text = invite_codes_csv(invites, delimiter=delimiter, language=language)
    write_atomically(path, text.encode("utf-8"))
