"""Which Python concepts a file uses, and where: what a teacher sees next to findings.

Counted from the concept detector's sightings (`sightings`): a use is one construct, at the
line where it starts. Code that does not parse has no tree, so no concepts are reported for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from mentor.analyzers.concepts import Concept
from mentor.analyzers.sightings import Sighting


@dataclass(frozen=True)
class ConceptUse:
    """How often a file uses one concept, and where (the first line of each use)."""

    concept: Concept
    count: int
    lines: tuple[int, ...]  # sorted, each line once


def concepts_used(found: Iterable[Sighting]) -> tuple[ConceptUse, ...]:
    """The concepts of the sightings, in the order of the `Concept` enum."""
    lines: dict[Concept, list[int]] = defaultdict(list)
    for sighting in found:
        lines[sighting.concept].append(sighting.line)
    return tuple(
        ConceptUse(concept, len(lines[concept]), tuple(sorted(set(lines[concept]))))
        for concept in Concept
        if lines.get(concept)
    )
