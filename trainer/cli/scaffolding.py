"""For trainers: `trainer new course|module|quiz|policy`, files that validate at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from trainer.content.scaffold import CourseContext


@click.group("new")
def new() -> None:
    """Start a course, or add a module, quiz or policy to the course in this folder.

    The files have the right names, numbers and front matter, and working examples of every
    kind of content; they pass `trainer validate` at once.
    """


@new.command("course")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Ambassador onboarding", show_default=True)
@click.option(
    "--language",
    default="pl",
    show_default=True,
    help="Two-letter code of the language the course is written in.",
)
def new_course(directory: Path, title: str, language: str) -> None:
    """Create a course folder: course.yml, one module with its quiz, and a policy."""
    from trainer.content.scaffold import course_files

    if len(language) != 2 or not language.isalpha() or not language.islower():
        raise click.BadParameter("a two-letter code like `pl` or `en`", param_hint="--language")
    if (directory / "course.yml").exists():
        raise click.ClickException(f"{directory} already holds a course (course.yml)")
    _write_and_check(directory, course_files(title, language), directory)


@new.command("module")
@click.argument("slug")
@click.option("--title", help="The module's title (default: from SLUG).")
@click.option("--quiz/--no-quiz", default=True, show_default=True, help="Add its quiz too.")
def new_module(slug: str, title: str | None, quiz: bool) -> None:
    """Add modules/NN-SLUG.md (the next number) and, unless --no-quiz, quizzes/SLUG.md."""
    from trainer.content.scaffold import check_slug, module_files, title_from

    context = _context()
    _refuse(check_slug(slug, "module id"))
    if slug in context.module_ids:
        raise click.ClickException(f"the course already has a module `{slug}`")
    files = module_files(slug, title or title_from(slug), context, with_quiz=quiz)
    _write_and_check(context.root, files, context.root)


@new.command("quiz")
@click.argument("quiz_id", metavar="ID")
@click.option("--title", help="The quiz's title (default: from ID).")
def new_quiz(quiz_id: str, title: str | None) -> None:
    """Add quizzes/ID.md with an example of every kind of question."""
    from trainer.content.scaffold import check_slug, quiz_file, title_from

    context = _context()
    _refuse(check_slug(quiz_id, "quiz id"))
    if quiz_id in context.quiz_ids:
        raise click.ClickException(f"the course already has a quiz `{quiz_id}`")
    files = {f"quizzes/{quiz_id}.md": quiz_file(quiz_id, title or title_from(quiz_id))}
    _write_and_check(context.root, files, context.root)
    click.echo(f"add `quiz: {quiz_id}` to the module it belongs to")


@new.command("policy")
@click.argument("policy_id", metavar="ID")
@click.option("--title", help="The policy's title (default: from ID).")
def new_policy(policy_id: str, title: str | None) -> None:
    """Add policy/ID.md (version 1, effective today)."""
    from trainer.content.scaffold import check_slug, policy_file, title_from

    context = _context()
    _refuse(check_slug(policy_id, "policy id"))
    if policy_id in context.policy_ids:
        raise click.ClickException(f"the course already has a policy `{policy_id}`")
    files = {f"policy/{policy_id}.md": policy_file(policy_id, title or title_from(policy_id))}
    _write_and_check(context.root, files, context.root)
    if policy_id != context.policy_id:
        click.echo(f"course.yml names `policy: {context.policy_id}`; change it to use this one")


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise click.BadParameter(problem)


def _context() -> CourseContext:
    from trainer.content.scaffold import course_context

    context = course_context(Path.cwd())
    if isinstance(context, str):
        raise click.ClickException(context)
    return context


def _write_and_check(root: Path, files: dict[str, str], course: Path) -> None:
    from trainer.content.report import validate_target, validation_report
    from trainer.plain_text import single_line

    clashes = [name for name in files if (root / name).exists()]
    if clashes:
        raise click.ClickException(f"{root / clashes[0]} already exists; nothing was written")
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        click.echo(f"created {single_line(str(target))}")
    outcome = validate_target(course.resolve())
    new_paths = set(files)
    own = [d for d in outcome.result.diagnostics if d.path in new_paths]
    for diagnostic in own:
        click.echo(single_line(diagnostic.format()))
    if any(d.severity == "error" for d in own):
        raise SystemExit(1)
    click.echo(validation_report(outcome.result, "text").splitlines()[-1])
