"""The course's post rules (`posts:` in course.yml) for tools that need only them."""

from __future__ import annotations

from pathlib import Path

from trainer.content.course_files import read_course_config
from trainer.content.diagnostics import Diagnostic
from trainer.content.source_file import read_source_file
from trainer.locations import COURSE_FILE
from trainer.posts.rules import DEFAULT_RULES, PostRules


def load_post_rules(course_root: Path) -> tuple[PostRules, list[Diagnostic]]:
    """The course's rules; the defaults plus the reasons when course.yml cannot be used."""
    path = course_root / COURSE_FILE
    if not path.is_file():
        return DEFAULT_RULES, []
    source = read_source_file(path, COURSE_FILE)
    if isinstance(source, Diagnostic):
        return DEFAULT_RULES, [source]
    config, _, diagnostics = read_course_config(source)
    errors = [d for d in diagnostics if d.severity == "error"]
    if config is None or errors:
        return DEFAULT_RULES, errors
    return config.posts, []
