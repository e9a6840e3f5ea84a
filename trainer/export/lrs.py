"""Send an xAPI export (one statement per line) to a Learning Record Store.

Plain HTTP with the standard library: POST batches as JSON arrays to the LRS's `statements`
resource, with basic authentication and the xAPI version header. Statement ids are
deterministic (`trainer.export.xapi`), so sending a file again, or after a failure half way,
records nothing twice: the LRS keeps one statement per id.

How many statements were new is read from the LRS's answer to each batch: xAPI 1.0.3 answers
a POST with the ids of the statements it stored, and `204 No Content` when it stored none
(every id was already there). Ralph lists only the ids it stored; an LRS that lists every id
it was sent, stored or not, makes every statement count as new.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from trainer.plain_text import single_line

XAPI_VERSION = "1.0.3"
DEFAULT_BATCH = 100
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class LrsError(Exception):
    """Sending stopped; the message says what the LRS (or the network) answered."""


@dataclass(frozen=True)
class SendOutcome:
    statements: int  # accepted by the LRS
    batches: int
    new: int = 0  # stored by this send
    already_stored: int = 0  # the LRS held them before (same id, same statement)


def _newly_stored(batch: list[dict[str, Any]], status: int, payload: bytes) -> int:
    """How many of `batch` the LRS says it stored now (see the module docstring)."""
    if status == 204 or not payload.strip():
        return 0
    try:
        stored = json.loads(payload)
    except ValueError:
        return len(batch)
    if not isinstance(stored, list):
        return len(batch)
    sent = {statement["id"] for statement in batch}
    return len({i for i in stored if isinstance(i, str)} & sent)


def statements_url(endpoint: str) -> str:
    """The `statements` resource under an LRS endpoint (with or without `/statements`).

    Credentials travel with every request, so plain http is refused except to this machine.
    """
    parsed = urllib.parse.urlsplit(endpoint.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise LrsError(f"{single_line(endpoint)!r} is not an http(s) address of an LRS.")
    if parsed.scheme == "http" and parsed.hostname not in LOOPBACK_HOSTS:
        raise LrsError(
            "The LRS address uses plain http: the password would cross the network "
            "unencrypted. Use its https address."
        )
    path = parsed.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def read_statements(lines: Iterable[str], source: str) -> Iterator[dict[str, Any]]:
    """Statements from an export, checked enough to name the line of anything else."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            statement = json.loads(line)
        except json.JSONDecodeError as error:
            raise LrsError(
                f"{source}:{number}: not JSON ({error.msg}); sending stopped at this line."
            ) from None
        if not isinstance(statement, dict) or not isinstance(statement.get("id"), str):
            raise LrsError(
                f"{source}:{number}: not an xAPI statement with an id (make the file with "
                "`trainer export --format xapi`); sending stopped at this line."
            )
        yield statement


def _batches(statements: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for statement in statements:
        batch.append(statement)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def xapi_headers(user: str, password: str, extra: dict[str, str]) -> dict[str, str]:
    """Basic authentication and the xAPI version header, plus `extra`."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION, **extra}


def send_statements(
    statements: Iterable[dict[str, Any]],
    endpoint: str,
    *,
    user: str,
    password: str,
    batch_size: int = DEFAULT_BATCH,
    timeout: float = 60.0,
    on_batch: Callable[[int], None] | None = None,
) -> SendOutcome:
    """POST `statements` in batches; `on_batch(n)` after each accepted batch of n."""
    url = statements_url(endpoint)
    headers = xapi_headers(user, password, {"Content-Type": "application/json"})
    sent = batches = new = 0
    for batch in _batches(statements, batch_size):
        body = json.dumps(batch, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                new += _newly_stored(batch, response.status, response.read())
        except urllib.error.HTTPError as error:
            raise LrsError(_refusal(error, sent)) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise LrsError(
                f"Could not reach the LRS at {url} ({single_line(str(reason))}); "
                f"{sent} statement(s) were sent before. Sending again is safe."
            ) from None
        sent += len(batch)
        batches += 1
        if on_batch is not None:
            on_batch(len(batch))
    return SendOutcome(statements=sent, batches=batches, new=new, already_stored=sent - new)


def _refusal(error: urllib.error.HTTPError, sent: int) -> str:
    detail = single_line(error.read(600).decode("utf-8", "replace"))[:300]
    what = {
        400: "refused a statement as invalid",
        401: "did not accept the user name or password",
        403: "does not let this user write statements",
        404: "has no statements resource at this address (check the endpoint)",
        409: "already holds a different statement under one of these ids",
        413: "found a batch too large (try a smaller --batch)",
    }.get(error.code, "answered with an error")
    return (
        f"The LRS {what} (HTTP {error.code}{': ' + detail if detail else ''}). "
        f"{sent} statement(s) were accepted before this batch; sending again is safe."
    )
