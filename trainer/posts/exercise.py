"""Writing exercises in quizzes: which rules an exercise can require, and the verdict on a draft.

Plain Python: the quiz parser validates `require=` with `REQUIREMENTS`, the grader calls
`grade_draft`, and the quiz screen shows the same findings the grader used.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.posts.checker import check_post
from trainer.posts.findings import Finding, PostCheck
from trainer.posts.messages import MESSAGES
from trainer.posts.networks import Network
from trainer.posts.rules import PostLanguage, PostRules

RULE_GROUPS: dict[str, frozenset[str]] = {
    "disclosure": frozenset(
        {
            "missing-disclosure",
            "disclosure-wrong-language",
            "disclosure-after-cutoff",
            "disclosure-not-at-start",
            "disclosure-buried",
            "cryptic-disclosure",
            "disclosure-in-bio",
            "brand-not-named",
        }
    ),
    "length": frozenset({"too-long"}),
    "hashtags": frozenset({"too-many-hashtags", "many-hashtags"}),
    "forbidden-terms": frozenset({"forbidden-term"}),
    "placeholders": frozenset({"unfilled-placeholder"}),
    "tracking": frozenset({"untracked-link", "personal-data-in-link"}),
    "style": frozenset({"shouting", "emoji-wall"}),
}
"""Rule names an exercise may require; a single finding code may be required as well."""

REQUIREMENTS: frozenset[str] = frozenset(RULE_GROUPS) | frozenset(MESSAGES)


def required_codes(require: tuple[str, ...]) -> frozenset[str]:
    codes: set[str] = set()
    for name in require:
        codes |= RULE_GROUPS.get(name, frozenset({name}))
    return frozenset(codes)


def exercise_rules(rules: PostRules, require: tuple[str, ...]) -> PostRules:
    """The course's rules, with the rules the exercise requires switched on."""
    update: dict[str, object] = {}
    if "disclosure" in require and not rules.disclosure.required:
        update["disclosure"] = rules.disclosure.model_copy(update={"required": True})
    if "tracking" in require and not rules.tracking.required:
        update["tracking"] = rules.tracking.model_copy(update={"required": True})
    return rules.model_copy(update=update) if update else rules


@dataclass(frozen=True, slots=True)
class DraftVerdict:
    check: PostCheck
    passed: bool
    failing: tuple[Finding, ...]  # the findings that stop it passing (errors and required rules)


def grade_draft(
    text: str,
    network: Network,
    lang: PostLanguage | None,
    rules: PostRules,
    require: tuple[str, ...] = (),
) -> DraftVerdict:
    """Passes with no error-level finding and no finding (of any level) of a required rule."""
    check = check_post(text, network, lang, exercise_rules(rules, require))
    codes = required_codes(require)
    failing = tuple(f for f in check.findings if f.level == "error" or f.code in codes)
    return DraftVerdict(check=check, passed=not failing, failing=failing)
