"""Graded evidence about one skill, after the partial-credit idea of the GPCM model.

A snapshot of the student's code says, for each skill it touches, how well the student used it:
an error, a misconception, a correct use or an idiomatic use. The tracker reads the grade as
partial credit (0, 1/3, 2/3, 1) and the weight as how much the observation should count.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from mentor.analyzers import Concept


class Grade(IntEnum):
    """How well a snapshot used a skill (the GPCM categories, lowest first)."""

    ERROR = 0  # the code is broken because of it (a syntax error, a crash waiting to happen)
    MISCONCEPTION = 1  # it runs, but shows a misunderstanding of the concept
    CORRECT = 2  # a plain, correct use
    IDIOMATIC = 3  # the form an experienced Python programmer would choose

    @property
    def credit(self) -> float:
        """Partial credit in [0, 1]: what the tracker counts as the share of a success."""
        return self.value / 3


class Cause(str, Enum):
    """Why a snapshot produced an observation. Stored on disk: values never change."""

    NEW_FINDING = "new-finding"  # a mistake appeared (counted once while it persists)
    FIXED_BY_HAND = "fixed-by-hand"  # the student removed a mistake themselves: learning
    FIXED_BY_QUICK_FIX = "fixed-by-quick-fix"  # an accepted quick fix removed it: counts less
    LASTING_SYNTAX_ERROR = "lasting-syntax-error"  # a syntax error that stayed a while
    CORRECT_USE = "correct-use"  # new code that uses the concept correctly
    IDIOMATIC_USE = "idiomatic-use"  # new code that uses the concept idiomatically
    HELP_ASKED = "help-asked"  # the student needed a hint rung on a problem of this skill
    RUNTIME_ERROR = "runtime-error"  # the student's own run stopped with an error (`mentor run`)
    FIXED_RUN = "fixed-run"  # a run that failed before now ends without an error: learning


# How much each cause counts. A mistake fixed by a quick fix teaches less than one fixed by hand
# (the student may only have clicked); plain new uses count less than mistakes and fixes because
# they are frequent and partly copied or autocompleted.
CAUSE_WEIGHT: dict[Cause, float] = {
    Cause.NEW_FINDING: 1.0,
    Cause.FIXED_BY_HAND: 1.0,
    Cause.FIXED_BY_QUICK_FIX: 0.4,
    Cause.LASTING_SYNTAX_ERROR: 1.0,
    Cause.CORRECT_USE: 0.5,
    Cause.IDIOMATIC_USE: 0.75,
    # Weak evidence: a hint needed is not a mistake. Each rung of the hint ladder a student
    # needed on one problem counts a tenth of a mistake's weight, at a misconception's partial
    # credit (1/3): the five rungs together weigh half of one mistake Mentor saw in the code.
    Cause.HELP_ASKED: 0.1,
    Cause.RUNTIME_ERROR: 1.0,
    Cause.FIXED_RUN: 1.0,
}


@dataclass(frozen=True)
class Observation:
    """One piece of graded evidence about one skill.

    `item` names what was observed, the way knowledge-tracing data names a problem: a rule's
    name for findings and fixes, `use:<concept>` for uses. The tracker remembers items, so a
    misconception met again weighs more than one met for the first time.
    """

    skill: Concept
    grade: Grade
    cause: Cause
    item: str
    weight: float = 1.0

    @classmethod
    def of(cls, skill: Concept, grade: Grade, cause: Cause, item: str) -> Observation:
        return cls(skill=skill, grade=grade, cause=cause, item=item, weight=CAUSE_WEIGHT[cause])
