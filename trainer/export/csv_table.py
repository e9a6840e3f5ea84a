"""The coordinator's spreadsheet: one row per learner x module, ready for Excel.

Excel opens a UTF-8 CSV correctly only when it starts with a BOM, and Polish-locale Excel
splits columns on `;` and reads `0,5` (not `0.5`) as a number, so `;` also switches numbers to
a decimal comma. Times are ISO 8601 with an explicit offset (UTC), which Excel, pandas and
every HR system parse unambiguously. Headers and our own words (states, yes/no) follow the
output language (`trainer.export.vocabulary`); people's text never changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from trainer.export.learner_summary import LearnerSummary, ModuleStanding
from trainer.export.spreadsheet import neutralise_cell, neutralise_text
from trainer.export.vocabulary import OutputLanguage, header, value
from trainer.learning.records import PARSED_UTC

BOM = "\ufeff"
NO_OFFSET = dt.timedelta(0)

CSV_COLUMNS = (
    "learner_id",
    "name",
    "email",
    "team",
    "learner_status",
    "module_id",
    "module_title",
    "module_status",
    "started_at",
    "completed_at",
    "time_spent_seconds",
    "quiz_id",
    "best_score_percent",
    "attempts",
    "quiz_passed",
    "policy_version_accepted",
    "policy_accepted_at",
    "policy_sha256",
    "policy_current",
    "course_complete",
    "policy_decision",
    "due_date",
    "overdue",
    "exercise_draft",
)


def start_sheet(
    out: TextIO,
    columns: Sequence[str],
    *,
    delimiter: str = ",",
    language: OutputLanguage = "en",
    bom: bool = True,
) -> Any:
    """The one CSV dialect of every file the product writes (exports, reports, invite codes):
    the BOM Excel needs, the header in the output language, CRLF line ends. Returns the csv
    writer for the rows."""
    if delimiter not in (",", ";", "\t"):
        raise ValueError("the delimiter must be ',', ';' or a tab")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if bom:
        out.write(BOM)
    writer.writerow([header(c, language) for c in columns])
    return writer


def iso_time(value: dt.datetime | None) -> str:
    """ISO 8601 in UTC with the offset written out, to the second."""
    if value is None:
        return ""
    zone = value.tzinfo
    if zone is PARSED_UTC or zone is dt.UTC:
        # Stored times are UTC under pydantic's own tzinfo: what `isoformat` writes for them,
        # at half its cost (it would ask the tzinfo for its offset on every call).
        return "%04d-%02d-%02dT%02d:%02d:%02d+00:00" % (  # noqa: UP031 (twice as fast here)
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
        )
    if value.utcoffset() != NO_OFFSET:
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="seconds")


def _draft_cell(draft: str | None) -> str:
    return neutralise_text(draft) if draft else ""


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


class CsvTable:
    """Writes the header once, then each learner's rows as they come (streaming).

    Exports write hundreds of thousands of rows, so a learner's rows are assembled as text:
    cells that can need quoting (anything a person or the course wrote) are quoted by the
    csv writer itself, once per learner or once per module per export, and joined with the
    cells this module formats (states, ISO times, numbers, yes/no), which never contain a
    delimiter, a quote or a line break. The bytes are the csv writer's (a test pins them).
    """

    def __init__(
        self,
        out: TextIO,
        *,
        delimiter: str = ",",
        bom: bool = True,
        language: OutputLanguage = "en",
    ) -> None:
        if delimiter not in (",", ";", "\t"):
            raise ValueError("the delimiter must be ',', ';' or a tab")
        self._out = out
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        self._delimiter = delimiter
        self._cells_text = io.StringIO()
        # The same line end as the file's writer: it decides quoting (a cell holding CR or LF
        # is quoted), so the cells come out exactly as that writer would write them.
        self._cells_writer = csv.writer(
            self._cells_text, delimiter=delimiter, lineterminator="\r\n"
        )
        self._decimal_comma = delimiter == ";"
        self._bom = bom
        self._language = language
        self._yes, self._no = value("yes", language), value("no", language)
        self._states = {s: value(s, language) for s in ("not started", "in progress", "done")}
        self._started = False
        self.rows = 0
        self._titles: dict[str, str] = {}
        self._module_heads: dict[tuple[str, str], str] = {}
        self._quiz_cells: dict[str, str] = {}
        self._untouched: dict[tuple[str, str, str, str | None], str] = {}

    def _title(self, title: str) -> str:
        """Module titles repeat on every learner's rows: neutralise each one once."""
        cell = self._titles.get(title)
        if cell is None:
            cell = self._titles[title] = neutralise_cell(title)
        return cell

    def _number(self, value: float) -> str:
        text = f"{value:.1f}".removesuffix(".0")
        return text.replace(".", ",") if self._decimal_comma else text

    def _joined(self, cells: list[str]) -> str:
        """Two or more cells exactly as the csv writer writes them, without the line end.

        (A row of one empty cell is the writer's special case, written `""`: never asked for.)
        """
        text = self._cells_text
        text.seek(0)
        text.truncate()
        self._cells_writer.writerow(cells)
        return text.getvalue().removesuffix("\r\n")

    def start(self) -> None:
        """Write the BOM and header (done lazily so a failed export writes nothing at all)."""
        if not self._started:
            if self._bom:
                self._out.write(BOM)
            self._writer.writerow([header(c, self._language) for c in CSV_COLUMNS])
            self._started = True

    def write_learner(
        self, summary: LearnerSummary, *, due: dt.date | None = None, overdue: bool = False
    ) -> None:
        self.start()
        delimiter = self._delimiter
        prefix = self._joined(self._person_cells(summary)) + delimiter
        tail = self._tail_cells(summary, due, overdue)
        suffix = delimiter + self._joined(tail) + delimiter
        module_text = self._module_text
        draft = self._draft_text
        self._out.write(
            "".join([prefix + module_text(m) + suffix + draft(m) + "\r\n" for m in summary.modules])
        )
        self.rows += len(summary.modules)

    def learner_rows(
        self, summary: LearnerSummary, *, due: dt.date | None = None, overdue: bool = False
    ) -> Iterator[list[str]]:
        person = self._person_cells(summary)
        tail = self._tail_cells(summary, due, overdue)
        for module in summary.modules:
            quiz = module.quiz
            draft = quiz.exercise_draft if quiz is not None else None
            yield [*person, *self._module_cells(module), *tail, _draft_cell(draft)]

    def _draft_text(self, module: ModuleStanding) -> str:
        """The writing exercise's draft as its cell: quoted by the csv writer (line breaks kept
        inside the quotes), neutralised against formulas; empty for most rows."""
        quiz = module.quiz
        if quiz is None or not quiz.exercise_draft:
            return ""
        return self._joined([_draft_cell(quiz.exercise_draft), ""]).removesuffix(self._delimiter)

    def _person_cells(self, summary: LearnerSummary) -> list[str]:
        return [
            neutralise_cell(summary.learner_id),
            neutralise_cell(summary.name),
            neutralise_cell(summary.email),
            neutralise_cell(summary.team),
            value(summary.status, self._language),
        ]

    def _tail_cells(self, summary: LearnerSummary, due: dt.date | None, overdue: bool) -> list[str]:
        """Policy, completion, then the latest policy decision (a decline reads as one), the
        due date and whether the learner is overdue."""
        policy = summary.policy
        if policy.declined:
            decision = value("declined", self._language)
        elif policy.accepted_version is not None:
            decision = value("accepted", self._language)
        else:
            decision = ""
        return [
            neutralise_cell(policy.accepted_version or ""),
            iso_time(policy.accepted_at),
            policy.accepted_sha256 or "",
            self._yes_no(policy.current),
            self._yes_no(summary.complete),
            decision,
            due.isoformat() if due else "",
            self._yes if overdue else self._no,
        ]

    def _yes_no(self, flag: bool | None) -> str:
        if flag is None:
            return ""
        return self._yes if flag else self._no

    def _module_cells(self, module: ModuleStanding) -> list[str]:
        quiz = module.quiz
        score = "" if quiz is None or quiz.score is None else self._number(quiz.score * 100)
        return [
            module.module_id,
            self._title(module.title),
            self._states[module.state],
            iso_time(module.started_at),
            iso_time(module.completed_at),
            str(round(module.seconds_spent)),
            quiz.quiz_id if quiz else "",
            score,
            str(quiz.attempts) if quiz else "",
            self._yes_no(quiz.passed) if quiz else "",
        ]

    def _module_text(self, module: ModuleStanding) -> str:
        """`_module_cells` joined: the course's cells quoted once per export, ours as they are.

        A module nobody has touched reads the same for every learner, so its text is kept.
        """
        quiz = module.quiz
        if (
            module.started_at is None
            and module.completed_at is None
            and not module.seconds_spent
            and (quiz is None or (quiz.score is None and not quiz.attempts and not quiz.passed))
        ):
            key = (module.module_id, module.title, module.state, quiz.quiz_id if quiz else None)
            text = self._untouched.get(key)
            if text is None:
                text = self._untouched[key] = self._module_joined(module)
            return text
        return self._module_joined(module)

    def _module_joined(self, module: ModuleStanding) -> str:
        delimiter = self._delimiter
        head = self._module_heads.get((module.module_id, module.title))
        if head is None:
            head = self._joined([module.module_id, self._title(module.title)])
            self._module_heads[(module.module_id, module.title)] = head
        quiz = module.quiz
        if quiz is None:
            quiz_text = delimiter * 3
        else:
            quiz_cell = self._quiz_cells.get(quiz.quiz_id)
            if quiz_cell is None:
                quiz_cell = self._joined([quiz.quiz_id, ""]).removesuffix(delimiter)
                self._quiz_cells[quiz.quiz_id] = quiz_cell
            score = "" if quiz.score is None else self._number(quiz.score * 100)
            passed = self._yes if quiz.passed else self._no
            quiz_text = delimiter.join((quiz_cell, score, str(quiz.attempts), passed))
        return delimiter.join(
            (
                head,
                self._states[module.state],
                iso_time(module.started_at),
                iso_time(module.completed_at),
                str(round(module.seconds_spent)),
                quiz_text,
            )
        )
