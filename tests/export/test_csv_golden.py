"""The exact bytes of a CSV export, pinned: any speed-up of the export must not change one byte.

The data folder is written through the store's public API (as the learner app writes it) and
covers what makes cells differ: a complete learner, a learner who has not started, an invited
one, formula triggers and control characters typed into names and teams, a module still in
progress, an unfinished attempt, a finished attempt without a stored score (graded from its
answers), a score that needs rounding, half-second times spent, times with microseconds and a
non-UTC offset, an old policy version, an acceptance withdrawn by a decline, and delimiters,
quotes and a line break inside cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from tests.export.course_factory import (
    POLICY_SHA_EN,
    T0,
    acceptance,
    attempt,
    complete_learner,
    make_course,
    profile,
    store_learner,
)
from trainer.export.csv_table import CSV_COLUMNS
from trainer.export.exporting import export_csv
from trainer.export.selection import LearnerSource
from trainer.learning.records import LearnerRecord, ModuleProgress, PolicyDecision
from trainer.store.folder import DataFolder

WARSAW = dt.timezone(dt.timedelta(hours=1))
JAN_DUE = dt.date(2026, 1, 15)  # long past, and Jan has not started: overdue


def _in_progress_learner() -> LearnerRecord:
    """Reading the second module (started in Warsaw time), an attempt left unfinished."""
    unfinished = attempt(1, [True, True], start=T0 + dt.timedelta(minutes=30))
    unfinished.finished_at = None
    unfinished.score = None
    unfinished.max_score = None
    unfinished.passed = None
    return LearnerRecord(
        profile=profile("bartek", "Bartłomiej Źdźbło", team="Marketing"),
        modules={
            "zasady": ModuleProgress(
                module_id="zasady",
                page=1,
                pages_seen=[0, 1],
                started_at=dt.datetime(2026, 3, 2, 11, 15, 30, 999_999, tzinfo=WARSAW),
                seconds_spent=122.5,
                updated_at=T0 + dt.timedelta(minutes=40),
            )
        },
        attempts=[unfinished],
        policy_decisions=[acceptance("bartek", version="1.0", at=T0 + dt.timedelta(minutes=5))],
    )


def _graded_from_answers_learner() -> LearnerRecord:
    """Two of three right in an attempt finished without a stored score; then a decline."""
    graded = attempt(1, [True, False, True], start=T0 + dt.timedelta(days=1))
    graded.score = None
    graded.max_score = None
    graded.passed = None
    withdrawn = PolicyDecision(
        policy_id="social-media-policy",
        version="2.0",
        sha256=POLICY_SHA_EN,
        language="en",
        decision="declined",
        decided_at=T0 + dt.timedelta(days=2),
        learner_id="cezary",
    )
    return LearnerRecord(
        profile=profile(
            "cezary",
            "@Cezary\x1b[31m Czerwony\tZ",
            team="+Sprzedaż\n2",
            email="=cezary@firma.pl",
        ),
        modules={
            "program": ModuleProgress(
                module_id="program",
                started_at=T0 + dt.timedelta(days=1, microseconds=500_000),
                completed_at=T0 + dt.timedelta(days=1, minutes=7, microseconds=999_999),
                seconds_spent=421.5,
                updated_at=T0 + dt.timedelta(days=1, minutes=7),
            )
        },
        attempts=[graded],
        policy_decisions=[
            acceptance("cezary", at=T0 + dt.timedelta(days=1, hours=1)),
            withdrawn,
        ],
    )


def _tampered_hash_learner() -> LearnerRecord:
    """A hash edited into two lines: cells we do not neutralise are still quoted."""
    decision = acceptance("dorota", at=T0 + dt.timedelta(hours=3))
    decision.sha256 = "abc\r\ndef"
    return LearnerRecord(
        profile=profile("dorota", "Dorota, Wiśniewska", team="Zespół; 2"),
        policy_decisions=[decision],
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    data = DataFolder(tmp_path_factory.mktemp("golden") / "data")
    store_learner(data, complete_learner("anna", "Anna Nowak"))
    jan = profile("jan", "Jan Kowalski", team="IT").model_copy(update={"due": JAN_DUE})
    store_learner(data, LearnerRecord(profile=jan))
    store_learner(
        data, LearnerRecord(profile=profile("ola", "Ola Żak", team=" sprzedaż", status="invited"))
    )
    store_learner(data, complete_learner("zofia", '=HYPERLINK("http://x","y")'))
    store_learner(data, _in_progress_learner())
    store_learner(data, _graded_from_answers_learner())
    store_learner(data, _tampered_hash_learner())
    return data


def _export(folder: DataFolder, delimiter: str) -> bytes:
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    export_csv(LearnerSource(folder), make_course(), text, delimiter=delimiter)
    text.flush()
    return buffer.getvalue()


HEADER = (
    "learner_id,name,email,team,learner_status,module_id,module_title,module_status,"
    "started_at,completed_at,time_spent_seconds,quiz_id,best_score_percent,attempts,"
    "quiz_passed,policy_version_accepted,policy_accepted_at,policy_sha256,policy_current,"
    "course_complete,policy_decision,due_date,overdue,exercise_draft"
)
A64 = "a" * 64

# The last cells of each learner's rows: the latest policy decision (Cezary's decline reads
# as declined, not as no decision), the due date, whether the learner is overdue, and the
# writing exercise's draft (this course has none: test_exercise_draft_cell below has one).
LAST_CELLS = {
    "anna": "accepted,,no",
    "bartek": "accepted,,no",
    "cezary": "declined,,no",
    "dorota": "accepted,,no",
    "jan": ",2026-01-15,yes",
    "ola": ",,no",
    "zofia": "accepted,,no",
}

ROWS_BEFORE_DEADLINES = [
    "anna,Anna Nowak,anna@firma.pl,Sprzedaż,active,program,Program ambasadorski,done,"
    "2026-03-02T09:00:00+00:00,2026-03-02T09:06:00+00:00,360,program-quiz,75,2,yes,2.0,"
    f"2026-03-02T11:00:00+00:00,{A64},yes,yes",
    "anna,Anna Nowak,anna@firma.pl,Sprzedaż,active,zasady,Zasady żółtej kartki,done,"
    "2026-03-02T10:00:00+00:00,2026-03-02T10:04:00+00:00,240,,,,,2.0,"
    f"2026-03-02T11:00:00+00:00,{A64},yes,yes",
    "bartek,Bartłomiej Źdźbło,bartek@firma.pl,Marketing,active,program,Program ambasadorski,"
    f"not started,,,0,program-quiz,,1,no,1.0,2026-03-02T09:05:00+00:00,{A64},no,no",
    "bartek,Bartłomiej Źdźbło,bartek@firma.pl,Marketing,active,zasady,Zasady żółtej kartki,"
    f"in progress,2026-03-02T10:15:30+00:00,,122,,,,,1.0,2026-03-02T09:05:00+00:00,{A64},no,no",
    "cezary,'@Cezary[31m Czerwony Z,'=cezary@firma.pl,'+Sprzedaż 2,active,program,"
    "Program ambasadorski,done,2026-03-03T09:00:00+00:00,2026-03-03T09:07:00+00:00,422,"
    f"program-quiz,66.7,1,yes,2.0,2026-03-03T10:00:00+00:00,{A64},no,no",
    "cezary,'@Cezary[31m Czerwony Z,'=cezary@firma.pl,'+Sprzedaż 2,active,zasady,"
    f"Zasady żółtej kartki,not started,,,0,,,,,2.0,2026-03-03T10:00:00+00:00,{A64},no,no",
    'dorota,"Dorota, Wiśniewska",dorota@firma.pl,Zespół; 2,active,program,Program ambasadorski,'
    'not started,,,0,program-quiz,,0,no,2.0,2026-03-02T12:00:00+00:00,"abc\r\ndef",no,no',
    'dorota,"Dorota, Wiśniewska",dorota@firma.pl,Zespół; 2,active,zasady,Zasady żółtej kartki,'
    'not started,,,0,,,,,2.0,2026-03-02T12:00:00+00:00,"abc\r\ndef",no,no',
    "jan,Jan Kowalski,jan@firma.pl,IT,active,program,Program ambasadorski,not started,,,0,"
    "program-quiz,,0,no,,,,no,no",
    "jan,Jan Kowalski,jan@firma.pl,IT,active,zasady,Zasady żółtej kartki,not started,,,0,"
    ",,,,,,,no,no",
    "ola,Ola Żak,ola@firma.pl, sprzedaż,invited,program,Program ambasadorski,not started,,,0,"
    "program-quiz,,0,no,,,,no,no",
    "ola,Ola Żak,ola@firma.pl, sprzedaż,invited,zasady,Zasady żółtej kartki,not started,,,0,"
    ",,,,,,,no,no",
    'zofia,"\'=HYPERLINK(""http://x"",""y"")",zofia@firma.pl,Sprzedaż,active,program,'
    "Program ambasadorski,done,2026-03-02T09:00:00+00:00,2026-03-02T09:06:00+00:00,360,"
    f"program-quiz,75,2,yes,2.0,2026-03-02T11:00:00+00:00,{A64},yes,yes",
    'zofia,"\'=HYPERLINK(""http://x"",""y"")",zofia@firma.pl,Sprzedaż,active,zasady,'
    "Zasady żółtej kartki,done,2026-03-02T10:00:00+00:00,2026-03-02T10:04:00+00:00,240,,,,,"
    f"2.0,2026-03-02T11:00:00+00:00,{A64},yes,yes",
]
COMMA_ROWS = [
    HEADER,
    *(f"{row},{LAST_CELLS[row.split(',')[0]]}," for row in ROWS_BEFORE_DEADLINES),
]


def test_comma_export_is_exactly_the_pinned_bytes(folder: DataFolder) -> None:
    expected = "\ufeff" + "".join(row + "\r\n" for row in COMMA_ROWS)
    assert _export(folder, ",").decode("utf-8") == expected


def test_semicolon_export_is_the_same_table_with_decimal_commas(folder: DataFolder) -> None:
    data = _export(folder, ";").decode("utf-8")
    assert data.startswith("\ufeff" + HEADER.replace(",", ";") + "\r\n")
    score = HEADER.split(",").index("best_score_percent")
    expected = [row.copy() for row in csv.reader(COMMA_ROWS)]
    for row in expected[1:]:
        row[score] = row[score].replace(".", ",")
    assert list(csv.reader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";")) == expected
    lines = data.split("\r\n")
    cezary = next(line for line in lines if line.startswith("cezary;"))
    assert cezary.startswith("cezary;'@Cezary[31m Czerwony Z;'=cezary@firma.pl;")
    assert ";program-quiz;66,7;1;yes;2.0;" in cezary
    assert (
        'dorota;Dorota, Wiśniewska;dorota@firma.pl;"Zespół; 2";active;program;'
        "Program ambasadorski;not started;;;0;program-quiz;;0;no;2.0;"
        '2026-03-02T12:00:00+00:00;"abc\r\ndef";no;no;accepted;;no;\r\n'
    ) in data
    assert (
        'zofia;"\'=HYPERLINK(""http://x"",""y"")";zofia@firma.pl;Sprzedaż;active;'
        "program;Program ambasadorski;done;2026-03-02T09:00:00+00:00;2026-03-02T09:06:00+00:00;"
        f"360;program-quiz;75;2;yes;2.0;2026-03-02T11:00:00+00:00;{A64};yes;yes;accepted;;no;"
    ) in lines
    assert data.endswith("yes;yes;accepted;;no;\r\n")


def test_polish_export_reads_as_polish_and_opens_back_with_the_csv_module(
    folder: DataFolder,
) -> None:
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    export_csv(LearnerSource(folder), make_course(), text, delimiter=";", language="pl")
    text.flush()
    data = buffer.getvalue().decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";"))
    assert list(rows[0])[:5] == ["identyfikator", "imię i nazwisko", "e-mail", "zespół", "konto"]
    cezary = [r for r in rows if r["identyfikator"] == "cezary"]
    assert {r["decyzja o polityce"] for r in cezary} == {"odrzucono"}
    assert [r["stan modułu"] for r in cezary] == ["ukończony", "nierozpoczęty"]
    jan = [r for r in rows if r["identyfikator"] == "jan"]
    assert {(r["termin"], r["po terminie"]) for r in jan} == {("2026-01-15", "tak")}
    ola = next(r for r in rows if r["identyfikator"] == "ola")
    assert (ola["konto"], ola["kurs ukończony"], ola["po terminie"]) == (
        "zaproszenie",
        "nie",
        "nie",
    )


# --- a writing exercise's draft ----------------------------------------------------------------

HOSTILE_DRAFT = (
    '=HYPERLINK("http://evil","klik") Pracuję w Przykładowej.\r\n'
    'Drugi wiersz; z przecinkiem, "cudzysłowem"\x1b[31m i\ttabulatorem.\n\n#warsztaty'
)


def test_exercise_draft_cell_keeps_its_lines_and_cannot_be_a_formula(tmp_path: Path) -> None:
    """Ola's latest draft of the sample course's writing exercise is in the content module's
    row: one quoted cell of several lines, opened as text by Excel, in both languages."""
    from tests.responses import BAD_POST
    from trainer.content.loader import load_course
    from trainer.locations import bundled_course_dir
    from trainer.session import LearnerSession, SignInDetails

    course = load_course(bundled_course_dir()).course
    assert course is not None
    data = DataFolder(tmp_path / "data")
    details = SignInDetails(email="ola@firma.pl", name="Ola Wiśniewska", team="IT")
    ola = LearnerSession.sign_in(course, data, details, "pl")
    for draft in (BAD_POST, HOSTILE_DRAFT):  # two attempts: the latest draft is exported
        attempt = ola.begin_quiz("content")
        ola.answer(attempt.attempt_id, "team-event-post", draft, hint_used=False)
        ola.finish_quiz(attempt.attempt_id)
    expected = (
        '\'=HYPERLINK("http://evil","klik") Pracuję w Przykładowej.\n'
        'Drugi wiersz; z przecinkiem, "cudzysłowem"[31m i tabulatorem.\n\n#warsztaty'
    )
    for delimiter, language, column in (
        (",", "en", "exercise_draft"),
        (";", "pl", "post z ćwiczenia"),
    ):
        buffer = io.BytesIO()
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        export_csv(LearnerSource(data), course, text, delimiter=delimiter, language=language)
        text.flush()
        exported = buffer.getvalue().decode("utf-8").removeprefix("\ufeff")
        rows = list(csv.DictReader(io.StringIO(exported, newline=""), delimiter=delimiter))
        [row] = [r for r in rows if r[column]]
        module = next(m.id for m in course.modules if m.quiz == "content")
        assert list(row.values())[CSV_COLUMNS.index("module_id")] == module
        assert row[column] == expected
        assert "\x1b" not in exported
        # The cell is quoted with its line breaks inside: the file's own lines end in CR LF.
        assert f'{delimiter}"\'=HYPERLINK(""http://evil"",""klik"") Pracuję w Przykładowej.\n' in (
            exported
        )
