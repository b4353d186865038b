"""The values analyzers produce: levels, severities, fixes and findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from mentor.analyzers.source import Edit, Span

if TYPE_CHECKING:
    from mentor.analyzers.rule import Rule


class Level(str, Enum):
    """How much a learner already masters; decides wording, severity and hint depth."""

    NOVICE = "novice"
    DEVELOPING = "developing"
    PROFICIENT = "proficient"


class Severity(str, Enum):
    """How loudly a finding is shown. Mirrors LSP's DiagnosticSeverity."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


class Applicability(str, Enum):
    """How much a fix can be trusted (after ruff): only safe fixes are applied without thought."""

    SAFE = "safe"  # keeps what the code did; may be preferred and applied in bulk
    UNSAFE = "unsafe"  # probably what the learner meant, but changes behaviour: review it
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied automatically


@dataclass(frozen=True)
class Fix:
    """A rewrite that addresses a finding. Its edits never overlap and the result parses."""

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: what, where, in which words, and how to fix it."""

    rule: Rule
    span: Span
    args: Mapping[str, str] = field(default_factory=dict)
    fix: Fix | None = None

    @property
    def code(self) -> str:
        return self.rule.code

    def message(self, level: Level) -> str:
        """The message worded for a learner at `level`."""
        return self.rule.messages.for_level(level).format_map(_Defaulting(self.args))

    def severity(self, level: Level) -> Severity | None:
        """The severity at `level`, or None when the rule stays silent at that level."""
        return self.rule.severity.for_level(level)


class _Defaulting(dict):
    """format_map helper: a placeholder without a value renders as "it" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "it"
