"""Which modules a learner may open, and for a locked one, which modules it still waits for.

A prerequisite is satisfied once its module has been read to the last page; its quiz does not
have to be passed (quizzes gate completion, not reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trainer.content.models import Course, Module
from trainer.learning.records import LearnerRecord, ModuleProgress

ModuleState = Literal["not_started", "in_progress", "done", "locked"]


@dataclass(frozen=True, slots=True)
class ModuleStatus:
    module_id: str
    state: ModuleState
    missing: tuple[str, ...]  # prerequisite module ids not read yet (non-empty iff locked)
    progress: ModuleProgress | None

    @property
    def available(self) -> bool:
        return self.state != "locked"


def missing_prerequisites(module: Module, record: LearnerRecord) -> tuple[str, ...]:
    """The modules `module` requires that the learner has not finished reading, as written."""
    missing: list[str] = []
    for required in module.requires:
        progress = record.modules.get(required)
        if (progress is None or not progress.done) and required not in missing:
            missing.append(required)
    return tuple(missing)


def module_status(module: Module, record: LearnerRecord) -> ModuleStatus:
    """A read module stays done even if the course later adds a prerequisite it lacks."""
    progress = record.modules.get(module.id)
    if progress is not None and progress.done:
        return ModuleStatus(module.id, "done", (), progress)
    missing = missing_prerequisites(module, record)
    if missing:
        return ModuleStatus(module.id, "locked", missing, progress)
    state: ModuleState = "in_progress" if progress is not None else "not_started"
    return ModuleStatus(module.id, state, (), progress)


def module_statuses(course: Course, record: LearnerRecord) -> tuple[ModuleStatus, ...]:
    """Every module's status, in course order."""
    return tuple(module_status(module, record) for module in course.modules)
