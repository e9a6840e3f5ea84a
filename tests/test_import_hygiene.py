"""Only `trainer/tui/` (and the serve entry) may import Textual; other layers are plain Python."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "trainer"
ALLOWED = {PACKAGE / "tui", PACKAGE / "serve"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_outside_tui_imports_textual() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if any(path.is_relative_to(allowed) for allowed in ALLOWED):
            continue
        if {"textual", "textual_serve"} & _imports(path):
            offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def test_core_layers_load_without_textual_in_sys_modules() -> None:
    layers = [
        p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
        for p in PACKAGE.rglob("*.py")
        if not any(p.is_relative_to(a) for a in ALLOWED) and p.name != "__main__.py"
    ]
    layers = [name.removesuffix(".__init__") for name in layers]
    code = (
        "import importlib, sys\n"
        f"for name in {layers!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
    assert "trainer.cli" in layers  # the check really covered the entry point
