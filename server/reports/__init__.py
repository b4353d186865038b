"""What `mentor analyze` and `mentor rules` print: plain data for JSON, text for people."""

from __future__ import annotations

from typing import Any, TextIO

from mentor.analyzers import Analysis, Finding, Fix, Level, Rule, Span
from mentor.analyzers.competence import Competence
from mentor.analyzers.concepts_used import ConceptUse
from mentor.analyzers.idioms import IdiomUse
from mentor.analyzers.insights import Insights, insights
from mentor.analyzers.metrics import Metrics
from mentor.analyzers.socratic import SocraticPrompt


def file_report(path: str, analysis: Analysis, level: Level) -> dict[str, Any]:
    """One file's results. Lines and columns are 1-based; an end points just past the text."""
    return {**findings_report(path, analysis, level), **insights_json(insights(analysis, level))}


def findings_report(path: str, analysis: Analysis, level: Level) -> dict[str, Any]:
    """The path, syntax error and findings of one file."""
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
    return {
        "path": path,
        "error": error,
        "syntax_error": None,
        "findings": [],
        "concepts": [],
        "metrics": None,
        "competence": None,
        "socratic_prompts": [],
    }


def insights_json(found: Insights) -> dict[str, Any]:
    """What the file shows besides findings: concepts, metrics, competence, Socratic prompts."""
    return {
        "concepts": [concept_json(use) for use in found.concepts],
        "metrics": metrics_json(found.metrics),
        "competence": competence_json(found.competence, found.idioms),
        "socratic_prompts": [prompt_json(prompt) for prompt in found.prompts],
    }


def concept_json(use: ConceptUse) -> dict[str, Any]:
    return {"concept": use.concept.value, "count": use.count, "lines": list(use.lines)}


def metrics_json(metrics: Metrics) -> dict[str, Any]:
    lines = metrics.lines
    return {
        "lines": {
            "total": lines.total,
            "code": lines.code,
            "comments": lines.comments,
            "docstrings": lines.docstrings,
            "blank": lines.blank,
        },
        "complexity": metrics.complexity,
        "max_function_complexity": metrics.max_complexity,
        "functions": [
            {"name": f.name, "line": f.line, "complexity": f.complexity, "rank": f.rank}
            for f in metrics.functions
        ],
        "weighted_findings": metrics.weighted_findings,
        "best_practice": metrics.best_practice,
    }


def competence_json(competence: Competence, idioms: tuple[IdiomUse, ...]) -> dict[str, Any]:
    lines_of: dict[str, list[int]] = {}
    for use in idioms:
        lines_of.setdefault(use.idiom.value, []).append(use.line)
    return {
        "level": competence.level.value,
        "score": competence.score,
        "reason": competence.reason,
        "evidence": {
            "grades": {concept.value: grade for concept, grade in competence.grades.items()},
            "correct": [concept.value for concept in competence.correct],
            "misconceptions": [
                {
                    "code": m.code,
                    "name": m.name,
                    "line": m.line,
                    "concepts": [concept.value for concept in m.concepts],
                }
                for m in competence.misconceptions
            ],
            "idioms": [
                {
                    "idiom": idiom.value,
                    "label": idiom.label,
                    "concept": idiom.concept.value,
                    "lines": lines_of.get(idiom.value, []),
                }
                for idiom in competence.idioms
            ],
            "syntax_errors": list(competence.syntax_errors),
        },
    }


def prompt_json(prompt: SocraticPrompt) -> dict[str, Any]:
    return {
        "code": prompt.code,
        "name": prompt.name,
        "line": prompt.line,
        "question": prompt.question,
    }


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
    """The rule table for docs/rules.md."""
    lines = ["| code | name | what it finds | concepts | same check in |", "|---|---|---|---|---|"]
    for rule in rules:
        concepts = ", ".join(concept.value for concept in rule.concepts)
        equivalents = ", ".join(rule.equivalents) or "—"
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.name}` | {summary} | {concepts} | {equivalents} |")
    return "\n".join(lines) + "\n"
