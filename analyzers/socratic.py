"""Questions that make the student think, for the findings that matter most.

After CodeHelp and the Socratic method: instead of telling the fix, ask about the student's own
line. Each rule carries a question in its documentation (`docs.question`); a prompt places it
at the finding (line and code) and fills in the finding's specifics (`{name}`-style
placeholders from the finding, when the question uses them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from mentor.analyzers.findings import Finding, Level, Severity
from mentor.analyzers.incremental.document import Analysis

DEFAULT_LIMIT = 3
MAX_SNIPPET = 60
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.HINT: 3}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class SocraticPrompt:
    code: str
    name: str
    line: int
    question: str


def top_findings(analysis: Analysis, level: Level, limit: int) -> list[Finding]:
    """The findings shown at `level`, most severe first, one per rule, then by position."""
    shown = [finding for finding in analysis.findings if finding.severity(level) is not None]
    shown.sort(key=lambda f: (_SEVERITY_ORDER[f.severity(level)], f.span))  # type: ignore[index]
    chosen: list[Finding] = []
    rules: set[str] = set()
    for finding in shown:
        if finding.code not in rules:
            rules.add(finding.code)
            chosen.append(finding)
    return chosen[:limit]


def socratic_prompts(
    analysis: Analysis, level: Level = Level.NOVICE, limit: int = DEFAULT_LIMIT
) -> tuple[SocraticPrompt, ...]:
    """A question for each of the top findings (at most `limit`, one per rule)."""
    return tuple(prompt_for(analysis, finding) for finding in top_findings(analysis, level, limit))


def prompt_for(analysis: Analysis, finding: Finding) -> SocraticPrompt:
    rule = finding.rule
    question = _fill(rule.docs.question, finding.args) if rule.docs.question else ""
    if not question:
        question = f"What do you expect this line to do, and does it? ({rule.summary})"
    snippet = _snippet(analysis, finding)
    where = f"Line {finding.span.line}" + (f" (`{snippet}`)" if snippet else "")
    return SocraticPrompt(finding.code, rule.name, finding.span.line, f"{where}: {question}")


def _fill(question: str, args: Mapping[str, str]) -> str:
    """Replace `{name}` with the finding's value; other braces (code such as `{}`) stay."""
    return _PLACEHOLDER.sub(lambda match: args.get(match.group(1), match.group(0)), question)


def _snippet(analysis: Analysis, finding: Finding) -> str:
    text = analysis.source.line(finding.span.line).strip()
    if "`" in text:
        return ""  # cannot be quoted as inline code; the line number is enough
    if len(text) > MAX_SNIPPET:
        text = text[: MAX_SNIPPET - 1].rstrip() + "…"
    return text
