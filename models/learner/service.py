"""The learner model of one workspace, as the server and the command line use it.

Snapshots in (from the analyses of settled code), levels and progress out. Thread-safe; every
method may block on the disk for up to the store's busy timeout, so the server calls them off
its event loop. A locked or unusable file never raises out of `snapshot`: the evidence waits in
memory (in order) and is written with the next snapshot that can reach the file.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from mentor.analyzers import Analysis, Concept, Level
from mentor.models.learner.evidence import Cause, Grade, Observation
from mentor.models.learner.levels import level_for_concepts, level_of
from mentor.models.learner.params import TrackerParams, default_params
from mentor.models.learner.runs import take_run
from mentor.models.learner.snapshots import CodeFacts, take_snapshot
from mentor.models.learner.store import Event, LearnerStore, StoreBusy, StoreError
from mentor.models.learner.tracker import LearnerState, Tracker

log = logging.getLogger(__name__)

# Snapshots kept in memory while the file is locked; the oldest are dropped past this.
MAX_BACKLOG = 500


@dataclass(frozen=True)
class SkillStatus:
    skill: Concept
    mastery: float  # P(right) on the skill's next use
    evidence: float  # weighted number of observations
    level: Level


@dataclass(frozen=True)
class SnapshotOutcome:
    observations: tuple[Observation, ...]
    stored: bool  # False: the file could not be written and the evidence waits in memory
    recheck_after: float | None = None  # take another snapshot then: a syntax error may count
    problem: str | None = None  # why it was not stored, for the user (None: only busy)


@dataclass(frozen=True)
class _Pending:
    document: str
    facts: CodeFacts
    at: float
    quick_fixed: frozenset[str]


class LearnerService:
    """One workspace's progress: its store, the tracker, the levels the server words with."""

    def __init__(
        self,
        store: LearnerStore,
        params: TrackerParams | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.tracker = Tracker(params or default_params())
        self._clock = clock
        self._lock = threading.RLock()
        self._backlog: deque[_Pending] = deque(maxlen=MAX_BACKLOG)
        self._levels: dict[Concept, Level] = {}
        self.refresh()

    @classmethod
    def open(
        cls, path: Path, params: TrackerParams | None = None, *, mentors_folder: bool = False
    ) -> tuple[LearnerService, str | None]:
        """Open the progress file at `path`. Raises StoreError with a message for the user
        (ForeignFile: the path holds a file Mentor did not make; see LearnerStore.open)."""
        store, notice = LearnerStore.open(path, mentors_folder=mentors_folder)
        return cls(store, params), notice

    @classmethod
    def in_memory(cls, params: TrackerParams | None = None) -> LearnerService:
        """Progress for this session only, when no file may be used."""
        return cls(LearnerStore.in_memory(), params)

    def close(self) -> None:
        self.store.close()

    # -- evidence -----------------------------------------------------------------------

    def snapshot(
        self, document: str, analysis: Analysis, quick_fixed: Collection[str] = ()
    ) -> SnapshotOutcome:
        """Take a snapshot of a document whose code settled, and store its evidence."""
        pending = _Pending(document, CodeFacts.of(analysis), self._clock(), frozenset(quick_fixed))
        with self._lock:
            self._backlog.append(pending)
            try:
                outcome = self._flush()
            except StoreError as error:
                level = logging.INFO if isinstance(error, StoreBusy) else logging.WARNING
                log.log(
                    level,
                    "progress not stored yet (%s); %d snapshots wait",
                    error,
                    len(self._backlog),
                )
                problem = None if isinstance(error, StoreBusy) else str(error)
                return SnapshotOutcome((), stored=False, problem=problem)
        return outcome

    def _flush(self) -> SnapshotOutcome:
        """Store every waiting snapshot in order; the outcome is the latest one's."""
        outcome = SnapshotOutcome((), stored=True)
        while self._backlog:
            pending = self._backlog[0]
            result, _ = self.store.record_snapshot(
                pending.document,
                lambda previous, p=pending: take_snapshot(previous, p.facts, p.at, p.quick_fixed),
                self.tracker,
                pending.at,
            )
            self._backlog.popleft()
            outcome = SnapshotOutcome(result.observations, True, result.recheck_after)
        self.refresh()
        return outcome

    def record_run(
        self, program: str, error_cause: str | None, finished_at: float
    ) -> tuple[Observation, ...]:
        """Store the evidence of one run of `program` (a workspace-relative path) that stopped
        with `error_cause` (None: it ran without an uncaught exception). A run is counted once
        however often it is offered. Raises StoreError when the file cannot be written (a run
        is one event: it is not kept waiting like the snapshots)."""
        with self._lock:
            result, _ = self.store.record_run(
                program,
                lambda previous: take_run(previous, error_cause, finished_at),
                self.tracker,
                self._clock(),
            )
            if result.observations:
                self.refresh()
        return result.observations

    def help_asked(self, document: str, rule: str, skills: Collection[Concept]) -> list[Event]:
        """A student needed one more rung of the hint ladder on a problem of `rule` (weak
        evidence: see Cause.HELP_ASKED). Raises StoreError when the file cannot be written."""
        observations = [
            Observation.of(skill, Grade.MISCONCEPTION, Cause.HELP_ASKED, f"help:{rule}")
            for skill in skills
        ]
        with self._lock:
            events = self.store.record_observations(
                document, observations, self.tracker, self._clock()
            )
            self.refresh()
        return events

    @property
    def waiting(self) -> int:
        """Snapshots not yet written (the file was locked)."""
        return len(self._backlog)

    # -- levels and mastery -----------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the levels from the file (another window may have added evidence)."""
        try:
            statuses = self.statuses()
        except StoreError as error:
            log.info("levels not refreshed: %s", error)
            return
        self._levels = {s.skill: s.level for s in statuses if s.evidence > 0}

    def levels(self) -> dict[Concept, Level]:
        """The level of every skill with evidence, as last read from the file."""
        return dict(self._levels)

    def level_for(self, concepts: Iterable[Concept]) -> Level:
        """The level a finding about `concepts` is worded for (the weakest of them). Reads only
        memory: safe to call on the event loop."""
        return level_for_concepts(self._levels, concepts)

    def overall_level(self) -> Level:
        """The level of the skills with evidence, by their median; novice without any."""
        known = sorted(self._levels.values(), key=list(Level).index)
        return known[len(known) // 2] if known else Level.NOVICE

    def statuses(self) -> list[SkillStatus]:
        """Every skill with its mastery, evidence and level, in the Concept enum's order."""
        state = self.store.learner_state()
        return [self.status(state, concept) for concept in Concept]

    def status(self, state: LearnerState, concept: Concept) -> SkillStatus:
        mastery = self.tracker.mastery(state, concept.value)
        evidence = state.skill(concept.value).count
        return SkillStatus(concept, mastery, evidence, level_of(mastery, evidence))

    def events(self) -> list[Event]:
        return self.store.events()

    def reset(self) -> None:
        """Forget every piece of evidence (and what waits in memory)."""
        with self._lock:
            self._backlog.clear()
            self.store.reset()
            self.refresh()
