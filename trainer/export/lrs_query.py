"""Read statements back from a Learning Record Store through the xAPI query API.

`GET <endpoint>/statements?activity=...&related_activities=true&ascending=true` returns one
page (a `StatementResult`); its `more` is the address of the next page, relative to the LRS's
host, empty on the last. Pages are followed until `more` is empty, so memory holds one page at
a time. `ascending=true` asks for the oldest first, but LRSs differ (Ralph's file backend
lists a page newest first whatever it is asked), so whoever reads the statements relies on
each statement's `stored` time, never on the order of the list.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

from trainer.export.lrs import LrsError, statements_url, xapi_headers
from trainer.plain_text import single_line

PAGE_SIZE = 500
MAX_PAGES = 100_000  # a `more` that never ends is the LRS's fault; stop instead of looping


def query_statements(
    endpoint: str,
    *,
    user: str,
    password: str,
    activity: str,
    since: str | None = None,
    page_size: int = PAGE_SIZE,
    timeout: float = 60.0,
    on_page: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every statement about `activity` (or with it in context), oldest stored first."""
    url = statements_url(endpoint)
    headers = xapi_headers(user, password, {"Accept": "application/json"})
    query = {
        "activity": activity,
        "related_activities": "true",
        "ascending": "true",
        "limit": str(page_size),
    }
    if since is not None:
        query["since"] = since
    address = f"{url}?{urllib.parse.urlencode(query)}"
    for _ in range(MAX_PAGES):
        page = _get(address, headers, timeout)
        statements = page.get("statements")
        if not isinstance(statements, list):
            raise LrsError(f"The LRS answered {address} without a list of statements.")
        if on_page is not None:
            on_page(len(statements))
        yield from statements
        more = page.get("more")
        if not more or not statements:
            return
        address = urllib.parse.urljoin(url, str(more))
    raise LrsError(f"The LRS kept answering with more pages after {MAX_PAGES}; stopped.")


def _get(address: str, headers: dict[str, str], timeout: float) -> dict[str, Any]:
    request = urllib.request.Request(address, method="GET", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        detail = single_line(error.read(600).decode("utf-8", "replace"))[:300]
        what = {
            400: "refused the query",
            401: "did not accept the user name or password",
            403: "does not let this user read statements",
            404: "has no statements resource at this address (check the endpoint)",
        }.get(error.code, "answered with an error")
        raise LrsError(
            f"The LRS {what} (HTTP {error.code}{': ' + detail if detail else ''})."
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise LrsError(f"Could not reach the LRS ({single_line(str(reason))}).") from None
    try:
        page = json.loads(payload)
    except ValueError:
        raise LrsError("The LRS answered the query with something that is not JSON.") from None
    if not isinstance(page, dict):
        raise LrsError("The LRS answered the query with something that is not a StatementResult.")
    return page
