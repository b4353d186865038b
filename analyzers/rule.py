"""What a rule is: identity, teaching text, wording per level, severity per level, examples."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Level, Severity
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

_RANGE = re.compile(r"\d+:\d+-\d+:\d+")


def code(text: str) -> str:
    """Example code written as a triple-quoted string that opens on the line of the call.

    The code follows on the next lines, indented one level past the call, and the closing quotes
    stand on a line of their own; the first newline and the common indent are removed.
    """
    return textwrap.dedent(text.removeprefix("\n"))


@dataclass(frozen=True)
class Docs:
    """The rule's own documentation, shown on hover and by `mentor rules` (after ruff)."""

    what: str  # what the rule finds
    why: str  # why it matters to someone learning Python
    example: str  # code that triggers it
    better: str  # the better form of the same code
    question: str = ""  # a Socratic prompt that makes the learner think instead of telling
    example_path: str | None = None  # the file name the example is saved as, when it matters
    # The example's names that hover replaces with the student's: (name in the example, the
    # finding's arg that holds the student's name), e.g. ("names", "seq").
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Messages:
    """The diagnostic's text per learner level; `{placeholders}` come from the finding's args."""

    novice: str  # plain words and why
    developing: str  # shorter
    proficient: str  # one line

    def for_level(self, level: Level) -> str:
        return {
            Level.NOVICE: self.novice,
            Level.DEVELOPING: self.developing,
            Level.PROFICIENT: self.proficient,
        }[level]


@dataclass(frozen=True)
class Severities:
    """Severity per learner level; None hides the rule at that level.

    No nagging of novices with idioms they cannot use yet, no hand-holding of proficient ones.
    """

    novice: Severity | None
    developing: Severity | None
    proficient: Severity | None

    @classmethod
    def same(cls, severity: Severity) -> Severities:
        return cls(severity, severity, severity)

    def for_level(self, level: Level) -> Severity | None:
        return {
            Level.NOVICE: self.novice,
            Level.DEVELOPING: self.developing,
            Level.PROFICIENT: self.proficient,
        }[level]


@dataclass(frozen=True)
class Invalid:
    """An example the rule must flag, where, and in which words; a test checks each claim.

    `at` is the one range the rule reports, written "line:column-end_line:end_column" (1-based
    lines, 0-based columns, end exclusive, as `Span`). `message` is the expected message at the
    developing level, given where the wording depends on the code. `fixed` is the exact text
    after applying the rule's fix.
    """

    code: str
    fixed: str | None = None
    path: str | None = None  # the file the code is saved as, for rules about file names
    at: str | None = None
    message: str | None = None

    def __post_init__(self) -> None:
        if self.at is not None and not _RANGE.fullmatch(self.at):
            raise ValueError(f"not a line:column-end_line:end_column range: {self.at!r}")

    @property
    def span(self) -> Span | None:
        """`at` as a Span."""
        if self.at is None:
            return None
        line, column, end_line, end_column = map(int, re.split("[:-]", self.at))
        return Span(line, column, end_line, end_column)


@dataclass(frozen=True)
class Difference:
    """A deliberate difference from an equivalent check of another tool, shown on the rule's page.

    `key` names it for `bench/differential.py`, which recognises the cases it covers and counts
    them apart from misses and false alarms.
    """

    key: str
    oracles: tuple[str, ...]  # the equivalent codes it concerns, e.g. ("pylint:W0718",)
    text: str  # what Mentor does differently and why


@dataclass(frozen=True)
class Rule:
    """One check of the registry. Tests are generated from `valid` and `invalid`."""

    id: RuleId
    name: str  # kebab-case, stable; what users type in `mentor.rules.disable`
    summary: str  # one line for lists
    concepts: tuple[Concept, ...]
    docs: Docs
    messages: Messages
    severity: Severities
    equivalents: tuple[str, ...] = ()  # e.g. ("pylint:C0200", "ruff:PLC0200", "edulint:R6307")
    valid: tuple[str, ...] = ()
    invalid: tuple[Invalid, ...] = ()
    syntax: bool = False  # explains code that does not parse; found by the syntax explainer
    fixable: bool = False  # offers a fix (for some of the code it flags); tests hold it to that
    tags: frozenset[str] = field(default_factory=frozenset)  # e.g. {"style"}: hidden for novices
    differences: tuple[Difference, ...] = ()  # deliberate differences from `equivalents`

    @property
    def code(self) -> str:
        return self.id.value

    def documentation(self, level: Level = Level.NOVICE) -> str:
        """Markdown documentation, the way hover and `mentor rules` show it."""
        parts = [
            f"**{self.name}** ({self.code}): {self.summary}",
            "",
            f"**What it finds.** {self.docs.what}",
        ]
        if level is not Level.PROFICIENT:
            parts += ["", f"**Why it matters.** {self.docs.why}"]
        parts += ["", "**Example**", "```python", self.docs.example.rstrip(), "```"]
        parts += ["", "**Better**", "```python", self.docs.better.rstrip(), "```"]
        if self.differences:
            parts += ["", "**Differs from other linters.**"]
            parts += [f"- {', '.join(d.oracles)}: {d.text}" for d in self.differences]
        return "\n".join(parts)
