"""Findings as LSP diagnostics; fixes travel inside `Diagnostic.data` (after ruff's server)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from mentor.analyzers import Analysis, Applicability, Finding, Fix, Level, Severity
from mentor.server.client import ClientSupport
from mentor.server.positions import to_lsp_range
from mentor.server.rule_docs import rule_uri

SOURCE = "mentor"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}


def to_diagnostics(
    analysis: Analysis,
    level: Level | Callable[[Finding], Level],
    version: int | None,
    encoding: str,
    client: ClientSupport | None = None,
) -> list[lsp.Diagnostic]:
    """The findings a learner at `level` should see, as diagnostics for document `version`.

    `level` may be a function of the finding: with `hintLevel: auto` each finding is worded for
    the learner's level in the skills it is about."""
    client = client or ClientSupport()
    level_of = level if callable(level) else (lambda finding, fixed=level: fixed)
    diagnostics = []
    for finding in analysis.findings:
        level = level_of(finding)
        severity = finding.severity(level)
        if severity is None:
            continue  # silent at this level: no nagging, no hand-holding
        diagnostics.append(
            to_diagnostic(analysis, finding, level, severity, version, encoding, client)
        )
    return diagnostics


def to_diagnostic(
    analysis: Analysis,
    finding: Finding,
    level: Level,
    severity: Severity,
    version: int | None,
    encoding: str,
    client: ClientSupport,
) -> lsp.Diagnostic:
    rule = finding.rule
    href = rule_uri(rule) if client.code_description else None
    data: dict[str, Any] = {"rule": rule.name, "version": version}
    if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
        data["fix"] = fix_to_data(analysis, finding.fix, encoding)
    unnecessary = "unnecessary" in rule.tags and client.diagnostic_tags
    tags = [lsp.DiagnosticTag.Unnecessary] if unnecessary else None
    return lsp.Diagnostic(
        range=to_lsp_range(analysis.source, finding.span, encoding),
        message=finding.message(level),
        severity=_SEVERITY[severity],
        code=rule.code,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        tags=tags,
        data=data,
    )


def fix_to_data(analysis: Analysis, fix: Fix, encoding: str) -> dict[str, Any]:
    """A fix as plain JSON with LSP ranges, so the code-action handler only decodes it."""
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [
            {
                "range": _range_json(to_lsp_range(analysis.source, edit.span, encoding)),
                "newText": edit.new_text,
            }
            for edit in fix.edits
        ],
    }


def _range_json(value: lsp.Range) -> dict[str, Any]:
    return {
        "start": {"line": value.start.line, "character": value.start.character},
        "end": {"line": value.end.line, "character": value.end.character},
    }
