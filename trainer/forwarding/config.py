"""Where a data folder forwards its statements: kept in `<data>/forwarding/config.json`.

The password is never stored: `trainer forward` and `trainer serve --lrs` read it from
TRAINER_LRS_PASSWORD or ask for it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from trainer.export.xapi import DEFAULT_BASE_IRI
from trainer.store.atomic import write_atomically
from trainer.store.errors import StoreError
from trainer.store.folder import DataFolder

FORWARDING = "forwarding"
PASSWORD_VARIABLE = "TRAINER_LRS_PASSWORD"


class ForwardingConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    endpoint: str  # the LRS's xAPI endpoint, e.g. https://lrs.firma.pl/xAPI/
    user: str  # the LRS key / user name
    base_iri: str = DEFAULT_BASE_IRI


def forwarding_dir(data: DataFolder) -> Path:
    return data.root / FORWARDING


def read_config(data: DataFolder) -> ForwardingConfig | None:
    path = forwarding_dir(data) / "config.json"
    try:
        return ForwardingConfig.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError) as error:
        raise StoreError(
            f"The forwarding settings in {path} cannot be read ({error}); "
            "set them again with `trainer forward --lrs URL --lrs-user KEY`."
        ) from None


def write_config(data: DataFolder, config: ForwardingConfig) -> None:
    directory = forwarding_dir(data)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(directory / "config.json", config.model_dump_json(indent=1).encode())
