"""A backup keeps served mode's sign-in details: restored, everyone still signs in."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.identity.conftest import StepClock, invited
from tests.identity.test_served_sign_in import PASSPHRASE, signed_up
from trainer.identity.gate import ServedSignIn, Verdict
from trainer.identity.invitations import issue_invite
from trainer.store.backup import backup_data_folder
from trainer.store.folder import DataFolder


def test_a_restored_backup_still_signs_people_in(
    data: DataFolder, gate: ServedSignIn, clock: StepClock, tmp_path: Path
) -> None:
    anna = signed_up(data, gate, "anna@firma.pl")
    piotr = invited(data, "piotr@firma.pl", name="Piotr Zieliński")
    code = issue_invite(data, piotr, now=clock()).code

    backup = backup_data_folder(data.root, tmp_path / "backups")
    shutil.rmtree(data.root)  # the machine is lost
    restored = DataFolder(shutil.copytree(backup, tmp_path / "restored"))
    again = ServedSignIn(restored, clock=clock)

    signed_in = again.with_passphrase("anna@firma.pl", PASSPHRASE)
    assert (signed_in.verdict, signed_in.learner_id) == (Verdict.SIGNED_IN, anna)
    assert not again.with_passphrase("anna@firma.pl", "not the passphrase").signed_in
    assert again.check_invite("piotr@firma.pl", code).verdict == Verdict.INVITE_VALID
    backed_up = sorted(p.name for p in (backup / "identity").glob("*.json"))
    assert backed_up == sorted([f"{anna}.json", f"{piotr}.json"])
    assert (backup / "identity").stat().st_mode & 0o077 == 0  # secrets stay private
