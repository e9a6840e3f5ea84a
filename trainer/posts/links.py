"""Links in a post: finding them, the program's campaign (UTM) parameters, pseudonymous ids.

A campaign link never carries an e-mail or a name: the ambassador is identified by a keyed
hash of their id that only the program's data folder can map back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_LINK = re.compile(r"(?i)(?:https?://|www\.)[^\s<>\"'`{}|\\^]+")
_TRAILING = ".,;:!?)]'\"”’…"
EMAIL = re.compile(r"[^\s@/?&=]+@[^\s@/?&=]+\.[a-z]{2,}", re.IGNORECASE)
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    start: int
    end: int

    @property
    def host(self) -> str:
        target = self.url if "://" in self.url else "https://" + self.url
        return (urlsplit(target).hostname or "").lower()

    def query(self) -> list[tuple[str, str]]:
        target = self.url if "://" in self.url else "https://" + self.url
        return parse_qsl(urlsplit(target).query, keep_blank_values=True)


def find_links(text: str) -> list[Link]:
    links = []
    for match in _LINK.finditer(text):
        url = match.group()
        trimmed = url.rstrip(_TRAILING)
        if "(" in trimmed and url.endswith(")") and trimmed.count("(") > trimmed.count(")"):
            trimmed += ")"  # a balanced parenthesis belongs to the link (Wikipedia style)
        if len(trimmed) > len("www."):
            links.append(Link(trimmed, match.start(), match.start() + len(trimmed)))
    return links


def on_domains(host: str, domains: list[str]) -> bool:
    """Empty `domains`: every host; else the host or any of its subdomains."""
    if not domains:
        return True
    host = host.removeprefix("www.")
    return any(host == d.lower().removeprefix("www.") or host.endswith("." + d) for d in domains)


def ambassador_ref(learner_id: str, secret: bytes) -> str:
    """A stable pseudonym for `learner_id` (12 characters); without `secret` it cannot be
    reversed or recomputed from the e-mail."""
    digest = hmac.new(secret, learner_id.strip().lower().encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:12].lower()


def tag_link(
    url: str,
    *,
    source: str,
    medium: str,
    campaign: str,
    content: str | None = None,
) -> str:
    """`url` with the program's UTM parameters set (other parameters kept, in order)."""
    if content is not None and EMAIL.search(content):
        raise ValueError("utm_content must be a pseudonymous id, never an e-mail address")
    has_scheme = "://" in url
    parts = urlsplit(url if has_scheme else "https://" + url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    tags = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)]
    if content:
        tags.append(("utm_content", content))
    tagged = urlunsplit(parts._replace(query=urlencode(kept + tags)))
    return tagged if has_scheme else tagged.removeprefix("https://")
