"""The validated-course cache is used only while the files are exactly as they were."""

from __future__ import annotations

import os
from pathlib import Path

from trainer.content.cache import cache_file, cached_course, remember_course
from trainer.content.loader import load_course


def remembered(course_dir: Path, cache_dir: Path) -> None:
    course = load_course(course_dir).course
    assert course is not None
    remember_course(course, cache_dir)


def test_unchanged_course_comes_back_identical(mini_course_dir: Path, tmp_path: Path) -> None:
    remembered(mini_course_dir, tmp_path / "cache")
    assert cached_course(mini_course_dir, tmp_path / "cache") == load_course(mini_course_dir).course


def test_an_edited_file_invalidates_the_cache(mini_course_dir: Path, tmp_path: Path) -> None:
    remembered(mini_course_dir, tmp_path / "cache")
    module = mini_course_dir / "modules" / "01-welcome.md"
    module.write_text(module.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert cached_course(mini_course_dir, tmp_path / "cache") is None


def test_a_policy_changed_in_place_is_never_served_from_the_cache(
    mini_course_dir: Path, tmp_path: Path
) -> None:
    remembered(mini_course_dir, tmp_path / "cache")
    policy = mini_course_dir / "policy" / "social-media.md"
    stat = policy.stat()
    data = bytearray(policy.read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")  # same size
    policy.write_bytes(bytes(data))
    os.utime(policy, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same modification time
    assert cached_course(mini_course_dir, tmp_path / "cache") is None


def test_a_damaged_cache_file_means_a_fresh_load(mini_course_dir: Path, tmp_path: Path) -> None:
    remembered(mini_course_dir, tmp_path / "cache")
    cache_file(mini_course_dir, tmp_path / "cache").write_text('{"fingerprint": ', encoding="utf-8")
    assert cached_course(mini_course_dir, tmp_path / "cache") is None


def test_an_unwritable_cache_folder_is_not_an_error(mini_course_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    remembered(mini_course_dir, blocker / "cache")  # must not raise
    assert cached_course(mini_course_dir, blocker / "cache") is None
