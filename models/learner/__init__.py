"""mentor.models.learner: competence tracking per workspace.

Snapshots of settled code become graded evidence (`snapshots`, `usage`, `evidence`), a
constant-time tracker turns evidence into mastery per skill (`tracker`, `params`), levels decide
how Mentor words its help (`levels`), one SQLite file per workspace keeps it all (`store`,
`location`), and `report` renders the learner's progress. `service` ties them together for the
server and the command line. Pure of any editor: no pygls here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentor.models.learner.evidence import Cause, Grade, Observation
    from mentor.models.learner.levels import level_of
    from mentor.models.learner.location import database_path, needs_trust
    from mentor.models.learner.params import TrackerParams, default_params
    from mentor.models.learner.service import LearnerService, SkillStatus, SnapshotOutcome
    from mentor.models.learner.store import ForeignFile, StoreBusy, StoreError
    from mentor.models.learner.tracker import LearnerState, Tally, Tracker

# Loaded on first use (PEP 562): a command that only names the model's variants (`mentor kt`'s
# options, built with every command's parser) should not open the tracker, the store and SQLite.
_HOMES = {
    "Cause": "evidence",
    "ForeignFile": "store",
    "Grade": "evidence",
    "LearnerService": "service",
    "LearnerState": "tracker",
    "Observation": "evidence",
    "SkillStatus": "service",
    "SnapshotOutcome": "service",
    "StoreBusy": "store",
    "StoreError": "store",
    "Tally": "tracker",
    "Tracker": "tracker",
    "TrackerParams": "params",
    "database_path": "location",
    "default_params": "params",
    "level_of": "levels",
    "needs_trust": "location",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Cause",
    "ForeignFile",
    "Grade",
    "LearnerService",
    "LearnerState",
    "Observation",
    "SkillStatus",
    "SnapshotOutcome",
    "StoreBusy",
    "StoreError",
    "Tally",
    "Tracker",
    "TrackerParams",
    "database_path",
    "default_params",
    "level_of",
    "needs_trust",
]
