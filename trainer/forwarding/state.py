"""How far forwarding got: per learner, the last outbox `seq` the LRS accepted.

Kept in `<data>/forwarding/state.json`, rewritten atomically after each accepted batch. It moves
only after the LRS answered, so a forwarder killed mid-batch sends that batch again; the LRS
keeps one statement per id, so nothing arrives twice.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trainer.forwarding.config import forwarding_dir
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder


class ForwardingState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delivered: dict[str, int] = Field(default_factory=dict)  # learner id -> last seq accepted
    sent_total: int = 0
    last_delivery_at: dt.datetime | None = None
    last_error: str | None = None
    last_error_at: dt.datetime | None = None
    retrying_since: dt.datetime | None = None  # set while the LRS keeps failing


def read_state(data: DataFolder) -> ForwardingState:
    path = forwarding_dir(data) / "state.json"
    try:
        return ForwardingState.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return ForwardingState()
    except (OSError, ValidationError) as error:
        raise StoreError(
            f"The forwarding progress in {path} cannot be read ({error}). Delete it to send "
            "every statement again (the LRS keeps one copy per id)."
        ) from None


def write_state(data: DataFolder, state: ForwardingState) -> None:
    directory = forwarding_dir(data)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(directory / "state.json", state.model_dump_json(indent=1).encode())
