"""The management report as one HTML page: the figures of the JSON report, charts that draw
offline, Polish by default, readable in Chromium on screen and on A4."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.export.course_factory import T0, make_course, profile, store_learner
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.content.models import Course, Quiz
from trainer.export.report_html import render_report_html
from trainer.learning.records import (
    AnswerRecord,
    LearnerRecord,
    ModuleProgress,
    PolicyDecision,
    QuizAttempt,
)
from trainer.locations import bundled_course_dir
from trainer.store.folder import DataFolder
from trainer.studio.ambassador import AmbassadorPosts

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

TEAMS = ["Sprzedaż", "Marketing", "IT", "Łódź <b>R&D</b>", ""]


def _attempt(quiz: Quiz, number: int, pattern: int, start: dt.datetime) -> QuizAttempt:
    """A finished attempt on a real quiz; question k is right when bit k of `pattern` is set."""
    questions = quiz.text("pl").questions
    answers = [
        AnswerRecord(
            question_id=q.id,
            response=0,
            points=float(q.points) if pattern >> k & 1 else 0.0,
            max_points=q.points,
            correct=bool(pattern >> k & 1),
            answered_at=start + dt.timedelta(seconds=20 * (k + 1)),
        )
        for k, q in enumerate(questions)
    ]
    score = sum(a.points for a in answers)
    maximum = sum(q.points for q in questions)
    return QuizAttempt(
        attempt_id=hashlib.md5(f"{quiz.id} {number} {start}".encode()).hexdigest(),
        quiz_id=quiz.id,
        number=number,
        seed=number,
        question_ids=[q.id for q in questions],
        language="pl",
        answers=answers,
        started_at=start,
        finished_at=start + dt.timedelta(minutes=4),
        score=score,
        max_score=maximum,
        passed=score / maximum >= quiz.pass_mark,
    )


def _learner(i: int, course: Course) -> LearnerRecord:
    """A programme a few weeks in: most started, a third finished, some declined the policy."""
    team = TEAMS[i % len(TEAMS)]
    start = T0 + dt.timedelta(weeks=i % 5, hours=i)
    who = profile(
        f"l{i:03d}",
        f"Uczestnik {i}",
        team,
        status="invited" if i % 6 == 5 else "active",
        due=dt.date(2026, 3, 20) if i % 4 == 0 else None,  # long past: the incomplete are overdue
    )
    if i % 6 == 5:
        return LearnerRecord(profile=who)
    read = course.modules if i % 3 == 0 else course.modules[: i % len(course.modules)]
    modules = {
        m.id: ModuleProgress(
            module_id=m.id,
            started_at=start,
            completed_at=start + dt.timedelta(minutes=10 * (n + 1)),
            seconds_spent=480.0 + 7 * i,
            updated_at=start + dt.timedelta(minutes=10 * (n + 1)),
        )
        for n, m in enumerate(read)
    }
    all_right = (1 << 30) - 1
    attempts = [
        _attempt(
            course.quizzes[m.quiz],
            1,
            all_right if i % 3 == 0 else (i * 2654435761) & all_right,
            start + dt.timedelta(minutes=10 * (n + 1) + 1),
        )
        for n, m in enumerate(read)
        if m.quiz
    ]
    policy = course.policy.text("pl")
    decisions = []
    if i % 3 == 0 or i % 4 == 1:
        decisions.append(
            PolicyDecision(
                policy_id=course.policy.id,
                version=course.policy.version,
                sha256=policy.sha256,
                language="pl",
                decision="accepted" if i % 3 == 0 else "declined",
                decided_at=start + dt.timedelta(hours=2),
                learner_id=who.learner_id,
                typed_name=who.name,
                scrolled_to_end=True,
                box_checked=True,
            )
        )
    return LearnerRecord(
        profile=who, modules=modules, attempts=attempts, policy_decisions=decisions
    )


@pytest.fixture(scope="module")
def course_dir() -> Path:
    return bundled_course_dir()


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory: pytest.TempPathFactory, course_dir: Path) -> Path:
    course = load_course(course_dir).course
    assert course is not None
    root = tmp_path_factory.mktemp("report") / "data"
    folder = DataFolder(root)
    for i in range(40):
        store_learner(folder, _learner(i, course))
    posts = AmbassadorPosts(folder.learner("l003"), course.config.posts)
    post = posts.new(
        source="hub", network="linkedin", language="pl", draft="x", template_id="blog-article"
    )
    posts.mark_posted(post, "Bez oznaczenia, polecam!", None)  # no disclosure label
    return root


class _Figures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.figures: list[tuple[str, str, str]] = []  # key, raw value, shown text
        self._open: tuple[str, str] | None = None
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if "data-key" in found:
            self._open = (found["data-key"] or "", found.get("data-value") or "")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.figures.append((*self._open, data))
            self._open = None


def _lookup(document: Any, key: str) -> Any:
    for part in key.split("."):
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def _report(course_dir: Path, data_folder: Path, *args: str) -> str:
    env = {"TRAINER_DATA_DIR": str(data_folder), "TRAINER_COURSE": str(course_dir)}
    result = CliRunner().invoke(main, ["report", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_figure_on_the_page_is_the_json_reports(course_dir: Path, data_folder: Path) -> None:
    document = json.loads(_report(course_dir, data_folder, "--format", "json"))
    page = _report(course_dir, data_folder, "--format", "html")
    parser = _Figures()
    parser.feed(page)

    keys = {key for key, _, _ in parser.figures}
    for stage in document["funnel"]:
        assert f"funnel.{stage}" in keys
    assert {f"teams.{i}.complete" for i in range(len(document["teams"]))} <= keys
    assert {f"policy.{k}" for k in document["policy"]} <= keys
    assert any(k.startswith("completions_by_week.") for k in keys)
    assert any(k.startswith("questions.") for k in keys)
    assert {"studio.posts", "studio.posted", "studio.findings.0.count"} <= keys
    for key, raw, shown in parser.figures:
        expected = _lookup(document, key)
        assert raw == ("" if expected is None else repr(expected)), key
        if isinstance(expected, int):  # shown the Polish way: 1 234 (grouping), no decimals
            assert shown.replace("\xa0", "").replace(" ", "") == str(expected), key
        elif isinstance(expected, float):
            assert float(shown.replace(",", ".").replace("\xa0", "")) == pytest.approx(
                expected, abs=0.051
            ), key
    assert document["funnel"]["invited"] == 40
    assert document["funnel"]["with_due_date"] == 10
    assert 0 < document["funnel"]["overdue"] < 10


def test_the_page_is_self_contained_and_polish_by_default(
    course_dir: Path, data_folder: Path
) -> None:
    page = _report(course_dir, data_folder, "--format", "html")
    parser = _Figures()
    parser.feed(page)

    assert '<html lang="pl">' in page
    assert "Lejek" in page and "Ukończenia w kolejnych tygodniach" in page
    assert "2 marca 2026" in page  # weeks as Polish readers write dates
    tags = {tag for tag, _ in parser.tags}
    assert (
        "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    )
    assert parser.tags.count(("svg", {})) == 0  # every chart is an inline svg ...
    assert sum(1 for tag, _ in parser.tags if tag == "svg") >= 4  # ... and there are four
    for _, attrs in parser.tags:
        for name in ("src", "href", "xlink:href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), attrs
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "@import" not in page


def test_the_polish_page_speaks_of_people_as_the_text_report_does(
    course_dir: Path, data_folder: Path
) -> None:
    """Gender-neutral Polish: the funnel's stages in the text report's own words, counts of
    "osoby", never a generic masculine plural ("Zaproszeni", "Ukończyli", "Uczestnicy")."""
    page = _report(course_dir, data_folder, "--format", "html")
    text = _visible_text(page)
    stages = [
        line.strip().split("  ")[0]
        for line in _report(course_dir, data_folder, "--lang", "pl").splitlines()[1:8]
    ]
    assert stages[0] == "zaproszone osoby" and stages[-1] == "szkolenie ukończone"
    for stage in stages:  # the same words, as headings
        assert stage[:1].upper() + stage[1:] in text, stage
    assert "Liczba osób" in text and "osób ukończyło szkolenie" in text
    masculine = re.compile(
        r"\b(Zaproszeni|Zalogowali|Rozpoczęli|Przeczytali|Zaliczyli|Ukończyli|Odrzucili"
        r"|Uczestnicy|uczestników|Ambasadorzy|Nikt jeszcze nie ukończył)\b"
    )
    assert not masculine.search(text), masculine.findall(text)


def _visible_text(page: str) -> str:
    """What a reader sees: the text of the page and of its charts, without markup."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_hostile_team_names_are_text_not_markup(course_dir: Path, data_folder: Path) -> None:
    page = _report(course_dir, data_folder, "--format", "html")
    assert "<b>R&D</b>" not in page
    assert "Łódź &lt;b&gt;R&amp;D&lt;/b&gt;" in page


def test_english_on_request(course_dir: Path, data_folder: Path) -> None:
    page = _report(course_dir, data_folder, "--format", "html", "--lang", "en")
    assert '<html lang="en">' in page
    assert "From invitation to completion" in page


def test_an_empty_data_folder_gives_a_page_that_says_so(tmp_path: Path) -> None:
    page = render_report_html(
        {
            "funnel": dict.fromkeys(
                [
                    "invited",
                    "signed_in",
                    "started",
                    "modules_done",
                    "quizzes_passed",
                    "policy_accepted_current",
                    "complete",
                ],
                0,
            ),
            "modules": [],
            "teams": [],
            "score_distributions": [],
            "policy": dict.fromkeys(
                ["accepted_current", "accepted_earlier_version", "declined", "not_decided"], 0
            ),
            "completions_by_week": [],
            "questions": [],
        },
        make_course(),
        lang="en",
        generated_at=T0,
    )
    assert "Nobody has completed the course yet." in page
    assert "No quiz has been answered yet." in page


needs_chromium = pytest.mark.skipif(
    (sync_playwright is None or not CHROMIUM.exists()) and not os.environ.get("CI"),
    reason="Playwright or /usr/bin/chromium missing (CI installs both)",
)


@needs_chromium
def test_chromium_draws_the_report_on_screen_and_on_a4(
    course_dir: Path, data_folder: Path, tmp_path: Path
) -> None:
    assert sync_playwright is not None
    report = tmp_path / "raport.html"
    report.write_text(_report(course_dir, data_folder, "--format", "html"), encoding="utf-8")
    shots = Path(tempfile.gettempdir())
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri())
            page.screenshot(path=str(shots / "trainer-report.png"), full_page=True)
            charts = page.eval_on_selector_all(
                "div.chart svg",
                "nodes => nodes.map(n => [n.getBoundingClientRect().width,"
                " n.getBoundingClientRect().height, n.querySelectorAll('rect, path').length])",
            )
            overflow = page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True)
        finally:
            browser.close()
    (shots / "trainer-report.pdf").write_bytes(pdf)

    assert requests == [report.as_uri()]  # nothing fetched but the file itself
    assert len(charts) >= 4
    for width, height, shapes in charts:
        assert width > 500 and height > 150 and shapes > 3
    assert not overflow  # no sideways scrolling on a laptop screen
    assert pdf.startswith(b"%PDF")
