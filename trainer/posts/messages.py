"""The checker's messages and suggested fixes, keyed by rule code.

Findings carry a code and parameters; the text is rendered in the reader's language only
when shown (gettext catalogues, trainer/i18n), so one check serves a Polish ambassador
writing an English post. Numbers follow a colon or an abbreviation ("hashtagi: 34",
"210 zn.") so no sentence depends on a plural form.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from trainer.i18n import N_, Translator


class RuleText(NamedTuple):
    message: str  # English: the message id in the catalogue
    fix: str


MESSAGES: dict[str, RuleText] = {
    "empty-post": RuleText(
        N_("The post is empty."),
        N_("Write the post, or start from a hub template."),
    ),
    "draft-capped": RuleText(
        N_("The draft is longer than {checked} characters; only the first {checked} were checked."),
        N_("Shorten the draft: no network accepts a post this long."),
    ),
    "missing-disclosure": RuleText(
        N_(
            "No disclosure: a post about your employer must say you work there "
            "(FTC 16 CFR 255: a material connection is disclosed clearly and "
            "conspicuously)."
        ),
        N_("Start the post with a label such as {examples}."),
    ),
    "disclosure-wrong-language": RuleText(
        N_(
            "The label {label} is in another language than the post; its "
            "readers may not understand it."
        ),
        N_("Add a label in the post's language, e.g. {examples}."),
    ),
    "disclosure-after-cutoff": RuleText(
        N_(
            'The label {label} comes after the "see more" cut-off on {network} '
            "(about {cutoff} characters): many readers will never see it."
        ),
        N_("Move the label to the first line of the post."),
    ),
    "disclosure-not-at-start": RuleText(
        N_("The label {label} is not at the start of the post."),
        N_("Put the label in the first line."),
    ),
    "disclosure-buried": RuleText(
        N_(
            "The label {label} is buried in a string of hashtags (in a row: "
            "{count}); the FTC says a disclosure mixed into hashtags is easy to "
            "miss."
        ),
        N_("Write the label on its own, in the first line, away from other hashtags."),
    ),
    "cryptic-disclosure": RuleText(
        N_(
            "{tag} is a cryptic tag: readers do not understand it as a "
            'disclosure (the FTC names "sp", "spon", "collab" and a bare '
            '"ambassador" or "thanks").'
        ),
        N_("Replace {tag} with a clear label such as {examples}."),
    ),
    "disclosure-in-bio": RuleText(
        N_(
            'The post points to your bio ("{phrase}"): a disclosure only in the bio does not count.'
        ),
        N_("Put the label in the post itself."),
    ),
    "too-long": RuleText(
        N_("Too long for {network}: {length} of {limit} characters."),
        N_("Cut it by {over} characters."),
    ),
    "too-many-hashtags": RuleText(
        N_("Too many hashtags for {network}: {count}, the limit is {limit}."),
        N_("Keep at most {limit} hashtags."),
    ),
    "many-hashtags": RuleText(
        N_("Hashtags: {count}; on {network} more than {advised} usually reads as spam."),
        N_("Keep the {advised} that matter most."),
    ),
    "forbidden-term": RuleText(
        N_('"{term}" must not be named in public posts{reason}.'),
        N_('Remove "{term}" or describe it in general terms.'),
    ),
    "unfilled-placeholder": RuleText(
        N_("The placeholder {placeholder} is still in the post."),
        N_("Replace {placeholder} with your own words."),
    ),
    "untracked-link": RuleText(
        N_(
            "The link has no campaign parameters ({missing}), so the program "
            "cannot count its visits."
        ),
        N_("Use the tagged link: {tagged}"),
    ),
    "personal-data-in-link": RuleText(
        N_(
            "The link's parameter {parameter} holds an e-mail address: anyone "
            "who clicks can read it."
        ),
        N_("Remove the e-mail from the link; the studio tags links with a pseudonymous id."),
    ),
    "shouting": RuleText(
        N_('Long ALL CAPS text reads as shouting: "{text}".'),
        N_("Write it in normal case; stress one word if you must."),
    ),
    "emoji-wall": RuleText(
        N_("A wall of emoji (in a row: {count}) hides the message."),
        N_("Keep one or two emoji that add meaning."),
    ),
    "brand-not-named": RuleText(
        N_("The label {label} does not say which company: readers should see the brand."),
        N_("Name {brand} in the first lines, e.g. {example}."),
    ),
    "hidden-character": RuleText(
        N_(
            "Invisible character {character} here (often from a paste); it can "
            "reverse or hide text."
        ),
        N_("Delete it."),
    ),
}


def render_message(code: str, lang: str, params: dict[str, Any]) -> str:
    t = Translator(lang)
    return t.text(MESSAGES[code].message).format(**_localised(params, t))


def render_fix(code: str, lang: str, params: dict[str, Any]) -> str:
    t = Translator(lang)
    return t.text(MESSAGES[code].fix).format(**_localised(params, t))


def _localised(params: dict[str, Any], t: Translator) -> dict[str, Any]:
    """Values that depend on the reader's language: example lists, optional reasons."""
    shown = dict(params)
    examples = params.get("examples")
    if isinstance(examples, list | tuple):
        joiner = t(" or ")
        shown["examples"] = (
            joiner.join(_shown_label(e, t) for e in examples) if examples else "`#ad`"
        )
    example = params.get("example")
    if isinstance(example, str):
        shown["example"] = _shown_label(example, t)
    if "reason" in params:
        reason = params["reason"]
        shown["reason"] = f" ({reason})" if reason else ""
    return shown


def _shown_label(label: str, t: Translator) -> str:
    """A tag as code (`#reklama`), a sentence in the reader's quotation marks („Pracuję…”)."""
    if label.startswith(("#", "[")):
        return f"`{label}`"
    return t("“{label}”", label=label)
