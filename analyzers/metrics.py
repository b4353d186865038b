"""Size, cyclomatic complexity and a best-practice score for one analysed file.

Line counts (by radon's rules, read from the syntax tree: see `line_counts`) and cyclomatic
complexity come from radon (the metrics library behind wily and xenon): its complexity counts
every decision a reader must follow (`if`/`elif`, loops, `except`, each `and`/`or`,
comprehension clauses, `case`), and it ranks a function A (1-5, simple) to F (41+). Code that
does not parse gets plain line counts and no complexity.

The best-practice score turns findings into one number a teacher can compare across files:

    W     = sum of the weights of the findings shown at the learner's level
            (error 1.0, warning 0.5, info 0.25, hint 0.1; findings silent at the level: 0)
    score = max(0, 1 - 10 * W / max(code_lines, 10))

so 1.0 is a file with nothing to improve, and one error (or two warnings) per ten lines of code
brings it to 0. Tiny files count as ten lines, so one slip in a three-line exercise is not 0.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from radon.complexity import cc_rank
from radon.raw import analyze as raw_metrics
from radon.visitors import Class, ComplexityVisitor, Function

from mentor.analyzers import cyclomatic
from mentor.analyzers.findings import Finding, Level, Severity
from mentor.analyzers.incremental.document import Analysis
from mentor.analyzers.line_counts import raw_counts

log = logging.getLogger(__name__)

SEVERITY_WEIGHTS = {
    Severity.ERROR: 1.0,
    Severity.WARNING: 0.5,
    Severity.INFO: 0.25,
    Severity.HINT: 0.1,
}
FINDINGS_PER_LINE_SCALE = 10  # weighted findings per ten lines of code
MIN_CODE_LINES = 10


@dataclass(frozen=True)
class LineCounts:
    """Every line of the file is exactly one of code, comment, docstring or blank (radon's)."""

    total: int
    code: int
    comments: int  # comment lines, and one-line docstrings
    docstrings: int  # lines of multi-line strings
    blank: int


@dataclass(frozen=True)
class FunctionComplexity:
    name: str  # qualified: `Student.add_mark`, `outer.inner`
    line: int
    complexity: int
    rank: str  # A (1-5) .. F (41+), radon's scale


@dataclass(frozen=True)
class Metrics:
    lines: LineCounts
    complexity: int | None  # the whole file: 1 + every decision point in it; None if unparsed
    functions: tuple[FunctionComplexity, ...]
    weighted_findings: float
    best_practice: float  # 0..1, see the module's docstring

    @property
    def max_complexity(self) -> int | None:
        return max((function.complexity for function in self.functions), default=None)


def metrics(analysis: Analysis, level: Level = Level.NOVICE) -> Metrics:
    """The file's metrics; severities (and so the score) follow the learner's level."""
    lines = count_lines(analysis.source.text, tree=analysis.tree)
    complexity, functions = _complexity(analysis.tree)
    weighted = weighted_findings(analysis.findings, level)
    return Metrics(
        lines=lines,
        complexity=complexity,
        functions=functions,
        weighted_findings=weighted,
        best_practice=best_practice_score(weighted, lines.code),
    )


def weighted_findings(findings: Iterable[Finding], level: Level) -> float:
    total = 0.0
    for finding in findings:
        severity = finding.severity(level)
        if severity is not None:
            total += SEVERITY_WEIGHTS[severity]
    return total


def best_practice_score(weighted: float, code_lines: int) -> float:
    """1 - 10 * W / max(code lines, 10), clamped to 0..1 and rounded to 3 decimals."""
    density = weighted / max(code_lines, MIN_CODE_LINES)
    return round(max(0.0, 1.0 - FINDINGS_PER_LINE_SCALE * density), 3)


def count_lines(text: str, parsed: bool = True, tree: ast.Module | None = None) -> LineCounts:
    """Line counts as radon's counts them: from the syntax tree when there is one (radon would
    tokenize the file again, see `line_counts`), by radon when the tree cannot tell, and by a
    plain reading of each line when the code does not parse."""
    if tree is not None:
        try:
            counted = raw_counts(text, tree)
        except Exception:  # a tree whose positions do not fit the text: let radon count
            log.debug("could not count lines from the tree", exc_info=True)
            counted = None
        if counted is not None:
            return LineCounts(*counted)
    if parsed or tree is not None:
        try:
            raw = raw_metrics(text)
        except Exception:  # radon tokenizes on its own; odd input must not lose the report
            log.debug("radon could not count lines", exc_info=True)
        else:
            return LineCounts(raw.loc, raw.sloc, raw.single_comments, raw.multi, raw.blank)
    lines = text.splitlines()
    blank = sum(1 for line in lines if not line.strip())
    comments = sum(1 for line in lines if line.strip().startswith("#"))
    return LineCounts(len(lines), len(lines) - blank - comments, comments, 0, blank)


def _complexity(tree: ast.Module | None) -> tuple[int | None, tuple[FunctionComplexity, ...]]:
    if tree is None:
        return None, ()
    visitor: cyclomatic.Blocks | ComplexityVisitor
    try:
        visitor = cyclomatic.module_blocks(tree)  # radon's numbers, in a walk several times faster
    except cyclomatic.TooDeep:
        try:
            visitor = ComplexityVisitor.from_ast(tree)
        except RecursionError:  # radon's visitor recurses; absurdly deep code has no complexity
            return None, ()
    functions = sorted(
        _flatten(visitor.functions, visitor.classes, prefix=""), key=lambda f: f.line
    )
    return visitor.total_complexity, tuple(functions)


def _flatten(
    functions: Iterable[Function | cyclomatic.Function],
    classes: Iterable[Class | cyclomatic.Class],
    prefix: str,
) -> Iterator[FunctionComplexity]:
    for function in functions:
        name = f"{prefix}{function.name}"
        yield FunctionComplexity(
            name, function.lineno, function.complexity, cc_rank(function.complexity)
        )
        yield from _flatten(function.closures, (), prefix=f"{name}.")
    for cls in classes:
        yield from _flatten(cls.methods, cls.inner_classes, prefix=f"{prefix}{cls.name}.")
