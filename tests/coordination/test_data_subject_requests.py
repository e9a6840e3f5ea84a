"""Data-subject requests: a person asks what is stored, for a copy, and to be erased."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.coordination.cli_runner import POLISH_ROSTER, coordinator_env, run
from trainer.audit import read_entries
from trainer.identity.gate import ServedSignIn
from trainer.identity.invitations import issue_invite
from trainer.learning.records import ModuleProgress, PolicyDecision
from trainer.privacy import erasure_key, is_erased
from trainer.reminders.sent_log import SentReminder, record_sent
from trainer.store.folder import DataFolder

PASSPHRASE = "długie hasło do szkolenia"
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = coordinator_env(tmp_path)
    roster = tmp_path / "lista.csv"
    roster.write_text(POLISH_ROSTER, encoding="utf-8", newline="")
    assert run(env, "roster", "import", str(roster))[0] == 0
    folder = DataFolder(Path(env["TRAINER_DATA_DIR"]))
    for email in ("lucja@firma.pl", "anna@firma.pl"):
        learner_id = folder.find_learner_by_email(email) or ""
        store = folder.learner(learner_id)
        name = store.read().profile.name
        store.save_module_progress(ModuleProgress(module_id="program", pages_seen=[0, 1]))
        store.record_policy_decision(
            PolicyDecision(
                policy_id="social-media-policy",
                version="2.0",
                sha256="b" * 64,
                language="pl",
                decision="accepted",
                decided_at=NOW,
                learner_id=learner_id,
                typed_name=name,
                scrolled_to_end=True,
                box_checked=True,
            )
        )
        code = issue_invite(folder, learner_id).code
        assert ServedSignIn(folder).accept_invite(email, code, PASSPHRASE, PASSPHRASE).signed_in
        record_sent(folder, learner_id, SentReminder(NOW, "reminders/invited.pl.md", "<m@firma>"))
    return env


def _folder(env: dict[str, str]) -> DataFolder:
    return DataFolder(Path(env["TRAINER_DATA_DIR"]))


def test_show_lists_everything_readable_and_never_a_secret(env: dict[str, str]) -> None:
    code, out, _ = run(env, "learner", "show", "LUCJA@firma.pl")
    assert code == 0
    assert "  name: Łucja Żółkiewska" in out
    assert "  due date: 2030-12-15" in out
    assert "accepted social-media-policy v2.0 (typed name: Łucja Żółkiewska)" in out
    assert "Sign-in: passphrase set" in out and "Reminders sent: 1" in out
    code, out, _ = run(env, "learner", "show", "lucja@firma.pl", "--json")
    document = json.loads(out)
    assert document["learner"]["profile"]["email"] == "lucja@firma.pl"
    assert document["sign_in"]["has_passphrase"] is True
    assert document["reminders_sent"][0]["template"] == "reminders/invited.pl.md"
    assert [e["action"] for e in document["audit_entries"]][:1] == ["roster.import"]
    assert (
        "scrypt" not in out
        and "code_sha256" not in out
        and "hash"
        not in out.lower().replace("record_hash", "").replace("prev_hash", "").replace("sha256", "")
    )


def test_export_is_a_portable_json_copy_never_overwritten(
    env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "dane-lucji.json"
    code, out, _ = run(env, "learner", "export", "lucja@firma.pl", "-o", str(target))
    assert code == 0 and "is in" in out
    document = json.loads(target.read_text("utf-8"))
    assert document["format"] == "ambassador-trainer personal data, version 1"
    assert document["learner"]["policy_decisions"][0]["typed_name"] == "Łucja Żółkiewska"
    code, _out, err = run(env, "learner", "export", "lucja@firma.pl", "-o", str(target))
    assert code == 1 and "exists" in err


def test_erase_removes_the_person_keeps_pseudonymous_evidence_and_verify_passes(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = _folder(env)
    learner_id = folder.find_learner_by_email("lucja@firma.pl") or ""
    assert run(env, "backup", str(tmp_path / "kopia"))[0] == 0
    code, out, _ = run(env, "learner", "erase", "lucja@firma.pl", input="y\n")
    assert code == 0, out
    assert "Erased lucja@firma.pl:" in out
    assert "Kept 1 policy decision(s) without name, e-mail or id" in out
    assert "Backups are not changed: these still hold the person's data" in out
    assert str(tmp_path / "kopia") in out

    # Nothing in the data folder names her any more (the backup is outside it).
    for path in folder.root.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for trace in ("Łucja", "Żółkiewska", "lucja@firma.pl"):
                assert trace not in text, path
    assert folder.find_learner_by_email("lucja@firma.pl") is None
    assert is_erased(folder, learner_id)
    tombstone = json.loads((folder.root / "erased" / f"{erasure_key(learner_id)}.json").read_text())
    (decision,) = tombstone["policy_decisions"]
    assert decision["decision"] == "accepted" and decision["sha256"] == "b" * 64
    assert "typed_name" not in decision and "learner_id" not in decision

    code, out, _ = run(env, "verify")
    assert code == 0, out
    code, out, _ = run(env, "export", "--format", "people", "--lang", "en")
    assert "lucja@firma.pl" not in out and "anna@firma.pl" in out
    code, _out, err = run(env, "learner", "show", "lucja@firma.pl")
    assert code == 1 and "is not a learner" in err

    entries = list(read_entries(folder.root))
    erase = next(e for e in entries if e.action == "learner.erase")
    assert erase.details["pseudonym"] == erasure_key(learner_id)
    assert erase.details["policy_evidence"] == "pseudonymise"
    assert run(env, "audit", "--verify")[0] == 0


def test_erase_can_drop_the_policy_evidence_too(env: dict[str, str]) -> None:
    folder = _folder(env)
    learner_id = folder.find_learner_by_email("anna@firma.pl") or ""
    code, _out, _ = run(
        env, "learner", "erase", "anna@firma.pl", "--policy-evidence", "erase", "--yes"
    )
    assert code == 0
    tombstone = json.loads((folder.root / "erased" / f"{erasure_key(learner_id)}.json").read_text())
    assert tombstone["policy_decisions"] == []
    assert not is_erased(folder, folder.find_learner_by_email("lucja@firma.pl") or "")


def test_erase_asks_first_and_nothing_happens_on_no(env: dict[str, str]) -> None:
    code, _out, _ = run(env, "learner", "erase", "lucja@firma.pl", input="n\n")
    assert code == 1
    assert _folder(env).find_learner_by_email("lucja@firma.pl") is not None


def test_every_request_is_audited(env: dict[str, str], tmp_path: Path) -> None:
    run(env, "learner", "show", "anna@firma.pl")
    run(env, "learner", "export", "anna@firma.pl", "-o", str(tmp_path / "a.json"))
    run(env, "learner", "erase", "anna@firma.pl", "--yes")
    actions = [e.action for e in read_entries(_folder(env).root)]
    assert actions[-3:] == ["learner.show", "learner.export", "learner.erase"]
