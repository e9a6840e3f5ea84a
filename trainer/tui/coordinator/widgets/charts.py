"""Charts of a `CourseReport` drawn with block characters: module completion, scores, funnel.

Plain text bars rather than a plotting library: they render the same in every terminal, in a
browser through textual-serve and in a screenshot pasted into an e-mail. Every label that
comes from the course (module and quiz titles) is literal, single-line text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trainer.content.models import Course
from trainer.export.course_report import CourseReport, ScoreDistribution
from trainer.plain_text import single_line
from trainer.tui.coordinator.overview import percent, text_bar
from trainer.tui.coordinator.strings import CoordinatorText

BAR_WIDTH = 30
LABEL_WIDTH = 28


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled bar: `part` of `whole`, drawn as part/whole of the bar width."""

    label: str
    part: int
    whole: int

    @property
    def fraction(self) -> float:
        return self.part / self.whole if self.whole else 0.0


def fit(label: str, width: int) -> str:
    """`label` on one line, cut with an ellipsis or padded to exactly `width` cells."""
    text = single_line(label)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def bar_lines(bars: list[Bar], *, show_whole: bool = True) -> Content:
    lines: list[Content] = []
    for bar in bars:
        numbers = f" {percent(bar.fraction):>4}"
        numbers += f"  ({bar.part}/{bar.whole})" if show_whole else f"  ({bar.part})"
        lines.append(
            Content.assemble(
                fit(bar.label, LABEL_WIDTH),
                " ",
                (text_bar(bar.fraction, BAR_WIDTH), "$primary"),
                ("│", "$text-muted"),
                numbers,
            )
        )
    return Content("\n").join(lines)


def module_bars(report: CourseReport, course: Course, lang: str) -> list[Bar]:
    learners = report.funnel.invited
    titles = {m.id: m.text(lang).title for m in course.modules}
    return [Bar(titles.get(m.module_id, m.title), m.done, learners) for m in report.modules]


def score_bars(distribution: ScoreDistribution) -> list[Bar]:
    return [
        Bar(ScoreDistribution.bucket_label(index), count, distribution.graded)
        for index, count in enumerate(distribution.buckets)
    ]


def funnel_bars(report: CourseReport, t: CoordinatorText) -> list[Bar]:
    funnel = report.funnel
    stages = [
        ("funnel.invited", funnel.invited),
        ("funnel.started", funnel.started),
        ("funnel.modules_done", funnel.modules_done),
        ("funnel.quizzes_passed", funnel.quizzes_passed),
        ("funnel.policy_accepted", funnel.policy_accepted),
        ("funnel.complete", funnel.complete),
    ]
    return [Bar(t(key), count, funnel.invited) for key, count in stages]


class ChartsView(VerticalScroll):
    """The charts tab: scope line, module completion, score histograms per quiz, funnel."""

    def compose(self) -> ComposeResult:
        yield Static(id="chart-scope", classes="chart-scope")
        yield Static(classes="chart-title", id="modules-title")
        yield Static(id="module-chart", classes="chart")
        yield Static(classes="chart-title", id="funnel-title")
        yield Static(id="funnel-chart", classes="chart")
        yield Static(classes="chart-title", id="scores-title")
        yield Static(id="score-chart", classes="chart")

    def show(
        self, report: CourseReport | None, scope: str, course: Course, t: CoordinatorText
    ) -> None:
        """Draw `report`; `scope` (already safe text) says whose numbers these are."""
        self.query_one("#chart-scope", Static).update(Content(scope))
        titles = {
            "#modules-title": t("charts.modules"),
            "#funnel-title": t("charts.funnel"),
            "#scores-title": t("charts.scores"),
        }
        for selector, title in titles.items():
            self.query_one(selector, Static).update(Content(title))
        if report is None or report.funnel.invited == 0:
            empty = Content(t("charts.empty"))
            self.query_one("#module-chart", Static).update(empty)
            self.query_one("#funnel-chart", Static).update(Content(""))
            self.query_one("#score-chart", Static).update(Content(""))
            return
        self.query_one("#module-chart", Static).update(
            bar_lines(module_bars(report, course, t.lang))
        )
        self.query_one("#funnel-chart", Static).update(bar_lines(funnel_bars(report, t)))
        self.query_one("#score-chart", Static).update(self._scores(report, course, t))

    @staticmethod
    def _scores(report: CourseReport, course: Course, t: CoordinatorText) -> Content:
        blocks: list[Content] = []
        for distribution in report.scores:
            quiz = course.quizzes.get(distribution.quiz_id)
            title = single_line(quiz.text(t.lang).title if quiz else distribution.quiz_id)
            mean = distribution.mean
            heading = t(
                "charts.quiz",
                title=title,
                graded=distribution.graded,
                passed=distribution.passed,
                mean="—" if mean is None else percent(mean),
            )
            block = [Content.assemble((heading, "bold"))]
            if distribution.graded:
                block.append(bar_lines(score_bars(distribution), show_whole=False))
            else:
                block.append(Content.assemble(("  " + t("charts.no_scores"), "$text-muted")))
            blocks.append(Content("\n").join(block))
        return Content("\n\n").join(blocks)
