from __future__ import annotations

import re

from tests.identity.conftest import invited
from trainer.identity.credentials import IdentityFolder
from trainer.identity.invitations import issue_invite
from trainer.identity.invite_code import code_digest, new_invite_code, normalised_code
from trainer.store.folder import DataFolder


def test_codes_are_random_readable_and_grouped() -> None:
    codes = {new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", c) for c in codes)


def test_typing_mistakes_between_look_alikes_are_forgiven() -> None:
    assert normalised_code(" 7kq2 m9xd-4hpa ") == "7KQ2M9XD4HPA"
    assert code_digest("1LOO-ABCD-EFGH") == code_digest("il00 abcd efgh")
    assert code_digest("7KQ2-M9XD-4HPA") != code_digest("7KQ2-M9XD-4HPB")


def test_only_a_digest_of_the_code_is_stored(data: DataFolder) -> None:
    learner_id = invited(data, "anna@firma.pl")
    issued = issue_invite(data, learner_id)
    stored = IdentityFolder(data).path(learner_id).read_text()
    assert issued.code not in stored and normalised_code(issued.code) not in stored
    assert code_digest(issued.code) in stored


def test_unfinished_saves_are_cleaned_before_serving(data: DataFolder) -> None:
    learner_id = invited(data, "anna@firma.pl")
    issue_invite(data, learner_id)
    identity = IdentityFolder(data)
    stale = identity.root / f".{learner_id}.json.0123456789ab.tmp"
    stale.write_bytes(b"{half")
    assert identity.remove_stale_temporaries() == 1
    assert not stale.exists() and identity.path(learner_id).exists()
