"""For ambassadors and trainers: the content studio's commands (`trainer post ...`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import click

from trainer.cli.options import DATA_OPTION, resolve_course

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


@post.command("report")
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "csv", "jsonl"]),
    default="text",
    show_default=True,
    help="`csv` and `jsonl`: one row per figure (figure, source, team, key, value).",
)
@click.option("--skip-unreadable", is_flag=True, help="Leave out unreadable learner files.")
@DATA_OPTION
@click.pass_context
def report(
    ctx: click.Context, report_format: str, skip_unreadable: bool, data_dir: Path | None
) -> None:
    """Content-studio figures: posts written, posted, reviewed; templates used per team;
    exercise pass rate; the rules broken most often."""
    import csv
    import io
    import json

    from trainer.cli.coordinator_data import log_action
    from trainer.cli.options import resolve_data
    from trainer.plain_text import single_line, terminal_safe
    from trainer.store.errors import StoreError
    from trainer.store.folder import DataFolder
    from trainer.studio.figures import FIGURE_FIELDS, figure_rows, studio_figures

    data_dir = resolve_data(data_dir)
    folder = DataFolder(data_dir)
    skipped: list[StoreError] = []
    try:
        figures = studio_figures(folder.read_all(skipped.append if skip_unreadable else None))
    except StoreError as error:
        raise click.ClickException(
            f"{single_line(str(error))} (use --skip-unreadable to leave it out)"
        ) from None
    for problem in skipped:
        click.echo(f"skipped: {single_line(str(problem))}", err=True)
    rows = figure_rows(figures)
    if report_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIGURE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(terminal_safe(buffer.getvalue()), nl=False)
    elif report_format == "jsonl":
        for row in rows:
            click.echo(terminal_safe(json.dumps(row, ensure_ascii=False)))
    else:
        click.echo(_text_report(figures))
    log_action(data_dir, "report", {"kind": "studio", "format": report_format})
    raise SystemExit(1 if skipped else 0)


_SOURCE_NAMES = {"hub": "the hub", "exercise": "writing exercises"}


def _text_report(figures: object) -> str:
    from trainer.plain_text import single_line
    from trainer.studio.figures import StudioFigures

    assert isinstance(figures, StudioFigures)
    rate = figures.exercise_pass_rate
    lines = [
        f"ambassadors writing: {figures.ambassadors_writing}",
        f"posts: {figures.posts}, marked as posted: {figures.posted}",
        f"sent for review: {figures.submitted}, approved: {figures.approved}, "
        f"changes requested: {figures.changes_requested}, "
        f"awaiting review: {figures.awaiting_review}",
        *(
            f"  from {_SOURCE_NAMES.get(source, source)}: sent {counts['submitted']}, "
            f"approved {counts['approved']}, changes requested {counts['changes_requested']}, "
            f"awaiting {counts['awaiting_review']}"
            for source, counts in figures.review_by_source.items()
        ),
        f"writing exercises: {figures.exercises}, passed: {figures.exercises_passed}"
        + (f" ({rate:.0%})" if rate is not None else ""),
    ]
    if figures.templates_by_team:
        lines.append("templates used, by team:")
        for team, uses in figures.templates_by_team.items():
            used = ", ".join(f"{template} {count}" for template, count in uses.items())
            lines.append("  " + single_line(f"{team}: {used}"))
    if figures.findings:
        lines.append("rules broken most often:")
        lines += [f"  {code}: {count}" for code, count in figures.findings[:10]]
    return "\n".join(lines)
