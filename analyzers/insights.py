"""Everything a report says about one analysed file besides its findings, computed once.

`mentor analyze --format json|html` and `mentor class-report` show these; the keystroke path
(diagnostics) never computes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentor.analyzers.competence import Competence, Evidence, estimate, gather_evidence
from mentor.analyzers.concepts_used import ConceptUse, concepts_used
from mentor.analyzers.findings import Level
from mentor.analyzers.idioms import IdiomUse, idioms_used
from mentor.analyzers.incremental.document import Analysis
from mentor.analyzers.metrics import Metrics, metrics
from mentor.analyzers.sightings import sightings_of
from mentor.analyzers.socratic import DEFAULT_LIMIT, SocraticPrompt, socratic_prompts


@dataclass(frozen=True)
class Insights:
    concepts: tuple[ConceptUse, ...]
    idioms: tuple[IdiomUse, ...]
    metrics: Metrics
    evidence: Evidence
    competence: Competence
    prompts: tuple[SocraticPrompt, ...]


def insights(
    analysis: Analysis, level: Level = Level.NOVICE, prompts: int = DEFAULT_LIMIT
) -> Insights:
    """Concepts, idioms, metrics, competence and Socratic prompts of one file."""
    found = sightings_of(analysis)
    evidence = gather_evidence(analysis, found)
    return Insights(
        concepts=concepts_used(found),
        idioms=idioms_used(found),
        metrics=metrics(analysis, level),
        evidence=evidence,
        competence=estimate(evidence),
        prompts=socratic_prompts(analysis, level, prompts),
    )
