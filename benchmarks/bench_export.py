"""CSV export and report over many learners, next to a SQLite baseline, and export memory.

Run:  python benchmarks/bench_export.py [--learners 10000] [--modules 30] [--runs 3]
                                         [--memory-sizes 1000,10000] [--workdir DIR]

1. Generates a data folder of `--learners` learners on a synthetic course of `--modules`
   modules (a 5-question quiz after every third module, one policy). Learner i has read
   i mod (modules + 1) modules, taken the quizzes of those modules (one or two attempts),
   and two in three accepted the policy. Files are written directly in the store's format
   (`trainer.store.schema` tables, `encode_tables`), one file per learner, without the
   per-save fsync of the app, so generating 10,000 learners takes seconds, not hours.
2. Loads the same documents into SQLite as JSON rows (profiles, modules, attempts, answers,
   decisions: one row per document, like the learner files' tables).
3. Times, alternately and in the same run: `trainer export --format csv` (the real code:
   `LearnerSource` + `export_csv`, streaming learner by learner) and the baseline, one SQL
   query with `json_extract` producing the same learner x module rows and cells, written with
   `csv.writer`: the two files are compared byte for byte after every run (see BASELINE_CSV
   for the one thing SQL does not do); then the report (`build_report`) next to a
   `json_extract` GROUP BY of module completion, and reading every learner through the store
   alone (the floor under any export built on the store layer). Prints medians and ratios of
   wall time and of CPU time (steadier on a shared machine; SQLite runs in-process).
4. Peak memory of a CSV export in a fresh child process for each size in `--memory-sizes`:
   the peak RSS (`VmHWM`, whole process) and, in a second child, the tracemalloc peak (Python
   allocations only). Streaming means both stay flat as the number of learners grows.
5. The management report as HTML (`trainer report --format html`: the streamed report, its
   JSON document, pygal charts, written to a file), timed in the same runs as the CSV export
   (goal: at most 2x its time), and its peak memory measured like the CSV export's.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from trainer.content.models import (
    Choice,
    Course,
    CourseConfig,
    Module,
    ModuleText,
    Page,
    Policy,
    PolicyText,
    Quiz,
    QuizText,
    SingleChoice,
    Track,
)
from trainer.deadlines import today_local
from trainer.export.course_report import build_report
from trainer.export.csv_table import CSV_COLUMNS
from trainer.export.exporting import export_csv
from trainer.export.report_html import render_report_html
from trainer.export.report_output import report_document
from trainer.export.selection import LearnerSelection, LearnerSource
from trainer.export.spreadsheet import neutralise_cell
from trainer.store.folder import DataFolder
from trainer.store.learner_file import encode_tables
from trainer.store.schema import (
    ANSWERS,
    ATTEMPTS,
    MODULES,
    POLICY,
    PROFILE,
    new_tables,
)

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
QUESTIONS_PER_QUIZ = 5
POLICY_TEXT = "Polityka mediów społecznościowych, wersja 2.0\n"
DUE_PAST = "2026-01-15"  # one learner in four has this due date: overdue unless complete
POLICY_SHA = hashlib.sha256(POLICY_TEXT.encode()).hexdigest()
TEAMS = ["Sprzedaż", "IT", "HR", "Marketing", "Finanse", "Logistyka"]
FILTER_TEAM = "it"  # the filtered run: `--team it --status in-progress` (a sixth of everyone)


# --- the synthetic course ----------------------------------------------------------------------


def module_id(index: int) -> str:
    return f"m{index:02d}"


def quiz_of(index: int) -> str | None:
    return f"q{index:02d}" if index % 3 == 2 else None


def synthetic_course(modules: int) -> Course:
    module_models = []
    quizzes = {}
    for i in range(modules):
        quiz_id = quiz_of(i)
        module_models.append(
            Module(
                id=module_id(i),
                track="basics",
                minutes=5,
                requires=(),
                quiz=quiz_id,
                order=i + 1,
                default_language="pl",
                texts={
                    "pl": ModuleText(
                        lang="pl",
                        path=f"modules/{i + 1:02d}-{module_id(i)}.pl.md",
                        title=f"Moduł {i + 1}: zażółć gęślą jaźń",
                        summary="",
                        pages=(Page(index=0, title="Start", markdown="Tekst", line=1),),
                    )
                },
            )
        )
        if quiz_id is not None:
            questions = tuple(
                SingleChoice(
                    id=f"{quiz_id}-{k}",
                    prompt="Pytanie?",
                    line=3 + k,
                    choices=(
                        Choice(index=0, text="tak", correct=True),
                        Choice(index=1, text="nie", correct=False),
                    ),
                )
                for k in range(QUESTIONS_PER_QUIZ)
            )
            quizzes[quiz_id] = Quiz(
                id=quiz_id,
                pass_mark=0.6,
                attempts=None,
                grading="highest",
                shuffle="none",
                draw=None,
                scoring="all-or-nothing",
                default_language="pl",
                texts={
                    "pl": QuizText(
                        lang="pl",
                        path=f"quizzes/{quiz_id}.pl.md",
                        title="Quiz",
                        questions=questions,
                    )
                },
            )
    policy = Policy(
        id="social-media-policy",
        version="2.0",
        effective=dt.date(2026, 1, 1),
        default_language="pl",
        texts={
            "pl": PolicyText(
                lang="pl",
                path="policy/social-media-policy.pl.md",
                title="Polityka",
                version="2.0",
                effective=dt.date(2026, 1, 1),
                body=POLICY_TEXT,
                sha256=POLICY_SHA,
            )
        },
    )
    return Course(
        root=Path("/nonexistent"),
        config=CourseConfig(
            title="Program",
            organisation="Przykładowa Firma",
            default_language="pl",
            languages=["pl"],
            tracks=[Track(id="basics", title="Podstawy")],
            policy="social-media-policy",
        ),
        modules=tuple(module_models),
        quizzes=quizzes,
        policies={"social-media-policy": policy},
    )


# --- generated learners --------------------------------------------------------------------------


def _time(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def learner_documents(i: int, modules: int) -> dict[str, list[dict[str, Any]]]:
    """The documents of learner `i`, in the exact JSON shape the store writes."""
    learner_id = f"learner-{i:06d}"
    start = T0 + dt.timedelta(minutes=i)
    docs: dict[str, list[dict[str, Any]]] = {
        PROFILE: [
            {
                "learner_id": learner_id,
                "name": f"Łucja Żółkiewska {i}",
                "email": f"{learner_id}@firma.pl",
                "team": TEAMS[i % len(TEAMS)],
                "language": "pl",
                "status": "active",
                "created_at": _time(start),
                **({"due": DUE_PAST} if i % 4 == 0 else {}),
            }
        ],
        MODULES: [],
        ATTEMPTS: [],
        ANSWERS: [],
        POLICY: [],
    }
    read = i % (modules + 1)
    moment = start
    for m in range(read):
        done = moment + dt.timedelta(minutes=6)
        docs[MODULES].append(
            {
                "module_id": module_id(m),
                "page": 3,
                "pages_seen": [0, 1, 2, 3],
                "started_at": _time(moment),
                "completed_at": _time(done),
                "seconds_spent": 300.0 + (i * 7 + m) % 240,
                "updated_at": _time(done),
            }
        )
        moment = done
        quiz_id = quiz_of(m)
        if quiz_id is None:
            continue
        for number in (1, 2) if (i + m) % 4 == 0 else (1,):
            attempt_id = hashlib.md5(f"{i}-{m}-{number}".encode()).hexdigest()
            right = (i + m + number) % (QUESTIONS_PER_QUIZ + 1)
            for k in range(QUESTIONS_PER_QUIZ):
                correct = k < right
                docs[ANSWERS].append(
                    {
                        "attempt_id": attempt_id,
                        "question_id": f"{quiz_id}-{k}",
                        "response": 0 if correct else 1,
                        "points": 1.0 if correct else 0.0,
                        "max_points": 1,
                        "correct": correct,
                        "hint_used": False,
                        "answered_at": _time(moment + dt.timedelta(seconds=20 * (k + 1))),
                    }
                )
            docs[ATTEMPTS].append(
                {
                    "attempt_id": attempt_id,
                    "quiz_id": quiz_id,
                    "number": number,
                    "seed": i,
                    "question_ids": [f"{quiz_id}-{k}" for k in range(QUESTIONS_PER_QUIZ)],
                    "choice_orders": {},
                    "language": "pl",
                    "answers": [],
                    "started_at": _time(moment),
                    "finished_at": _time(moment + dt.timedelta(seconds=150)),
                    "score": float(right),
                    "max_score": QUESTIONS_PER_QUIZ,
                    "passed": right / QUESTIONS_PER_QUIZ >= 0.6,
                }
            )
            moment += dt.timedelta(minutes=3)
    if i % 3:
        docs[POLICY].append(
            {
                "policy_id": "social-media-policy",
                "version": "2.0",
                "sha256": POLICY_SHA,
                "language": "pl",
                "decision": "accepted",
                "decided_at": _time(moment),
                "learner_id": learner_id,
                "typed_name": f"Łucja Żółkiewska {i}",
                "scrolled_to_end": True,
                "box_checked": True,
                "prev_hash": None,
                "record_hash": None,
            }
        )
    if i % 9 == 1:  # one in nine who accepted declined afterwards
        decline = {**docs[POLICY][-1], "decision": "declined", "typed_name": None}
        decline["decided_at"] = _time(moment + dt.timedelta(minutes=1))
        docs[POLICY].append(decline)
    return docs


def write_folder(root: Path, learners: int, modules: int) -> list[dict[str, list[dict[str, Any]]]]:
    """Write `learners` files in the store's format; return nothing big (documents streamed)."""
    from trainer.store import chain

    folder = DataFolder(root)
    folder.learners_dir.mkdir(parents=True, exist_ok=True)
    for i in range(learners):
        docs = learner_documents(i, modules)
        learner_id = docs[PROFILE][0]["learner_id"]
        tables = new_tables(learner_id)
        for table in (PROFILE, MODULES, ATTEMPTS, ANSWERS):
            tables[table] = {str(n + 1): doc for n, doc in enumerate(docs[table])}
        prev = chain.GENESIS_HASH
        for n, doc in enumerate(docs[POLICY]):
            sealed = chain.seal(doc, prev)
            tables[POLICY][str(n + 1)] = sealed
            prev = sealed["record_hash"]
        tables["meta"]["1"]["policy_chain_length"] = len(docs[POLICY])
        tables["meta"]["1"]["policy_chain_head"] = prev if docs[POLICY] else None
        (folder.learners_dir / f"{learner_id}.json").write_bytes(encode_tables(tables))
    return []


# --- the SQLite baseline -----------------------------------------------------------------------


def write_sqlite(path: Path, learners: int, modules: int, course: Course) -> None:
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE profiles (learner_id TEXT PRIMARY KEY, doc TEXT);
        CREATE TABLE modules (learner_id TEXT, module_id TEXT, doc TEXT);
        CREATE TABLE attempts (learner_id TEXT, quiz_id TEXT, doc TEXT);
        CREATE TABLE answers (learner_id TEXT, doc TEXT);
        CREATE TABLE decisions (learner_id TEXT, doc TEXT);
        CREATE TABLE course_modules (position INTEGER, module_id TEXT, title TEXT, quiz_id TEXT);
        """
    )
    db.executemany(
        "INSERT INTO course_modules VALUES (?, ?, ?, ?)",
        [(m.order, m.id, neutralise_cell(m.text("pl").title), m.quiz) for m in course.modules],
    )
    for i in range(learners):
        docs = learner_documents(i, modules)
        learner_id = docs[PROFILE][0]["learner_id"]
        for table, name in (
            (PROFILE, "profiles"),
            (ANSWERS, "answers"),
            (POLICY, "decisions"),
        ):
            db.executemany(
                f"INSERT INTO {name} VALUES (?, ?)",
                [(learner_id, json.dumps(doc, ensure_ascii=False)) for doc in docs[table]],
            )
        # The keys the store upserts or looks up by are real columns, as any SQL design has.
        for table, name, key in (
            (MODULES, "modules", "module_id"),
            (ATTEMPTS, "attempts", "quiz_id"),
        ):
            db.executemany(
                f"INSERT INTO {name} VALUES (?, ?, ?)",
                [(learner_id, d[key], json.dumps(d, ensure_ascii=False)) for d in docs[table]],
            )
    db.executescript(
        """
        CREATE INDEX modules_learner ON modules (learner_id, module_id);
        CREATE INDEX attempts_learner ON attempts (learner_id, quiz_id);
        CREATE INDEX decisions_learner ON decisions (learner_id);
        """
    )
    db.commit()
    db.close()


# The columns of `trainer export --format csv`, byte for byte on the generated data (the
# benchmark checks it every run): times as ISO 8601 UTC with the offset, scores with the ".0"
# dropped, yes/no, attempts 0 for a quiz never tried, the latest decision deciding whether the
# policy is current, course completion (every module done, every quiz passed, policy current)
# and the header. User-supplied cells are neutralised against formulas here too (the leading
# `= + - @ tab CR LF`); stripping control characters, which ours also does, has no SQL
# counterpart and the generated names contain none. Title cells, like ours, are made once per
# course (when the table is filled).
NEUTRALISED = (
    "CASE WHEN substr({0}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13), char(10))"
    " THEN '''' || {0} ELSE {0} END"
)
ISO_UTC = "strftime('%Y-%m-%dT%H:%M:%S', {0}) || '+00:00'"

BASELINE_CSV = f"""
WITH best AS (
    SELECT learner_id, quiz_id,
           MAX(json_extract(doc, '$.score') * 1.0 / json_extract(doc, '$.max_score')) AS best,
           COUNT(*) AS attempts, MAX(json_extract(doc, '$.passed')) AS passed
    FROM attempts GROUP BY 1, 2
), accepted AS (
    SELECT learner_id, json_extract(doc, '$.version') AS version,
           MAX(json_extract(doc, '$.decided_at')) AS decided_at,
           json_extract(doc, '$.sha256') AS sha
    FROM decisions WHERE json_extract(doc, '$.decision') = 'accepted' GROUP BY 1
), latest AS (
    SELECT learner_id, MAX(json_extract(doc, '$.decided_at')) AS decided_at,
           json_extract(doc, '$.decision') = 'accepted'
           AND json_extract(doc, '$.version') = :version
           AND json_extract(doc, '$.sha256') = :sha AS current,
           json_extract(doc, '$.decision') AS decision
    FROM decisions GROUP BY 1
), done AS (
    SELECT learner_id, COUNT(*) AS modules FROM modules
    WHERE json_extract(doc, '$.completed_at') IS NOT NULL GROUP BY 1
), passed AS (
    SELECT learner_id, COUNT(*) AS quizzes FROM best WHERE passed GROUP BY 1
), learners AS MATERIALIZED (
    SELECT p.learner_id,
           {NEUTRALISED.format("p.learner_id")} AS id_cell,
           {NEUTRALISED.format("json_extract(p.doc, '$.name')")} AS name,
           {NEUTRALISED.format("json_extract(p.doc, '$.email')")} AS email,
           {NEUTRALISED.format("json_extract(p.doc, '$.team')")} AS team,
           json_extract(p.doc, '$.status') AS status,
           {NEUTRALISED.format("a.version")} AS version,
           {ISO_UTC.format("a.decided_at")} AS accepted_at, a.sha,
           CASE WHEN l.current THEN 'yes' ELSE 'no' END AS current,
           CASE WHEN l.current AND d.modules = :modules AND q.quizzes = :quizzes
                THEN 'yes' ELSE 'no' END AS complete,
           CASE WHEN l.decision = 'declined' THEN 'declined'
                WHEN a.version IS NOT NULL THEN 'accepted' ELSE '' END AS decision,
           json_extract(p.doc, '$.due') AS due,
           d.modules > 0 OR q.quizzes > 0 OR l.current AS some_progress
    FROM profiles p
    LEFT JOIN accepted a ON a.learner_id = p.learner_id
    LEFT JOIN latest l ON l.learner_id = p.learner_id
    LEFT JOIN done d ON d.learner_id = p.learner_id
    LEFT JOIN passed q ON q.learner_id = p.learner_id
)
SELECT f.id_cell, f.name, f.email, f.team, f.status, c.module_id, c.title,
       CASE WHEN m.doc IS NULL THEN 'not started'
            WHEN json_extract(m.doc, '$.completed_at') IS NULL THEN 'in progress' ELSE 'done' END,
       {ISO_UTC.format("json_extract(m.doc, '$.started_at')")},
       {ISO_UTC.format("json_extract(m.doc, '$.completed_at')")},
       CAST(ROUND(COALESCE(json_extract(m.doc, '$.seconds_spent'), 0)) AS INTEGER),
       c.quiz_id,
       CASE WHEN b.best IS NOT NULL THEN rtrim(rtrim(printf('%.1f', b.best * 100), '0'), '.') END,
       CASE WHEN c.quiz_id IS NOT NULL THEN COALESCE(b.attempts, 0) END,
       CASE WHEN c.quiz_id IS NOT NULL THEN CASE WHEN b.passed THEN 'yes' ELSE 'no' END END,
       f.version, f.accepted_at, f.sha, f.current, f.complete, f.decision, f.due,
       CASE WHEN f.due < :today AND f.complete = 'no' THEN 'yes' ELSE 'no' END,
       '' -- exercise_draft: the synthetic course has no writing exercise
FROM profiles p
CROSS JOIN course_modules c
JOIN learners f ON f.learner_id = p.learner_id
LEFT JOIN modules m ON m.learner_id = p.learner_id AND m.module_id = c.module_id
LEFT JOIN best b ON b.learner_id = p.learner_id AND b.quiz_id = c.quiz_id
WHERE (:team IS NULL OR lower(f.team) = :team)
    AND (NOT :in_progress_only OR (f.complete = 'no' AND f.some_progress))
ORDER BY p.learner_id, c.position
"""

BASELINE_REPORT = """
SELECT json_extract(doc, '$.module_id'), COUNT(*),
       SUM(json_extract(doc, '$.completed_at') IS NOT NULL),
       AVG(json_extract(doc, '$.seconds_spent'))
FROM modules GROUP BY 1
"""


def baseline_csv(db_path: Path, out_path: Path, course: Course, filtered: bool = False) -> int:
    """`filtered`: FILTER_TEAM's learners in progress, like `--team it --status in-progress`:
    in SQL, a module done, a quiz passed or the current policy accepted, and not complete."""
    db = sqlite3.connect(db_path)
    rows = 0
    policy = course.policy
    parameters = {
        "version": policy.version,
        "sha": policy.text(policy.default_language).sha256,
        "modules": len(course.modules),
        "quizzes": len(course.quizzes),
        "today": today_local().isoformat(),
        "team": FILTER_TEAM if filtered else None,
        "in_progress_only": filtered,
    }
    with out_path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in db.execute(BASELINE_CSV, parameters):
            writer.writerow(row)
            rows += 1
    db.close()
    return rows


def same_bytes(first: Path, second: Path) -> bool:
    """Compared in chunks: the two CSV files are tens of MiB."""
    with first.open("rb") as a, second.open("rb") as b:
        while True:
            chunk = a.read(1 << 20)
            if chunk != b.read(1 << 20):
                return False
            if not chunk:
                return True


def baseline_report(db_path: Path) -> int:
    db = sqlite3.connect(db_path)
    rows = len(db.execute(BASELINE_REPORT).fetchall())
    db.close()
    return rows


# --- ours --------------------------------------------------------------------------------------


def our_csv(root: Path, course: Course, out_path: Path, filtered: bool = False) -> int:
    """`filtered`: `trainer export --team it --status in-progress`."""
    selection = (
        LearnerSelection(team=FILTER_TEAM, status="in_progress") if filtered else LearnerSelection()
    )
    with out_path.open("w", encoding="utf-8", newline="") as out:
        outcome = export_csv(LearnerSource(DataFolder(root), selection, course=course), course, out)
    return outcome.lines


def store_read_only(root: Path) -> int:
    """The floor under any export that goes through the store layer."""
    return sum(1 for _ in DataFolder(root).read_all())


def our_report(root: Path, course: Course) -> int:
    report = build_report(LearnerSource(DataFolder(root)).records(), course)
    return report.funnel.invited


def our_html_report(root: Path, course: Course, out_path: Path) -> int:
    """What `trainer report --format html -o FILE` does after loading the course."""
    report = build_report(LearnerSource(DataFolder(root)).records(), course)
    page = render_report_html(
        report_document(report), course, lang="pl", generated_at=dt.datetime.now(dt.UTC)
    )
    out_path.write_text(page, encoding="utf-8")
    return len(page)


# --- memory in a child process -----------------------------------------------------------------


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started (`VmHWM`).

    Not `ru_maxrss`: on Linux a child started by fork and exec inherits the parent's maximum,
    so every child reported the benchmark's own peak (tens of MiB of CSV rows and SQLite pages)
    instead of the export's.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_memory(root: Path, modules: int, use_tracemalloc: bool, html: bool = False) -> None:
    course = synthetic_course(modules)
    if use_tracemalloc:
        tracemalloc.start()
    if html:
        size = our_html_report(root, course, Path(os.devnull))
        result: dict[str, Any] = {"rows": size, "maxrss_mib": peak_rss_mib()}
    else:
        with open(os.devnull, "w", encoding="utf-8", newline="") as out:
            outcome = export_csv(LearnerSource(DataFolder(root)), course, out)
        result = {"rows": outcome.lines, "maxrss_mib": peak_rss_mib()}
    if use_tracemalloc:
        result["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(result))


def measure_memory(
    root: Path, modules: int, use_tracemalloc: bool, html: bool = False
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child-memory", str(root), "--modules", str(modules)]
    if use_tracemalloc:
        command.append("--tracemalloc")
    if html:
        command.append("--html")
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


# --- main ----------------------------------------------------------------------------------------


def timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def timed_both(function: Any, *args: Any) -> tuple[tuple[float, float], Any]:
    """Wall time and this process's CPU time: on a shared, loaded machine the CPU time is the
    steadier comparison (SQLite runs in-process, so both sides are counted the same way)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = function(*args)
    return (time.perf_counter() - wall, time.process_time() - cpu), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--modules", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-sizes", default="1000,10000")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child-memory", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--html", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory is not None:
        child_memory(args.child_memory, args.modules, args.tracemalloc, args.html)
        return

    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    course = synthetic_course(args.modules)
    print(
        f"{args.learners} learners x {args.modules} modules "
        f"({len(course.quizzes)} quizzes of {QUESTIONS_PER_QUIZ} questions), work folder {work}"
    )
    root = work / "data"
    db_path = work / "baseline.sqlite"
    if not root.exists():
        seconds, _ = timed(write_folder, root, args.learners, args.modules)
        size = sum(p.stat().st_size for p in (root / "learners").iterdir()) / 2**20
        print(f"generated learner files: {seconds:.1f} s, {size:.0f} MiB")
    if not db_path.exists():
        seconds, _ = timed(write_sqlite, db_path, args.learners, args.modules, course)
        print(
            f"generated SQLite baseline: {seconds:.1f} s, {db_path.stat().st_size / 2**20:.0f} MiB"
        )

    names = (
        "csv ours",
        "csv sqlite",
        "filtered ours",
        "filtered sqlite",
        "store read",
        "report ours",
        "report sqlite",
        "html report",
    )
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    rows = 0
    for run in range(args.runs):
        measured, rows = timed_both(our_csv, root, course, work / "ours.csv")
        times["csv ours"].append(measured)
        measured, base_rows = timed_both(baseline_csv, db_path, work / "baseline.csv", course)
        times["csv sqlite"].append(measured)
        if rows != base_rows or not same_bytes(work / "ours.csv", work / "baseline.csv"):
            raise SystemExit(
                f"the two CSV files differ (rows: ours {rows}, baseline {base_rows}); compare "
                f"{work / 'ours.csv'} and {work / 'baseline.csv'}"
            )
        measured, filtered_rows = timed_both(our_csv, root, course, work / "ours-f.csv", True)
        times["filtered ours"].append(measured)
        measured, base_rows = timed_both(
            baseline_csv, db_path, work / "baseline-f.csv", course, True
        )
        times["filtered sqlite"].append(measured)
        if filtered_rows != base_rows or not same_bytes(
            work / "ours-f.csv", work / "baseline-f.csv"
        ):
            raise SystemExit(
                f"the filtered CSV files differ (rows: ours {filtered_rows}, baseline "
                f"{base_rows}); compare {work / 'ours-f.csv'} and {work / 'baseline-f.csv'}"
            )
        measured, _ = timed_both(store_read_only, root)
        times["store read"].append(measured)
        measured, _ = timed_both(our_report, root, course)
        times["report ours"].append(measured)
        measured, _ = timed_both(baseline_report, db_path)
        times["report sqlite"].append(measured)
        measured, _ = timed_both(our_html_report, root, course, work / "report.html")
        times["html report"].append(measured)
        print(
            f"run {run + 1} (wall / cpu s): "
            + ", ".join(f"{n} {times[n][-1][0]:.2f}/{times[n][-1][1]:.2f}" for n in names)
        )

    def median(name: str, kind: int) -> float:
        return statistics.median(pair[kind] for pair in times[name])

    def paired_ratio(
        kind: int, ours_name: str = "csv ours", base_name: str = "csv sqlite"
    ) -> float:
        """Median of each run's ours / baseline: both ran back to back under the same load."""
        pairs = zip(times[ours_name], times[base_name], strict=True)
        return statistics.median(ours[kind] / base[kind] for ours, base in pairs)

    print(
        f"Medians over {args.runs} runs, {rows} CSV rows (the baseline's file is byte for byte "
        f"ours, checked each run); load average now "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs:"
    )
    for kind, label in ((0, "wall"), (1, "cpu ")):
        ours, base = median("csv ours", kind), median("csv sqlite", kind)
        read = median("store read", kind)
        rep_ours, rep_base = median("report ours", kind), median("report sqlite", kind)
        print(
            f"  {label}: CSV export ours {ours:.2f} s ({1000 * ours / args.learners:.2f} ms per "
            f"learner), SQLite json_extract {base:.2f} s, ratio {ours / base:.2f}x (goal <= 1.5x;"
            f" median of per-run ratios {paired_ratio(kind):.2f}x);"
            f" store read alone {read:.2f} s = {read / base:.2f}x the whole baseline;"
            f" report ours {rep_ours:.2f} s vs SQLite module GROUP BY {rep_base:.2f} s"
        )
        f_ours, f_base = median("filtered ours", kind), median("filtered sqlite", kind)
        print(
            f"  {label}: filtered (--team {FILTER_TEAM} --status in-progress, {filtered_rows} rows)"
            f" ours {f_ours:.2f} s, SQLite {f_base:.2f} s, ratio {f_ours / f_base:.2f}x"
            f" (median of per-run ratios"
            f" {paired_ratio(kind, 'filtered ours', 'filtered sqlite'):.2f}x)"
        )

    for kind, label in ((0, "wall"), (1, "cpu ")):
        html, csv_time = median("html report", kind), median("csv ours", kind)
        print(
            f"  {label}: HTML report {html:.2f} s vs CSV export {csv_time:.2f} s: "
            f"{html / csv_time:.2f}x (goal <= 2x; median of per-run ratios "
            f"{paired_ratio(kind, 'html report', 'csv ours'):.2f}x)"
        )

    print("Peak memory of a CSV export, fresh child process per size:")
    for size in [int(s) for s in args.memory_sizes.split(",") if s]:
        folder = root if size == args.learners else work / f"data-{size}"
        if not folder.exists():
            write_folder(folder, size, args.modules)
        rss = measure_memory(folder, args.modules, use_tracemalloc=False)
        traced = measure_memory(folder, args.modules, use_tracemalloc=True)
        print(
            f"  {size:>6} learners: peak RSS {rss['maxrss_mib']:.1f} MiB, "
            f"tracemalloc peak {traced['tracemalloc_peak_mib']:.2f} MiB ({rss['rows']} rows)"
        )
    print("Peak memory of the HTML report, fresh child process per size:")
    for size in [int(s) for s in args.memory_sizes.split(",") if s]:
        folder = root if size == args.learners else work / f"data-{size}"
        rss = measure_memory(folder, args.modules, use_tracemalloc=False, html=True)
        traced = measure_memory(folder, args.modules, use_tracemalloc=True, html=True)
        print(
            f"  {size:>6} learners: peak RSS {rss['maxrss_mib']:.1f} MiB, "
            f"tracemalloc peak {traced['tracemalloc_peak_mib']:.2f} MiB "
            f"({rss['rows']} characters of HTML)"
        )
    if args.workdir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
