"""Load-and-validate time for a large course, next to markdown-it-py parsing the same files.

Builds a synthetic course of 200 modules (about 1 MB of Markdown) plus quizzes in a temporary
folder, then times, in the same run and alternating:

- `load_course()`: reading, front matter, schema checks, pages, questions, links, translations
  and every cross-file check;
- markdown-it-py alone (plain CommonMark, already-read text) parsing the same files.

Prints the medians and their ratio; the goal is a ratio of at most 2.

    python benchmarks/bench_content.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from trainer.content.loader import load_course

MODULES = 200
QUIZZES = 40
QUESTIONS_PER_QUIZ = 10
PAGES_PER_MODULE = 6

COURSE_YML = """\
title: {pl: Kurs syntetyczny, en: Synthetic course}
organisation: Benchmark
default_language: pl
languages: [pl]
tracks:
  - id: basics
    title: Basics
  - id: advanced
    title: Advanced
policy: rules
"""

PARAGRAPH = (
    "Ambasador dzieli się **wiedzą** o firmie w sieciach społecznościowych, a każdy post "
    "oznacza relację z pracodawcą. Zobacz [zasady](../policy/rules.md) i _przykłady_ "
    "dobrych praktyk, a przy wątpliwościach zapytaj koordynatora programu.\n"
)


def module_text(number: int) -> str:
    requires = f"requires: [m{number - 1:03d}]\n" if number > 1 else ""
    track = "basics" if number % 2 else "advanced"
    quiz = f"quiz: q{number % QUIZZES:03d}\n"
    pages = [f"Wprowadzenie do modułu {number}.\n\n{PARAGRAPH}\n{PARAGRAPH}"]
    for page in range(1, PAGES_PER_MODULE):
        pages.append(
            f"## Strona {page}\n\n{PARAGRAPH}\n- punkt pierwszy\n- punkt drugi\n- punkt trzeci\n\n"
            f"> Cytat z dobrym przykładem, który warto zapamiętać.\n\n{PARAGRAPH}\n"
            f"| Sieć | Ton |\n|---|---|\n| LinkedIn | ekspercki |\n\n{PARAGRAPH}"
        )
    return (
        f"---\nid: m{number:03d}\ntitle: Moduł {number}\ntrack: {track}\nminutes: 10\n"
        f"{requires}{quiz}summary: Moduł numer {number}.\n---\n" + "\n".join(pages)
    )


def quiz_text(number: int) -> str:
    questions = []
    for q in range(QUESTIONS_PER_QUIZ):
        kind = q % 4
        heading = f"## Pytanie {q} o zasady programu? {{#q{q} points=2}}\n\n> Podpowiedź.\n\n"
        if kind == 0:
            answers = "1. [x] Tak\n   > Dobrze.\n2. [ ] Nie\n   > Źle.\n3. [ ] Nie wiem\n"
        elif kind == 1:
            answers = "- [x] Pierwsza\n- [ ] Druga\n- [x] Trzecia\n"
        elif kind == 2:
            heading = f"## Wpisz słowo [[ambasador|ambasadorka]] {{#q{q}}}\n\n"
            answers = ""
        else:
            answers = "1. Przeczytaj\n2. Napisz\n3. Oznacz\n4. Opublikuj\n"
        questions.append(f"{heading}{answers}\nWyjaśnienie: {PARAGRAPH}")
    return (
        f"---\nid: q{number:03d}\ntitle: Quiz {number}\npass: 0.8\nattempts: 3\n"
        "grading: highest\nshuffle: answers\ndraw: 5\n---\nWstęp do quizu.\n\n"
        + "\n".join(questions)
    )


def build_course(root: Path) -> list[Path]:
    (root / "modules").mkdir(parents=True)
    (root / "quizzes").mkdir()
    (root / "policy").mkdir()
    (root / "course.yml").write_text(COURSE_YML, encoding="utf-8")
    policy = '---\nid: rules\ntitle: Zasady\nversion: "1"\neffective: 2026-01-01\n---\n'
    (root / "policy/rules.md").write_text(policy + PARAGRAPH * 20, encoding="utf-8")
    for number in range(1, MODULES + 1):
        path = root / f"modules/{number:03d}-module-{number}.md"
        path.write_text(module_text(number), encoding="utf-8")
    for number in range(QUIZZES):
        (root / f"quizzes/q{number:03d}.md").write_text(quiz_text(number), encoding="utf-8")
    return sorted(root.glob("*/*.md"))


def timed(action: object) -> tuple[float, float]:
    """(wall, CPU) seconds: CPU time is steadier on a machine shared with other work."""
    assert callable(action)
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - start_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-content-") as folder:
        root = Path(folder) / "course"
        files = build_course(root)
        texts = [f.read_text(encoding="utf-8") for f in files]
        module_bytes = sum(f.stat().st_size for f in files if f.parent.name == "modules")
        total_bytes = sum(f.stat().st_size for f in files)
        markdown = MarkdownIt("commonmark")

        def parse_only() -> None:
            for text in texts:
                markdown.parse(text)

        first = load_course(root)
        if not first.ok:
            for d in first.errors[:10]:
                print(d.format(), file=sys.stderr)
            return 1
        assert first.course is not None and len(first.course.modules) == MODULES

        load_times, parse_times = [], []
        for _ in range(runs):
            load_times.append(timed(lambda: load_course(root)))
            parse_times.append(timed(parse_only))
        load_median = statistics.median(t[0] for t in load_times)
        parse_median = statistics.median(t[0] for t in parse_times)
        load_cpu = statistics.median(t[1] for t in load_times)
        parse_cpu = statistics.median(t[1] for t in parse_times)
    print(
        f"course: {MODULES} modules ({module_bytes / 1e6:.2f} MB), {QUIZZES} quizzes x "
        f"{QUESTIONS_PER_QUIZ} questions, {len(files)} files, {total_bytes / 1e6:.2f} MB"
    )
    print(f"runs: {runs} (median; load and parse alternate in the same process)")
    print(f"load_course (read + validate + build):  {load_median * 1000:8.1f} ms")
    print(f"markdown-it-py parse alone (same text): {parse_median * 1000:8.1f} ms")
    print(f"CPU time, same runs: {load_cpu * 1000:.1f} ms vs {parse_cpu * 1000:.1f} ms")
    ratio = load_median / parse_median
    print(f"ratio: {ratio:.2f} (goal <= 2.00) {'OK' if ratio <= 2 else 'OVER GOAL'}")
    print(f"CPU ratio: {load_cpu / parse_cpu:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
