"""`trainer report --format html`: the course report for management, one self-contained file.

Built from the same document as `--format json` (`report_document`), so every figure on the
page is one the JSON has; each figure cell carries `data-key` (its path in the JSON, e.g.
`funnel.complete` or `teams.2.learners`) and `data-value` (the raw number) so that tests and
other tools can check the page against the JSON. Charts are pygal SVG, inlined, with pygal's
JavaScript switched off: the file opens offline, prints on A4, and sends nothing anywhere.
All text from people or content is HTML-escaped (pygal escapes what it draws).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pygal
from pygal.style import Style

from trainer.content.models import Course
from trainer.export.report_output import STAGE_WORDS
from trainer.i18n import N_, P_, Translator
from trainer.plain_text import single_line

HARDEST_QUESTIONS = 10
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
PEOPLE_COUNT = P_("report column", "Learners")  # how many people (a heading, a chart series)


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


FLAG_LABELS = {  # question_statistics' flags, marked for the catalogue
    "too easy": N_("too easy"),
    "too hard": N_("too hard"),
    "negative discrimination": N_("negative discrimination"),
    "few responses": N_("few responses"),
}
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#145a8c", "#2e8b57", "#d9822b", "#b03a2e", "#6c757d", "#7d5ba6"),
    font_family="DejaVu Sans, Helvetica, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    title_font_size=15,
)

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #212529;
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
h1 { color: #145a8c; margin-bottom: .2rem; font-size: 1.7rem; }
h2 { color: #145a8c; border-bottom: 2px solid #145a8c; padding-bottom: .2rem;
     margin-top: 2rem; font-size: 1.25rem; }
.meta { color: #5f6368; margin: 0; }
.tiles { display: flex; gap: .8rem; flex-wrap: wrap; margin: 1.2rem 0; }
.tile { border: 1px solid #c8d3dc; border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.tile .value { font-size: 1.6rem; font-weight: bold; display: block; }
.tile .label { color: #5f6368; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid #dee2e6; padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #eef3f7; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart svg { width: 100%; height: auto; max-height: 22rem; }
.note { color: #5f6368; font-size: .88rem; }
section { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { margin-top: 1.2rem; }
  .chart svg { max-height: 8.5cm; }
}
"""


def _whole_numbers(top: int) -> list[int]:
    """Axis ticks for counts: 0 to `top` in whole steps (pygal would write 0,2 0,4 ...)."""
    step = 1
    while top > 6 * step:
        step = _next_round_step(step)
    return list(range(0, top + step, step))


def _next_round_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, 100, ..."""
    digits = str(step)
    return step * 5 // 2 if digits[0] == "2" else step * 2


def _esc(text: object) -> str:
    return html.escape(single_line(str(text)), quote=True)


class _Page:
    """Builds the page's parts in one language."""

    def __init__(self, document: Mapping[str, Any], course: Course, t: Translator) -> None:
        self.doc = document
        self.course = course
        self.t = t

    # -- figures -------------------------------------------------------------------------------

    def number(self, key: str, value: float | None, digits: int = 0) -> str:
        """A figure cell: shown in the reader's format, raw value and JSON path attached."""
        shown = "–" if value is None else self.t.number(value, digits)
        raw = "" if value is None else repr(value)
        return f'<td class="n" data-key="{_esc(key)}" data-value="{_esc(raw)}">{shown}</td>'

    def percent(self, part: int, whole: int) -> str:
        return f'<td class="n">{self.t.percent(part / whole) if whole else "–"}</td>'

    def chart_svg(self, chart: Any) -> str:
        # pygal leaves a <script> with its configuration (for its optional tooltips) even with
        # `js=[]`; the page runs no script, so it goes.
        svg = _SCRIPT.sub("", chart.render(is_unicode=True))
        return f'<div class="chart">{svg}</div>'

    def chart(self, kind: type[Any], title: str, **options: Any) -> Any:
        return kind(
            js=[],
            disable_xml_declaration=True,
            style=CHART_STYLE,
            title=title,
            width=820,
            height=options.pop("height", 340),
            show_legend=options.pop("show_legend", False),
            print_values=True,
            value_formatter=options.pop("value_formatter", lambda v: self.t.number(v, 1)),
            **options,
        )

    def _stage(self, word: str) -> str:
        """A funnel stage in the text report's words (`trainer report`), as a heading."""
        return _capitalised(self.t.text(STAGE_WORDS[word]))

    # -- sections ------------------------------------------------------------------------------

    def tiles(self) -> str:
        funnel = self.doc["funnel"]
        learners = funnel["invited"]
        items = [
            (self.t.text(PEOPLE_COUNT), "funnel.invited", learners),
            (self.t("Completed the course"), "funnel.complete", funnel["complete"]),
        ]
        if funnel.get("with_due_date"):
            items.append((self.t("Overdue"), "funnel.overdue", funnel["overdue"]))
        items.append(
            (self.t("Declined the policy"), "policy.declined", self.doc["policy"]["declined"])
        )
        parts = [
            f'<div class="tile"><span class="value" data-key="{key}" data-value="{value!r}">'
            f'{self.t.number(value)}</span><span class="label">{_esc(label)}</span></div>'
            for label, key, value in items
        ]
        share = self.t.percent(funnel["complete"] / learners) if learners else "–"
        completed_label = self.t("of learners completed")
        parts.insert(
            2,
            f'<div class="tile"><span class="value">{share}</span>'
            f'<span class="label">{_esc(completed_label)}</span></div>',
        )
        return f'<div class="tiles">{"".join(parts)}</div>'

    def funnel(self) -> str:
        funnel = self.doc["funnel"]
        # The text report's own words for the stages (`trainer report`), so the two agree.
        stages = [
            (key, self._stage(word))
            for key, word in (
                ("invited", "invited"),
                ("signed_in", "signed in"),
                ("started", "started"),
                ("modules_done", "modules done"),
                ("quizzes_passed", "quizzes passed"),
                ("policy_accepted_current", "policy accepted (current version)"),
                ("complete", "complete"),
            )
        ]
        chart = self.chart(
            pygal.HorizontalBar,
            self.t("From invitation to completion"),
            value_formatter=lambda v: self.t.number(v),
        )
        chart.x_labels = [label for _, label in reversed(stages)]
        chart.add(self.t.text(PEOPLE_COUNT), [funnel[key] for key, _ in reversed(stages)])
        chart.y_labels = _whole_numbers(max(funnel[key] for key, _ in stages))
        rows = "".join(
            f"<tr><td>{_esc(label)}</td>{self.number(f'funnel.{key}', funnel[key])}"
            f"{self.percent(funnel[key], funnel['invited'])}</tr>"
            for key, label in stages
        )
        overdue_label = self.t("Overdue (past their due date, not complete)")
        no_due_dates = self.t("No due dates are set, so nobody is overdue.")
        if funnel.get("with_due_date"):
            with_due = self.t("Learners with a due date")
            overdue = (
                f"<p>{_esc(overdue_label)}: "
                f'<strong data-key="funnel.overdue" data-value="{funnel["overdue"]!r}">'
                f"{self.t.number(funnel['overdue'])}</strong>; {_esc(with_due)}: "
                f'<strong data-key="funnel.with_due_date" data-value="{funnel["with_due_date"]!r}">'
                f"{self.t.number(funnel['with_due_date'])}</strong></p>"
            )
        else:
            overdue = f'<p class="note">{_esc(no_due_dates)}</p>'
        return self._section(
            self.t("Funnel"),
            self.chart_svg(chart)
            + self._table([self.t("Stage"), self.t.text(PEOPLE_COUNT), "%"], rows, numeric_from=1)
            + overdue,
        )

    def teams(self) -> str:
        teams = self.doc["teams"]
        if not teams:
            return ""
        chart = self.chart(
            pygal.HorizontalBar,
            self.t("Completed, % of the team"),
            height=max(220, 60 + 34 * len(teams)),
            range=(0, 100),
            value_formatter=lambda v: f"{self.t.number(v, 0)}%",
        )
        ordered = list(reversed(teams))
        chart.x_labels = [single_line(team["team"]) or self.t("(no team)") for team in ordered]
        chart.add(
            self.t("Complete"),
            [
                round(100 * team["complete"] / team["learners"], 1) if team["learners"] else 0
                for team in ordered
            ],
        )
        rows = "".join(
            f"<tr><td>{_esc(team['team']) or _esc(self.t('(no team)'))}</td>"
            f"{self.number(f'teams.{i}.learners', team['learners'])}"
            f"{self.number(f'teams.{i}.started', team['started'])}"
            f"{self.number(f'teams.{i}.complete', team['complete'])}"
            f"{self.percent(team['complete'], team['learners'])}"
            f'<td class="n">{self.t.percent(team["modules_done_fraction"])}</td></tr>'
            for i, team in enumerate(teams)
        )
        headers = [
            self.t("Team"),
            self.t.text(PEOPLE_COUNT),
            self._stage("started"),
            self._stage("complete"),
            self.t("Complete, %"),
            self.t("Modules read, %"),
        ]
        return self._section(
            self.t("Completion by team"),
            self.chart_svg(chart) + self._table(headers, rows, numeric_from=1),
        )

    def weeks(self) -> str:
        weeks = self.doc["completions_by_week"]
        if not weeks:
            nobody = self.t("Nobody has completed the course yet.")
            body = f'<p class="note">{_esc(nobody)}</p>'
            return self._section(self.t("Completions per week"), body)
        chart = self.chart(
            pygal.Bar,
            self.t("Completions per week"),
            x_label_rotation=-35 if len(weeks) > 8 else 0,
            value_formatter=lambda v: self.t.number(v),
        )
        chart.x_labels = [self.t.date(dt.date.fromisoformat(w["week"])) for w in weeks]
        chart.add(self.t("Completions"), [w["completions"] for w in weeks])
        chart.y_labels = _whole_numbers(max(w["completions"] for w in weeks))
        total = 0
        rows = []
        week_label = self.t("week of {date}")
        for i, week in enumerate(weeks):
            total += week["completions"]
            monday = self.t.date(dt.date.fromisoformat(week["week"]))
            rows.append(
                f"<tr><td>{_esc(week_label.format(date=monday))}</td>"
                f"{self.number(f'completions_by_week.{i}.completions', week['completions'])}"
                f'<td class="n">{self.t.number(total)}</td></tr>'
            )
        headers = [self.t("Week"), self.t("Completions"), self.t("In total")]
        return self._section(
            self.t("Completions per week"),
            self.chart_svg(chart) + self._table(headers, "".join(rows), numeric_from=1),
        )

    def policy(self) -> str:
        policy = self.doc["policy"]
        parts = [
            ("accepted_current", self.t("Accepted, current version")),
            ("accepted_earlier_version", self.t("Accepted an earlier version")),
            ("declined", self.t("Declined")),
            ("not_decided", self.t("Not decided yet")),
        ]
        whole = sum(policy[key] for key, _ in parts)
        chart = self.chart(
            pygal.Pie,
            self.t("Policy decisions today"),
            show_legend=True,
            legend_at_bottom=True,
            height=300,
            inner_radius=0.45,
            value_formatter=lambda v: self.t.number(v),
        )
        for key, label in parts:
            chart.add(label, policy[key])
        rows = "".join(
            f"<tr><td>{_esc(label)}</td>{self.number(f'policy.{key}', policy[key])}"
            f"{self.percent(policy[key], whole)}</tr>"
            for key, label in parts
        )
        decided = (
            policy["accepted_current"] + policy["accepted_earlier_version"] + policy["declined"]
        )
        rate = (
            self.t(
                "Of the learners who decided, {accepted} accepted and {declined} declined.",
                accepted=self.t.percent((decided - policy["declined"]) / decided),
                declined=self.t.percent(policy["declined"] / decided),
            )
            if decided
            else self.t("Nobody has decided on the policy yet.")
        )
        return self._section(
            self.t("Policy acceptance"),
            self.chart_svg(chart)
            + self._table(
                [self.t("Decision"), self.t.text(PEOPLE_COUNT), "%"], rows, numeric_from=1
            )
            + f"<p>{_esc(rate)}</p>",
        )

    def questions(self) -> str:
        indexed = [
            (i, q)
            for i, q in enumerate(self.doc["questions"])
            if q["responses"] and q["facility"] is not None
        ]
        indexed.sort(key=lambda pair: (pair[1]["facility"], pair[1]["quiz_id"], pair[0]))
        hardest = indexed[:HARDEST_QUESTIONS]
        if not hardest:
            nothing = self.t("No quiz has been answered yet.")
            body = f'<p class="note">{_esc(nothing)}</p>'
            return self._section(self.t("The hardest questions"), body)
        rows = []
        for i, q in hardest:
            flags = ", ".join(self.t(FLAG_LABELS.get(flag, flag)) for flag in q["flags"])
            rows.append(
                f"<tr><td>{_esc(self._prompt(q['quiz_id'], q['question_id']))}"
                f'<br><span class="note">{_esc(q["quiz_id"])} / {_esc(q["question_id"])}</span>'
                f"</td>{self.number(f'questions.{i}.responses', q['responses'])}"
                f"{self.number(f'questions.{i}.facility', q['facility'], 2)}"
                f"{self.number(f'questions.{i}.discrimination', q['discrimination'], 2)}"
                f"<td>{_esc(flags)}</td></tr>"
            )
        headers = [
            self.t("Question"),
            self.t("Responses"),
            self.t("Facility"),
            self.t("Discrimination"),
            self.t("Flags"),
        ]
        note = self.t(
            "Facility is the mean score on the question (0 to 1; low means hard). "
            "Discrimination is the correlation with the rest of the quiz (negative suggests a "
            "wrong key or a misleading wording). First attempts only."
        )
        return self._section(
            self.t("The hardest questions"),
            self._table(headers, "".join(rows), numeric_from=1, numeric_to=4)
            + f'<p class="note">{_esc(note)}</p>',
        )

    def _prompt(self, quiz_id: str, question_id: str) -> str:
        quiz = self.course.quizzes.get(quiz_id)
        if quiz is None:
            return question_id
        text = quiz.texts.get(self.t.lang) or quiz.texts[quiz.default_language]
        for question in text.questions:
            if question.id == question_id:
                return question.prompt
        return question_id

    def studio(self) -> str:
        """The content studio's figures, when anyone has written a post."""
        studio = self.doc.get("studio")
        if not studio:
            return ""
        figures = [
            ("ambassadors_writing", self.t("Ambassadors writing posts")),
            ("posts", self.t("Posts written")),
            ("posted", self.t("Marked as published")),
            ("submitted", self.t("Sent for review")),
            ("approved", self.t("Approved")),
            ("changes_requested", self.t("Changes requested")),
            ("awaiting_review", self.t("Awaiting review")),
            ("exercises", self.t("Practice posts")),
            ("exercises_passed", self.t("Practice posts without errors")),
        ]
        rows = "".join(
            f"<tr><td>{_esc(label)}</td>{self.number(f'studio.{key}', studio[key])}</tr>"
            for key, label in figures
        )
        body = self._table([self.t("Figure"), self.t("Count")], rows, numeric_from=1)
        findings = studio["findings"][:5]
        if findings:
            found = "".join(
                f"<tr><td><code>{_esc(item['rule'])}</code></td>"
                f"{self.number(f'studio.findings.{i}.count', item['count'])}</tr>"
                for i, item in enumerate(findings)
            )
            body += self._table(
                [self.t("Most frequent problems in drafts (rule)"), self.t("Count")],
                found,
                numeric_from=1,
            )
        return self._section(self.t("Content studio"), body)

    def modules(self) -> str:
        rows = "".join(
            f"<tr><td>{_esc(m['title'])}</td>"
            f"{self.number(f'modules.{i}.started', m['started'])}"
            f"{self.number(f'modules.{i}.done', m['done'])}"
            f"{self.number(f'modules.{i}.mean_minutes_done', m['mean_minutes_done'], 1)}"
            + (
                self.number(f"modules.{i}.quiz_passed", m["quiz_passed"])
                if m["quiz_id"]
                else "<td></td>"
            )
            + "</tr>"
            for i, m in enumerate(self.doc["modules"])
        )
        headers = [
            self.t("Module"),
            self.t("Started"),
            self.t("Read"),
            self.t("Mean minutes"),
            self.t("Quiz passed"),
        ]
        return self._section(self.t("Modules"), self._table(headers, rows, numeric_from=1))

    # -- layout --------------------------------------------------------------------------------

    @staticmethod
    def _section(title: str, body: str) -> str:
        return f"<section><h2>{_esc(title)}</h2>{body}</section>"

    @staticmethod
    def _table(
        headers: Sequence[str], rows: str, *, numeric_from: int, numeric_to: int | None = None
    ) -> str:
        last = len(headers) if numeric_to is None else numeric_to
        cells = "".join(
            f'<th class="n">{_esc(h)}</th>' if numeric_from <= i < last else f"<th>{_esc(h)}</th>"
            for i, h in enumerate(headers)
        )
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>"


def render_report_html(
    document: Mapping[str, Any],
    course: Course,
    *,
    lang: str = "pl",
    generated_at: dt.datetime,
    scope: Iterable[str] = (),
) -> str:
    """The whole page; `scope` lists the filters applied (e.g. `team: Sprzedaż`)."""
    t = Translator(lang)
    page = _Page(document, course, t)
    title = t("Ambassador programme: report")
    scope_text = "; ".join(scope)
    course_lang = lang if lang in course.config.languages else course.default_language
    generated = t("Generated {when}", when=t.datetime(generated_at))
    meta = [
        f'<p class="meta">{_esc(course.config.organisation)} · '
        f"{_esc(course.title(course_lang))}</p>",
        f'<p class="meta">{_esc(generated)}</p>',
    ]
    if scope_text:
        only = t("Only: {filters}", filters=scope_text)
        meta.append(f'<p class="meta">{_esc(only)}</p>')
    body = "".join(
        [
            f"<h1>{_esc(title)}</h1>",
            *meta,
            page.tiles(),
            page.funnel(),
            page.teams(),
            page.weeks(),
            page.policy(),
            page.questions(),
            page.studio(),
            page.modules(),
        ]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )
