"""The dashboard's numbers, without an app: statuses, filters, search, sort, unreadable files."""

from __future__ import annotations

from tests.tui.coordinator.conftest import Setting
from trainer.tui.coordinator.overview import (
    LearnerFilter,
    arrange,
    load_overview,
    text_bar,
)


def test_each_learner_gets_the_status_their_record_earns(setting: Setting) -> None:
    overview = load_overview(setting.folder, setting.course)
    by_id = {row.learner_id: row for row in overview.rows}
    cohort = setting.cohort
    assert by_id[cohort.anna].status == "complete"
    assert by_id[cohort.bartek].status == "in_progress"
    assert by_id[cohort.celina].status == "started"
    assert by_id[cohort.dawid].status == "invited"
    assert [by_id[i].policy for i in (cohort.anna, cohort.bartek, cohort.celina, cohort.dawid)] == [
        "accepted_current",
        "declined",
        "outdated",
        "not_decided",
    ]
    # requirements: 2 modules + 1 quiz + policy; Bartek has read one module
    assert by_id[cohort.anna].progress == 1.0
    assert by_id[cohort.bartek].progress == 0.25
    assert (by_id[cohort.anna].modules_done, by_id[cohort.anna].modules_total) == (2, 2)
    assert (by_id[cohort.bartek].quizzes_passed, by_id[cohort.bartek].quizzes_total) == (0, 1)


def test_teams_differing_in_case_and_spaces_are_one_team(setting: Setting) -> None:
    overview = load_overview(setting.folder, setting.course)
    assert overview.team_choices() == [("Marketing", "marketing"), ("Sprzedaż", "sprzedaz")]
    team = arrange(overview.rows, LearnerFilter(team="sprzedaz"), "name", False)
    assert [row.name for row in team] == ["Anna Nowak", "Bartek Zieliński"]
    assert overview.reports["sprzedaz"].funnel.invited == 2


def test_search_finds_name_or_email_in_any_case(setting: Setting) -> None:
    rows = load_overview(setting.folder, setting.course).rows
    assert [r.name for r in arrange(rows, LearnerFilter(search="WÓJ"), "name", False)] == [
        "Celina Wójcik"
    ]
    assert [r.name for r in arrange(rows, LearnerFilter(search="lis@EX"), "name", False)] == [
        "Dawid Lis"
    ]
    assert arrange(rows, LearnerFilter(search="nobody"), "name", False) == []


def test_sorting_by_progress_and_by_last_activity(setting: Setting) -> None:
    rows = load_overview(setting.folder, setting.course).rows
    by_progress = arrange(rows, LearnerFilter(), "progress", True)
    assert [r.name for r in by_progress][:2] == ["Anna Nowak", "Bartek Zieliński"]
    by_activity = arrange(rows, LearnerFilter(), "last_activity", False)
    assert [r.name for r in by_activity] == [
        "Dawid Lis",
        "Anna Nowak",
        "Bartek Zieliński",
        "Celina Wójcik",
    ]


def test_an_unreadable_file_becomes_a_notice_and_the_rest_still_load(setting: Setting) -> None:
    (setting.folder.learners_dir / "zz-broken.json").write_text("{not json", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    overview = load_overview(
        setting.folder, setting.course, lambda n, total: seen.append((n, total))
    )
    assert len(overview.rows) == 4
    assert len(overview.unreadable) == 1
    assert "zz-broken.json" in overview.unreadable[0]
    assert seen[-1] == (5, 5)


def test_text_bar_draws_eighths_of_a_cell() -> None:
    assert text_bar(0.0, 4) == "    "
    assert text_bar(1.0, 4) == "████"
    assert text_bar(0.5, 4) == "██  "
    assert text_bar(0.53125, 4) == "██▏ "  # 17 eighths of 32
    assert text_bar(7.0, 2) == "██"
