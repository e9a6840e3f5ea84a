"""docs/authoring.md explains every kind of message `trainer validate` can print."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
NOT_CODES = {
    "all-or-nothing",
    "task-list-item",
    "task-list-item-checkbox",
    "utf-8",
    "social-media",  # the policy id `trainer new course` starts with
}


def test_every_diagnostic_code_is_documented() -> None:
    files = sorted((REPO / "trainer/content").glob("*.py"))
    source = "\n".join(p.read_text(encoding="utf-8") for p in files)
    codes = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', source)) - NOT_CODES
    assert len(codes) > 50  # the scan really found the codes
    doc = (REPO / "docs/authoring.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", doc, flags=re.MULTILINE))
    assert codes - documented == set()


def test_the_warnings_that_can_be_silenced_are_the_documented_warnings() -> None:
    from trainer.content.diagnostics import WARNING_CODES

    doc = (REPO / "docs/authoring.md").read_text(encoding="utf-8")
    warnings_table = doc.split("Warnings (the course opens; worth fixing):", 1)[1].split("\n## ")[0]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", warnings_table, flags=re.MULTILINE))
    assert documented == WARNING_CODES
