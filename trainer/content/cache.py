"""A validated course remembered between runs, so the app opens without re-parsing it.

The cache holds the course as pydantic JSON (never pickle) under the user's cache folder,
keyed by the course folder. It is used only while every course file has the same size and
modification time as when it was written, and each policy file still has the SHA-256 the
course recorded (acceptance evidence must never come from a stale copy). Anything else,
including a damaged cache file, means a full load and validation.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from trainer.content.models import Course

CACHE_VERSION = 2  # 2: ModuleText.words, optional minutes
COURSE_FOLDERS = ("modules", "quizzes", "policy")


def course_fingerprint(root: Path) -> str:
    """Changes whenever a course file is added, removed, resized or saved."""
    entries: list[tuple[str, int, int]] = []
    candidates = [root / "course.yml"]
    for folder in COURSE_FOLDERS:
        directory = root / folder
        if directory.is_dir():
            candidates.extend(directory.iterdir())
    for path in sorted(candidates):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    return hashlib.sha256(json.dumps([CACHE_VERSION, entries]).encode()).hexdigest()


def cache_file(root: Path, cache_dir: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_dir / f"course-{key}.json"


def _policies_unchanged(course: Course) -> bool:
    for policy in course.policies.values():
        for text in policy.texts.values():
            try:
                data = (course.root / text.path).read_bytes()
            except OSError:
                return False
            if hashlib.sha256(data).hexdigest() != text.sha256:
                return False
    return True


def cached_course(root: Path, cache_dir: Path) -> Course | None:
    """The remembered course if it still matches the files exactly, else None."""
    path = cache_file(root, cache_dir)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("fingerprint") != course_fingerprint(root):
            return None
        course = Course.model_validate(stored["course"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if course.root != root or not _policies_unchanged(course):
        return None
    return course


def remember_course(course: Course, cache_dir: Path) -> None:
    """Write the cache atomically; a cache that cannot be written is simply skipped."""
    path = cache_file(course.root, cache_dir)
    payload = {
        "fingerprint": course_fingerprint(course.root),
        "course": course.model_dump(mode="json"),
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return
