"""mentor.analyzers: source text in; findings, explanations and fixes out.

Pure functions over text: no editor, no network, no execution of the code analysed.
"""

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Finding, Fix, Level, Severity
from mentor.analyzers.incremental.document import (
    Analysis,
    AnalysisSettings,
    DocumentAnalyzer,
    analyze,
)
from mentor.analyzers.registry import all_rules, get_rule
from mentor.analyzers.rule import Rule
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, SourceText, Span
from mentor.analyzers.syntax import SyntaxProblem

__all__ = [
    "Analysis",
    "AnalysisSettings",
    "Applicability",
    "Concept",
    "DocumentAnalyzer",
    "Edit",
    "Finding",
    "Fix",
    "Level",
    "Rule",
    "RuleId",
    "Severity",
    "SourceText",
    "Span",
    "SyntaxProblem",
    "all_rules",
    "analyze",
    "get_rule",
]
