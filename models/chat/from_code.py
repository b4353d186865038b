"""The conversation's context from the student's file and Mentor's analysis of it: the lines
asked about (or the first finding's, or the start of the file) and the findings there."""

from __future__ import annotations

from dataclasses import replace

from mentor.analyzers import Analysis, Level
from mentor.models.assignments import Assignment
from mentor.models.chat.context import MAX_CODE_LINES, ChatContext
from mentor.models.llm.guardrails import Policy
from mentor.models.llm.prompts import Grounding, context_lines


def context_from_analysis(
    analysis: Analysis,
    level: Level,
    policy: Policy,
    *,
    file_name: str = "",
    focus: tuple[int, int] | None = None,
    assignment: Assignment | None = None,
    failing_test: str = "",
    last_run: str = "",
    with_findings: bool = True,
    document: str = "",
) -> ChatContext:
    source = analysis.source
    count = max(1, len(source.lines))
    shown = [f for f in analysis.findings if f.severity(level) is not None]
    if focus is None and shown:
        first = min(shown, key=lambda f: f.span.line)
        focus = (first.span.line, first.span.end_line)
    if focus is not None:
        start = max(1, min(focus[0], count))
        end = max(start, min(focus[1], count, start + MAX_CODE_LINES - 1))
        focus = (start, end)
        first_line, last_line = context_lines(source.text, start, end)
        last_line = min(last_line, count)
        here = [f for f in shown if f.span.line <= end and f.span.end_line >= start]
        # The finding that starts on the lines asked about first, then the narrowest.
        here.sort(key=lambda f: (not start <= f.span.line <= end, f.span.end_line - f.span.line))
    else:
        first_line, last_line = 1, min(count, MAX_CODE_LINES)
        here = []
    code = "\n".join(source.lines[first_line - 1 : last_line])
    here = here[:3] if with_findings else []
    findings = tuple(Grounding.from_finding(f, level) for f in here)
    rule = here[0].rule.name if here else ""
    skills = tuple(concept.value for concept in here[0].rule.concepts) if here else ()
    if assignment is not None and assignment.avoid:
        # The assignment's own "avoid" list is honoured like the class's avoided concepts.
        avoided = tuple(dict.fromkeys((*policy.avoid_concepts, *assignment.avoid)))
        policy = replace(policy, avoid_concepts=avoided)
    return ChatContext(
        level=level,
        policy=policy,
        file_name=file_name,
        code=code,
        first_line=first_line,
        focus=focus,
        findings=findings,
        assignment=assignment_text(assignment),
        failing_test=failing_test,
        last_run=last_run,
        rule=rule,
        skills=skills,
        document=document,
    )


def assignment_text(assignment: Assignment | None) -> str:
    if assignment is None:
        return ""
    return f"{assignment.title}: {assignment.description}".strip(": ")
