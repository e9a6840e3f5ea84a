"""`trainer new`: starting files with the right names, numbers and front matter.

Each file is a working example (every question kind, with a hint, feedback and an explanation),
so a new course or file passes `trainer validate` at once and shows how things are written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from trainer.content.course_layout import slugify

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class CourseContext:
    """What a new file needs to know about its course."""

    root: Path
    default_language: str
    first_track: str
    policy_id: str
    policy_file: str | None  # e.g. `policy/social-media.md`, for the example link
    next_module_number: int
    module_ids: tuple[str, ...]
    quiz_ids: tuple[str, ...]
    policy_ids: tuple[str, ...]


def course_context(start: Path) -> CourseContext | str:
    """The course around `start`, or a sentence saying why there is none to add to."""
    from trainer.content.course_files import read_course_config
    from trainer.content.loader import find_course_root
    from trainer.content.source_file import SourceFile, read_source_file
    from trainer.locations import COURSE_FILE

    root = find_course_root(start.absolute())
    if root is None:
        return (
            "no course here: run this inside a course folder (one with course.yml), "
            "or start one with `trainer new course DIR`"
        )
    source = read_source_file(root / COURSE_FILE, COURSE_FILE)
    config = read_course_config(source)[0] if isinstance(source, SourceFile) else None
    if config is None:
        return f"{root / COURSE_FILE} has errors: run `trainer validate` and fix them first"
    ids = {folder: _ids(root / folder) for folder in ("modules", "quizzes", "policy")}
    numbers = [
        int(match.group(1))
        for path in (root / "modules").glob("*.md")
        if (match := re.match(r"^(\d{2,3})-", path.name))
    ]
    policy_file = ids["policy"].get(config.policy)
    return CourseContext(
        root=root,
        default_language=config.default_language,
        first_track=config.tracks[0].id if config.tracks else "basics",
        policy_id=config.policy,
        policy_file=f"policy/{policy_file}" if policy_file else None,
        next_module_number=max(numbers, default=0) + 1,
        module_ids=tuple(ids["modules"]),
        quiz_ids=tuple(ids["quizzes"]),
        policy_ids=tuple(ids["policy"]),
    )


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


def _ids(folder: Path) -> dict[str, str]:
    """id -> file name of the originals (not translations) in a course folder."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if re.search(r"\.[a-z]{2}\.md$", path.name):
            continue
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            continue
        match = _ID_LINE.search(head)
        if match:
            found.setdefault(match.group(1), path.name)
    return found


def check_slug(value: str, what: str) -> str | None:
    """A sentence saying why `value` cannot be an id, or None."""
    if _SLUG.match(value) and len(value) <= 64:
        return None
    return (
        f"the {what} `{value}` must be lowercase letters, digits and hyphens "
        f"(like `{slugify(value)}`)"
    )


def title_from(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def course_files(title: str, language: str) -> dict[str, str]:
    context = CourseContext(
        root=Path("."),
        default_language=language,
        first_track="basics",
        policy_id="social-media",
        policy_file="policy/social-media.md",
        next_module_number=1,
        module_ids=(),
        quiz_ids=(),
        policy_ids=(),
    )
    files = {"course.yml": _course_yml(title, language)}
    files["policy/social-media.md"] = policy_file("social-media", "Social media policy")
    files.update(module_files("welcome", "Welcome", context, with_quiz=True))
    return files


def _course_yml(title: str, language: str) -> str:
    return f"""\
# The course: what it is, in which languages, and what "complete" means.
# docs/authoring.md describes every key; `trainer validate` checks this file.
title: {_yaml(title)}          # or one title per language: {{pl: ..., en: ...}}
organisation: Your organisation
default_language: {language}           # the language of files without a language suffix
languages: [{language}]                 # add codes (like `en`) to offer translations
tracks:                          # groups of modules shown together on the course map
  - id: basics
    title: Basics
policy: social-media             # the id of the policy every ambassador accepts
completion:                      # what "course complete" means
  modules: all                   # or a list of module ids
  quizzes: all                   # or a list of quiz ids
  policy: true                   # the current policy version must be accepted
description: A short course for new ambassadors.   # shown on the course map
"""


def module_files(
    slug: str, title: str, context: CourseContext, *, with_quiz: bool
) -> dict[str, str]:
    name = f"modules/{context.next_module_number:02d}-{slug}.md"
    quiz_line = f"quiz: {slug}\n" if with_quiz else ""
    link = ""
    if context.policy_file is not None:
        link = (
            "\n\nLink to other course files with relative paths: read the "
            f"[policy](../{context.policy_file}) before your first post."
        )
    files = {
        name: f"""\
---
id: {slug}
title: {_yaml(title)}
track: {context.first_track}
minutes: 1
{quiz_line}summary: One or two sentences shown on the course map.
# requires: [another-module]   # modules to finish before this one
---
The opening text: what the ambassador will know after this module. It is the first page.

## The first page

Every `##` heading starts a new page. Keep pages short: a few paragraphs, a list, a picture.{link}

## The second page

- A bulleted list
- stays on its page.
""",
    }
    if with_quiz and slug not in context.quiz_ids:
        files[f"quizzes/{slug}.md"] = quiz_file(slug, f"{title}: quiz")
    return files


def quiz_file(quiz_id: str, title: str) -> str:
    return f"""\
---
id: {quiz_id}
title: {_yaml(title)}
pass: 0.8             # share of the points needed to pass (0.8 = 80%)
# attempts: 3         # how many tries (unlimited when left out)
# grading: highest    # which attempt counts: highest | last | first | average
# shuffle: answers    # none | questions | answers | both
# draw: 3             # questions drawn per attempt from this pool
# scoring: partial    # partial credit for multiple choice (default: all-or-nothing)
---
Text before the first question introduces the quiz. Each `##` heading is a question and ends
with its id in braces; replace these examples with your own.

## Single choice: where does the disclosure go? {{#disclosure-where}}

> A hint: a quote between the question and the answers.

1. [x] At the start of the post
   > Feedback: a quote indented under an answer, shown when it is chosen.
2. [ ] In the last hashtag
   > Too easy to miss.

The explanation: text after the answers, shown once the question is answered.

## Multiple choice: which may you share? {{#what-to-share points=2}}

- [x] A public job advert
- [ ] Internal sales figures
- [x] An article from the company blog

Bullets with `[x]` allow several right answers.

## Short answer: the LinkedIn label for an ad is [[#ad|#reklama]] {{#ad-label}}

The accepted answers go between `[[` and `]]`, separated by `|`.

## Ordering: put the steps of a first post in order {{#first-post-steps}}

1. Read the policy
2. Write the post
3. Add the disclosure
4. Publish

A numbered list without checkboxes is written in the right order; learners see it shuffled.
"""


def policy_file(policy_id: str, title: str, today: dt.date | None = None) -> str:
    effective = (today or dt.date.today()).isoformat()
    return f"""\
---
id: {policy_id}
title: {_yaml(title)}
version: "1"            # raise it when the text changes: everyone accepts the new version
effective: {effective}
---
Write the rules every ambassador reads and accepts, for example:

1. I say that I work for the company in every post about it.
2. I share only what the company has already made public.
3. I ask the social media team when I am not sure.
"""


def _yaml(text: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ,.'()-]*", text) and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
