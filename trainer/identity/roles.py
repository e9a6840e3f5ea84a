"""The coordinator role: who may open the dashboard and export data in served mode."""

from __future__ import annotations

from trainer.identity.credentials import IdentityFolder, Role
from trainer.store.folder import DataFolder

COORDINATOR: Role = "coordinator"


def grant(data: DataFolder, learner_id: str, role: Role = COORDINATOR) -> bool:
    """Give `role`; False if they already had it."""
    had = role in IdentityFolder(data).read(learner_id).roles
    if not had:
        IdentityFolder(data).update(
            learner_id, lambda c: c.model_copy(update={"roles": sorted({*c.roles, role})})
        )
    return not had


def revoke(data: DataFolder, learner_id: str, role: Role = COORDINATOR) -> bool:
    """Take `role` away; False if they did not have it."""
    had = role in IdentityFolder(data).read(learner_id).roles
    if had:
        IdentityFolder(data).update(
            learner_id,
            lambda c: c.model_copy(update={"roles": [r for r in c.roles if r != role]}),
        )
    return had


def has_role(data: DataFolder, learner_id: str, role: Role = COORDINATOR) -> bool:
    return role in IdentityFolder(data).read(learner_id).roles


def holders(data: DataFolder, role: Role = COORDINATOR) -> list[str]:
    identity = IdentityFolder(data)
    return [i for i in identity.learner_ids() if role in identity.read(i).roles]
