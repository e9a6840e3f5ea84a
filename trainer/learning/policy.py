"""Whether the learner has accepted the policy as it reads today, and what accepting requires.

An acceptance is evidence about one exact text: it stays current only while both the version
and the SHA-256 of the text in the language it was accepted in are unchanged. The latest
decision wins, so a decline after an acceptance withdraws it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Policy
from trainer.learning.errors import AcceptanceRefused
from trainer.learning.matching import comparable, same_name
from trainer.learning.records import LearnerProfile, LearnerRecord, PolicyDecision, as_utc, utc_now

PolicyState = Literal["not_decided", "accepted_current", "declined", "outdated"]


@dataclass(frozen=True, slots=True)
class PolicyStatus:
    policy_id: str
    state: PolicyState
    last_decision: PolicyDecision | None  # the learner's latest decision on this policy
    last_acceptance: (
        PolicyDecision | None
    )  # the latest acceptance (what "what changed" compares to)

    @property
    def must_decide(self) -> bool:
        """The policy screen must be shown (nothing decided, declined, or accepted an old text)."""
        return self.state != "accepted_current"


def policy_status(policy: Policy, record: LearnerRecord) -> PolicyStatus:
    return policy_status_of(policy, record.policy_decisions)


def policy_status_of(policy: Policy, decisions_made: Sequence[PolicyDecision]) -> PolicyStatus:
    """`policy_status` of a record holding these decisions (completion replays prefixes)."""
    decisions = [d for d in decisions_made if d.policy_id == policy.id]
    # Stable sort: decisions with the same timestamp keep the order the store recorded them in.
    decisions.sort(key=lambda d: d.decided_at)
    if not decisions:
        return PolicyStatus(policy.id, "not_decided", None, None)
    last = decisions[-1]
    acceptances = [d for d in decisions if d.decision == "accepted"]
    last_acceptance = acceptances[-1] if acceptances else None
    if last.decision == "declined":
        return PolicyStatus(policy.id, "declined", last, last_acceptance)
    state: PolicyState = "accepted_current" if is_current(last, policy) else "outdated"
    return PolicyStatus(policy.id, state, last, last_acceptance)


def is_current(acceptance: PolicyDecision, policy: Policy) -> bool:
    """Same version and same text hash as today's policy in the language accepted.

    If that language has since been dropped from the policy, any language's current text
    with the same hash will do.
    """
    if acceptance.version != policy.version:
        return False
    accepted_text = policy.texts.get(acceptance.language)
    if accepted_text is not None:
        return accepted_text.sha256 == acceptance.sha256
    return any(text.sha256 == acceptance.sha256 for text in policy.texts.values())


# --- accepting -------------------------------------------------------------------------------

RefusalReason = Literal["not_scrolled", "box_unchecked", "name_missing", "name_mismatch"]


@dataclass(frozen=True, slots=True)
class AcceptanceCheck:
    allowed: bool
    reason: RefusalReason | None  # the first missing condition, for the screen to explain

    def __bool__(self) -> bool:
        return self.allowed


def can_accept(
    scrolled_to_end: bool, box_checked: bool, typed_name: str, profile_name: str
) -> AcceptanceCheck:
    """All three conditions of the policy screen; the typed name ignores case, spacing and
    diacritics (a keyboard without Polish letters can still sign)."""
    if not scrolled_to_end:
        return AcceptanceCheck(False, "not_scrolled")
    if not box_checked:
        return AcceptanceCheck(False, "box_unchecked")
    if not comparable(typed_name):
        return AcceptanceCheck(False, "name_missing")
    if not same_name(typed_name, profile_name):
        return AcceptanceCheck(False, "name_mismatch")
    return AcceptanceCheck(True, None)


def decide_policy(
    policy: Policy,
    profile: LearnerProfile,
    decision: Literal["accepted", "declined"],
    *,
    lang: str,
    scrolled_to_end: bool,
    box_checked: bool,
    typed_name: str | None = None,
    now: dt.datetime | None = None,
) -> PolicyDecision:
    """The record of accepting or declining the text shown in `lang`; the store chains and saves it.

    An acceptance that `can_accept` refuses raises `AcceptanceRefused`; a decline needs nothing.
    """
    text = policy.text(lang)
    if decision == "accepted":
        check = can_accept(scrolled_to_end, box_checked, typed_name or "", profile.name)
        if check.reason is not None:
            raise AcceptanceRefused(check.reason)
    return PolicyDecision(
        policy_id=policy.id,
        version=policy.version,
        sha256=text.sha256,
        language=text.lang,
        decision=decision,
        decided_at=as_utc(now) if now else utc_now(),
        learner_id=profile.learner_id,
        typed_name=typed_name if decision == "accepted" else None,
        scrolled_to_end=scrolled_to_end,
        box_checked=box_checked,
    )


# --- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyChange:
    """One paragraph (or list item, or heading) that was added to or removed from the text."""

    kind: Literal["added", "removed"]
    text: str


_HEADING = re.compile(r"^#{1,6}\s")
_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>)")


def policy_paragraphs(markdown: str) -> list[str]:
    """Blocks a reader recognises: paragraphs, headings and list items, spacing normalised."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
            continue
        if current and (_BLOCK_START.match(line) or _HEADING.match(current[-1])):
            blocks.append(current)
            current = []
        current.append(line.strip())
    if current:
        blocks.append(current)
    return [" ".join(" ".join(block).split()) for block in blocks]


def policy_changes(old_text: str, new_text: str) -> list[PolicyChange]:
    """Paragraphs removed from and added to the policy, in reading order.

    A reworded paragraph shows as the old one removed followed by the new one added, which a
    reader without a programmer's diff habits follows more easily than line-level changes.
    """
    import difflib  # only when showing what changed: not worth importing at start-up

    old = policy_paragraphs(old_text)
    new = policy_paragraphs(new_text)
    changes: list[PolicyChange] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        changes.extend(PolicyChange("removed", p) for p in old[old_start:old_end])
        changes.extend(PolicyChange("added", p) for p in new[new_start:new_end])
    return changes
