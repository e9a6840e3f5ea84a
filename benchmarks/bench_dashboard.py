"""Coordinator dashboard with many learners: reading the folder, and filling the table.

Prints medians (3 runs) for N learners on the sample course:

- `load_overview`: the worker's one pass over the data folder (rows + report counters);
- filling the DataTable with one page (what the dashboard does) versus with every learner
  (what a single-table dashboard would do), measured side by side in the same headless app,
  which is why the table is paged;
- filter + sort of all rows in memory (what each keystroke in the search box costs).

The learners are written once through the real store API (a few templates in different
states) and then cloned file by file with new ids, re-sealing each clone's policy hash chain,
because registering 10,000 people one by one through the e-mail index takes far longer than
the measurement itself.

Run: /work/venv/bin/python benchmarks/bench_dashboard.py [N] [--keep DIR]
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.tui.coordinator.cohort import fill_cohort  # noqa: E402
from trainer.content.loader import load_course  # noqa: E402
from trainer.content.models import Course  # noqa: E402
from trainer.store import chain  # noqa: E402
from trainer.store.folder import DataFolder  # noqa: E402
from trainer.store.schema import META, POLICY, PROFILE  # noqa: E402
from trainer.tui.coordinator.overview import LearnerFilter, arrange, load_overview  # noqa: E402


def mini_course() -> Course:
    course = load_course(REPO / "tests" / "fixtures" / "mini_course").course
    assert course is not None
    return course


def clone_learners(folder: DataFolder, count: int) -> None:
    """`count` learners: clones of the store-written cohort, each with its own id and chain."""
    templates = [json.loads(p.read_bytes()) for p in sorted(folder.learners_dir.glob("*.json"))]
    for path in folder.learners_dir.glob("*.json"):
        path.unlink()
    teams = ["Sprzedaż", "Marketing", "IT", "HR", "Finanse", "Logistyka"]
    for number in range(count):
        tables = json.loads(json.dumps(templates[number % len(templates)]))
        learner_id = f"learner-{number:05d}"
        profile = next(iter(tables[PROFILE].values()))
        profile.update(
            learner_id=learner_id,
            name=f"Osoba {number:05d}",
            email=f"osoba{number}@example.com",
            team=teams[number % len(teams)],
        )
        meta = next(iter(tables[META].values()))
        meta["learner_id"] = learner_id
        previous = chain.GENESIS_HASH
        for key in sorted(tables[POLICY], key=int):
            document = {**tables[POLICY][key], "learner_id": learner_id}
            tables[POLICY][key] = sealed = chain.seal(document, previous)
            previous = sealed["record_hash"]
        if tables[POLICY]:
            meta["policy_chain_head"] = previous
        (folder.learners_dir / f"{learner_id}.json").write_text(
            json.dumps(tables, ensure_ascii=False), encoding="utf-8"
        )


def median_seconds(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def table_fill_times(rows: list[list[Text]], page: int) -> tuple[float, float]:
    """Seconds until the DataTable has laid out `page` rows, and all rows (same app)."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable[Text]()

    async def fill(table: DataTable[Text], chosen: list[list[Text]]) -> float:
        start = time.perf_counter()
        table.clear(columns=True)
        for column in range(len(chosen[0])):
            table.add_column(Text(f"c{column}"), key=str(column))
        table.add_rows(chosen)
        await app_pilot.pause()
        return time.perf_counter() - start

    app = TableApp()
    async with app.run_test(size=(100, 30)) as app_pilot:
        table = app.query_one(DataTable)
        page_times = [await fill(table, rows[:page]) for _ in range(3)]
        all_times = [await fill(table, rows) for _ in range(3)]
    return statistics.median(page_times), statistics.median(all_times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10_000
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    course = mini_course()
    root = keep or Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    shutil.rmtree(root, ignore_errors=True)
    folder = DataFolder(root)
    fill_cohort(folder, course)
    clone_learners(folder, count)
    try:
        load = median_seconds(lambda: load_overview(folder, course))
        overview = load_overview(folder, course)
        assert len(overview.rows) == count, len(overview.rows)
        search = median_seconds(
            lambda: arrange(overview.rows, LearnerFilter(search="osoba 12"), "progress", True),
            runs=5,
        )
        from trainer.tui.coordinator.screens.dashboard import PAGE_SIZE

        cells = [
            [Text(r.name), Text(r.email), Text(r.team), Text(r.status), Text(f"{r.progress:.0%}")]
            + [Text("x")] * 4
            for r in overview.rows
        ]
        page, everyone = asyncio.run(table_fill_times(cells, PAGE_SIZE))
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"learners: {count} (mini course), medians of 3 runs")
    print(
        f"load_overview (worker thread):      {load:8.3f} s  ({load / count * 1e3:.3f} ms/learner)"
    )
    print(f"filter + sort all rows (keystroke): {search * 1e3:8.1f} ms")
    print(f"DataTable, one page of {PAGE_SIZE}:        {page * 1e3:8.1f} ms")
    print(f"DataTable, all {count} rows:         {everyone * 1e3:8.1f} ms")
    print(f"ratio all / page:                   {everyone / page:8.1f}x")


if __name__ == "__main__":
    main()
