"""Text without quotes: `print(Hello world)`, `name = John Smith`, `print(You're great)`.

Words a learner meant as text are not names the program uses anywhere else; variables are.
That tells `print(Hello world)` (text) from `print(name age)` (a missing comma) and
`total = price quantity` (a missing operator).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from mentor.analyzers.findings import Applicability
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.lexer import Kind, Token
from mentor.analyzers.syntax.reading import Diagnosis, LogicalLine, Reading

# Punctuation that may sit inside a sentence written without quotes.
_SENTENCE_OPS = frozenset({".", ":", ";", "-"})
_CONTRACTION = re.compile(r"(s|t|re|ll|ve|d|m)\b")


def missing_quotes(reading: Reading) -> Diagnosis | None:
    """Several words side by side, at least one of them a name the program never uses."""
    logical = reading.error_line
    runs = [run for run in _word_runs(logical) if _reads_as_text(reading, run, logical)]
    before = [run for run in runs if run[0].start <= reading.error.position]
    if not runs:
        return None
    run = before[-1] if before else runs[0]
    text = reading.source.slice(_span(run[0], run[-1]))
    return _diagnosis(
        reading, run[0], _span(run[0], run[-1]), [_quote(_span(run[0], run[-1]), text)]
    )


def apostrophe_in_text(reading: Reading, string: Token, word: Token) -> Diagnosis | None:
    """`print(You're doing great)`: the apostrophe of an unquoted sentence opened a string."""
    body = string.text[1:]
    if not _CONTRACTION.match(body) or word.is_keyword:
        return None
    logical = reading.logical_line_at(word.line)
    start = word
    for token in reversed([token for token in logical if token.start < word.start]):
        if token.line != word.line or not _sentence_token(token) or token.depth != word.depth:
            break
        start = token
    line_text = reading.source.line(string.line)
    ends = [string.column + 1 + index for index, char in enumerate(body) if char in ")]},"]
    ends = [*reversed(ends), len(line_text.rstrip())]
    candidates = []
    for end in ends:
        span = Span(start.line, start.column, string.line, end)
        text = reading.source.slice(span).rstrip()
        span = Span(start.line, start.column, string.line, start.column + len(text))
        candidates.append((span, [_quote(span, text)]))
    for span, edits in candidates:
        if edits[0] is not None and reading.parses_after(edits):  # type: ignore[arg-type]
            return _diagnosis(reading, start, span, edits)
    span = Span(start.line, start.column, string.line, string.column + 1)
    return _diagnosis(reading, start, span, [])


def _diagnosis(
    reading: Reading, first: Token, span: Span, edits: Sequence[Edit | None]
) -> Diagnosis:
    text = reading.source.slice(span)
    usable = tuple(edit for edit in edits if edit is not None)
    if usable and not reading.parses_after(usable):
        usable = ()
    return Diagnosis(
        RuleId.MISSING_QUOTES,
        span,
        {"text": text},
        edits=usable,
        fix_title="Put the text in quotes",
        applicability=Applicability.UNSAFE,
    )


def _word_runs(logical: LogicalLine) -> list[list[Token]]:
    """Maximal stretches of words, numbers and sentence punctuation on one line and level."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in logical:
        if _sentence_token(token) and (
            not current or (token.line == current[-1].line and token.depth == current[-1].depth)
        ):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if _sentence_token(token) else []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        start, end = 0, len(run)
        if run[0] is logical[0]:  # a statement's own keyword is not part of the sentence
            while start < end and run[start].is_keyword:
                start += 1
        while start < end and run[start].kind is Kind.OP:
            start += 1
        if start < end and run[end - 1] is logical[-1] and run[end - 1].is_op(":"):
            end -= 1
        if start < end:
            trimmed.append(run[start:end])
    return trimmed


def _sentence_token(token: Token) -> bool:
    if token.kind in (Kind.NAME, Kind.NUMBER):
        return True
    if token.kind is Kind.ERROR:
        return token.text.isascii() and not token.text.isspace()
    return token.kind is Kind.OP and token.text in _SENTENCE_OPS


def _reads_as_text(reading: Reading, run: list[Token], logical: LogicalLine) -> bool:
    words = [token for token in run if token.kind is Kind.NAME]
    if not words:
        return False
    side_by_side = any(
        first.kind in (Kind.NAME, Kind.NUMBER)
        and second.kind in (Kind.NAME, Kind.NUMBER)
        and Kind.NAME in (first.kind, second.kind)
        for first, second in pairwise(run)
    )
    odd_character = any(token.kind is Kind.ERROR for token in run)
    if not (side_by_side or odd_character):
        return False
    return any(word.is_name and not reading.known_elsewhere(word.text, logical) for word in words)


def _span(first: Token, last: Token) -> Span:
    return Span(first.line, first.column, last.end_line, last.end_column)


def _quote(span: Span, text: str) -> Edit | None:
    if '"' not in text:
        return Edit(span, f'"{text}"')
    if "'" not in text:
        return Edit(span, f"'{text}'")
    return None
