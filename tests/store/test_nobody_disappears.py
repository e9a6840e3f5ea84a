"""A learner whose file is damaged and cannot be restored at start-up stays known everywhere.

The story: Anna's file is truncated (a bad disk, a careless edit) and there is no backup that
holds her. Someone opens `trainer`, whose start-up sets the file aside. Before, Anna then
vanished: verify said all was well, exports counted one person fewer and exited 0, and Anna
was registered anew as a stranger. Now she is "set aside" until a coordinator restores her.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.sample_records import decision, profile
from trainer.cli import main
from trainer.content.loader import load_course
from trainer.session import LearnerSession, SignInDetails
from trainer.store import DataFolder
from trainer.store.backup import backup_data_folder
from trainer.store.errors import LearnerExistsError, SetAsideError
from trainer.store.verify import verify_data_folder
from trainer.studio.review import review_queue
from trainer.tui.coordinator.overview import load_overview

ANNA = "anna.k@firma.pl"


def _folder_with_anna_and_piotr(folder: DataFolder) -> None:
    anna = folder.create_learner(profile("anna-k", ANNA))
    anna.record_policy_decision(decision("anna-k", 1))
    folder.create_learner(profile("piotr-n"))


def _damage_anna_and_start_the_app(folder: DataFolder) -> None:
    path = folder.learner_path("anna-k")
    path.write_bytes(path.read_bytes()[:40])  # truncated
    notices = folder.recover()  # what `trainer` and `trainer serve` do when they start
    assert [n.restored_from for n in notices] == [None]


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_set_aside_learner_is_still_known_by_email_and_not_registered_anew(
    folder: DataFolder, mini_course_dir: Path
) -> None:
    _folder_with_anna_and_piotr(folder)
    _damage_anna_and_start_the_app(folder)

    assert folder.find_learner_by_email(ANNA.upper()) == "anna-k"
    with pytest.raises(SetAsideError) as aside:
        folder.learner("anna-k")
    assert aside.value.email == ANNA and aside.value.set_aside_at
    course = load_course(mini_course_dir).course
    assert course is not None
    details = SignInDetails(email=ANNA, name="Anna K", team="Sales")
    with pytest.raises(SetAsideError):
        LearnerSession.sign_in(course, folder, details, "pl")
    assert folder.learner_ids() == ["piotr-n"]  # no stranger registered with her address
    with pytest.raises(LearnerExistsError):  # nor under her id
        folder.create_learner(profile("anna-k", "someone.else@firma.pl"))
    folder.recover()  # a second start-up changes nothing and forgets nobody
    assert folder.find_learner_by_email(ANNA) == "anna-k"


def test_verify_fails_until_she_is_restored(folder: DataFolder, tmp_path: Path) -> None:
    _folder_with_anna_and_piotr(folder)
    backup = backup_data_folder(folder.root, tmp_path / "backups")
    folder.root.joinpath("state.json").unlink()  # the folder no longer knows that backup
    _damage_anna_and_start_the_app(folder)

    code, out, _ = _cli("verify", "--data-dir", str(folder.root))
    assert code == 1
    assert f"SET ASIDE Learner {ANNA} (anna-k): record damaged, set aside on" in out
    assert "1 learner(s) set aside and not restored" in out

    code, out, err = _cli("restore", ANNA, "--from-quarantine", "--data-dir", str(folder.root))
    assert code == 1 and "cannot be restored" in err and "Nothing was changed" in err
    code, out, err = _cli("restore", ANNA, "--from", str(backup), "--data-dir", str(folder.root))
    assert code == 0, err
    assert f"Restored {ANNA} (anna-k) from {backup}/learners/anna-k.json" in out

    assert folder.learner("anna-k").read().policy_decisions[0].decision == "accepted"
    assert verify_data_folder(folder.root).findings == ()
    assert _cli("verify", "--data-dir", str(folder.root))[0] == 0


def test_a_restore_from_an_older_backup_names_the_decisions_it_lost(
    folder: DataFolder, tmp_path: Path
) -> None:
    _folder_with_anna_and_piotr(folder)
    backup = backup_data_folder(folder.root, tmp_path / "backups")
    folder.learner("anna-k").record_policy_decision(decision("anna-k", 2, "declined"))
    folder.root.joinpath("state.json").unlink()
    _damage_anna_and_start_the_app(folder)

    backups = backup.parent  # the folder given to `trainer backup`: its newest backup is used
    code, _, err = _cli("restore", ANNA, "--from", str(backups), "--data-dir", str(folder.root))

    assert code == 0
    assert "1 policy decision(s) acknowledged later are not in this copy" in err
    report = verify_data_folder(folder.root)
    assert report.findings == ()
    assert any(
        "decision #2 (ledger line 2) was lost when their file was restored" in n
        for n in report.notes
    )


def test_a_readable_record_is_never_replaced_by_a_restore(
    folder: DataFolder, tmp_path: Path
) -> None:
    _folder_with_anna_and_piotr(folder)
    backup = backup_data_folder(folder.root, tmp_path / "backups")
    code, _, err = _cli("restore", ANNA, "--from", str(backup), "--data-dir", str(folder.root))
    assert code == 1 and "reads fine" in err


def test_exports_and_reports_name_her_and_exit_non_zero(
    folder: DataFolder, mini_course_dir: Path, tmp_path: Path
) -> None:
    _folder_with_anna_and_piotr(folder)
    _damage_anna_and_start_the_app(folder)
    where = ["--data-dir", str(folder.root), "--course", str(mini_course_dir)]
    target = tmp_path / "out.csv"

    code, _, err = _cli("export", *where, "-o", str(target))
    assert code == 1 and f"Learner {ANNA} (anna-k): record damaged, set aside" in err
    assert not target.exists()
    code, _, err = _cli("export", *where, "--skip-unreadable", "-o", str(target))
    assert code == 3 and f"Skipped (unreadable): Learner {ANNA} (anna-k)" in err
    assert "piotr-n@example.com" in target.read_text(encoding="utf-8")

    code, _, err = _cli("report", *where)
    assert code == 1 and ANNA in err
    code, _, err = _cli("report", *where, "--skip-unreadable")
    assert code == 3 and ANNA in err


def test_the_dashboard_overview_carries_a_warning_for_her(
    folder: DataFolder, mini_course_dir: Path
) -> None:
    _folder_with_anna_and_piotr(folder)
    _damage_anna_and_start_the_app(folder)
    course = load_course(mini_course_dir).course
    assert course is not None

    overview = load_overview(folder, course)

    assert [row.email for row in overview.rows] == ["piotr-n@example.com"]
    assert len(overview.unreadable) == 1
    assert f"Learner {ANNA} (anna-k): record damaged, set aside on" in overview.unreadable[0]
    assert review_queue(folder) == []  # the studio's review queue still opens
