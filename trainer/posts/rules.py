"""The program's post rules: the `posts:` section of course.yml, with documented defaults.

Every default has a source (docs/authoring.md, "Post rules"): FTC Endorsement Guides
(16 CFR 255) and "Disclosures 101 for Social Media Influencers" (2019), UOKiK's 2022
recommendations on labelling advertising in social media, and each network's own limits.
A course overrides any value; lists replace the defaults rather than extend them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from trainer.posts.networks import Network

Level = Literal["error", "warning", "tip"]
PostLanguage = Literal["pl", "en"]


class _Rules(BaseModel):
    """Written by a trainer in course.yml: unknown keys are errors, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NetworkRules(_Rules):
    max_characters: Annotated[int, Field(gt=0)]
    see_more_characters: Annotated[int, Field(gt=0)] | None = None
    """Characters the feed shows before "see more"; None: the whole post is shown."""
    see_more_lines: Annotated[int, Field(gt=0)] | None = None
    max_hashtags: Annotated[int, Field(gt=0)] | None = None
    """A hard limit the network enforces (Instagram: 30)."""
    advised_hashtags: Annotated[int, Field(ge=0)] | None = None
    """More than this earns a tip: a rule of thumb, not a limit."""


def _default_networks() -> dict[Network, NetworkRules]:
    return {
        # LinkedIn help: posts up to 3,000 characters; the mobile feed cuts at ~210 chars / 3 lines.
        "linkedin": NetworkRules(
            max_characters=3000, see_more_characters=210, see_more_lines=3, advised_hashtags=5
        ),
        # X: 280 weighted characters for standard accounts; the whole post is shown.
        "x": NetworkRules(max_characters=280, advised_hashtags=2),
        # Facebook: 63,206 characters. No published figure for its "see more" cut-off:
        # a course that has measured one sets it.
        "facebook": NetworkRules(max_characters=63206, advised_hashtags=3),
        # Instagram: captions up to 2,200 characters and 30 hashtags; ~125 characters shown.
        "instagram": NetworkRules(
            max_characters=2200,
            see_more_characters=125,
            see_more_lines=2,
            max_hashtags=30,
            advised_hashtags=10,
        ),
    }


def _default_labels() -> dict[PostLanguage, list[str]]:
    return {
        # UOKiK 2022: #reklama, [REKLAMA], #współpracareklamowa, "Płatna współpraca z marką X";
        # for employees, a plain statement of the relationship.
        "pl": [
            "#reklama",
            "[REKLAMA]",
            "#współpracareklamowa",
            "Płatna współpraca z marką {brand}",
            "Pracuję w {brand}",
            "Pracuję w firmie {brand}",
            "Jestem pracownikiem {brand}",
            "Jestem pracowniczką {brand}",
            "#{brand}Employee",
            "#PracujęW{brand}",
        ],
        # FTC: "ad", "sponsored", "BRAND Partner", "BRAND Ambassador"; employment stated plainly.
        "en": [
            "#ad",
            "#sponsored",
            "#{brand}Employee",
            "#{brand}Partner",
            "#{brand}Ambassador",
            "{brand} employee",
            "I work at {brand}",
            "I work for {brand}",
        ],
    }


def _default_suggested() -> dict[PostLanguage, str]:
    # What the checker offers as the fix: a plain statement of employment that needs no
    # declension of the brand in Polish ("w firmie Przykładowa", not "w Przykładowa") and no
    # grammatical gender ("Pracuję", not "Jestem pracownikiem/pracowniczką").
    return {"pl": "Pracuję w firmie {brand}", "en": "I work at {brand}"}


def _default_refused() -> list[str]:
    # FTC Disclosures 101: "sp", "spon", "collab", stand-alone "thanks" or "ambassador" are not
    # clear; 16 CFR 255 guidance adds cryptic tags such as "#ee".
    return ["#sp", "#spon", "#collab", "#ee", "#thanks", "#ambassador", "#ambasador", "#spons"]


def _default_at_start() -> list[PostLanguage]:
    return ["pl"]  # UOKiK 2022: the label at the start; the FTC asks only "before more"


class DisclosureRules(_Rules):
    required: bool = True
    """Every post written in the studio is about the employer, so it needs a label."""
    labels: dict[PostLanguage, list[str]] = Field(default_factory=_default_labels)
    """Accepted labels per post language; `{brand}` stands for each name in `posts.brand`."""
    refused: list[str] = Field(default_factory=_default_refused)
    """Cryptic tags readers do not understand as a disclosure."""
    hashtag_run: Annotated[int, Field(ge=2)] = 4
    """A label inside a run of this many hashtags or more is "buried" (FTC)."""
    at_start: list[PostLanguage] = Field(default_factory=_default_at_start)
    """Post languages whose label should open the post (UOKiK: the label at the start)."""
    suggested: dict[PostLanguage, str] = Field(default_factory=_default_suggested)
    """The label the checker offers first in its fixes, per post language; one of `labels`."""

    @model_validator(mode="after")
    def _suggestions_are_accepted_labels(self) -> DisclosureRules:
        """A suggestion the checker would not accept would send ambassadors round in circles.

        Only suggestions the trainer wrote are checked: the defaults are left out quietly
        (see `suggestion`) when a course's own labels do not include them.
        """
        if "suggested" in self.model_fields_set:
            for lang, label in self.suggested.items():
                if label not in self.labels.get(lang, []):
                    raise ValueError(
                        f"disclosure.suggested.{lang} {label!r} is not one of "
                        f"disclosure.labels.{lang}; suggest a label the checker accepts"
                    )
        return self

    def suggestion(self, lang: PostLanguage) -> str | None:
        """The label to offer first for a post in `lang`, if it is an accepted one."""
        label = self.suggested.get(lang)
        return label if label is not None and label in self.labels.get(lang, []) else None


class ForbiddenTerm(_Rules):
    term: Annotated[str, Field(min_length=2, max_length=200)]
    reason: str = ""


class TrackingRules(_Rules):
    required: bool = True
    domains: list[str] = []
    """Links to these domains (and their subdomains) need the program's UTM parameters;
    empty: every link does."""
    parameters: list[str] = Field(
        default_factory=lambda: ["utm_source", "utm_medium", "utm_campaign"]
    )
    medium: str = "social"


class StyleRules(_Rules):
    shouting_letters: Annotated[int, Field(ge=5)] = 20
    """This many capital letters in a row of capitalised words (3+) reads as shouting."""
    emoji_run: Annotated[int, Field(ge=2)] = 5
    """This many emoji in a row (spaces between them do not break the run) is a wall."""


class PostRules(_Rules):
    brand: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    """The company's names as people write them (fills `{brand}` in labels)."""
    disclosure: DisclosureRules = DisclosureRules()
    networks: dict[Network, NetworkRules] = Field(default_factory=_default_networks)
    forbidden_terms: list[str | ForbiddenTerm] = []
    tracking: TrackingRules = TrackingRules()
    style: StyleRules = StyleRules()
    max_draft_characters: Annotated[int, Field(ge=1000, le=1_000_000)] = 20_000
    """Longer drafts are checked up to this length only, and the checker says so."""
    review_exercises: bool = True
    """Drafts answered in writing exercises go to the coordinators' review queue (an exercise's
    own `review=yes|no` decides for it)."""

    def network(self, network: Network) -> NetworkRules:
        return self.networks.get(network) or _default_networks()[network]

    def forbidden(self) -> list[ForbiddenTerm]:
        return [ForbiddenTerm(term=t) if isinstance(t, str) else t for t in self.forbidden_terms]


DEFAULT_RULES = PostRules()
