"""The analyzers' front door: source text in, an `Analysis` out. Pure: no editor, no I/O.

`DocumentAnalyzer` analyses the successive versions of one document, reusing what each edit left
unchanged (see the package's docstring); `analyze` is one version with nothing kept.
"""

from __future__ import annotations

import ast
import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from mentor.analyzers.context import Context, ModuleNode
from mentor.analyzers.findings import Finding
from mentor.analyzers.incremental.records import Active, release_unit, run_checkers
from mentor.analyzers.incremental.relex import UnitTokens
from mentor.analyzers.incremental.units import Unit, link_units, reparse, split_units
from mentor.analyzers.parsing import PARSE_ERRORS, parse
from mentor.analyzers.registry import CHECKERS, all_rules
from mentor.analyzers.registry import rule as registered_rule
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import SourceText, Span
from mentor.analyzers.syntax import SyntaxProblem, compile_time_problem, explain_syntax_error
from mentor.analyzers.syntax.compile_time import Misplaced, misplaced_statement

log = logging.getLogger(__name__)

# About 25,000 lines: far beyond a learner's file, and still checked in about a second.
MAX_ANALYSED_CHARS = 1_000_000


@dataclass(frozen=True)
class AnalysisSettings:
    """What the caller wants checked. Rules are named by code (`MNT101`) or name."""

    disabled: frozenset[str] = frozenset()

    def enabled(self, code: str, name: str) -> bool:
        return code not in self.disabled and name not in self.disabled


@dataclass(frozen=True)
class Analysis:
    """Everything Mentor knows about one version of one file."""

    source: SourceText
    path: str | None
    findings: tuple[Finding, ...]
    syntax_error: SyntaxProblem | None = None
    tree: ast.Module | None = field(default=None, repr=False, compare=False)


def analyze(
    text: str, path: str | None = None, settings: AnalysisSettings | None = None
) -> Analysis:
    """Analyse one file's text. Never raises on student code, and never runs it."""
    analyzer = DocumentAnalyzer()
    try:
        return analyzer.analyze(text, path, settings)
    finally:
        analyzer.forget()


class DocumentAnalyzer:
    """Analyses the successive versions of one document (an editor's open file), reusing for
    each what the edits since the last one left unchanged (see `records`): the result is
    the same as `analyze`, at the cost of the changed statements. Calls are serialised."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsed = SourceText("")  # the last version that parsed, and its units
        self._units: list[Unit] = []
        self._unit_tokens = UnitTokens()  # its units' tokens, should a version not parse
        self._settings: AnalysisSettings | None = None

    def forget(self) -> None:
        """Drop everything kept from earlier versions."""
        with self._lock:
            self._keep(SourceText(""), [])

    def analyze(
        self, text: str, path: str | None = None, settings: AnalysisSettings | None = None
    ) -> Analysis:
        """Analyse this version of the document. Never raises on student code, never runs it."""
        settings = settings or AnalysisSettings()
        with self._lock, gc_paused():
            if settings != self._settings:
                # The records hold findings of the rules enabled then.
                self._keep(SourceText(""), [])
                self._settings = settings
            return self._analyze(text, path, settings)

    def _analyze(self, text: str, path: str | None, settings: AnalysisSettings) -> Analysis:
        source = SourceText(text)
        all_rules()  # make sure every rule family is registered
        if len(text) > MAX_ANALYSED_CHARS:
            self._keep(SourceText(""), [])
            return _too_large(source, path, settings)
        lines = source.lines
        units = None
        if self._units:
            try:
                units = reparse(self._parsed.lines, self._units, lines)
            except PARSE_ERRORS:
                units = None  # the changed lines alone do not parse: try the whole file
        if units is None:
            try:
                tree = parse(text)
            except PARSE_ERRORS as error:
                lexer = partial(self._unit_tokens.lex, self._parsed, self._units, source)
                problem = explain_syntax_error(source, error, lexer, self._parse_version)
                enabled = settings.enabled(problem.rule.code, problem.rule.name)
                findings = (problem.finding,) if enabled else ()
                return Analysis(source=source, path=path, findings=findings, syntax_error=problem)
            units = link_units(split_units(tree.body, lines), self._units)
        tree = ModuleNode([statement for unit in units for statement in unit.statements])

        ctx = Context(source, tree, path, units)
        try:
            findings = run_checkers(ctx, _active(settings))
        finally:
            ctx.release()
        self._keep(source, units)
        # It parses, but `return` at top level (say) still stops Python from running any of it.
        problem = compile_time_problem(source, tree, lambda _: _first_misplaced(units))
        if problem is not None and settings.enabled(problem.rule.code, problem.rule.name):
            findings = (problem.finding, *findings)
        return Analysis(
            source=source, path=path, findings=findings, syntax_error=problem, tree=tree
        )

    def _parse_version(self, text: str) -> ast.Module:
        """The tree of another version of the document (a fix's result, say), parsing again
        only the lines it changed since the last version that parsed when they parse alone."""
        if self._units:
            try:
                units = reparse(self._parsed.lines, self._units, SourceText(text).lines)
                statements = [statement for unit in units for statement in unit.statements]
                return ast.Module(statements, [])
            except PARSE_ERRORS:
                pass  # they do not parse alone; the whole file may still
        return parse(text)

    def _keep(self, parsed: SourceText, units: list[Unit]) -> None:
        """`units` (of `parsed`) are what the next version reuses; free the others."""
        kept = {id(unit) for unit in units}
        for unit in self._units:
            if id(unit) not in kept:
                release_unit(unit)
        for unit in units:
            previous, unit.previous = unit.previous, None
            if previous is not None and id(previous) not in kept:
                release_unit(previous)
        self._parsed, self._units = parsed, units
        if not units:
            self._unit_tokens.forget()


def _first_misplaced(units: list[Unit]) -> Misplaced | None:
    """The first `return`, `break` or `continue` out of place, each unit's answer kept."""
    for unit in units:
        cache = unit.cache
        if not cache.misplaced_known:
            cache.misplaced = misplaced_statement(ast.Module(unit.statements, []))
            cache.misplaced_known = True
        if cache.misplaced is not None:
            return cache.misplaced
    return None


def _too_large(source: SourceText, path: str | None, settings: AnalysisSettings) -> Analysis:
    """Files far beyond anything a learner writes (generated data, minified code) are skipped
    with one notice, so they cannot stall the editor."""
    too_large = registered_rule(RuleId.FILE_TOO_LARGE)
    findings: tuple[Finding, ...] = ()
    if settings.enabled(too_large.code, too_large.name):
        megabytes = f"{len(source.text) / 1_000_000:.1f}"
        limit = f"{MAX_ANALYSED_CHARS / 1_000_000:g}"
        first_line = Span(1, 0, 1, len(source.line(1)))
        findings = (Finding(too_large, first_line, {"size": megabytes, "limit": limit}),)
    return Analysis(source=source, path=path, findings=findings)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold Python's cycle collector while analyses run (on any thread).

    An analysis allocates thousands of AST nodes that stay alive until it ends, so collections
    during it find no garbage, only cost: about 6 ms of a 500-line analysis on average, and a
    full collection (every dozen analyses or so; longer the more objects the process holds)
    made the p95. Analyses make no reference cycles; what they leave is freed by reference
    counting, and the collector resumes when the last running analysis ends.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def _active(settings: AnalysisSettings) -> Active:
    """The checkers of the enabled rules, by node type."""
    return {
        node_type: [(rule, fn) for rule, fn in pairs if settings.enabled(rule.code, rule.name)]
        for node_type, pairs in CHECKERS.items()
    }
