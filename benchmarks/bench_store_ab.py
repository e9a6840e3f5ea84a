"""One progress save, two versions of the store side by side: saves interleaved in one run.

`bench_store.py` runs take minutes, and on a shared machine the load changes between a run of
the old code and a run of the new, so its figures cannot compare two versions. This starts one
worker process per source tree (each imports its own `trainer`), builds the same 10 learners of
500 records in each, and alternates single saves between them (order flipped every round), so
both see the same disk and the same noise. It prints p50 and p95 of each and their ratio.

    git worktree add /tmp/trainer-before <old commit>
    python benchmarks/bench_store_ab.py --before /tmp/trainer-before --after . [--saves 400]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORDS = 500
LEARNERS = 10


def worker(tree: Path, where: Path) -> None:
    """Build the learners with `tree`'s store, then time one save per line read from stdin."""
    sys.path.insert(0, str(tree / "benchmarks"))
    import orjson
    from bench_store import PLACEHOLDER, learner_documents

    from trainer.learning.records import ModuleProgress
    from trainer.store import DataFolder
    from trainer.store.atomic import write_atomically

    folder = DataFolder(Path(tempfile.mkdtemp(dir=where)))
    tables, _ = learner_documents(RECORDS)
    template = orjson.dumps(tables)
    folder.learners_dir.mkdir(parents=True, exist_ok=True)
    ids = [f"learner-{n:04d}" for n in range(LEARNERS)]
    for learner_id in ids:
        data = template.replace(PLACEHOLDER.encode(), learner_id.encode())
        write_atomically(folder.learner_path(learner_id), data)
    stores = [folder.learner(learner_id) for learner_id in ids]
    print("ready", flush=True)
    for n, _line in enumerate(sys.stdin):
        progress = ModuleProgress(module_id="00-module", page=n % 4, pages_seen=[0, 1, 2, 3])
        started = time.perf_counter()
        stores[n % LEARNERS].save_module_progress(progress)
        print(time.perf_counter() - started, flush=True)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="source tree of the old code")
    parser.add_argument("--after", type=Path, required=True, help="source tree of the new code")
    parser.add_argument("--saves", type=int, default=400, help="timed saves per version")
    parser.add_argument("--dir", type=Path, default=None, help="where to build the data")
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    where = args.dir or Path(tempfile.mkdtemp(prefix="bench-store-ab-"))
    if args.worker is not None:
        worker(args.worker, where)
        return
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    workers = {
        name: subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--before",
                ".",
                "--after",
                ".",
                "--dir",
                str(where),
                "--worker",
                str(tree),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tempfile.gettempdir(),  # not a tree: each worker imports its own `trainer`
            env={**os.environ, "PYTHONPATH": str(tree)},
        )
        for name, tree in trees.items()
    }
    for process in workers.values():
        assert process.stdin is not None and process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    samples: dict[str, list[float]] = {name: [] for name in trees}
    load_before = os.getloadavg()
    for round_number in range(args.saves):
        order = list(trees) if round_number % 2 == 0 else list(reversed(trees))
        for name in order:
            process = workers[name]
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write("save\n")
            process.stdin.flush()
            samples[name].append(float(process.stdout.readline()))
    for process in workers.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    print(f"load average at start {load_before[0]:.2f}, at the end {os.getloadavg()[0]:.2f}")
    for name, tree in trees.items():
        print(
            f"{name:6} {tree}: p50 {percentile(samples[name], 0.5):.2f} ms, "
            f"p95 {percentile(samples[name], 0.95):.2f} ms "
            f"({args.saves} saves, {RECORDS} records, {LEARNERS} learners)"
        )
    for q, label in ((0.5, "p50"), (0.95, "p95")):
        ratio = percentile(samples["after"], q) / percentile(samples["before"], q)
        print(f"after / before {label}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
