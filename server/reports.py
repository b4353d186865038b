"""What `mentor analyze` and `mentor rules` print: plain data for JSON, text for people."""

from __future__ import annotations

from typing import Any, TextIO

from mentor.analyzers import Analysis, Finding, Fix, Level, Rule, Span


def file_report(path: str, analysis: Analysis, level: Level) -> dict[str, Any]:
    """One file's results. Lines and columns are 1-based; an end points just past the text."""
    problem = analysis.syntax_error
    syntax_error = None
    if problem is not None:
        syntax_error = {
            "line": problem.span.line,
            "column": problem.span.column + 1,
            "message": problem.python_message,
            "explanation": problem.explanation(level),
            "cause": problem.cause,
        }
    findings = [
        finding_json(finding, level)
        for finding in analysis.findings
        if finding.severity(level) is not None
    ]
    return {"path": path, "syntax_error": syntax_error, "findings": findings}


def unreadable_file(path: str, error: str) -> dict[str, Any]:
    return {"path": path, "error": error, "syntax_error": None, "findings": []}


def finding_json(finding: Finding, level: Level) -> dict[str, Any]:
    severity = finding.severity(level)
    return {
        "code": finding.code,
        "name": finding.rule.name,
        **_position_json(finding.span),
        "severity": severity.value if severity else None,
        "message": finding.message(level),
        "concepts": [concept.value for concept in finding.rule.concepts],
        "equivalents": list(finding.rule.equivalents),
        "fix": fix_json(finding.fix) if finding.fix else None,
    }


def fix_json(fix: Fix) -> dict[str, Any]:
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [{**_position_json(edit.span), "new_text": edit.new_text} for edit in fix.edits],
    }


def _position_json(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column + 1,
        "end_line": span.end_line,
        "end_column": span.end_column + 1,
    }


def write_text(results: list[dict[str, Any]], out: TextIO) -> None:
    total = 0
    for result in results:
        if result.get("error"):
            out.write(f"{result['path']}: cannot check: {result['error']}\n")
            continue
        for item in result["findings"]:
            total += 1
            out.write(
                f"{result['path']}:{item['line']}:{item['column']}: {item['code']} "
                f"[{item['name']}] {item['message']}\n"
            )
            if item["fix"]:
                out.write(f"    fix ({item['fix']['applicability']}): {item['fix']['title']}\n")
    files = len(results)
    out.write(
        f"\nChecked {files} file{'s' if files != 1 else ''}: "
        f"{total} finding{'s' if total != 1 else ''}.\n"
    )


def rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "concepts": [concept.value for concept in rule.concepts],
        "equivalents": list(rule.equivalents),
        "syntax": rule.syntax,
        "severity": {
            level.value: (severity.value if (severity := rule.severity.for_level(level)) else None)
            for level in Level
        },
        "documentation": {
            "what": rule.docs.what,
            "why": rule.docs.why,
            "example": rule.docs.example,
            "better": rule.docs.better,
            "question": rule.docs.question,
        },
    }


def rules_markdown(rules: list[Rule]) -> str:
    """The rule table for README.md and docs."""
    lines = ["| code | name | what it finds | concepts | same check in |", "|---|---|---|---|---|"]
    for rule in rules:
        concepts = ", ".join(concept.value for concept in rule.concepts)
        equivalents = ", ".join(rule.equivalents) or "—"
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.name}` | {summary} | {concepts} | {equivalents} |")
    return "\n".join(lines) + "\n"
