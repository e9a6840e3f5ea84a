"""Latency of one progress save: the TinyDB learner store next to SQLite, in the same run.

For 50 and 500 records per learner and 10, 1,000 and 10,000 learners in the data folder, it
times `LearnerStore.save_module_progress` (lock, read the learner's file, upsert one module,
write a temporary file, fsync, rename, fsync the folder) and the same logical write in SQLite
(WAL, synchronous=FULL, one upsert per transaction, all learners in one database). The two are
interleaved save by save, and the three folder sizes are measured round-robin in the same
loop, so every figure sees the same machine noise. A third column shows the
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
        self.active: list[str] = []
        self.stores: dict[str, LearnerStore] = {}
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

    def save_once(self, backend: str, n: int, rng: random.Random) -> float:
        """Time one save of `backend` ("store", "sqlite" or "floor") for a random learner."""
        learner_id = rng.choice(self.active)
        progress = ModuleProgress(
            module_id=f"{n % MODULES_PER_LEARNER:02d}-module", page=n, pages_seen=[0, 1]
        )
        began = time.perf_counter()
        if backend == "store":
            self.stores[learner_id].save_module_progress(progress)
        elif backend == "floor":
            write_atomically(self.folder.root / "floor.json", self.template)
        else:
            self.sqlite.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?) ON CONFLICT "
                "(learner_id, kind, key) DO UPDATE SET doc = excluded.doc",
                (
                    learner_id,
                    "module",
                    f"{n % MODULES_PER_LEARNER:05d}",
                    progress.model_dump_json(),
                ),
            )
        return time.perf_counter() - began

    def pick_active(self, rng: random.Random, count: int = 10) -> None:
        """The learners who are "using the app" while we measure."""
        self.active = rng.sample(self.learners, min(count, len(self.learners)))
        self.stores = {i: LearnerStore(self.folder, i) for i in self.active}


BACKENDS = ("store", "sqlite", "floor")
WARM_UP = 10


def measure_together(
    scenarios: list[Scenario], saves: int, rng: random.Random
) -> list[dict[str, Latency]]:
    """Round-robin over scenarios and backends, so every one sees the same machine noise."""
    times: list[dict[str, list[float]]] = [{b: [] for b in BACKENDS} for _ in scenarios]
    for n in range(saves + WARM_UP):
        order = list(range(len(scenarios)))
        rng.shuffle(order)
        for index in order:
            backends = list(BACKENDS)
            rng.shuffle(backends)
            for backend in backends:
                elapsed = scenarios[index].save_once(backend, n, rng)
                if n >= WARM_UP:
                    times[index][backend].append(elapsed)
    return [{b: percentiles(t[b]) for b in BACKENDS} for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=200, help="timed saves per scenario")
    parser.add_argument("--dir", type=Path, default=None, help="where to build the data")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: dict[tuple[int, int], dict[str, Latency]] = {}
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
            scenarios = []
            for learners in LEARNER_COUNTS:
                scenario = Scenario(workdir / f"learners-{learners}", records)
                scenario.grow_to(learners)
                scenario.pick_active(rng)
                scenarios.append(scenario)
            measured = measure_together(scenarios, args.saves, rng)
            for learners, latency in zip(LEARNER_COUNTS, measured, strict=True):
                results[(records, learners)] = latency
                store, sqlite, floor = latency["store"], latency["sqlite"], latency["floor"]
                print(
                    f"{records:>7} {learners:>8,} | {store.p50_ms:>7.2f}ms "
                    f"{store.p95_ms:>5.2f}ms | {sqlite.p50_ms:>8.2f}ms {sqlite.p95_ms:>5.2f}ms | "
                    f"{store.p50_ms / sqlite.p50_ms:>15.2f}x "
                    f"{store.p95_ms / sqlite.p95_ms:>5.2f}x | "
                    f"{floor.p50_ms:>7.2f}ms {floor.p95_ms:>5.2f}ms",
                    flush=True,
                )
            for scenario in scenarios:
                scenario.sqlite.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    print("\nFlat in the number of learners (10,000 vs 10, p50 and p95):")
    for records in RECORD_COUNTS:
        small, large = results[(records, 10)], results[(records, 10_000)]
        for backend in BACKENDS:
            p50 = large[backend].p50_ms / small[backend].p50_ms
            p95 = large[backend].p95_ms / small[backend].p95_ms
            print(f"  {records:>3} records, {backend:<6}: {p50:.2f}x  {p95:.2f}x")
    worst_p95 = max(results[(500, n)]["store"].p95_ms for n in LEARNER_COUNTS)
    flat = results[(500, 10_000)]["store"].p50_ms / results[(500, 10)]["store"].p50_ms
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
