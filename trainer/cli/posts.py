"""For ambassadors and trainers: the content studio's commands (`trainer post ...`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import click

from trainer.cli.options import resolve_course

_NETWORKS = ["linkedin", "x", "facebook", "instagram"]


@click.group()
def post() -> None:
    """Check posts against the program's rules before you publish them."""


@post.command("check")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--network",
    type=click.Choice(_NETWORKS),
    default="linkedin",
    show_default=True,
    help='Where the post will be published (limits, counting, the "see more" cut-off).',
)
@click.option(
    "--lang",
    "post_lang",
    type=click.Choice(["pl", "en"]),
    default=None,
    help="The post's language (which disclosure labels apply); guessed when not given.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="`json` for tools: every finding with line, column, end, level, code, message and fix.",
)
@click.pass_context
def check(
    ctx: click.Context, file: Path, network: str, post_lang: str | None, report_format: str
) -> None:
    """Check the post in FILE (`-` reads standard input); exit 1 if it has an error.

    Rules come from the course's course.yml (`posts:`), else the documented defaults.
    Messages are in `trainer --lang`, else in the post's language.
    """
    from trainer.content.post_rules import load_post_rules
    from trainer.plain_text import single_line
    from trainer.posts.checker import check_post
    from trainer.posts.report import check_report

    root = ctx.find_root().params
    rules, problems = load_post_rules(resolve_course(root.get("course_dir")))
    for problem in problems:
        click.echo(single_line(problem.format()), err=True)
    if problems:
        click.echo("course.yml has errors: checking with the default post rules", err=True)
    name = "<stdin>" if str(file) == "-" else str(file)
    try:
        if str(file) == "-":
            text = read_draft(sys.stdin.buffer, rules.max_draft_characters)
        else:
            with file.open("rb") as stream:
                text = read_draft(stream, rules.max_draft_characters)
    except OSError as exc:
        raise click.ClickException(f"{name}: cannot read the file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{name}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at byte {exc.start}); "
            "save the post as UTF-8"
        ) from exc
    result = check_post(text, network, post_lang, rules)  # type: ignore[arg-type]
    message_lang = root.get("lang") or result.lang
    click.echo(check_report(result, single_line(name), message_lang, report_format))  # type: ignore[arg-type]
    raise SystemExit(0 if result.ok else 1)


def read_draft(stream: BinaryIO, max_characters: int) -> str:
    """At most a little more than the checker looks at: a huge file is never read whole."""
    limit = max_characters * 4 + 4
    raw = stream.read(limit)
    if len(raw) < limit:
        text = raw.decode("utf-8")
    else:  # cut short: a character split by the byte limit is not an error
        text = raw[: limit - 4].decode("utf-8", errors="ignore") if _valid_head(raw) else ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _valid_head(raw: bytes) -> bool:
    """Raise like a strict decode if the bytes are not UTF-8 before the last few."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 4:
            raise
    return True
