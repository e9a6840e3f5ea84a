"""`trainer import`: records from another machine merge in once, and only once."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

from tests.export.course_factory import (
    T0,
    acceptance,
    attempt,
    complete_learner,
    make_course,
    profile,
    store_learner,
)
from trainer.export.exporting import export_jsonl
from trainer.export.merge import import_file
from trainer.export.selection import LearnerSource
from trainer.learning.records import LearnerRecord
from trainer.store.folder import DataFolder
from trainer.store.verify import verify_data_folder


def _folder_fingerprint(folder: DataFolder) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.learners_dir.glob("*.json"))
    }


def _export(folder: DataFolder, path: Path) -> Path:
    out = io.StringIO()
    export_jsonl(LearnerSource(folder), make_course(), out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _remote(tmp_path: Path) -> DataFolder:
    remote = DataFolder(tmp_path / "remote")
    store_learner(remote, complete_learner("anna", "Anna Nowak"))
    store_learner(remote, LearnerRecord(profile=profile("jan", "Jan Kowalski", team="IT")))
    return remote


def test_round_trip_into_an_empty_folder_reproduces_records_and_hashes(tmp_path: Path) -> None:
    remote = _remote(tmp_path)
    exported = _export(remote, tmp_path / "remote.jsonl")
    local = DataFolder(tmp_path / "local")
    report = import_file(local, exported)
    assert report.ok and report.learners_created == 2
    unsealed = {"policy_decisions": {"__all__": {"prev_hash", "record_hash"}}}
    for learner_id in ("anna", "jan"):
        assert local.learner(learner_id).read().model_dump(exclude=unsealed) == remote.learner(
            learner_id
        ).read().model_dump(exclude=unsealed)
    # Each chain is bound to the file it is saved in, so the new files' chains are sealed anew.
    decisions = len(remote.learner("anna").read().policy_decisions)
    assert decisions and report.decisions_rechained == decisions
    assert not verify_data_folder(local.root).altered


def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    exported = _export(_remote(tmp_path), tmp_path / "remote.jsonl")
    local = DataFolder(tmp_path / "local")
    import_file(local, exported)
    before = _folder_fingerprint(local)
    again = import_file(local, exported)
    assert again.ok and not again.changed_anything
    assert _folder_fingerprint(local) == before


def test_invited_learner_is_matched_by_email_activated_and_rechained(tmp_path: Path) -> None:
    local = DataFolder(tmp_path / "local")
    invited = profile("anna-7f3c", "Anna Nowak", status="invited")
    invited = invited.model_copy(update={"email": "ANNA@firma.pl"})
    store_learner(
        local,
        LearnerRecord(profile=invited, policy_decisions=[acceptance("anna-7f3c", version="1.0")]),
    )
    exported = _export(_remote(tmp_path), tmp_path / "remote.jsonl")
    report = import_file(local, exported)
    assert report.ok
    merged = local.learner("anna-7f3c").read()
    assert merged.profile.status == "active"
    assert len(merged.attempts) == 2 and set(merged.modules) == {"program", "zasady"}
    assert [d.version for d in merged.policy_decisions] == ["1.0", "2.0"]
    assert merged.policy_decisions[1].learner_id == "anna-7f3c"
    assert report.decisions_rechained == 1
    assert any(n.kind == "matched-by-email" for n in report.notes)
    assert not verify_data_folder(local.root).altered
    assert not import_file(local, exported).changed_anything


def test_unfinished_local_attempt_receives_answers_and_is_finished(tmp_path: Path) -> None:
    full = attempt(1, [True, True, False, True], start=T0)
    unfinished = full.model_copy(
        update={"answers": full.answers[:1], "finished_at": None, "score": None, "passed": None}
    )
    local = DataFolder(tmp_path / "local")
    store_learner(local, LearnerRecord(profile=profile("anna", "Anna"), attempts=[unfinished]))
    remote = DataFolder(tmp_path / "remote")
    store_learner(remote, LearnerRecord(profile=profile("anna", "Anna"), attempts=[full]))
    report = import_file(local, _export(remote, tmp_path / "r.jsonl"))
    assert (report.answers_added, report.attempts_completed) == (3, 1)
    assert local.learner("anna").read().attempts == [full]


def test_module_progress_never_goes_backwards(tmp_path: Path) -> None:
    done = complete_learner("anna", "Anna Nowak")
    local = DataFolder(tmp_path / "local")
    store_learner(local, done)
    behind = done.model_copy(deep=True)
    behind.modules["program"] = behind.modules["program"].model_copy(
        update={"completed_at": None, "updated_at": T0 + dt.timedelta(days=3)}
    )
    remote = DataFolder(tmp_path / "remote")
    store_learner(remote, behind)
    report = import_file(local, _export(remote, tmp_path / "r.jsonl"))
    assert report.modules_saved == 0
    assert local.learner("anna").read().modules["program"].done


def test_a_malformed_line_imports_nothing_and_names_the_line(tmp_path: Path) -> None:
    exported = _export(_remote(tmp_path), tmp_path / "remote.jsonl")
    lines = exported.read_text(encoding="utf-8").splitlines()
    exported.write_text(lines[0] + "\n" + '{"format": "something else"}\n', encoding="utf-8")
    local = DataFolder(tmp_path / "local")
    report = import_file(local, exported)
    assert not report.ok
    assert report.problems[0].format().startswith("line 2: not an exported learner (format:")
    assert local.learner_ids() == []


def test_an_altered_acceptance_in_the_file_is_refused(tmp_path: Path) -> None:
    exported = _export(_remote(tmp_path), tmp_path / "remote.jsonl")
    lines = exported.read_text(encoding="utf-8").splitlines()
    anna = json.loads(lines[0])
    anna["record"]["policy_decisions"][0]["version"] = "9.9"
    exported.write_text(json.dumps(anna) + "\n" + lines[1] + "\n", encoding="utf-8")
    local = DataFolder(tmp_path / "local")
    report = import_file(local, exported)
    assert [p.kind for p in report.problems] == ["broken-chain"]
    assert "line 1" in report.problems[0].format() and "edited" in report.problems[0].message
    assert local.learner_ids() == []
