"""The audit trail: who did what, append-only, and any edit to it is found."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.coordination.cli_runner import coordinator_env, run
from tests.invite_codes import read_invite_codes
from trainer.audit import read_entries, record, verify_trail
from trainer.audit.trail import trail_path

ROSTER = "imię;nazwisko;e-mail;zespół\r\nŁucja;Żółkiewska;lucja@firma.pl;Sprzedaż\r\n"


def test_entries_are_chained_and_read_back_in_order(tmp_path: Path) -> None:
    first = record(tmp_path, "hr:anna", "invite", {"learners": ["lucja-1a2b"]})
    second = record(tmp_path, "hr:anna", "export", {"format": "csv", "team": "Sprzedaż"})
    assert second.prev_hash == first.entry_hash and first.prev_hash == "0" * 64
    entries = list(read_entries(tmp_path))
    assert [(e.seq, e.action, e.details) for e in entries] == [
        (1, "invite", {"learners": ["lucja-1a2b"]}),
        (2, "export", {"format": "csv", "team": "Sprzedaż"}),
    ]
    assert verify_trail(tmp_path) == (2, [])


def test_an_edited_line_is_found_and_named(tmp_path: Path) -> None:
    for n in range(3):
        record(tmp_path, "hr:anna", "invite", {"learners": [f"l{n}"]})
    path = trail_path(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace('"l1"', '"someone-else"')
    path.write_text("".join(lines), encoding="utf-8")
    count, problems = verify_trail(tmp_path)
    assert count == 3
    assert [p.format() for p in problems] == ["line 2: entry #2 was changed after writing"]


def test_a_removed_line_breaks_the_chain_where_it_was(tmp_path: Path) -> None:
    for n in range(3):
        record(tmp_path, "hr:anna", "invite", {"learners": [f"l{n}"]})
    path = trail_path(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[2], encoding="utf-8")
    _count, problems = verify_trail(tmp_path)
    assert {p.line for p in problems} == {2}
    assert "does not follow" in problems[0].message


def test_an_interrupted_write_stays_visible_and_later_entries_still_append(tmp_path: Path) -> None:
    record(tmp_path, "hr:anna", "invite", {})
    with trail_path(tmp_path).open("a", encoding="utf-8") as handle:
        handle.write('{"seq": 2, "at": "2026')  # the machine lost power here
    third = record(tmp_path, "hr:anna", "export", {})
    assert third.seq == 2
    _count, problems = verify_trail(tmp_path)
    assert [p.line for p in problems] == [2]


def test_coordinator_commands_are_in_the_trail_with_who_and_what(tmp_path: Path) -> None:
    env = coordinator_env(tmp_path)
    roster = tmp_path / "people.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run(env, "roster", "import", str(roster))[0] == 0
    assert run(env, "invite", "lucja@firma.pl", "--codes-out", str(tmp_path / "codes.csv"))[0] == 0
    assert run(env, "export", "-o", str(tmp_path / "out.csv"))[0] == 0
    code, out, _ = run(env, "audit")
    assert code == 0
    lines = out.splitlines()
    assert [line.split("  ")[1:3] for line in lines] == [
        ["hr:anna.kowalska", "roster.import"],
        ["hr:anna.kowalska", "invite"],
        ["hr:anna.kowalska", "export"],
    ]
    assert "file=people.csv" in lines[0]
    # No secret ever goes into the trail: the code written to codes.csv is not in it.
    (invite_code,) = read_invite_codes(tmp_path / "codes.csv").values()
    assert invite_code not in trail_path(Path(env["TRAINER_DATA_DIR"])).read_text("utf-8")

    code, out, _ = run(env, "audit", "--verify")
    assert code == 0 and out.startswith("The audit trail is intact: 3 entries; last hash ")

    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    code, out, err = run(env, "audit", "--since", tomorrow)
    assert code == 0 and out == "" and "No audit entries since then." in err

    code, out, _ = run(env, "audit", "--json")
    assert [json.loads(line)["action"] for line in out.splitlines()] == [
        "roster.import",
        "invite",
        "export",
    ]


def test_verify_fails_with_the_line_when_someone_edited_the_file(tmp_path: Path) -> None:
    env = coordinator_env(tmp_path)
    data = Path(env["TRAINER_DATA_DIR"])
    record(data, "hr:anna", "export", {"format": "csv"})
    path = trail_path(data)
    path.write_text(path.read_text("utf-8").replace("csv", "xapi"), encoding="utf-8")
    code, _out, err = run(env, "audit", "--verify")
    assert code == 1
    assert "line 1: entry #1 was changed after writing" in err
    assert "The audit trail is damaged: 1 problem(s) in 1 entries." in err
