"""What an insider could forge with a text editor (no hashing) and `trainer verify` now catches.

(a) one learner's acceptances copied into another's file, with the two chain counters;
(b) the last decision deleted and the counters set back; (c) two learners' files swapped.
Then the anchor: a digest kept outside the machine proves that nothing acknowledged before it
was removed, even by someone who recomputes the ledger's hashes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from tests.store.sample_records import decision, profile
from trainer.cli import main
from trainer.store import CorruptFileError, DataFolder
from trainer.store.ledger import LEDGER, line_hash
from trainer.store.verify import verify_data_folder

Tables = dict[str, Any]


def _learners_with_decisions(folder: DataFolder) -> None:
    for learner_id in ("anna-k", "piotr-n"):
        store = folder.create_learner(profile(learner_id))
        store.record_policy_decision(decision(learner_id, 1, "declined"))
        store.record_policy_decision(decision(learner_id, 2))


def _tables(folder: DataFolder, learner_id: str) -> Tables:
    loaded: Tables = json.loads(folder.learner_path(learner_id).read_bytes())
    return loaded


def _save(folder: DataFolder, learner_id: str, tables: Tables) -> None:
    folder.learner_path(learner_id).write_text(json.dumps(tables), encoding="utf-8")


def _kinds(folder: DataFolder, anchor: str | None = None) -> list[tuple[str, str | None]]:
    return [(f.kind, f.learner_id) for f in verify_data_folder(folder.root, anchor).findings]


def test_acceptances_copied_from_another_learner_with_the_counters_are_caught(
    folder: DataFolder,
) -> None:
    folder.create_learner(profile("anna-k")).record_policy_decision(decision("anna-k", 1))
    folder.create_learner(profile("piotr-n"))  # never accepted anything
    anna, piotr = _tables(folder, "anna-k"), _tables(folder, "piotr-n")
    piotr["policy"] = anna["policy"]
    for counter in ("policy_chain_length", "policy_chain_head"):
        piotr["meta"]["1"][counter] = anna["meta"]["1"][counter]
    _save(folder, "piotr-n", piotr)

    findings = verify_data_folder(folder.root).findings

    assert ("copied", "piotr-n") in [(f.kind, f.learner_id) for f in findings]
    assert any("made by 'anna-k'" in f.message for f in findings)


def test_the_last_decision_deleted_with_the_counters_set_back_is_caught(
    folder: DataFolder,
) -> None:
    _learners_with_decisions(folder)
    tables = _tables(folder, "anna-k")
    first = tables["policy"].pop("2") and tables["policy"]["1"]
    tables["meta"]["1"]["policy_chain_length"] = 1
    tables["meta"]["1"]["policy_chain_head"] = first["record_hash"]
    _save(folder, "anna-k", tables)

    findings = verify_data_folder(folder.root).findings

    assert [(f.kind, f.learner_id) for f in findings] == [("deleted", "anna-k")]
    assert "decision #2, acknowledged in the ledger (line 2), was removed" in findings[0].message


def test_swapped_files_are_refused_as_damaged_and_named_by_verify(folder: DataFolder) -> None:
    _learners_with_decisions(folder)
    anna, piotr = folder.learner_path("anna-k"), folder.learner_path("piotr-n")
    anna_bytes = anna.read_bytes()
    anna.write_bytes(piotr.read_bytes())
    piotr.write_bytes(anna_bytes)

    with pytest.raises(CorruptFileError, match="holds the record of another learner"):
        folder.learner("anna-k").read()
    with pytest.raises(CorruptFileError, match="another learner"):
        folder.learner("anna-k").record_policy_decision(decision("anna-k", 3))
    assert sorted(_kinds(folder)) == [("swapped", "anna-k"), ("swapped", "piotr-n")]


def test_an_untouched_folder_with_a_ledger_verifies_clean(folder: DataFolder) -> None:
    _learners_with_decisions(folder)
    report = verify_data_folder(folder.root)
    assert report.findings == ()
    assert not [note for note in report.notes if "ledger" in note]
    assert report.anchor.startswith("4-") and len(report.anchor) == 2 + 32


def _remove_last_decision_everywhere(folder: DataFolder, learner_id: str) -> None:
    """The insider the anchor is for: deletes a decision and rebuilds the ledger's hashes."""
    tables = _tables(folder, learner_id)
    last = max(tables["policy"], key=int)
    removed = tables["policy"].pop(last)
    remaining = sorted(tables["policy"].items(), key=lambda item: int(item[0]))
    tables["meta"]["1"]["policy_chain_length"] = len(remaining)
    tables["meta"]["1"]["policy_chain_head"] = remaining[-1][1]["record_hash"]
    _save(folder, learner_id, tables)
    ledger = folder.root / LEDGER
    lines = [json.loads(line) for line in ledger.read_text(encoding="utf-8").splitlines()]
    kept = [line for line in lines if line["record_hash"] != removed["record_hash"]]
    prev = "0" * 64
    for seq, line in enumerate(kept, start=1):
        line.update(seq=seq, prev=prev)
        line["hash"] = line_hash(line)
        prev = line["hash"]
    ledger.write_text("".join(json.dumps(line) + "\n" for line in kept), encoding="utf-8")


def test_an_anchor_kept_outside_proves_nothing_acknowledged_before_it_was_removed(
    folder: DataFolder,
) -> None:
    _learners_with_decisions(folder)
    anchor = verify_data_folder(folder.root).anchor
    folder.learner("piotr-n").record_policy_decision(decision("piotr-n", 3))  # later work
    assert _kinds(folder, anchor) == []

    _remove_last_decision_everywhere(folder, "anna-k")

    assert _kinds(folder) == []  # a consistent rewrite: nothing left to compare against
    assert _kinds(folder, anchor) == [("anchor", None)]


def test_verify_anchor_on_the_command_line(folder: DataFolder) -> None:
    _learners_with_decisions(folder)
    runner = CliRunner()
    printed = runner.invoke(main, ["verify", "--anchor", "--data-dir", str(folder.root)])
    assert printed.exit_code == 0, printed.output
    anchor = next(
        line.removeprefix("Anchor: ")
        for line in printed.output.splitlines()
        if line.startswith("Anchor: ")
    )
    held = runner.invoke(main, ["verify", "--anchor", anchor, "--data-dir", str(folder.root)])
    assert held.exit_code == 0 and "holds everything it covered" in held.output

    _remove_last_decision_everywhere(folder, "piotr-n")

    broken = runner.invoke(main, ["verify", "--anchor", anchor, "--data-dir", str(folder.root)])
    assert broken.exit_code == 1
    assert "ALTERED [anchor]" in broken.output
    assert "does not hold everything it covered" in broken.output


def test_a_file_made_before_files_had_an_id_still_verifies_and_grows(folder: DataFolder) -> None:
    from trainer.store.chain import GENESIS_HASH, seal

    folder.create_learner(profile("anna-k"))
    tables = _tables(folder, "anna-k")
    del tables["meta"]["1"]["file_id"]  # as an older version wrote it
    first = seal(decision("anna-k", 1).model_dump(mode="json"), GENESIS_HASH)
    tables["policy"]["1"] = first
    tables["meta"]["1"].update(policy_chain_length=1, policy_chain_head=first["record_hash"])
    _save(folder, "anna-k", tables)

    folder.learner("anna-k").record_policy_decision(decision("anna-k", 2))

    report = verify_data_folder(folder.root)
    assert report.findings == ()
    assert any("1 decision(s) are not in the acceptance ledger" in n for n in report.notes)
