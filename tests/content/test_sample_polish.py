"""The sample course (and the app's own help) speaks to every Polish reader alike: no
"zrobiłeś(-aś)", "skończyłeś/aś" or "dumny / dumna"."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = [
    "course.yml",
    "modules",
    "quizzes",
    "policy",
    "hub",
    "reminders",
    "trainer/tui/help",
    "trainer/locale/pl/LC_MESSAGES/trainer.po",
]

# "nauczyłeś(-aś)", "pokazywał(a)", "aktywny(-a)", "sam(a)", "pokazałbyś (pokazałabyś)",
# "zrobiłeś / zrobiłaś", "nauczyłem / nauczyłam", "dumny / dumna"
GENDERED = re.compile(
    r"\w+\((?:-?a|-aś|-am|-y)\)"
    r"|\w+ \(\w+(?:aś|am|abyś)\)"
    r"|\b\w+(?:eś|em|y) ?/ ?\w+(?:aś|am|a)\b"
    r"|\w+eś/aś\b",
    re.IGNORECASE,
)


def polish_files() -> list[Path]:
    files: list[Path] = []
    for name in SAMPLE:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        else:  # the Polish text is the file without a language suffix, or `.pl.`
            files += [p for p in sorted(path.rglob("*.md")) if ".en." not in p.name]
    return files


def test_the_sample_course_uses_gender_neutral_polish() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in polish_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in GENDERED.finditer(line)
    ]
    assert found == []


def test_the_check_catches_the_forms_it_is_for() -> None:
    for phrase in [
        "co zapamiętałeś(-aś)",
        "żebyś pokazywał(a) to",
        "być aktywny(-a)",
        "pokazałbyś (pokazałabyś) ten",
        "nauczyłem / nauczyłam się",
        "Jestem dumny / dumna z",
        "gdzie skończyłeś/aś.",
    ]:
        assert GENDERED.search(phrase), phrase
