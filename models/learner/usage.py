"""Which concepts a piece of code uses, and how well: correct or idiomatic.

Mistakes come from the analyzers' findings; the concept detector (`analyzers.sightings`, the one
the teacher's report reads too) finds the other half of the evidence, the concepts a student uses.
This module only maps a sighting to the learner model's grade: idiomatic when the detector names
an idiom, correct otherwise.
"""

from __future__ import annotations

import ast
from collections import Counter

from mentor.analyzers import Concept
from mentor.analyzers.sightings import sightings
from mentor.models.learner.evidence import Grade

Use = tuple[Concept, Grade]


def concept_uses(tree: ast.Module) -> Counter[Use]:
    """How many times the code uses each concept at each grade (correct or idiomatic)."""
    return Counter(
        (found.concept, Grade.IDIOMATIC if found.idiomatic else Grade.CORRECT)
        for found in sightings(tree)
    )
