"""TinyDB persistence: one file per learner, locked and atomically replaced on every change."""

from trainer.store.errors import (
    CorruptFileError,
    LearnerExistsError,
    StoreError,
    StoreFullError,
    UnknownLearnerError,
)
from trainer.store.folder import DataFolder, RecoveryNotice
from trainer.store.learner import LearnerStore

__all__ = [
    "CorruptFileError",
    "DataFolder",
    "LearnerExistsError",
    "LearnerStore",
    "RecoveryNotice",
    "StoreError",
    "StoreFullError",
    "UnknownLearnerError",
]
