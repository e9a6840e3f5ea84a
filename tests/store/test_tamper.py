"""Reliability test 5: an edited, a deleted and a reordered acceptance record are each named.

Plain TinyDB keeps decisions with nothing to check them against, so the same edits go unseen:
see the last test.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tinydb import TinyDB

from tests.store.sample_records import decision, profile
from trainer.cli import main
from trainer.store import DataFolder
from trainer.store.chain import record_hash
from trainer.store.verify import verify_data_folder

Tables = dict[str, Any]


def _three_decisions(folder: DataFolder) -> Path:
    store = folder.create_learner(profile("anna-k"))
    store.record_policy_decision(decision("anna-k", 1, "declined"))
    store.record_policy_decision(decision("anna-k", 2))
    store.record_policy_decision(decision("anna-k", 3))
    return store.path


def _tamper(path: Path, change: Callable[[Tables], None]) -> None:
    tables = json.loads(path.read_bytes())
    change(tables)
    path.write_text(json.dumps(tables), encoding="utf-8")


def _edit_second(tables: Tables) -> None:
    tables["policy"]["2"]["typed_name"] = "Somebody Else"


def _delete_second(tables: Tables) -> None:
    del tables["policy"]["2"]


def _swap_second_and_third(tables: Tables) -> None:
    policy = tables["policy"]
    policy["2"], policy["3"] = policy["3"], policy["2"]


def test_an_untouched_folder_verifies_clean(folder: DataFolder) -> None:
    _three_decisions(folder)
    report = verify_data_folder(folder.root)
    assert (report.findings, report.learners_checked, report.decisions_checked) == ((), 1, 3)
    assert "everything is as it was saved" in report.summary()


def test_an_edited_record_is_named(folder: DataFolder) -> None:
    _tamper(_three_decisions(folder), _edit_second)
    findings = verify_data_folder(folder.root).findings
    assert [(f.kind, f.learner_id) for f in findings] == [("edited", "anna-k")]
    assert "#2 (accepted social-media v1.2" in findings[0].message


def test_a_deleted_record_is_named_by_its_neighbours(folder: DataFolder) -> None:
    _tamper(_three_decisions(folder), _delete_second)
    findings = verify_data_folder(folder.root).findings
    assert [f.kind for f in findings] == ["deleted"]
    assert "after #1 (declined social-media v1.1" in findings[0].message
    assert "before #2 (accepted social-media v1.3" in findings[0].message


def test_a_record_deleted_from_the_end_is_noticed(folder: DataFolder) -> None:
    _tamper(_three_decisions(folder), lambda t: t["policy"].pop("3"))
    findings = verify_data_folder(folder.root).findings
    assert [f.kind for f in findings] == ["deleted"]
    assert "1 record(s) were deleted from the end (after #2" in findings[0].message


def test_reordered_records_are_named(folder: DataFolder) -> None:
    _tamper(_three_decisions(folder), _swap_second_and_third)
    findings = verify_data_folder(folder.root).findings
    assert {f.kind for f in findings} == {"reordered"}
    messages = " | ".join(f.message for f in findings)
    assert "#2 (accepted social-media v1.3" in messages
    assert "#3 (accepted social-media v1.2" in messages


def test_an_edit_with_a_recomputed_hash_still_breaks_the_chain(folder: DataFolder) -> None:
    def forge(tables: Tables) -> None:
        record = tables["policy"]["2"]
        record["decision"] = "declined"
        record["record_hash"] = record_hash(record)

    _tamper(_three_decisions(folder), forge)
    findings = verify_data_folder(folder.root).findings
    assert [f.kind for f in findings] == ["deleted"]
    assert "rewritten" in findings[0].message


def test_a_changed_policy_text_is_named(folder: DataFolder) -> None:
    text = "Be kind online.\n"
    sha = hashlib.sha256(text.encode()).hexdigest()
    folder.save_policy_snapshot(sha, text)
    folder.create_learner(profile("anna-k"))
    folder.policy_snapshot_path(sha).write_text("Anything goes.\n")
    findings = verify_data_folder(folder.root).findings
    assert [f.kind for f in findings] == ["snapshot"]
    assert sha in findings[0].message


def test_an_unreadable_file_is_an_alteration(folder: DataFolder) -> None:
    _three_decisions(folder).write_bytes(b"")
    assert [f.kind for f in verify_data_folder(folder.root).findings] == ["unreadable"]


@pytest.mark.parametrize(
    ("change", "kind"),
    [(_edit_second, "edited"), (_delete_second, "deleted"), (_swap_second_and_third, "reordered")],
)
def test_trainer_verify_exits_1_and_names_the_alteration(
    folder: DataFolder, change: Callable[[Tables], None], kind: str
) -> None:
    _tamper(_three_decisions(folder), change)
    result = CliRunner().invoke(main, ["verify", "--data-dir", str(folder.root)])
    assert result.exit_code == 1
    assert f"ALTERED [{kind}] learner 'anna-k'" in result.output
    assert "problem(s) found" in result.output


def test_trainer_verify_exits_0_on_a_clean_folder_given_by_environment(
    folder: DataFolder,
) -> None:
    _three_decisions(folder)
    result = CliRunner().invoke(main, ["verify"], env={"TRAINER_DATA_DIR": str(folder.root)})
    assert result.exit_code == 0, result.output
    assert "Checked 1 learner file(s), 3 policy decision(s)" in result.output


def test_trainer_verify_refuses_a_folder_that_is_not_a_data_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["verify", "--data-dir", str(tmp_path / "typo")])
    assert result.exit_code == 1
    assert "is not a trainer data folder" in result.output


# --- the same scenario on plain TinyDB -----------------------------------------------------------


def test_plain_tinydb_cannot_tell_that_a_decision_was_edited(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    with TinyDB(path) as db:
        db.insert_multiple(decision("anna-k", n).model_dump(mode="json") for n in (1, 2, 3))
    _tamper(path, lambda t: t["_default"]["2"].update(typed_name="Somebody Else"))
    with TinyDB(path) as db:
        assert db.get(doc_id=2)["typed_name"] == "Somebody Else"  # read back without a trace


def test_verify_output_cannot_carry_terminal_control_sequences(folder: DataFolder) -> None:
    _tamper(
        _three_decisions(folder),
        lambda t: t["policy"]["2"].update(policy_id="\x1b]0;pwned\x07\x1b[2J\u202eevil"),
    )
    result = CliRunner().invoke(main, ["verify", "--data-dir", str(folder.root)])
    assert result.exit_code == 1
    assert "ALTERED [edited]" in result.output
    assert not {"\x1b", "\x07", "\u202e"} & set(result.output)
