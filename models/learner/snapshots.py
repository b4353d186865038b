"""From snapshots of a document to graded evidence: what changed since the code last settled.

A snapshot is taken when the code settles (on save or after an idle pause), never per keystroke.
Comparing it with the document's memory of the previous snapshot gives the evidence:

- a finding that persists across snapshots counts once, when it first appears;
- a mistake that disappears while the file still parses was fixed: by hand it counts as learning,
  by an accepted quick fix it counts less;
- a syntax error counts only when it lasts (a half-typed line at an idle pause is no mistake);
  fixing one that counted is learning;
- new uses of a concept without a new mistake count as correct or idiomatic use.

Findings are compared per rule by count, not by position or text: a renamed variable or a line
moved up must not read as one mistake fixed and another made. Pure: memory in, memory out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from mentor.analyzers import Analysis, Concept, Level, Rule, Severity, get_rule
from mentor.models.learner.evidence import Cause, Grade, Observation
from mentor.models.learner.usage import concept_uses

# A syntax error that is still there this long after it appeared is a mistake, not a pause in
# the middle of typing a line.
SYNTAX_GRACE_S = 60.0


@dataclass(frozen=True)
class SyntaxMemory:
    """The syntax error of the last snapshot: which cause, since when, and whether it counted."""

    rule: str
    message: str
    since: float
    counted: bool = False


@dataclass(frozen=True)
class DocumentMemory:
    """What the last snapshot of one document held. A plain JSON shape for persistence."""

    findings: dict[str, int] = field(default_factory=dict)  # rule name -> how many
    uses: dict[str, int] = field(default_factory=dict)  # "concept:grade" -> how many
    syntax: SyntaxMemory | None = None
    parsed: bool = False  # whether any snapshot parsed: until one does, findings are unknown

    def to_json(self) -> dict[str, Any]:
        syntax = None
        if self.syntax is not None:
            syntax = {
                "rule": self.syntax.rule,
                "message": self.syntax.message,
                "since": self.syntax.since,
                "counted": self.syntax.counted,
            }
        return {
            "findings": self.findings,
            "uses": self.uses,
            "syntax": syntax,
            "parsed": self.parsed,
        }

    @classmethod
    def from_json(cls, data: Any) -> DocumentMemory:
        """Read a stored memory; anything unreadable gives an empty memory, never an error."""
        if not isinstance(data, dict):
            return cls()
        syntax = data.get("syntax")
        try:
            return cls(
                findings={str(k): int(v) for k, v in dict(data.get("findings") or {}).items()},
                uses={str(k): int(v) for k, v in dict(data.get("uses") or {}).items()},
                syntax=SyntaxMemory(
                    rule=str(syntax["rule"]),
                    message=str(syntax["message"]),
                    since=float(syntax["since"]),
                    counted=bool(syntax["counted"]),
                )
                if isinstance(syntax, dict)
                else None,
                parsed=bool(data.get("parsed", False)),
            )
        except (TypeError, ValueError, KeyError):
            return cls()


@dataclass(frozen=True)
class CodeFacts:
    """What a snapshot needs from an analysis: small, so a snapshot that cannot be stored yet
    (a locked database) can wait in memory without holding the file's syntax tree."""

    findings: dict[str, int]  # rule name -> how many findings
    uses: dict[str, int]  # "concept:grade" -> how many uses
    syntax_rule: str | None = None  # the cause of a syntax error, if the file does not parse
    syntax_message: str = ""

    @classmethod
    def of(cls, analysis: Analysis) -> CodeFacts:
        problem = analysis.syntax_error
        if problem is not None:
            return cls({}, {}, syntax_rule=problem.rule.name, syntax_message=problem.python_message)
        uses = concept_uses(analysis.tree) if analysis.tree is not None else Counter()
        return cls(
            findings=dict(Counter(finding.rule.name for finding in analysis.findings)),
            uses={f"{concept.value}:{grade.value}": n for (concept, grade), n in uses.items()},
        )


@dataclass(frozen=True)
class SnapshotResult:
    observations: tuple[Observation, ...]
    memory: DocumentMemory
    recheck_after: float | None = None  # seconds until a pending syntax error would count


def take_snapshot(
    previous: DocumentMemory | None,
    facts: CodeFacts,
    now: float,
    quick_fixed: Collection[str] = (),
) -> SnapshotResult:
    """The evidence in `facts` compared with the document's `previous` memory.

    `previous` is None the first time Mentor sees the document: that snapshot is a baseline
    and gives no evidence (the code may be a teacher's starter file, or written before Mentor
    ran). `quick_fixed` names the rules whose quick fixes the student accepted since then.
    """
    if facts.syntax_rule is not None:
        return _broken_snapshot(previous, facts, now)
    findings, uses = facts.findings, facts.uses
    memory = DocumentMemory(findings=findings, uses=uses, parsed=True)
    if previous is None:
        return SnapshotResult((), memory)

    fixes: list[Observation] = []
    gone = {name: n - findings.get(name, 0) for name, n in previous.findings.items()}
    if previous.syntax is not None and previous.syntax.counted:
        gone[previous.syntax.rule] = max(gone.get(previous.syntax.rule, 0), 1)
    for name, count in gone.items():
        rule = get_rule(name)
        if rule is None or count <= 0:
            continue
        cause = Cause.FIXED_BY_QUICK_FIX if name in quick_fixed else Cause.FIXED_BY_HAND
        fixes += [Observation.of(c, Grade.CORRECT, cause, name) for c in rule.concepts]
    if not previous.parsed:  # the first snapshot that parses is the baseline of its findings
        return SnapshotResult(_one_per_skill_and_kind((), fixes, ()), memory)

    mistakes: list[Observation] = []
    for name, count in findings.items():
        rule = get_rule(name)
        if rule is not None and count > previous.findings.get(name, 0):
            grade = grade_of_mistake(rule)
            mistakes += [Observation.of(c, grade, Cause.NEW_FINDING, name) for c in rule.concepts]

    new_uses: list[Observation] = []
    for key, count in uses.items():
        if count > previous.uses.get(key, 0):
            concept, grade = _parse_use_key(key)
            cause = Cause.IDIOMATIC_USE if grade is Grade.IDIOMATIC else Cause.CORRECT_USE
            new_uses.append(Observation.of(concept, grade, cause, f"use:{concept.value}"))

    return SnapshotResult(_one_per_skill_and_kind(mistakes, fixes, new_uses), memory)


def grade_of_mistake(rule: Rule) -> Grade:
    """Syntax errors and findings that are errors even for a novice break the code: ERROR.
    Everything else runs but shows a misunderstanding: MISCONCEPTION."""
    if rule.syntax or rule.severity.for_level(Level.NOVICE) is Severity.ERROR:
        return Grade.ERROR
    return Grade.MISCONCEPTION


def _broken_snapshot(
    previous: DocumentMemory | None, facts: CodeFacts, now: float
) -> SnapshotResult:
    """The file does not parse: its other findings are unknown, so they are carried over (their
    absence is no fix), and the syntax error's clock starts or keeps running."""
    name, message = facts.syntax_rule or "syntax-error", facts.syntax_message
    base = previous or DocumentMemory()
    seen = base.syntax
    if seen is None or (seen.rule, seen.message) != (name, message):
        seen = SyntaxMemory(rule=name, message=message, since=now)
    observations: tuple[Observation, ...] = ()
    recheck = None
    rule = get_rule(name)
    if not seen.counted and rule is not None:
        if now - seen.since >= SYNTAX_GRACE_S:
            observations = tuple(
                Observation.of(c, Grade.ERROR, Cause.LASTING_SYNTAX_ERROR, name)
                for c in rule.concepts
            )
            seen = SyntaxMemory(seen.rule, seen.message, seen.since, counted=True)
        else:
            recheck = seen.since + SYNTAX_GRACE_S - now
    memory = DocumentMemory(base.findings, base.uses, syntax=seen, parsed=base.parsed)
    return SnapshotResult(observations, memory, recheck)


def _parse_use_key(key: str) -> tuple[Concept, Grade]:
    concept, grade = key.rsplit(":", 1)
    return Concept(concept), Grade(int(grade))


def _one_per_skill_and_kind(
    mistakes: Iterable[Observation], fixes: Iterable[Observation], uses: Iterable[Observation]
) -> tuple[Observation, ...]:
    """At most one observation per skill for each kind of evidence in one snapshot: the worst
    new mistake, the fix that counts most, the best new use. New uses of a skill that also got
    a new mistake are no clean evidence, and are dropped."""
    worst: dict[Concept, Observation] = {}
    for obs in mistakes:
        if obs.skill not in worst or obs.grade < worst[obs.skill].grade:
            worst[obs.skill] = obs
    fixed: dict[Concept, Observation] = {}
    for obs in fixes:
        if obs.skill not in fixed or obs.weight > fixed[obs.skill].weight:
            fixed[obs.skill] = obs
    best: dict[Concept, Observation] = {}
    for obs in uses:
        if obs.skill in worst:
            continue
        if obs.skill not in best or obs.grade > best[obs.skill].grade:
            best[obs.skill] = obs
    ordered = [*worst.values(), *fixed.values(), *best.values()]
    return tuple(sorted(ordered, key=lambda obs: (obs.skill.value, obs.cause.value)))
