"""The course report as plain text (terminal), CSV (spreadsheet) or JSON (other tools).

Text is built only from `single_line`d values, so a team named with escape sequences cannot
drive the coordinator's terminal; CSV cells from people are neutralised like the export's.
"""

from __future__ import annotations

import re
from typing import Any, Literal, TextIO

from trainer.export.course_report import CourseReport, ScoreDistribution
from trainer.export.csv_table import start_sheet
from trainer.export.spreadsheet import neutralise_cell
from trainer.export.vocabulary import OutputLanguage, header
from trainer.i18n import N_, P_, Message, Translator
from trainer.plain_text import single_line
from trainer.studio.figures import StudioFigures

ReportView = Literal["module", "team", "question"]
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")  # our own figures; anything else is neutralised


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _fraction(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell; numbers right-aligned, text left-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    numeric = [
        bool(rows) and all(_NUMBER.fullmatch(r[i]) or r[i] == "-" for r in rows)
        for i in range(len(headers))
    ]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        ]
        return ("  " + "  ".join(parts)).rstrip()

    return [line(headers), *(line(r) for r in rows)]


def module_rows(report: CourseReport) -> tuple[list[str], list[list[str]]]:
    learners = report.funnel.invited
    headers = ["module", "started", "done", "done %", "mean minutes", "quiz", "attempted", "passed"]
    rows = [
        [
            single_line(m.module_id),
            str(m.started),
            str(m.done),
            _percent(m.done, learners),
            _fraction(m.mean_minutes_done, 1),
            single_line(m.quiz_id or "-"),
            str(m.quiz_attempted) if m.quiz_id else "-",
            str(m.quiz_passed) if m.quiz_id else "-",
        ]
        for m in report.modules
    ]
    return headers, rows


def team_rows(report: CourseReport) -> tuple[list[str], list[list[str]]]:
    headers = ["team", "learners", "started", "complete", "complete %", "modules done %"]
    rows = [
        [
            single_line(t.team) or "(no team)",
            str(t.learners),
            str(t.started),
            str(t.complete),
            _percent(t.complete, t.learners),
            f"{round(100 * t.progress)}%",
        ]
        for t in report.teams
    ]
    return headers, rows


def question_rows(report: CourseReport) -> tuple[list[str], list[list[str]]]:
    headers = ["quiz", "question", "responses", "facility", "discrimination", "flags"]
    rows = [
        [
            single_line(q.quiz_id),
            single_line(q.question_id),
            str(q.responses),
            _fraction(q.facility),
            _fraction(q.discrimination),
            ", ".join(q.flags),
        ]
        for q in report.questions
    ]
    return headers, rows


VIEWS = {"module": module_rows, "team": team_rows, "question": question_rows}


STAGE_WORDS: dict[str, Message] = {
    "invited": P_("report stage", "invited"),
    "signed in": P_("report stage", "signed in"),
    "started": P_("report stage", "started"),
    "modules done": P_("report stage", "modules done"),
    "quizzes passed": P_("report stage", "quizzes passed"),
    "policy accepted (current version)": N_("policy accepted (current version)"),
    "complete": P_("report stage", "complete"),
}
FLAG_WORDS: dict[str, Message] = {
    "too easy": N_("too easy"),
    "too hard": N_("too hard"),
    "negative discrimination": N_("negative discrimination"),
    "few responses": N_("few responses"),
}
VIEW_TITLES: dict[str, Message] = {
    "module": N_("By module"),
    "team": N_("By team"),
    "question": N_("By question"),
}


def _localised(cells: list[str], t: Translator) -> list[str]:
    """Our numbers with the language's decimal sign, our flags in its words."""
    out = []
    for cell in cells:
        if _NUMBER.fullmatch(cell) and "." in cell and t.lang == "pl":
            out.append(cell.replace(".", ","))
        elif cell and all(f.strip() in FLAG_WORDS for f in cell.split(",")):
            out.append(", ".join(t.text(FLAG_WORDS[f.strip()]) for f in cell.split(",")))
        else:
            out.append(cell)
    return out


def _histogram(distribution: ScoreDistribution, t: Translator) -> list[str]:
    mean = "-" if distribution.mean is None else t.percent(distribution.mean)
    lines = [
        "  "
        + t(
            "{quiz}: {graded} graded, mean {mean}, {passed} passed",
            quiz=single_line(distribution.quiz_id),
            graded=distribution.graded,
            mean=mean,
            passed=distribution.passed,
        )
    ]
    top = max(distribution.buckets) or 1
    for index, count in enumerate(distribution.buckets):
        bar = "█" * round(30 * count / top)
        lines.append(f"    {ScoreDistribution.bucket_label(index):>8} {bar} {count}".rstrip())
    return lines


def render_text(
    report: CourseReport, view: ReportView = "module", language: OutputLanguage = "en"
) -> str:
    """The report for a terminal, in `language` (words, plural forms, decimal commas)."""
    t = Translator(language)
    funnel = report.funnel
    lines = [
        t.plural("Funnel ({n} learner)", "Funnel ({n} learners)", funnel.invited, n=funnel.invited)
    ]
    labels = [t.text(STAGE_WORDS[stage]) for stage, _count in funnel.stages()]
    width = max(36, *(len(label) + 2 for label in labels))
    for label, (_stage, count) in zip(labels, funnel.stages(), strict=True):
        lines.append(f"  {label:<{width}}{count:>7}  {_percent(count, funnel.invited):>4}")
    if funnel.overdue:
        overdue = t("overdue (past the due date, not complete)")
        lines.append(f"  {overdue:<{width}}{funnel.overdue:>7}")
    headers, rows = VIEWS[view](report)
    keys = [h.replace(" %", "_percent").replace(" ", "_") for h in headers]
    translated = headers if language == "en" else [header(k, language) for k in keys]
    rows = [_localised(r, t) for r in rows]
    if view == "team":
        rows = [[t("(no team)") if r[0] == "(no team)" else r[0], *r[1:]] for r in rows]
    lines += ["", t.text(VIEW_TITLES[view]), *_table(translated, rows)]
    if view == "module":
        lines += ["", t("Score distributions (graded score per learner)")]
        for distribution in report.scores:
            lines += _histogram(distribution, t)
    if view == "question":
        lines += [
            "",
            *t(
                "facility = mean score on the question (0..1); discrimination = correlation "
                "with the\nrest of the quiz (first attempts). Flags: too easy > 0.90, too hard "
                "< 0.20,\nnegative discrimination < 0, few responses < 10."
            ).split("\n"),
        ]
    return "\n".join(lines) + "\n"


def write_csv(
    report: CourseReport,
    view: ReportView,
    out: TextIO,
    delimiter: str = ",",
    language: OutputLanguage = "en",
) -> None:
    """Headers in the chosen language; `;` writes decimal commas (`0,85`), as the export does."""
    headers, rows = VIEWS[view](report)
    keys = [h.replace(" %", "_percent").replace(" ", "_") for h in headers]
    writer = start_sheet(out, keys, delimiter=delimiter, language=language)
    comma = delimiter == ";"
    t = Translator(language)
    for row in rows:
        cells = [_csv_cell(cell, comma) for cell in row]
        if view == "question":
            flags = [f.strip() for f in row[-1].split(",") if f.strip()]
            cells[-1] = ", ".join(t.text(FLAG_WORDS.get(f, f)) for f in flags)
        writer.writerow(cells)


def _csv_cell(cell: str, decimal_comma: bool = False) -> str:
    if cell == "-":
        return ""  # undefined: an empty cell, which spreadsheets leave out of averages
    if _NUMBER.fullmatch(cell):
        return cell.replace(".", ",") if decimal_comma else cell
    return neutralise_cell(cell)


def report_document(report: CourseReport) -> dict[str, Any]:
    """Everything, machine-readable: fractions stay fractions (0..1), counts stay integers."""
    return {
        "funnel": {
            "invited": report.funnel.invited,
            "signed_in": report.funnel.signed_in,
            "started": report.funnel.started,
            "modules_done": report.funnel.modules_done,
            "quizzes_passed": report.funnel.quizzes_passed,
            "policy_accepted_current": report.funnel.policy_accepted,
            "complete": report.funnel.complete,
            "overdue": report.funnel.overdue,
            "with_due_date": report.funnel.with_due_date,
        },
        "modules": [
            {
                "module_id": m.module_id,
                "title": m.title,
                "started": m.started,
                "done": m.done,
                "mean_minutes_done": m.mean_minutes_done,
                "quiz_id": m.quiz_id,
                "quiz_attempted": m.quiz_attempted,
                "quiz_passed": m.quiz_passed,
            }
            for m in report.modules
        ],
        "teams": [
            {
                "team": t.team,
                "learners": t.learners,
                "started": t.started,
                "complete": t.complete,
                "modules_done_fraction": t.progress,
            }
            for t in report.teams
        ],
        "score_distributions": [
            {
                "quiz_id": s.quiz_id,
                "graded": s.graded,
                "passed": s.passed,
                "mean": s.mean,
                "buckets": {ScoreDistribution.bucket_label(i): n for i, n in enumerate(s.buckets)},
            }
            for s in report.scores
        ],
        "policy": {
            "accepted_current": report.policy.accepted_current,
            "accepted_earlier_version": report.policy.accepted_earlier_version,
            "declined": report.policy.declined,
            "not_decided": report.policy.not_decided,
        },
        "completions_by_week": [
            {"week": monday.isoformat(), "completions": count}
            for monday, count in report.completions_by_week
        ],
        "studio": _studio_document(report.studio) if report.studio.present else None,
        "questions": [
            {
                "quiz_id": q.quiz_id,
                "question_id": q.question_id,
                "responses": q.responses,
                "facility": q.facility,
                "discrimination": q.discrimination,
                "flags": list(q.flags),
            }
            for q in report.questions
        ],
    }


def _studio_document(figures: StudioFigures) -> dict[str, Any]:
    return {
        "ambassadors_writing": figures.ambassadors_writing,
        "posts": figures.posts,
        "posted": figures.posted,
        "submitted": figures.submitted,
        "approved": figures.approved,
        "changes_requested": figures.changes_requested,
        "awaiting_review": figures.awaiting_review,
        "exercises": figures.exercises,
        "exercises_passed": figures.exercises_passed,
        "templates_by_team": figures.templates_by_team,
        "findings": [{"rule": rule, "count": count} for rule, count in figures.findings],
        "review_by_source": figures.review_by_source,
    }
