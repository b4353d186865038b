"""A per-file competence estimate, with the evidence behind it (for teachers and `--format json`).

Evidence is graded the way the learner model grades it (after the partial-credit model, see
DESIGN.md): 0 an error, 1 a misconception, 2 a correct use, 3 an idiomatic use. Per concept the
file touches, its grade is the mean of its evidence:

    1 for each misconception (a finding of a rule that teaches the concept), and
    2 for each correct use (3 when an idiom of the concept appears in the file), counting at
      most 3 correct uses, so that a long file cannot drown a mistake;
    a file that does not parse gives one piece of evidence: `syntax`, graded 0.

The score is the mean of the concepts' grades (0..3), and the level follows from it:

    novice      the file does not parse, or it touches fewer than 3 concepts (too little
                evidence: Mentor errs towards explaining more), or the score is below 1.8
    proficient  score >= 2.4, at least 6 concepts, at least 2 of them beyond the basics
                (functions, comprehensions, classes, recursion, exceptions, files, dicts),
                at least 2 different idioms, and no concept graded below 2 (a misconception
                is outweighed only by as many idiomatic uses of the same concept)
    developing  everything else

A per-file estimate is a snapshot; the learner model tracks competence over time.
Evidence from several files (one student's folder) adds up with `+`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mentor.analyzers.concepts import Concept
from mentor.analyzers.concepts_used import concepts_used
from mentor.analyzers.findings import Level
from mentor.analyzers.idioms import Idiom, idioms_used
from mentor.analyzers.incremental.document import Analysis
from mentor.analyzers.sightings import Sighting, sightings_of

NOVICE_BELOW = 1.8
PROFICIENT_FROM = 2.4
MIN_CONCEPTS = 3
PROFICIENT_CONCEPTS = 6
PROFICIENT_ADVANCED = 2
PROFICIENT_IDIOMS = 2
ADVANCED = frozenset(
    {
        Concept.FUNCTIONS,
        Concept.COMPREHENSIONS,
        Concept.CLASSES,
        Concept.RECURSION,
        Concept.EXCEPTIONS,
        Concept.FILES,
        Concept.DICTS,
    }
)


ERROR, MISCONCEPTION, CORRECT, IDIOMATIC = 0, 1, 2, 3
MAX_CORRECT_USES = 3


@dataclass(frozen=True)
class Misconception:
    code: str
    name: str
    line: int
    concepts: tuple[Concept, ...]
    path: str | None = None


@dataclass(frozen=True)
class Evidence:
    """What one or more files show about a learner, before it is turned into a level."""

    # Plain dicts (never changed after creation) so that evidence pickles between processes.
    uses: Mapping[Concept, int] = field(default_factory=dict)
    misconceptions: tuple[Misconception, ...] = ()
    idioms: Mapping[Idiom, int] = field(default_factory=dict)
    syntax_errors: tuple[str, ...] = ()  # the causes, e.g. "missing-colon"

    def __add__(self, other: Evidence) -> Evidence:
        return Evidence(
            uses=dict(Counter(self.uses) + Counter(other.uses)),
            misconceptions=self.misconceptions + other.misconceptions,
            idioms=dict(Counter(self.idioms) + Counter(other.idioms)),
            syntax_errors=self.syntax_errors + other.syntax_errors,
        )

    def grades(self) -> dict[Concept, float]:
        """The grade of every concept touched (see the module's docstring)."""
        mistakes = Counter(concept for m in self.misconceptions for concept in m.concepts)
        idiomatic = {idiom.concept for idiom in self.idioms}
        grades: dict[Concept, float] = {}
        for concept in Concept:
            wrong = mistakes.get(concept, 0)
            right = min(max(self.uses.get(concept, 0) - wrong, 0), MAX_CORRECT_USES)
            if wrong + right == 0:
                continue
            good = IDIOMATIC if concept in idiomatic else CORRECT
            grades[concept] = round((MISCONCEPTION * wrong + good * right) / (wrong + right), 2)
        if self.syntax_errors:
            grades[Concept.SYNTAX] = ERROR
        return grades


@dataclass(frozen=True)
class Competence:
    level: Level
    score: float  # mean grade over the concepts touched, 0..3
    grades: Mapping[Concept, float]
    correct: tuple[Concept, ...]  # used, with no misconception about them
    misconceptions: tuple[Misconception, ...]
    idioms: tuple[Idiom, ...]  # distinct idioms used
    syntax_errors: tuple[str, ...]
    reason: str  # one sentence a teacher can read


def gather_evidence(analysis: Analysis, found: tuple[Sighting, ...] | None = None) -> Evidence:
    """The graded evidence one file gives (pass its sightings if already found)."""
    found = sightings_of(analysis) if found is None else found
    concepts, idioms = concepts_used(found), idioms_used(found)
    syntax_errors: tuple[str, ...] = ()
    if analysis.syntax_error is not None:
        syntax_errors = (analysis.syntax_error.cause,)
    misconceptions = tuple(
        Misconception(f.code, f.rule.name, f.span.line, f.rule.concepts, analysis.path)
        for f in analysis.findings
        if not f.rule.syntax
    )
    return Evidence(
        uses={use.concept: use.count for use in concepts},
        misconceptions=misconceptions,
        idioms=dict(Counter(use.idiom for use in idioms)),
        syntax_errors=syntax_errors,
    )


def competence(analysis: Analysis) -> Competence:
    """The competence estimate for one file."""
    return estimate(gather_evidence(analysis))


def estimate(evidence: Evidence) -> Competence:
    """Turn evidence (of one file or many) into a level, with the reason."""
    grades = evidence.grades()
    score = round(sum(grades.values()) / len(grades), 2) if grades else 0.0
    mistaken = {concept for m in evidence.misconceptions for concept in m.concepts}
    correct = tuple(c for c in grades if c not in mistaken and evidence.uses.get(c))
    idioms = tuple(idiom for idiom in Idiom if evidence.idioms.get(idiom))
    advanced = ADVANCED.intersection(correct)
    if evidence.syntax_errors:
        level = Level.NOVICE
        reason = f"the code does not parse ({', '.join(evidence.syntax_errors)})"
    elif len(grades) < MIN_CONCEPTS:
        level = Level.NOVICE
        reason = f"too little code to judge: {_count(len(grades), 'concept')} touched"
    else:
        if score < NOVICE_BELOW:
            level = Level.NOVICE
        elif (
            score >= PROFICIENT_FROM
            and len(grades) >= PROFICIENT_CONCEPTS
            and len(advanced) >= PROFICIENT_ADVANCED
            and len(idioms) >= PROFICIENT_IDIOMS
            and min(grades.values()) >= CORRECT
        ):
            level = Level.PROFICIENT
        else:
            level = Level.DEVELOPING
        reason = (
            f"{_count(len(correct), 'concept')} used without a mistake "
            f"({len(advanced)} beyond the basics), "
            f"{_count(len(evidence.misconceptions), 'misconception')}, "
            f"{_count(len(idioms), 'idiom')}; mean grade {score:.2f} of 3"
        )
    return Competence(
        level=level,
        score=score,
        grades=grades,
        correct=correct,
        misconceptions=evidence.misconceptions,
        idioms=idioms,
        syntax_errors=evidence.syntax_errors,
        reason=reason,
    )


def combined(evidences: Iterable[Evidence]) -> Evidence:
    """The evidence of several files together (one student's folder)."""
    total = Evidence()
    for evidence in evidences:
        total = total + evidence
    return total


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
