"""`trainer remind`: one message per selected learner, through SMTP or into `.eml` files.

Rules (docs/coordinators.md):
- complete learners are never reminded; a learner reminded less than `interval` ago is
  skipped (the per-learner sent log decides), so running the command twice sends nothing twice;
- each message is logged as sent only after the server accepted it; a refused address is
  listed and not logged; an unreachable server stops the run with a clear message, and what
  was sent before stays logged;
- invite codes are replaced only with `new_codes`, and every replaced unused code is listed;
- a dry run writes `<learner-id>.eml` files (RFC 5322, UTF-8) and logs nothing as sent.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Literal, Protocol

from trainer.content.models import Course
from trainer.export.selection import LearnerSource
from trainer.i18n import Translator
from trainer.identity.credentials import IdentityFolder
from trainer.identity.invitations import issue_invite
from trainer.learning.completion import completion_checklist
from trainer.learning.records import LearnerRecord
from trainer.plain_text import single_line
from trainer.reminders.message import reminder_message
from trainer.reminders.sent_log import SentReminder, last_sent, record_sent
from trainer.reminders.templates import ReminderTemplates

Security = Literal["starttls", "ssl", "none"]


class SmtpUnavailable(Exception):
    """The server cannot be reached or refuses us as a whole; the message says what to check."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Security
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: Path | None = None  # a company CA for the server's certificate
    timeout: float = 30.0


class Outbox(Protocol):
    def deliver(self, learner_id: str, message: EmailMessage) -> None:
        """Raise `smtplib.SMTPRecipientsRefused` for a refused address."""


class EmlOutbox:
    """Dry run: `<folder>/<learner-id>.eml`, openable in Outlook, Thunderbird or Apple Mail."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def deliver(self, learner_id: str, message: EmailMessage) -> None:
        """Whole files only (written aside, then renamed); no fsync: a draft can be redone."""
        target = self.folder / f"{learner_id}.eml"
        partial = target.with_suffix(".eml.part")
        partial.write_bytes(message.as_bytes(policy=policy.SMTP))
        os.replace(partial, target)


class SmtpOutbox:
    def __init__(self, client: smtplib.SMTP) -> None:
        self.client = client

    def deliver(self, learner_id: str, message: EmailMessage) -> None:
        try:
            self.client.send_message(message)
        except smtplib.SMTPRecipientsRefused:
            raise
        except smtplib.SMTPDataError as error:  # refused after DATA: this message only
            text = error.smtp_error
            raw = text if isinstance(text, bytes) else str(text).encode()
            raise smtplib.SMTPRecipientsRefused(
                {str(message["To"]): (error.smtp_code, raw)}
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SmtpUnavailable(
                f"The SMTP server stopped answering while sending ({error}); the messages "
                "sent before are in the reminder log, run the command again later."
            ) from None


@contextmanager
def smtp_outbox(settings: SmtpSettings) -> Iterator[SmtpOutbox]:
    """One connection for the whole run (STARTTLS, SSL or plain), logged in if a user is set."""
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    where = f"{settings.host}:{settings.port}"
    try:
        client: smtplib.SMTP
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.starttls(context=context)
        if settings.user:
            _log_in(client, settings.user, settings.password or "")
    except smtplib.SMTPAuthenticationError:
        raise SmtpUnavailable(
            f"The SMTP server {where} refused the user name or password; nothing was sent."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise SmtpUnavailable(
            f"The SMTP server {where} does not offer STARTTLS; use --smtp-security ssl (port "
            "465) or ask your mail administrator. Nothing was sent."
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise SmtpUnavailable(
            f"Cannot reach the SMTP server {where} ({error}); check --smtp-host, --smtp-port "
            "and --smtp-security. Nothing was sent."
        ) from None
    try:
        yield SmtpOutbox(client)
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


def _log_in(client: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib sends only ASCII credentials; AUTH PLAIN is UTF-8 (RFC 4616): `hasło` works."""
    if user.isascii() and password.isascii():
        client.login(user, password)
        return
    client.ehlo_or_helo_if_needed()
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


@dataclass
class RemindOutcome:
    count: int = 0  # messages sent (or written as .eml)
    delivered: list[str] = field(default_factory=list)  # their learner ids (not in dry runs)
    recently_reminded: int = 0
    complete: int = 0
    no_template: list[str] = field(default_factory=list)  # learner ids
    refused: list[tuple[str, str]] = field(default_factory=list)  # (e-mail, server's reason)
    voided_codes: list[tuple[str, dt.datetime]] = field(default_factory=list)  # (e-mail, issued)
    keep_ids: bool = True  # a dry run keeps only the count: memory stays flat

    def add_delivered(self, learner_id: str) -> None:
        self.count += 1
        if self.keep_ids:
            self.delivered.append(learner_id)


@dataclass
class ReminderRun:
    """Everything a run needs besides the learners; built by the CLI."""

    course: Course
    templates: ReminderTemplates
    sender: str
    link: str
    interval: dt.timedelta
    new_codes: bool = False
    code_valid_for: dt.timedelta = dt.timedelta(days=14)
    dry_run: bool = False
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def values(
        self, record: LearnerRecord, due: dt.date | None, language: str, code: str
    ) -> dict[str, str]:
        t = Translator(language)
        requirements = completion_checklist(self.course, record)
        met = sum(1 for r in requirements if r.met)
        progress = met / len(requirements) if requirements else 1.0
        name = single_line(record.profile.name)
        return {
            "name": name,
            "first_name": name.split(" ")[0],
            "progress": t.percent(progress),
            "due": t.date(due) if due else t("no due date"),
            "link": self.link,
            "code": code,
            "course": single_line(self.course.title(language)),
        }


def remind(run: ReminderRun, source: LearnerSource, outbox: Outbox) -> RemindOutcome:
    """Remind every selected learner who is not complete and was not reminded recently."""
    outcome = RemindOutcome(keep_ids=not run.dry_run)
    data = source.folder
    identity = IdentityFolder(data)
    if source.course is None:
        source.course = run.course
    for record, summary in source.summarised():
        facts = source.facts(record, summary)
        learner_id = record.profile.learner_id
        if summary.complete:
            outcome.complete += 1
            continue
        previous = last_sent(data, learner_id)
        if previous is not None and run.now() - previous < run.interval:
            outcome.recently_reminded += 1
            continue
        status = "overdue" if facts.overdue else facts.status
        language = record.profile.language or run.course.config.default_language
        template = run.templates.for_learner(status, language)
        if template is None:
            outcome.no_template.append(learner_id)
            continue
        code = ""
        if run.new_codes:
            pending = identity.read(learner_id).invite
            if pending is not None and pending.expires_at > run.now():
                outcome.voided_codes.append((record.profile.email, pending.issued_at))
            code = issue_invite(data, learner_id, valid_for=run.code_valid_for).code
        subject, body = template.render(run.values(record, facts.due, template.language, code))
        message = reminder_message(
            sender=run.sender,
            to_name=record.profile.name,
            to_email=record.profile.email,
            subject=subject,
            body=body,
            now=run.now(),
        )
        try:
            outbox.deliver(learner_id, message)
        except smtplib.SMTPRecipientsRefused as refused:
            reason = "; ".join(
                f"{code_} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                for code_, text in refused.recipients.values()
            )
            outcome.refused.append((record.profile.email, reason))
            continue
        if not run.dry_run:
            record_sent(
                data,
                learner_id,
                SentReminder(run.now(), template.path, str(message["Message-ID"])),
            )
        outcome.add_delivered(learner_id)
    return outcome
