"""The tiny base course the other tests start from is itself valid and quiet."""

from __future__ import annotations

from tests.content.conftest import WriteCourse, load


def test_the_base_course_loads_without_any_diagnostic(write_course: WriteCourse) -> None:
    result = load(write_course())
    assert result.diagnostics == []
    assert result.course is not None
    assert [m.id for m in result.course.modules] == ["intro"]
