"""Where a forked session's unique memory (USS) comes from, stage by stage.

Prepares a parent as the fork server does (imports Textual and every screen, loads the course,
runs the warm-up, `gc.collect()` + `gc.freeze()`), forks one child and prints the child's USS
(Private_Clean + Private_Dirty of /proc/self/smaps_rollup) after each stage of starting a tab:
the event loop, a bare Textual `App()`, a second one, the learner app, the app running, the
sign-in screen drawn. With `--trace`, also how much the child allocated in Python objects
(tracemalloc), which tells copy-on-write of the parent's pages apart from new allocations.

    python benchmarks/session_memory_stages.py [--warm-ups N] [--trace]

The app runs headless (`run_test`, 100x36) rather than under the web driver, so the figures are
a little below `bench_serve.py`'s; the stages are what matter.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import os
import pkgutil
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.serve.fork_server import TEXTUAL_SERVE_ENVIRONMENT  # noqa: E402

MiB = 1024 * 1024


def uss_mib() -> float:
    fields: dict[str, int] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
            fields[parts[0][:-1]] = int(parts[1])
    return (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024


def prepare_parent(warm_ups: int) -> object:
    os.environ.update(TEXTUAL_SERVE_ENVIRONMENT)
    from trainer.content.loader import load_course

    course = load_course(ROOT / "tests" / "fixtures" / "mini_course").course
    assert course is not None
    import textual.drivers.web_driver  # noqa: F401

    import trainer.tui

    for module in pkgutil.walk_packages(trainer.tui.__path__, "trainer.tui."):
        importlib.import_module(module.name)
    from trainer.serve.server import _warm_up

    for _ in range(warm_ups):
        _warm_up(course, None, False)
    gc.collect()
    gc.freeze()
    return course


def child(course: object, trace: bool) -> None:
    from textual.app import App

    from trainer.serve.tab import make_tab_app

    def stage(name: str) -> None:
        line = f"  {name:<34} USS {uss_mib():5.1f} MiB"
        if trace:
            current, _peak = tracemalloc.get_traced_memory()
            line += f"   allocated in Python objects {current / MiB:4.1f} MiB"
        print(line, flush=True)

    stage("right after fork")
    if trace:
        tracemalloc.start()

    async def run() -> None:
        stage("event loop running")
        App()
        stage("a bare Textual App()")
        App()
        stage("a second bare App()")
        with tempfile.TemporaryDirectory() as data:
            app = make_tab_app(course, Path(data), None, dashboard=False)  # type: ignore[arg-type]
            stage("the learner app made")
            async with app.run_test(size=(100, 36)) as pilot:
                stage("the app running")
                await pilot.pause()
                await pilot.pause(0.5)
                stage("sign-in screen drawn")

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-ups", type=int, default=1, help="warm-up runs in the parent")
    parser.add_argument("--trace", action="store_true", help="also count Python allocations")
    arguments = parser.parse_args()
    course = prepare_parent(arguments.warm_ups)
    print(f"parent prepared ({arguments.warm_ups} warm-up run(s)); the forked session:")
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            child(course, arguments.trace)
        except BaseException:
            code = 1
            raise
        finally:
            sys.stdout.flush()
            os._exit(code)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
