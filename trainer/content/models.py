"""The course, as the rest of the program sees it once the files have been validated.

Front-matter models (`*Meta`, `CourseConfig`) forbid unknown keys because people write them.
The parsed structures (`Page`, questions, ...) are built by our parser, not by people.
Translations: each module/quiz/policy has one `*Text` per language it is written in;
`text(lang)` falls back to the course's default language.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from trainer.posts.networks import Network
from trainer.posts.rules import PostRules

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
LocalizedText = str | dict[LanguageCode, str]


def localized(value: LocalizedText, lang: str, default_lang: str) -> str:
    """Pick the text for `lang` from a plain string or a {lang: text} mapping."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(default_lang) or next(iter(value.values()), "")


class AuthoredModel(BaseModel):
    """Anything a trainer writes by hand: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class ParsedModel(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


# --- course.yml -----------------------------------------------------------------------------


class Track(AuthoredModel):
    id: Slug
    title: LocalizedText


class CompletionRule(AuthoredModel):
    """What "course complete" means. `all` = every module / every quiz in the course."""

    modules: Literal["all"] | list[Slug] = "all"
    quizzes: Literal["all"] | list[Slug] = "all"
    policy: bool = True  # the current version of the course policy must be accepted


def _filled(value: LocalizedText) -> LocalizedText:
    texts = [value] if isinstance(value, str) else list(value.values())
    if not texts or any(not text.strip() for text in texts):
        raise ValueError("a next step needs text (in every language it names)")
    if any(len(text) > 300 for text in texts):
        raise ValueError("a next step is at most 300 characters; link to the details instead")
    return value


NextStep = Annotated[LocalizedText, AfterValidator(_filled)]
"""One line of `next_steps:` in course.yml: text, or one text per language."""


class HubTopic(AuthoredModel):
    id: Slug
    title: LocalizedText


class CourseConfig(AuthoredModel):
    title: LocalizedText
    organisation: str
    default_language: LanguageCode
    languages: list[LanguageCode]
    tracks: list[Track]
    policy: Slug  # id of the policy every ambassador must accept
    completion: CompletionRule = CompletionRule()
    description: LocalizedText = ""
    # warning code -> `all` or the files (globs like `modules/04-*.md`) it is silenced in
    silence: dict[str, Literal["all"] | list[str]] = {}
    posts: PostRules = PostRules()  # the content studio's post rules (docs/authoring.md)
    topics: list[HubTopic] = []  # hub template topics; empty: any topic id is accepted
    # what the program expects after the course, shown on the completion screen, in order
    next_steps: Annotated[list[NextStep], Field(max_length=20)] = []


# --- modules --------------------------------------------------------------------------------


class ModuleMeta(AuthoredModel):
    id: Slug
    title: str
    track: Slug
    minutes: Annotated[int, Field(gt=0, le=600)] | None = None  # None: from the text's length
    requires: list[Slug] = []
    quiz: Slug | None = None
    summary: str = ""


class Page(ParsedModel):
    """One screen of a module: the opening text before the first `##`, or one `##` section."""

    index: int  # 0-based within the module
    title: str  # the `##` heading text; the module title for the opening page
    markdown: str  # the page's Markdown source (heading excluded)
    line: int  # 1-based line of the page start in its file


class ModuleText(ParsedModel):
    lang: LanguageCode
    path: str  # relative to the course folder
    title: str
    summary: str
    pages: tuple[Page, ...]
    words: int = 0  # for the reading time when `minutes:` is left out


class Module(ParsedModel):
    id: Slug
    track: Slug
    minutes: int
    requires: tuple[str, ...]
    quiz: str | None
    order: int  # position in the course (from the NN- file prefix)
    default_language: LanguageCode
    texts: dict[LanguageCode, ModuleText]

    def text(self, lang: str) -> ModuleText:
        return self.texts.get(lang) or self.texts[self.default_language]


# --- quizzes --------------------------------------------------------------------------------

Grading = Literal["highest", "last", "first", "average"]
Shuffle = Literal["none", "questions", "answers", "both"]
Scoring = Literal["all-or-nothing", "partial"]


class QuizMeta(AuthoredModel):
    id: Slug
    title: str
    pass_mark: Annotated[float, Field(alias="pass", ge=0.0, le=1.0)]
    attempts: Annotated[int, Field(gt=0)] | None = None
    grading: Grading = "highest"
    shuffle: Shuffle = "none"
    draw: Annotated[int, Field(gt=0)] | None = None
    scoring: Scoring = "all-or-nothing"


class Choice(ParsedModel):
    """An answer option; its identity is its index in the written order (same in every language)."""

    index: int
    text: str  # inline Markdown
    correct: bool
    feedback: str | None = None  # Markdown shown when this option is chosen


class QuestionBase(ParsedModel):
    id: Slug
    points: int = 1
    prompt: str  # Markdown of the question (the heading text without `{#id}`, plus body text)
    hint: str | None = None
    explanation: str | None = None
    line: int


class SingleChoice(QuestionBase):
    kind: Literal["single"] = "single"
    choices: tuple[Choice, ...]


class MultipleChoice(QuestionBase):
    kind: Literal["multiple"] = "multiple"
    choices: tuple[Choice, ...]


class ShortAnswer(QuestionBase):
    """`[[answer|alternative]]` in the prompt; the prompt shows a blank `_____` in its place."""

    kind: Literal["short"] = "short"
    accepted: tuple[str, ...]


class Ordering(QuestionBase):
    """Items are stored in the correct (written) order; the learner sees them shuffled."""

    kind: Literal["ordering"] = "ordering"
    items: tuple[str, ...]


class PostExercise(QuestionBase):
    """A writing exercise: the learner writes a post in a ```` ```post ```` block's editor.

    It passes when the post checker finds no error under the course's post rules, and no
    finding at all of the rules named in `require` (those the exercise is about).
    """

    kind: Literal["post"] = "post"
    network: Network
    lang: Literal["pl", "en"] | None = None  # the post's language; None: guessed from the draft
    template: str = ""  # the text the editor starts with
    require: tuple[str, ...] = ()  # rule names or finding codes that must hold fully
    review: bool | None = None  # send drafts to the coordinators; None: `posts.review_exercises`


Question = Annotated[
    SingleChoice | MultipleChoice | ShortAnswer | Ordering | PostExercise,
    Field(discriminator="kind"),
]


class QuizText(ParsedModel):
    lang: LanguageCode
    path: str
    title: str
    intro: str = ""  # Markdown before the first question
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


class Quiz(ParsedModel):
    id: Slug
    pass_mark: float
    attempts: int | None
    grading: Grading
    shuffle: Shuffle
    draw: int | None
    scoring: Scoring
    default_language: LanguageCode
    texts: dict[LanguageCode, QuizText]
    post_rules: PostRules = PostRules()  # the course's `posts:` rules, for writing exercises

    def text(self, lang: str) -> QuizText:
        return self.texts.get(lang) or self.texts[self.default_language]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.texts[self.default_language].questions)

    @property
    def max_points(self) -> int:
        return sum(q.points for q in self.texts[self.default_language].questions)


# --- policy ---------------------------------------------------------------------------------


class PolicyMeta(AuthoredModel):
    id: Slug
    title: str
    version: Annotated[str, Field(min_length=1, max_length=32)]
    effective: dt.date


class PolicyText(ParsedModel):
    lang: LanguageCode
    path: str
    title: str
    version: str
    effective: dt.date
    body: str  # Markdown the learner reads and accepts
    sha256: str  # hex SHA-256 of the file's exact bytes: the acceptance evidence


class Policy(ParsedModel):
    id: Slug
    version: str
    effective: dt.date
    default_language: LanguageCode
    texts: dict[LanguageCode, PolicyText]

    def text(self, lang: str) -> PolicyText:
        return self.texts.get(lang) or self.texts[self.default_language]


# --- hub (post templates) ------------------------------------------------------------------

HubKind = Literal["post", "inspiration"]


class HubTemplateMeta(AuthoredModel):
    """A template's front matter. `inspiration`: a topic to write about, with no ready text."""

    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=200)]
    networks: Annotated[list[Network], Field(min_length=1)]
    topics: list[Slug] = []
    kind: HubKind = "post"
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    link: Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=2000)] | None = None
    summary: str = ""


class HubTemplateText(ParsedModel):
    lang: LanguageCode
    path: str
    title: str
    summary: str
    post: str  # the suggested post, placeholders included ("" for an inspiration)
    post_line: int  # 1-based file line of the post's first line
    notes: str  # Markdown for the ambassador (from the first `##` heading on)


class HubTemplate(ParsedModel):
    id: Slug
    networks: tuple[Network, ...]
    topics: tuple[str, ...]
    kind: HubKind
    valid_from: dt.date | None
    valid_until: dt.date | None
    link: str | None
    default_language: LanguageCode
    texts: dict[LanguageCode, HubTemplateText]

    def text(self, lang: str) -> HubTemplateText:
        return self.texts.get(lang) or self.texts[self.default_language]

    def current(self, today: dt.date) -> bool:
        """Offered on `today`: not before `valid_from`, not after `valid_until`."""
        if self.valid_from is not None and today < self.valid_from:
            return False
        return self.valid_until is None or today <= self.valid_until


# --- the whole course -----------------------------------------------------------------------


class Course(ParsedModel):
    root: Path
    config: CourseConfig
    modules: tuple[Module, ...]  # in course order
    quizzes: dict[str, Quiz]
    policies: dict[str, Policy]
    hub: tuple[HubTemplate, ...] = ()  # post templates, in file-name order

    @property
    def default_language(self) -> str:
        return self.config.default_language

    def module(self, module_id: str) -> Module:
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(module_id)

    @property
    def policy(self) -> Policy:
        """The policy every ambassador must accept (`policy:` in course.yml)."""
        return self.policies[self.config.policy]

    def title(self, lang: str) -> str:
        return localized(self.config.title, lang, self.default_language)

    def next_steps(self, lang: str) -> list[str]:
        """What the program expects after the course (`next_steps:`), in `lang`."""
        return [localized(step, lang, self.default_language) for step in self.config.next_steps]

    def hub_template(self, template_id: str) -> HubTemplate:
        for template in self.hub:
            if template.id == template_id:
                return template
        raise KeyError(template_id)

    def topic_title(self, topic_id: str, lang: str) -> str:
        for topic in self.config.topics:
            if topic.id == topic_id:
                return localized(topic.title, lang, self.default_language)
        return topic_id

    def description(self, lang: str) -> str:
        return localized(self.config.description, lang, self.default_language)

    def track_title(self, track_id: str, lang: str) -> str:
        for t in self.config.tracks:
            if t.id == track_id:
                return localized(t.title, lang, self.default_language)
        return track_id
