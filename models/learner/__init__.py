"""mentor.models.learner: competence tracking per workspace.

Snapshots of settled code become graded evidence (`snapshots`, `usage`, `evidence`), a
constant-time tracker turns evidence into mastery per skill (`tracker`, `params`), levels decide
how Mentor words its help (`levels`), one SQLite file per workspace keeps it all (`store`,
`location`), and `report` renders the learner's progress. `service` ties them together for the
server and the command line. Pure of any editor: no pygls here.
"""

from mentor.models.learner.evidence import Cause, Grade, Observation
from mentor.models.learner.levels import level_of
from mentor.models.learner.location import database_path, needs_trust
from mentor.models.learner.params import TrackerParams, default_params
from mentor.models.learner.service import LearnerService, SkillStatus, SnapshotOutcome
from mentor.models.learner.store import ForeignFile, StoreBusy, StoreError
from mentor.models.learner.tracker import LearnerState, Tally, Tracker

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
