"""For trainers: bring an existing Moodle GIFT question bank into the course as a quiz."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("import-gift")
@click.argument("bank", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--quiz", "quiz_id", help="Id of the new quiz (default: from the bank's file name).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the quiz (default: quizzes/ID.md in the course of the current folder).",
)
@click.option("--title", help="Title of the quiz (default: the bank's first category or name).")
@click.option(
    "--pass",
    "pass_mark",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="Share of the points needed to pass.",
)
@click.option(
    "--matching",
    type=click.Choice(["ask", "split", "skip"]),
    default="ask",
    show_default=True,
    help="Matching questions have no equivalent: split each pair into a single-choice "
    "question, or skip them (ask: ask when run in a terminal, else skip).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_gift_command(
    bank: Path,
    quiz_id: str | None,
    output: Path | None,
    title: str | None,
    pass_mark: float,
    matching: str,
    force: bool,
) -> None:
    """Convert a Moodle GIFT question bank into a quiz file, validated.

    Every part of the bank that a quiz cannot hold (partial credit, matching, essays,
    numerical margins, categories, ...) is listed with its line in BANK and what was done
    instead. Exit status 1 if nothing could be imported or the quiz does not validate.
    """
    from trainer.content.gift.importing import ImportRequest, run_import
    from trainer.content.gift.parser import parse_gift
    from trainer.plain_text import single_line

    try:
        text = bank.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{bank} is not UTF-8 text (byte {exc.start}); export the bank from Moodle again "
            "or save it as UTF-8"
        ) from exc
    except OSError as exc:
        raise click.ClickException(f"{bank} cannot be read: {exc.strerror}") from exc
    chosen = matching
    if matching == "ask":
        chosen = "skip"
        pairs = [q for q in parse_gift(text).questions if q.kind == "matching"]
        if pairs and sys.stdin.isatty():
            lines = ", ".join(str(q.line) for q in pairs)
            chosen = click.prompt(
                f"{len(pairs)} matching question(s) (line {lines}) have no equivalent in a quiz: "
                "split each pair into a single-choice question, or skip them?",
                type=click.Choice(["split", "skip"]),
                default="split",
            )
    outcome = run_import(
        ImportRequest(
            bank=bank.resolve(),
            text=text,
            quiz_id=quiz_id,
            output=output,
            title=title,
            pass_mark=pass_mark,
            matching="split" if chosen == "split" else "skip",
            force=force,
            cwd=Path.cwd(),
        )
    )
    for line in outcome.report:
        click.echo(single_line(line))
    raise SystemExit(0 if outcome.ok else 1)


@click.command("export-gift")
@click.argument("quiz_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the GIFT text here instead of printing it.",
)
def export_gift_command(quiz_file: Path, output: Path | None) -> None:
    """Write a quiz file as a Moodle GIFT question bank.

    What GIFT cannot hold (hints, points, ordering questions) is listed on stderr with the
    quiz file's line. Exit status 1 if the quiz file has errors.
    """
    from trainer.content.gift.from_quiz import quiz_to_gift
    from trainer.content.loader import load_file_for_preview
    from trainer.plain_text import single_line

    loaded = load_file_for_preview(quiz_file.resolve())
    if loaded.quiz_text is None or loaded.errors:
        for diagnostic in loaded.diagnostics:
            click.echo(single_line(diagnostic.format()), err=True)
        raise SystemExit(1)
    export = quiz_to_gift(loaded.quiz_text)
    for line, message in export.notes:
        click.echo(single_line(f"{quiz_file}:{line}: {message}"), err=True)
    if output is None:
        click.echo(export.text, nl=False)
    else:
        output.write_text(export.text, encoding="utf-8")
        click.echo(f"wrote {len(loaded.quiz_text.questions)} questions to {output}", err=True)
