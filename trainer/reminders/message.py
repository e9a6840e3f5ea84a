"""One reminder as an e-mail message (RFC 5322, UTF-8), the same for SMTP and for `.eml`."""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from trainer.plain_text import single_line


def reminder_message(
    *,
    sender: str,
    to_name: str,
    to_email: str,
    subject: str,
    body: str,
    now: dt.datetime,
    domain: str | None = None,
) -> EmailMessage:
    """Headers are encoded by the standard library (RFC 2047 for a Polish subject and name)."""
    message = EmailMessage()
    message["From"] = sender
    local, _, host = to_email.partition("@")
    message["To"] = Address(display_name=single_line(to_name), username=local, domain=host)
    message["Subject"] = single_line(subject)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=domain or sender.rpartition("@")[2].strip("> "))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies loops
    message.set_content(body, charset="utf-8")
    return message
