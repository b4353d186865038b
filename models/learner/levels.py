"""From a skill's mastery to the learner level that decides wording, shown rules and hint depth.

A skill stays at novice until there is some evidence about it: over-explaining to someone who
knows is a small cost, a terse linter message to a beginner is a large one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mentor.analyzers import Concept, Level

DEVELOPING_FROM = 0.65  # P(right) on the skill's next use
PROFICIENT_FROM = 0.80
MIN_EVIDENCE = 2.0  # weighted observations before a skill can leave novice
MIN_EVIDENCE_PROFICIENT = 5.0

_ORDER = (Level.NOVICE, Level.DEVELOPING, Level.PROFICIENT)

# A trend ("rising", "falling") needs this many observations of the skill: after two or three
# the model's estimate still swings by 20 points with each one, which is noise, not a trend.
MIN_TREND_OBSERVATIONS = 6
# Too little evidence to judge anyone by (a first session: the report shows what the student
# did, no verdict; the status bar says "getting to know you", no level) until the evidence spans
# more than this many hours and one skill at least has MIN_VERDICT_OBSERVATIONS observations.
FIRST_SESSION_HOURS = 12.0
MIN_VERDICT_OBSERVATIONS = MIN_TREND_OBSERVATIONS


def first_session(first_at: float, last_at: float, most_observations: int) -> bool:
    """Whether evidence from `first_at` to `last_at` (seconds), with at most
    `most_observations` of one skill, is still too little for a verdict."""
    span = last_at - first_at
    return span < FIRST_SESSION_HOURS * 3600 or most_observations < MIN_VERDICT_OBSERVATIONS


def level_of(mastery: float, evidence: float) -> Level:
    """The level for a skill with this mastery, backed by this much (weighted) evidence."""
    if evidence >= MIN_EVIDENCE_PROFICIENT and mastery >= PROFICIENT_FROM:
        return Level.PROFICIENT
    if evidence >= MIN_EVIDENCE and mastery >= DEVELOPING_FROM:
        return Level.DEVELOPING
    return Level.NOVICE


def weakest(levels: Iterable[Level]) -> Level:
    """The lowest of several levels (NOVICE when there are none): a finding about loops and
    lists is worded for the one of the two the learner masters least."""
    return min(levels, key=_ORDER.index, default=Level.NOVICE)


def level_for_concepts(levels: Mapping[Concept, Level], concepts: Iterable[Concept]) -> Level:
    return weakest(levels.get(concept, Level.NOVICE) for concept in concepts)
