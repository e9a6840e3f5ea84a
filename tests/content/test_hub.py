"""The hub: trainers write post templates in hub/, `trainer validate` checks them like modules
and runs the post checker on each one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from trainer.content.loader import load_course
from trainer.locations import bundled_course_dir

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the sample course (with its hub) that a test may edit."""
    target = tmp_path / "course"
    target.mkdir()
    for name in ("course.yml", "modules", "quizzes", "policy", "hub"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def write(course: Path, name: str, text: str) -> None:
    (course / "hub" / name).write_text(text, encoding="utf-8")


def messages(course: Path) -> list[str]:
    return [d.format() for d in load_course(course).diagnostics]


def test_the_sample_hub_has_a_dozen_disclosed_templates_in_both_languages() -> None:
    result = load_course(REPO)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.course is not None
    hub = result.course.hub
    assert len(hub) >= 12
    assert sum(set(t.texts) == {"pl", "en"} for t in hub) >= 12
    kinds = {t.kind for t in hub}
    assert kinds == {"post", "inspiration"}
    ids = {t.id for t in hub}
    for wanted in ("job-offer-data-analyst", "team-hackathon", "blog-article", "product-launch"):
        assert wanted in ids
    assert {"conference-talk", "award-top-employer", "inspiration-day-at-work"} <= ids


def test_a_template_splits_into_the_post_and_the_notes_for_the_ambassador() -> None:
    course = load_course(REPO).course
    assert course is not None
    text = course.hub_template("blog-article").text("pl")
    assert text.post.startswith("[REKLAMA] Pracuję w Przykładowej.")
    assert text.post.endswith("Całość: {{link}}")
    assert text.notes.startswith("## Wskazówki")
    assert text.post_line == 10
    assert course.topic_title("hiring", "pl") == "Rekrutacja"


def test_expired_and_future_templates_are_not_current() -> None:
    course = load_course(REPO).course
    assert course is not None
    today = dt.date(2026, 11, 30)
    current = {t.id for t in course.hub if t.current(today)}
    assert "christmas-campaign-2025" not in current  # ended 2025-12-31
    assert "company-anniversary" not in current  # from 2027-01-10
    assert "blog-article" in current  # no dates: always


def test_a_template_without_disclosure_is_an_error_at_its_line(course: Path) -> None:
    write(
        course,
        "bare.md",
        "---\nid: bare\ntitle: Bez oznaczenia\nnetworks: [linkedin]\n---\n\n"
        "Szukamy ludzi do zespołu! Aplikuj już dziś.\n",
    )
    found = messages(course)
    assert any(m.startswith("hub/bare.md:7:1: error: on LinkedIn: No disclosure") for m in found), (
        found
    )


def test_a_cryptic_tag_and_a_buried_label_are_errors_with_columns(course: Path) -> None:
    write(
        course,
        "cryptic.md",
        "---\nid: cryptic\ntitle: T\nnetworks: [x]\n---\n\n"
        "Przykładowa otwiera biuro w Gdańsku! #spon\n#gdansk #biuro #reklama #praca\n",
    )
    found = messages(course)
    assert "hub/cryptic.md:7:38: error: on X: #spon is a cryptic tag" in "\n".join(found)
    assert any(
        m.startswith("hub/cryptic.md:8:16: error: on X: The label #reklama is buried")
        for m in found
    )


def test_studio_placeholders_are_filled_before_counting_and_positions_stay_right(
    course: Path,
) -> None:
    # {{link}} becomes a tagged URL (23 on X) and {{company}} the brand before the check.
    write(
        course,
        "long.md",
        "---\nid: long\ntitle: T\nnetworks: [x]\nlink: https://przykladowa.pl/a\n---\n\n"
        "#reklama {{company}} {{link}} " + "słowo " * 50 + "{{imię}}\n",
    )
    found = "\n".join(messages(course))
    # 9 + 11 + 1 + 23 + 1 + 50 * 6 + 8 = 353; the 281st counted character is the template's
    # column 266 (the link and brand took 45 of the 280 before the words start at column 31).
    assert "hub/long.md:8:266: error: on X: Too long for X: 353 of 280 characters" in found
    assert "unfilled-placeholder" not in found and "{{imię}}" not in found


def test_broken_front_matter_and_dates_are_explained(course: Path) -> None:
    write(
        course,
        "dates.md",
        "---\nid: dates\ntitle: T\nnetworks: [linkedin]\ntopics: [hirng]\n"
        "valid_from: 2027-01-01\nvalid_until: 2026-01-01\n---\n\n#reklama Przykładowa\n",
    )
    write(course, "nets.md", "---\nid: nets\ntitle: T\nnetworks: [tiktok]\n---\n\nx\n")
    found = "\n".join(messages(course))
    assert "hub/dates.md:7:1: error: `valid_until` (2026-01-01) is before `valid_from`" in found
    assert "hub/dates.md:5:10: error: the topic `hirng` is not declared in course.yml" in found
    assert "hub/nets.md:4:12: error: `networks[1]` must be one of linkedin, x, facebook" in found


def test_an_inspiration_needs_notes_and_a_post_needs_text(course: Path) -> None:
    write(
        course, "empty.md", "---\nid: empty\ntitle: T\nnetworks: [linkedin]\n---\n\n## Notes\n\nx\n"
    )
    write(
        course,
        "idea.md",
        "---\nid: idea\ntitle: T\nnetworks: [linkedin]\nkind: inspiration\n---\n\n",
    )
    found = "\n".join(messages(course))
    assert "hub/empty.md:7:1: error: the template has no post text" in found
    assert "hub/idea.md:" in found and "needs notes for the ambassador" in found


def test_translations_must_match_their_original(course: Path) -> None:
    write(course, "orphan.en.md", "---\nid: orphan\ntitle: T\n---\n\n#ad Przykładowa\n")
    write(course, "blog-article.en.md", "---\nid: other-id\ntitle: T\n---\n\n#ad Przykładowa\n")
    write(course, "dup.md", (course / "hub/blog-article.md").read_text(encoding="utf-8"))
    found = "\n".join(messages(course))
    assert "hub/orphan.en.md:1:1: error: a translation needs its original `hub/orphan.md`" in found
    assert "hub/blog-article.en.md:2:1: error: the translation's id `other-id` differs" in found
    assert "hub/dup.md:2:1: error: the template id `blog-article` is also used by" in found


def test_hostile_templates_are_reported_and_markup_stays_text(course: Path) -> None:
    write(
        course,
        "hostile.md",
        "---\nid: hostile\ntitle: T\nnetworks: [linkedin]\n---\n\n"
        "#reklama Przykładowa [@click=app.quit]x[/] \x1b[31mred\u202e\n",
    )
    write(course, "Bad Name.md", "x")
    result = load_course(course)
    found = "\n".join(d.format() for d in result.diagnostics)
    assert "hub/hostile.md:7:" in found and "control character U+001B" in found
    assert "hub/Bad Name.md:1:1: error: hub files are named with lowercase letters" in found


def test_the_bundled_package_ships_the_hub() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"hub" = "trainer/sample_course/hub"' in pyproject
    assert bundled_course_dir().name in {"i13", "sample_course"} or bundled_course_dir().is_dir()
