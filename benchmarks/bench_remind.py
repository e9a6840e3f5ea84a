"""`trainer remind --dry-run` over many learners: time per learner and flat memory.

Run:  python benchmarks/bench_remind.py [--sizes 1000,10000] [--modules 30] [--workdir DIR]

For each size, a data folder is generated with bench_export's generator (the same synthetic
course and learners; one in four has a past due date) and, in a fresh child process, every
learner who is not complete is "reminded" with `--dry-run` semantics: the real
`trainer.reminders.sending.remind` over a `LearnerSource`, a Polish template rendered per
learner (Babel dates and percentages) and one `.eml` file written per learner. The child
prints its wall time, its peak RSS (`VmHWM`) and, in a second child, the tracemalloc peak:
streaming means memory does not grow with the number of learners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import peak_rss_mib, synthetic_course, write_folder

from trainer.export.selection import LearnerSource
from trainer.reminders.sending import EmlOutbox, ReminderRun, remind
from trainer.reminders.templates import load_templates
from trainer.store.folder import DataFolder

TEMPLATE = """---
subject: "Przypomnienie: {course}, termin {due}"
---
Dzień dobry {name},

masz za sobą {progress} szkolenia. Termin ukończenia: {due}.
Szkolenie: {link}
"""


def child(root: Path, modules: int, out: Path, use_tracemalloc: bool) -> None:
    course = synthetic_course(modules)
    course_dir = out.parent / "course"
    (course_dir / "reminders").mkdir(parents=True, exist_ok=True)
    (course_dir / "reminders" / "default.pl.md").write_text(TEMPLATE, encoding="utf-8")
    templates = load_templates(course_dir, ["pl"], "pl")
    run = ReminderRun(
        course=course,
        templates=templates,
        sender="HR <hr@firma.pl>",
        link="https://szkolenia.firma.pl/",
        interval=dt.timedelta(days=7),
        dry_run=True,
    )
    if use_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    source = LearnerSource(DataFolder(root), course=course)
    outcome = remind(run, source, EmlOutbox(out))
    seconds = time.perf_counter() - started
    result = {"messages": outcome.count, "complete": outcome.complete, "seconds": seconds}
    result["maxrss_mib"] = peak_rss_mib()
    if use_tracemalloc:
        result["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(result))


def measure(root: Path, modules: int, out: Path, use_tracemalloc: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(root), "--modules", str(modules)]
    command += ["--out", str(out)] + (["--tracemalloc"] if use_tracemalloc else [])
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--modules", type=int, default=30)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.modules, args.out, args.tracemalloc)
        return
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-remind-"))
    print(f"trainer remind --dry-run, {args.modules} modules, work folder {work}")
    for size in [int(s) for s in args.sizes.split(",") if s]:
        root = work / f"data-{size}"
        if not root.exists():
            write_folder(root, size, args.modules)
        timed = measure(root, args.modules, work / f"eml-{size}", use_tracemalloc=False)
        traced = measure(root, args.modules, work / f"eml-{size}", use_tracemalloc=True)
        per = 1000 * timed["seconds"] / size
        print(
            f"  {size:>6} learners: {int(timed['messages'])} .eml written "
            f"({int(timed['complete'])} complete skipped) in {timed['seconds']:.1f} s "
            f"({per:.2f} ms per learner); peak RSS {timed['maxrss_mib']:.1f} MiB, "
            f"tracemalloc peak {traced['tracemalloc_peak_mib']:.2f} MiB"
        )
    if args.workdir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
