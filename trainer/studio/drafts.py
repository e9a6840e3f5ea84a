"""Turning a hub template into an ambassador's draft, and a checked draft into a record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from trainer.content.models import Course, HubTemplate
from trainer.learning.records import LearnerProfile, PostFinding
from trainer.posts.findings import PostCheck
from trainer.posts.links import tag_link
from trainer.posts.networks import Network
from trainer.posts.rules import PostRules

_PLACEHOLDER = re.compile(r"\{\{\s*([\w-]+)\s*\}\}")


@dataclass(frozen=True)
class IdeaFilter:
    network: Network | None = None
    topic: str | None = None
    lang: str | None = None


def post_ideas(course: Course, wanted: IdeaFilter, today: dt.date) -> list[HubTemplate]:
    """Current templates matching the filter (expired and future ones are hidden)."""
    found = []
    for template in course.hub:
        if not template.current(today):
            continue
        if wanted.network is not None and wanted.network not in template.networks:
            continue
        if wanted.topic is not None and wanted.topic not in template.topics:
            continue
        if wanted.lang is not None and wanted.lang not in template.texts:
            continue
        found.append(template)
    return found


def campaign_link(
    template: HubTemplate, network: Network, rules: PostRules, ambassador: str
) -> str | None:
    """The template's link with the program's UTM parameters for this ambassador."""
    if template.link is None:
        return None
    return tag_link(
        template.link,
        source=network,
        medium=rules.tracking.medium,
        campaign=template.id,
        content=ambassador,
    )


def fill_placeholders(
    text: str, profile: LearnerProfile, rules: PostRules, link: str | None
) -> str:
    """Fill what the studio knows; leave the ambassador's own placeholders for them."""
    first_name = profile.name.split()[0] if profile.name.split() else ""
    values = {
        "first_name": first_name,
        "name": profile.name,
        "team": profile.team,
        "company": rules.brand[0] if rules.brand else "",
        "link": link or "",
    }

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER.sub(replace, text)


def findings_record(check: PostCheck) -> list[PostFinding]:
    return [
        PostFinding(
            code=f.code,
            level=f.level,
            line=f.begin.line,
            col=f.begin.col,
            end_line=f.finish.line,
            end_col=f.finish.col,
        )
        for f in check.findings
    ]


def share_url(network: Network, text: str, link: str | None) -> str | None:
    """The network's own share page for the post, where it has one (Instagram has none)."""
    if network == "x":
        return "https://x.com/intent/post?" + urlencode({"text": text[:2000]}, quote_via=quote)
    if link is None:
        return None
    if network == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": link})
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link})
    return None
