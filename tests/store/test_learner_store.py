"""What the app relies on from one learner's store: round trips, rules, ids, e-mails, snapshots."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

from tests.store.sample_records import (
    answer,
    attempt,
    decision,
    learner_with_attempt,
    profile,
    progress,
)
from trainer.learning.records import Position
from trainer.store import (
    CorruptFileError,
    DataFolder,
    LearnerExistsError,
    StoreError,
    UnknownLearnerError,
)
from trainer.store.chain import GENESIS_HASH
from trainer.store.schema import SCHEMA_VERSION, migrate


def test_a_new_learner_reads_back_with_their_profile_and_nothing_else(folder: DataFolder) -> None:
    folder.create_learner(profile("anna-k"))
    record = folder.learner("anna-k").read()
    assert record.profile == profile("anna-k").model_copy(
        update={"created_at": record.profile.created_at}
    )
    assert (record.modules, record.attempts, record.policy_decisions, record.position) == (
        {},
        [],
        [],
        None,
    )


def test_creating_the_folder_object_touches_nothing(tmp_path: Path) -> None:
    DataFolder(tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_module_progress_is_upserted_by_module(folder: DataFolder) -> None:
    store = folder.create_learner(profile())
    store.save_module_progress(progress("01-welcome", 1))
    store.save_module_progress(progress("02-rules", 0))
    store.save_module_progress(progress("01-welcome", 4))
    modules = store.read().modules
    assert sorted(modules) == ["01-welcome", "02-rules"]
    assert modules["01-welcome"].page == 4


def test_learner_resumes_at_the_saved_position(folder: DataFolder) -> None:
    store = folder.create_learner(profile())
    store.save_position(Position(kind="module", target_id="01-welcome", page=2))
    store.save_position(Position(kind="quiz", target_id="quiz-01", question=1))
    position = store.read().position
    assert position is not None
    assert (position.kind, position.target_id, position.question) == ("quiz", "quiz-01", 1)


def test_answers_are_appended_in_order_and_the_attempt_is_closed_once(
    folder: DataFolder,
) -> None:
    store, attempt_id = learner_with_attempt(folder, "anna-k")
    store.record_answer(attempt_id, answer("q1", 2))
    store.record_answer(attempt_id, answer("q2", [0, 1]))
    store.record_answer(attempt_id, answer("q3", "brand voice"))
    finished = store.read().attempts[0].started_at
    store.finish_attempt(attempt_id, finished_at=finished, score=2.5, max_score=3, passed=True)
    saved = store.read().attempts[0]
    assert [a.response for a in saved.answers] == [2, [0, 1], "brand voice"]
    assert (saved.score, saved.max_score, saved.passed, saved.finished) == (2.5, 3, True, True)
    with pytest.raises(StoreError, match="already finished"):
        store.record_answer(attempt_id, answer("q1", 0))
    with pytest.raises(StoreError, match="already finished"):
        store.finish_attempt(attempt_id, finished_at=finished, score=3, max_score=3, passed=True)


def test_an_attempt_cannot_be_started_twice_or_answered_when_unknown(folder: DataFolder) -> None:
    store, attempt_id = learner_with_attempt(folder, "anna-k")
    with pytest.raises(StoreError, match="already started"):
        store.start_attempt(attempt(attempt_id))
    with pytest.raises(StoreError, match="no quiz attempt"):
        store.record_answer("f" * 32, answer())


def test_policy_decisions_form_a_hash_chain_anyone_can_recompute(folder: DataFolder) -> None:
    store = folder.create_learner(profile("anna-k"))
    first = store.record_policy_decision(decision("anna-k", 1))
    second = store.record_policy_decision(decision("anna-k", 2, "declined"))
    file_id = json.loads(store.path.read_bytes())["meta"]["1"]["file_id"]
    seed = f"ambassador-trainer policy chain|anna-k|{file_id}"  # binds learner and file
    assert first.prev_hash == hashlib.sha256(seed.encode("utf-8")).hexdigest() != GENESIS_HASH
    assert second.prev_hash == first.record_hash
    stored = json.loads(store.path.read_bytes())["policy"]
    for document in stored.values():  # the recipe from docs/operations.md, written out again
        content = {k: v for k, v in document.items() if k != "record_hash"}
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == document["record_hash"]
    assert store.read().policy_decisions == [first, second]


def test_a_profile_cannot_be_saved_under_another_learner(folder: DataFolder) -> None:
    store = folder.create_learner(profile("anna-k"))
    with pytest.raises(StoreError, match="belongs to"):
        store.update_profile(profile("piotr"))
    assert store.read().profile.learner_id == "anna-k"


def test_a_decision_for_someone_else_is_refused(folder: DataFolder) -> None:
    store = folder.create_learner(profile("anna-k"))
    with pytest.raises(StoreError, match="belongs to"):
        store.record_policy_decision(decision("piotr", 1))


@pytest.mark.parametrize(
    "bad_id", ["../anna", "a/b", ".hidden", "", "Anna", "anna.json", "-x", "a" * 65, "a\x00"]
)
def test_learner_ids_with_path_tricks_are_refused(folder: DataFolder, bad_id: str) -> None:
    with pytest.raises(UnknownLearnerError, match="not a valid learner id"):
        folder.learner(bad_id)


def test_an_unknown_learner_is_reported_not_created(folder: DataFolder) -> None:
    with pytest.raises(UnknownLearnerError):
        folder.learner("nobody")
    assert folder.learner_ids() == []


def test_ids_and_email_addresses_are_unique_ignoring_case(folder: DataFolder) -> None:
    folder.create_learner(profile("anna-k", "Anna.K@Example.com"))
    with pytest.raises(LearnerExistsError):
        folder.create_learner(profile("anna-k", "other@example.com"))
    with pytest.raises(LearnerExistsError, match="already used"):
        folder.create_learner(profile("anna-2", "anna.k@example.COM"))
    assert folder.find_learner_by_email(" ANNA.K@example.com") == "anna-k"
    assert folder.find_learner_by_email("nobody@example.com") is None


def test_changing_an_email_frees_the_old_one_and_cannot_take_anothers(folder: DataFolder) -> None:
    anna = folder.create_learner(profile("anna-k", "anna@example.com"))
    folder.create_learner(profile("piotr", "piotr@example.com"))
    with pytest.raises(LearnerExistsError):
        anna.update_profile(profile("anna-k", "PIOTR@example.com"))
    anna.update_profile(profile("anna-k", "anna.kowalska@example.com"))
    assert folder.find_learner_by_email("anna.kowalska@example.com") == "anna-k"
    assert folder.find_learner_by_email("anna@example.com") is None
    assert anna.read().profile.email == "anna.kowalska@example.com"


def test_the_email_index_is_rebuilt_when_lost(folder: DataFolder) -> None:
    folder.create_learner(profile("anna-k", "anna@example.com"))
    (folder.root / "emails.json").unlink()
    assert folder.find_learner_by_email("anna@example.com") == "anna-k"
    with pytest.raises(LearnerExistsError):
        folder.create_learner(profile("anna-2", "anna@example.com"))


def test_new_learner_ids_are_valid_unused_and_readable(folder: DataFolder) -> None:
    ids = {folder.new_learner_id("Anna K", "Anna.Kowalska+x@example.com") for _ in range(20)}
    assert all(i.startswith("anna-kowalska-x-") for i in ids)
    odd = folder.new_learner_id("Łukasz Ż", "ŁŻ@example.com")
    folder.create_learner(profile(odd))
    assert folder.learner_ids() == [odd]


def test_read_all_streams_every_learner_and_reports_unreadable_ones(folder: DataFolder) -> None:
    for learner_id in ("anna", "bob", "cecile"):
        folder.create_learner(profile(learner_id))
    folder.learner_path("bob").write_bytes(b'{"meta": ')
    with pytest.raises(CorruptFileError, match=r"bob\.json"):
        list(folder.read_all())
    problems: list[StoreError] = []
    names = [r.profile.learner_id for r in folder.read_all(on_error=problems.append)]
    assert names == ["anna", "cecile"]
    assert [type(p) for p in problems] == [CorruptFileError]


def test_the_last_learner_is_remembered(folder: DataFolder) -> None:
    assert folder.last_learner_id() is None
    folder.set_last_learner_id("anna-k")
    assert DataFolder(folder.root).last_learner_id() == "anna-k"
    folder.set_last_learner_id(None)
    assert folder.last_learner_id() is None


def test_policy_texts_are_kept_by_their_hash(folder: DataFolder) -> None:
    text = "Zasady: bądź uprzejmy.\r\nBe kind.\n"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert folder.policy_snapshot(sha) is None
    folder.save_policy_snapshot(sha, text)
    folder.save_policy_snapshot(sha, text)
    assert folder.policy_snapshot(sha) == text
    with pytest.raises(StoreError, match="does not match"):
        folder.save_policy_snapshot(sha, text.replace("\r\n", "\n"))


def test_a_second_process_view_sees_each_saved_change_at_once(folder: DataFolder) -> None:
    writer = folder.create_learner(profile())
    reader = DataFolder(folder.root).learner("anna-k")
    for page in range(5):
        writer.save_module_progress(progress("01-welcome", page))
        assert reader.read().modules["01-welcome"].page == page


def test_reading_needs_no_lock_while_a_save_is_in_progress(folder: DataFolder) -> None:
    store = folder.create_learner(profile())
    store.save_module_progress(progress("01-welcome", 1))
    inside = threading.Event()
    release = threading.Event()

    def slow_save() -> None:
        with store.transaction() as db:
            db.table("modules").truncate()
            inside.set()
            release.wait(5)

    writer = threading.Thread(target=slow_save)
    writer.start()
    assert inside.wait(5)
    try:
        assert store.read().modules["01-welcome"].page == 1  # the last whole version
    finally:
        release.set()
        writer.join()
    assert store.read().modules == {}


def test_a_failed_transaction_saves_nothing(folder: DataFolder) -> None:
    store = folder.create_learner(profile())
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.table("modules").insert({"module_id": "x"})
        raise RuntimeError("boom")
    assert store.path.read_bytes() == before


def test_older_files_are_migrated_and_newer_ones_left_alone(folder: DataFolder) -> None:
    old = {"meta": {"1": {"schema_version": 0}}, "people": {"1": {"who": "anna-k"}}}

    def rename_people(
        tables: dict[str, dict[str, dict[str, object]]],
    ) -> dict[str, dict[str, dict[str, object]]]:
        tables["profile"] = tables.pop("people")
        return tables

    migrated = migrate(json.loads(json.dumps(old)), {0: rename_people})
    assert migrated["profile"] == {"1": {"who": "anna-k"}}
    assert migrated["meta"]["1"]["schema_version"] == 1

    store = folder.create_learner(profile())
    tables = json.loads(store.path.read_bytes())
    tables["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    newer = json.dumps(tables).encode()
    store.path.write_bytes(newer)
    with pytest.raises(StoreError, match="newer version"):
        store.save_module_progress(progress())
    assert store.path.read_bytes() == newer
    notices = folder.recover()
    assert [n.quarantined_as for n in notices] == [None]
    assert store.path.read_bytes() == newer
