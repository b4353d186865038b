"""Broken code as the syntax classifiers read it: Python's report, tokens and logical lines."""

from __future__ import annotations

import ast
import builtins
import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from mentor.analyzers.findings import Applicability
from mentor.analyzers.parsing import PARSE_ERRORS, parse
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, SourceText, Span
from mentor.analyzers.syntax.lexer import KEYWORDS, Kind, Token, lex

BUILTIN_NAMES = frozenset(dir(builtins))

LogicalLine = tuple[Token, ...]


@dataclass(frozen=True)
class PythonError:
    """What Python reported, normalised: 1-based lines, 0-based code-point columns."""

    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    indentation: bool = False  # an IndentationError (TabError included)
    tabs: bool = False  # a TabError

    @property
    def position(self) -> tuple[int, int]:
        return (self.line, self.column)


@dataclass(frozen=True)
class Diagnosis:
    """A classifier's verdict: the cause (a syntax rule), where, its words, and a possible fix."""

    rule_id: RuleId
    span: Span
    args: Mapping[str, str] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    fix_title: str = ""
    applicability: Applicability = Applicability.SAFE


class Reading:
    """One broken file: its text, Python's error, and the tokens the lexer read from it."""

    def __init__(
        self,
        source: SourceText,
        error: PythonError,
        lexer: Callable[[], list[Token]] | None = None,
        parser: Callable[[str], ast.Module] = parse,
    ) -> None:
        self.source = source
        self.error = error
        self._lexer = lexer or (lambda: lex(source.text))
        self._parser = parser
        self._parsed: dict[str, ast.Module | None] = {}

    @cached_property
    def tokens(self) -> list[Token]:
        return self._lexer()

    @cached_property
    def logical_lines(self) -> list[LogicalLine]:
        """Statements as Python groups them: physical lines joined inside brackets.

        Comments and line ends are left out; blank lines give no logical line.
        """
        lines: list[LogicalLine] = []
        current: list[Token] = []
        for token in self.tokens:
            if token.kind is Kind.NEWLINE and token.depth == 0:
                if current:
                    lines.append(tuple(current))
                current = []
            elif token.kind not in (Kind.NEWLINE, Kind.COMMENT):
                current.append(token)
        if current:
            lines.append(tuple(current))
        return lines

    @cached_property
    def _logical_index(self) -> dict[int, int]:
        """Physical line number -> index of the logical line that covers it."""
        index: dict[int, int] = {}
        for number, logical in enumerate(self.logical_lines):
            for line in range(logical[0].line, logical[-1].end_line + 1):
                index.setdefault(line, number)
        return index

    def logical_index_at(self, line: int) -> int | None:
        """The logical line covering physical `line`, else the last one before it."""
        if line in self._logical_index:
            return self._logical_index[line]
        before = [index for number, index in self._logical_index.items() if number < line]
        return max(before) if before else None

    def logical_line_at(self, line: int) -> LogicalLine:
        index = self.logical_index_at(line)
        return self.logical_lines[index] if index is not None else ()

    @property
    def error_line(self) -> LogicalLine:
        """The statement Python stopped in."""
        return self.logical_line_at(self.error.line)

    def previous_logical_line(self, logical: LogicalLine) -> LogicalLine:
        if not logical:
            return ()
        index = self.logical_index_at(logical[0].line)
        return self.logical_lines[index - 1] if index else ()

    def indentation(self, line: int) -> str:
        """The whitespace a physical line starts with."""
        text = self.source.line(line)
        return text[: len(text) - len(text.lstrip(" \t\f"))]

    def at_or_before_error(self, token: Token) -> bool:
        return token.start <= self.error.position

    def nearest_to_error(self, tokens: Iterable[Token]) -> Token | None:
        """The token closest to where Python stopped, preferring those before it."""
        candidates = list(tokens)
        if not candidates:
            return None
        before = [token for token in candidates if token.start <= self.error.position]
        if before:
            return before[-1]
        return candidates[0]

    @cached_property
    def _name_counts(self) -> Counter[str]:
        return Counter(token.text for token in self.tokens if token.is_name)

    def known_elsewhere(self, name: str, logical: Sequence[Token]) -> bool:
        """Whether `name` is a built-in, or used outside `logical`, or a near-miss of one.

        Words of a sentence a learner forgot to quote are not used anywhere else in the file;
        variables are (where they get their value, at least).
        """
        if self.used_elsewhere(name, logical):
            return True
        others = [known for known, count in self._name_counts.items() if known != name and count]
        return bool(difflib.get_close_matches(name, others, n=1, cutoff=0.8))

    def used_elsewhere(self, name: str, logical: Sequence[Token]) -> bool:
        """Whether `name` is a built-in or appears outside `logical`, spelled exactly so."""
        if name in BUILTIN_NAMES:
            return True
        inside = sum(1 for token in logical if token.is_name and token.text == name)
        return self._name_counts[name] > inside

    def parses_after(self, edits: Sequence[Edit]) -> bool:
        return self.parsed_after(edits) is not None

    def parsed_after(self, edits: Sequence[Edit]) -> ast.Module | None:
        """The tree of the file after `edits`, or None if it still does not parse (cached)."""
        text = self.source.apply(edits)
        if text not in self._parsed:
            try:
                self._parsed[text] = self._parser(text)
            except PARSE_ERRORS:
                self._parsed[text] = None
        return self._parsed[text]


def token_span(token: Token) -> Span:
    return Span(token.line, token.column, token.end_line, token.end_column)


def span_between(first: Token, last: Token) -> Span:
    return Span(first.line, first.column, last.end_line, last.end_column)


def insert_at(line: int, column: int, text: str) -> Edit:
    return Edit(Span(line, column, line, column), text)


def replace_token(token: Token, text: str) -> Edit:
    return Edit(token_span(token), text)


def first_that_parses(reading: Reading, candidates: Iterable[Sequence[Edit]]) -> tuple[Edit, ...]:
    """The first candidate fix after which the whole file parses, or no edits."""
    for edits in candidates:
        if edits and reading.parses_after(edits):
            return tuple(edits)
    return ()


def ends_operand(token: Token) -> bool:
    """Whether a value can end with `token` (a name, number, text or closing bracket)."""
    if token.kind is Kind.NAME:
        return token.text not in KEYWORDS or token.text in ("True", "False", "None")
    return token.kind in (Kind.NUMBER, Kind.STRING) or token.is_op(")", "]", "}")


def starts_operand(token: Token) -> bool:
    """Whether a value can start with `token` (brackets aside: they may call or index)."""
    if token.kind is Kind.NAME:
        return token.text not in KEYWORDS or token.text in ("True", "False", "None")
    return token.kind in (Kind.NUMBER, Kind.STRING)
