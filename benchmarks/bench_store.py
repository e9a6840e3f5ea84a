"""Latency of one progress save: the TinyDB learner store next to SQLite, in the same run.

For 50 and 500 records per learner and 10, 1,000 and 10,000 learners in the data folder, it
times `LearnerStore.save_module_progress` (lock, read the learner's file, upsert one module,
write a temporary file, fsync, rename, fsync the folder) and the same logical write in SQLite
(WAL, synchronous=FULL, one upsert per transaction, all learners in one database). The two are
interleaved save by save so both see the same machine noise, together with a third column, the
"floor": `write_atomically` of a file of the same size alone (write, fsync, rename, fsync the
folder), which is what durability costs on this disk at that moment whatever the store does.

A "record" is one stored document: 12 module-progress documents, one profile, one quiz attempt
and answers for the rest. Learner files are generated directly from one prepared JSON document
(the store's own format), SQLite rows with `executemany`; both are synced to disk before timing.

Goals (issue 4): p95 <= 10 ms at 500 records per learner; 10,000 vs 10 learners within 1.3x.

    python benchmarks/bench_store.py [--saves 200] [--dir /var/tmp]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from trainer.learning.records import (
    AnswerRecord,
    LearnerProfile,
    ModuleProgress,
    QuizAttempt,
)
from trainer.store import DataFolder, LearnerStore
from trainer.store.atomic import write_atomically
from trainer.store.schema import ANSWERS, ATTEMPTS, MODULES, PROFILE, new_tables

RECORD_COUNTS = (50, 500)
LEARNER_COUNTS = (10, 1_000, 10_000)
MODULES_PER_LEARNER = 12
PLACEHOLDER = "learner-placeholder-0000"


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p95_ms: float


def percentiles(samples: list[float]) -> Latency:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Latency(statistics.median(ordered) * 1000, p95 * 1000)


def learner_documents(records: int) -> tuple[dict[str, dict[str, dict[str, object]]], list[str]]:
    """The tables of one learner holding `records` documents, and their JSON rows for SQLite."""
    tables = new_tables(PLACEHOLDER)
    profile = LearnerProfile(
        learner_id=PLACEHOLDER, name="Anna Kowalska", email=f"{PLACEHOLDER}@example.com"
    )
    tables[PROFILE]["1"] = profile.model_dump(mode="json")
    for n in range(MODULES_PER_LEARNER):
        module = ModuleProgress(module_id=f"{n:02d}-module", page=3, pages_seen=[0, 1, 2, 3])
        tables[MODULES][str(n + 1)] = module.model_dump(mode="json")
    attempt = QuizAttempt(
        attempt_id="a" * 32,
        quiz_id="quiz-01",
        number=1,
        seed=7,
        question_ids=[f"q{n}" for n in range(10)],
        language="pl",
    )
    tables[ATTEMPTS]["1"] = attempt.model_dump(mode="json", exclude={"answers"})
    answers = records - MODULES_PER_LEARNER - 2
    for n in range(answers):
        answer = AnswerRecord(
            question_id=f"q{n % 10}", response=[1, 3], points=1.0, max_points=1, correct=True
        )
        tables[ANSWERS][str(n + 1)] = {"attempt_id": "a" * 32, **answer.model_dump(mode="json")}
    rows = [orjson.dumps(doc).decode() for table in tables.values() for doc in table.values()]
    return tables, rows


class Scenario:
    """One data folder and one SQLite database, grown learner by learner."""

    def __init__(self, workdir: Path, records: int) -> None:
        self.records = records
        self.folder = DataFolder(workdir / "data")
        self.folder.learners_dir.mkdir(parents=True)
        tables, self.rows = learner_documents(records)
        self.template = orjson.dumps(tables)
        self.learners: list[str] = []
        self.sqlite = sqlite3.connect(workdir / "trainer.sqlite3", isolation_level=None)
        self.sqlite.execute("PRAGMA journal_mode=WAL")
        self.sqlite.execute("PRAGMA synchronous=FULL")
        self.sqlite.execute(
            "CREATE TABLE documents (learner_id TEXT, kind TEXT, key TEXT, doc TEXT, "
            "PRIMARY KEY (learner_id, kind, key)) WITHOUT ROWID"
        )

    def grow_to(self, learners: int) -> None:
        start = len(self.learners)
        new_ids = [f"learner-{n:05d}" for n in range(start, learners)]
        placeholder = PLACEHOLDER.encode()
        for learner_id in new_ids:
            data = self.template.replace(placeholder, learner_id.encode())
            (self.folder.learners_dir / f"{learner_id}.json").write_bytes(data)
        self.sqlite.execute("BEGIN")
        self.sqlite.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            (
                (learner_id, "module" if n < MODULES_PER_LEARNER else "other", f"{n:05d}", row)
                for learner_id in new_ids
                for n, row in enumerate(self.rows)
            ),
        )
        self.sqlite.execute("COMMIT")
        self.sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.learners.extend(new_ids)
        os.sync()

    def measure(self, saves: int, rng: random.Random) -> tuple[Latency, Latency, Latency]:
        stores = {i: LearnerStore(self.folder, i) for i in rng.sample(self.learners, 10)}
        floor_path = self.folder.root / "floor.json"
        times: dict[str, list[float]] = {"store": [], "sqlite": [], "floor": []}
        for n in range(saves + 10):
            learner_id = rng.choice(list(stores))
            progress = ModuleProgress(
                module_id=f"{n % MODULES_PER_LEARNER:02d}-module", page=n, pages_seen=[0, 1]
            )
            row = (
                learner_id,
                "module",
                f"{n % MODULES_PER_LEARNER:05d}",
                progress.model_dump_json(),
            )
            order = ("store", "sqlite", "floor") if n % 2 else ("floor", "sqlite", "store")
            for backend in order:
                began = time.perf_counter()
                if backend == "store":
                    stores[learner_id].save_module_progress(progress)
                elif backend == "floor":
                    write_atomically(floor_path, self.template)
                else:
                    self.sqlite.execute(
                        "INSERT INTO documents VALUES (?, ?, ?, ?) ON CONFLICT "
                        "(learner_id, kind, key) DO UPDATE SET doc = excluded.doc",
                        row,
                    )
                elapsed = time.perf_counter() - began
                if n >= 10:  # the first saves warm the caches
                    times[backend].append(elapsed)
        return (
            percentiles(times["store"]),
            percentiles(times["sqlite"]),
            percentiles(times["floor"]),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=200, help="timed saves per scenario")
    parser.add_argument("--dir", type=Path, default=None, help="where to build the data")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: dict[tuple[int, int], tuple[Latency, Latency, Latency]] = {}
    started = time.perf_counter()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'records':>7} {'learners':>8} | {'store p50':>9} {'p95':>7} | "
        f"{'SQLite p50':>10} {'p95':>7} | {'store/SQLite p50':>16} {'p95':>6} | "
        f"{'floor p50':>9} {'p95':>7}"
    )
    for records in RECORD_COUNTS:
        workdir = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
        try:
            scenario = Scenario(workdir, records)
            for learners in LEARNER_COUNTS:
                scenario.grow_to(learners)
                store, sqlite, floor = scenario.measure(args.saves, rng)
                results[(records, learners)] = (store, sqlite, floor)
                print(
                    f"{records:>7} {learners:>8,} | {store.p50_ms:>7.2f}ms "
                    f"{store.p95_ms:>5.2f}ms | {sqlite.p50_ms:>8.2f}ms {sqlite.p95_ms:>5.2f}ms | "
                    f"{store.p50_ms / sqlite.p50_ms:>15.2f}x "
                    f"{store.p95_ms / sqlite.p95_ms:>5.2f}x | "
                    f"{floor.p50_ms:>7.2f}ms {floor.p95_ms:>5.2f}ms",
                    flush=True,
                )
            scenario.sqlite.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    print("\nFlat in the number of learners (10,000 vs 10, p50 and p95):")
    for records in RECORD_COUNTS:
        small, large = results[(records, 10)], results[(records, 10_000)]
        for name, index in (("store", 0), ("SQLite", 1), ("floor", 2)):
            p50 = large[index].p50_ms / small[index].p50_ms
            p95 = large[index].p95_ms / small[index].p95_ms
            print(f"  {records:>3} records, {name:<6}: {p50:.2f}x  {p95:.2f}x")
    worst_p95 = max(results[(500, n)][0].p95_ms for n in LEARNER_COUNTS)
    flat = results[(500, 10_000)][0].p50_ms / results[(500, 10)][0].p50_ms
    print("\nGoals:")
    print(
        f"  store p95 at 500 records <= 10 ms: {worst_p95:.2f} ms "
        f"{'PASS' if worst_p95 <= 10 else 'FAIL'}"
    )
    print(
        f"  store 10,000 vs 10 learners (p50, 500 records) <= 1.3x: {flat:.2f}x "
        f"{'PASS' if flat <= 1.3 else 'FAIL'}"
    )
    print(
        f"\n(ran in {time.perf_counter() - started:.0f} s; load average at the end: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )


if __name__ == "__main__":
    main()
