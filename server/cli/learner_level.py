"""The learner's level for the command line's explanations (`mentor run`, `mentor
explain-error` without `--level`): from the workspace's progress file when there is one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mentor.analyzers import Concept, Level

log = logging.getLogger(__name__)

LevelFor = Callable[[tuple[Concept, ...]], Level]


def fixed(level: Level) -> LevelFor:
    return lambda concepts: level


def from_progress(workspace: Path) -> LevelFor:
    """The level for a cause's concepts as the workspace's progress file says (novice without a
    file, or when it cannot be read). The file is only read, never created."""
    from mentor.models.learner import LearnerService, StoreError, database_path
    from mentor.models.learner.levels import level_for_concepts

    path = database_path(workspace)
    if not path.is_file():
        return fixed(Level.NOVICE)
    try:
        service, _ = LearnerService.open(path, mentors_folder=True)
    except StoreError as error:
        log.info("progress file not read: %s", error)
        return fixed(Level.NOVICE)
    try:
        levels, overall = service.levels(), service.overall_level()
    finally:
        service.close()
    return lambda concepts: level_for_concepts(levels, concepts) if concepts else overall


def level_option(value: str | None, workspace: Path) -> LevelFor:
    """`--level` as given, else the progress file's."""
    return fixed(Level(value)) if value else from_progress(workspace)
