"""From the student's own runs (`mentor run`) to graded evidence: a runtime error is a mistake in
the concepts its cause teaches (`analyzers.runtime.causes`), and a run that then ends without an
error is learning.

Like findings, an error counts once while it persists: running the same failing program again
and again (with or without edits in between) until it stops with the same cause counts once;
the next clean run credits the concepts of that cause. A run is counted once, by the time it
finished, even when two editor windows (or a restarted server) read the same run file. Pure:
memory in, memory out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mentor.analyzers.concepts import Concept
from mentor.analyzers.runtime import CAUSE_NAMES, cause
from mentor.models.learner.evidence import Cause, Grade, Observation

# CAUSE_NAMES and cause come from the package, not `runtime.causes`: this module is first
# imported on the learner's thread while the event loop may import the package (whose __init__
# imports `causes`); taking the submodule's import lock first deadlocked the two threads (seen
# in CI: _DeadlockError in mentor/chat).

# Causes that name no skill: Mentor could not tell why the program stopped.
NO_SKILL = frozenset({"runtime-error"})
ITEM_PREFIX = "run:"


def run_item(cause_name: str) -> str:
    """The tracker's item for a runtime cause (findings use the rule's name)."""
    return f"{ITEM_PREFIX}{cause_name}"


def run_item_summary(item: str) -> str:
    """What a `run:<cause>` item means, for the progress report ('' for other items)."""
    name = item.removeprefix(ITEM_PREFIX)
    if not item.startswith(ITEM_PREFIX) or name not in CAUSE_NAMES:
        return ""
    return f"When you ran it: {cause(name).summary}"


def concepts_of(cause_name: str) -> tuple[Concept, ...]:
    """The skills a runtime error of this cause is evidence about (none for an unknown cause,
    a syntax error, which the snapshots count, or `runtime-error`)."""
    if cause_name not in CAUSE_NAMES or cause_name in NO_SKILL:
        return ()
    return cause(cause_name).concepts


@dataclass(frozen=True)
class RunMemory:
    """The runs of one program seen so far. A plain JSON shape for persistence."""

    last_finished_at: float = 0.0  # the newest run counted
    failing: str | None = None  # the cause the last counted runs stopped with (None: ran clean)

    def to_json(self) -> dict[str, Any]:
        return {"last_finished_at": self.last_finished_at, "failing": self.failing}

    @classmethod
    def from_json(cls, data: Any) -> RunMemory:
        """Read a stored memory; anything unreadable gives an empty memory, never an error."""
        if not isinstance(data, dict):
            return cls()
        try:
            failing = data.get("failing")
            return cls(
                float(data.get("last_finished_at") or 0.0), str(failing) if failing else None
            )
        except (TypeError, ValueError):
            return cls()


@dataclass(frozen=True)
class RunResult:
    observations: tuple[Observation, ...]
    memory: RunMemory


def take_run(previous: RunMemory | None, error_cause: str | None, finished_at: float) -> RunResult:
    """The evidence of one run that finished at `finished_at`, stopping with `error_cause` (None:
    no uncaught exception), compared with the program's `previous` runs."""
    memory = previous or RunMemory()
    if finished_at <= memory.last_finished_at:
        return RunResult((), memory)  # seen already (another window, a restarted server)
    observations: tuple[Observation, ...] = ()
    if error_cause is None:
        if memory.failing is not None:
            observations = tuple(
                Observation.of(concept, Grade.CORRECT, Cause.FIXED_RUN, run_item(memory.failing))
                for concept in concepts_of(memory.failing)
            )
        return RunResult(observations, RunMemory(finished_at, None))
    if error_cause != memory.failing:
        observations = tuple(
            Observation.of(concept, Grade.ERROR, Cause.RUNTIME_ERROR, run_item(error_cause))
            for concept in concepts_of(error_cause)
        )
    return RunResult(observations, RunMemory(finished_at, error_cause))
