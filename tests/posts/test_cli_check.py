"""`trainer post check`: what a trainer or ambassador sees in the terminal and in CI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--course", str(ROOT), *args], input=stdin)
    return result.exit_code, result.output


def test_a_bad_draft_lists_path_line_col_level_message_and_fix_then_exits_1(tmp_path: Path) -> None:
    draft = tmp_path / "post.txt"
    draft.write_text("Szukamy ludzi do zespołu {{team}}!\n", encoding="utf-8")
    code, output = run("post", "check", str(draft))
    assert code == 1
    lines = output.splitlines()
    assert lines[0].startswith(f"{draft}:1:1: error: Brak oznaczenia")
    assert lines[2].startswith(f"{draft}:1:26: error: W poście został znacznik {{{{team}}}}")
    assert lines[-1].startswith("LinkedIn: znaki 35/3000")


def test_a_good_draft_from_stdin_exits_0_and_json_gives_every_field() -> None:
    text = "#PrzykladowaEmployee We just opened our Gdańsk office!".encode()
    code, output = run("post", "check", "--network", "x", "--format", "json", "-", stdin=text)
    assert code == 0
    report = json.loads(output)
    assert report["ok"] is True and report["network"] == "x" and report["lang"] == "en"
    assert report["length"] == 54 and report["limit"] == 280


def test_json_findings_carry_start_end_code_and_both_positions() -> None:
    code, output = run("post", "check", "--lang", "en", "--format", "json", "-", stdin=b"Hi #spon")
    assert code == 1
    finding = next(f for f in json.loads(output)["findings"] if f["code"] == "cryptic-disclosure")
    assert (finding["line"], finding["col"], finding["end_line"], finding["end_col"]) == (
        1,
        4,
        1,
        9,
    )
    assert finding["level"] == "error" and finding["fix"]


def test_messages_follow_trainer_lang_not_the_post_language() -> None:
    code, output = run("--lang", "en", "post", "check", "-", stdin=b"Szukamy ludzi!")
    assert code == 1 and "No disclosure" in output


def test_escape_sequences_in_the_draft_never_reach_the_terminal() -> None:
    hostile = b"\x1b]52;c;ZXZpbA==\x07 {{\x1b[31mx}} [bold]x[/bold]"
    code, output = run("post", "check", "-", stdin=hostile)
    assert code == 1 and "\x1b" not in output and "\x07" not in output
    assert "U+001B" in output


def test_a_huge_or_binary_file_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"#ad Przykladowa " + b"x" * 5_000_000)
    code, output = run("--lang", "en", "post", "check", str(huge))
    assert code == 1 and "only the first 20000 were checked" in output
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    code, output = run("post", "check", str(binary))
    assert code == 1 and "not UTF-8 text" in output and "Traceback" not in output


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("post", "check", str(tmp_path / "nope.txt"))
    assert code == 1 and "cannot read the file" in output


def test_the_studio_report_gives_figures_as_text_csv_and_jsonl(tmp_path: Path) -> None:
    from trainer.learning.records import LearnerProfile
    from trainer.store.folder import DataFolder
    from trainer.studio.ambassador import AmbassadorPosts
    from trainer.studio.review import decide

    course = load_sample_rules()
    folder = DataFolder(tmp_path / "data")
    store = folder.create_learner(
        LearnerProfile(learner_id="anna", name="Anna", email="anna@example.com", team="IT")
    )
    posts = AmbassadorPosts(store, course)
    post = posts.new(source="hub", network="x", language="pl", draft="x", template_id="blog")
    posts.submit(post, "Bez oznaczenia")
    decide(
        folder, "anna", post.post_id, decision="changes_requested", comment="Oznacz.", reviewer="hr"
    )
    # Anna also answers the sample course's writing exercise: it goes to review as well.
    from tests.responses import GOOD_POST
    from trainer.content.loader import load_course
    from trainer.session import LearnerSession

    sample = load_course(ROOT).course
    assert sample is not None
    session = LearnerSession(sample, folder.learner("anna"), folder, "pl")
    attempt = session.begin_quiz("content")
    session.answer(attempt.attempt_id, "team-event-post", GOOD_POST["pl"], hint_used=False)
    base = ["--course", str(ROOT), "--data-dir", str(folder.root), "post", "report"]
    text = CliRunner().invoke(main, base)
    assert text.exit_code == 0, text.output
    assert "changes requested: 1" in text.output and "missing-disclosure: 1" in text.output
    assert "sent for review: 2," in text.output
    assert "  from writing exercises: sent 1, approved 0, changes requested 0, awaiting 1" in (
        text.output.splitlines()
    )
    assert "  from the hub: sent 1, approved 0, changes requested 1, awaiting 0" in (
        text.output.splitlines()
    )
    table = CliRunner().invoke(main, [*base, "--format", "csv"]).output.splitlines()
    assert table[0] == "figure,source,team,key,value"
    assert "template_uses,,IT,blog,1" in table
    assert {"submitted,,,,2", "submitted,exercise,,,1", "submitted,hub,,,1"} <= set(table)
    lines = CliRunner().invoke(main, [*base, "--format", "jsonl"]).output.splitlines()
    assert json.loads(lines[0]) == {
        "figure": "ambassadors_writing",
        "source": "",
        "team": "",
        "key": "",
        "value": 1,
    }


def load_sample_rules():  # type: ignore[no-untyped-def]
    from trainer.content.post_rules import load_post_rules

    return load_post_rules(ROOT)[0]
