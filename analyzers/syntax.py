"""Explain why code does not parse, in plain words, at the line where the fix belongs.

After Friendly-traceback: Python's own message says where the parser gave up; a beginner needs to
know what they most likely did (`=` for `==`, a missing colon, an unclosed bracket...) and where
to change it. Each cause is a syntax rule of the registry, so its name is the `cause` that class
reports count. The explainer reads the tokens that precede the error; it never raises.
"""

from __future__ import annotations

import io
import logging
import re
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from mentor.analyzers.findings import Applicability, Finding, Fix, Level
from mentor.analyzers.parsing import parses
from mentor.analyzers.registry import rule
from mentor.analyzers.rule import Rule
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, SourceText, Span

log = logging.getLogger(__name__)

OPENING = {"(": ")", "[": "]", "{": "}"}
CLOSING = {")": "(", "]": "[", "}": "{"}
BRACKET_NAMES = {
    "(": "round bracket '('",
    "[": "square bracket '['",
    "{": "curly bracket '{'",
    ")": "round bracket ')'",
    "]": "square bracket ']'",
    "}": "curly bracket '}'",
}
CONDITION_KEYWORDS = ("if", "elif", "while")
BLOCK_KEYWORDS = (
    "if",
    "elif",
    "else",
    "for",
    "while",
    "def",
    "class",
    "try",
    "except",
    "finally",
    "with",
)


@dataclass(frozen=True)
class SyntaxProblem:
    """Why a file does not parse: the cause (a syntax rule), where, and Python's own words."""

    rule: Rule
    span: Span
    python_message: str
    args: Mapping[str, str] = field(default_factory=dict)
    fix: Fix | None = None

    @property
    def cause(self) -> str:
        """The cause's kebab-case name, e.g. `unclosed-bracket` (`syntax-error` when unknown)."""
        return self.rule.name

    @property
    def finding(self) -> Finding:
        return Finding(rule=self.rule, span=self.span, args=self.args, fix=self.fix)

    def explanation(self, level: Level = Level.NOVICE) -> str:
        return self.finding.message(level)


@dataclass(frozen=True)
class _Error:
    """What Python reported, normalised: 1-based line, 0-based code-point columns."""

    message: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class _Diagnosis:
    rule_id: RuleId
    span: Span
    args: dict[str, str] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    fix_title: str = ""


Classifier = Callable[[SourceText, _Error, list[tokenize.TokenInfo]], "_Diagnosis | None"]


def explain_syntax_error(source: SourceText, error: BaseException) -> SyntaxProblem:
    """Turn the exception `ast.parse` raised into a plain-language `SyntaxProblem`."""
    normalised = _normalise(source, error)
    diagnosis = None
    try:
        tokens = _tokens_until_error(source.text)
        for classify in CLASSIFIERS:
            diagnosis = classify(source, normalised, tokens)
            if diagnosis is not None:
                break
    except Exception:  # explaining must never fail: fall back to the generic explanation
        log.exception("syntax explainer failed")
        diagnosis = None
    if diagnosis is None:
        diagnosis = _generic(source, normalised)
    args = {"python": normalised.message, "line": str(diagnosis.span.line), **diagnosis.args}
    fix = _fix_for(source, diagnosis)
    return SyntaxProblem(
        rule=rule(diagnosis.rule_id),
        span=diagnosis.span,
        python_message=normalised.message,
        args=MappingProxyType(args),
        fix=fix,
    )


# -- classifiers: each recognises one cause from Python's report and the tokens -------------


def _assign_in_condition(source: SourceText, error: _Error, tokens: list[tokenize.TokenInfo]):
    """`if x = 5:` — a single `=` inside the condition of if/elif/while."""
    line_tokens = [tok for tok in tokens if tok.start[0] == error.line]
    significant = [tok for tok in line_tokens if tok.type not in _TRIVIA]
    if not significant or significant[0].string not in CONDITION_KEYWORDS:
        return None
    depth = 0
    for tok in significant[1:]:
        if tok.string in OPENING:
            depth += 1
        elif tok.string in CLOSING:
            depth -= 1
        elif tok.string == ":" and depth == 0:
            return None
        elif tok.string == "=" and depth == 0:
            span = _token_span(source, tok)
            return _Diagnosis(
                RuleId.ASSIGN_IN_CONDITION,
                span,
                {"keyword": significant[0].string},
                edits=(Edit(span, "=="),),
                fix_title="Compare with '==' instead of assigning with '='",
            )
    return None


CLASSIFIERS: list[Classifier] = [_assign_in_condition]


# -- the generic explanation ------------------------------------------------------------

_PLAIN_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^invalid syntax$"), "Python could not make sense of the code here"),
    (
        re.compile(r"Perhaps you forgot a comma"),
        "two values stand side by side with nothing between them",
    ),
    (re.compile(r"^expected ':'"), "a ':' is missing at the end of this line"),
    (re.compile(r"was never closed"), "a bracket is opened here and never closed"),
    (re.compile(r"^unmatched"), "this closing bracket has no opening bracket"),
    (re.compile(r"does not match opening"), "this closing bracket is not the kind that was opened"),
    (
        re.compile(r"unterminated (triple-quoted )?string"),
        "a text (string) starts here but its closing quote is missing",
    ),
    (re.compile(r"^unexpected indent"), "this line is indented more than Python expects"),
    (re.compile(r"^expected an indented block"), "the line after a ':' must be indented"),
    (
        re.compile(r"unindent does not match"),
        "this line's indentation does not line up with the lines above",
    ),
    (re.compile(r"inconsistent use of tabs"), "tabs and spaces are mixed in the indentation"),
    (
        re.compile(r"null bytes"),
        "the file contains a zero byte, so it is probably not a Python text file",
    ),
    (
        re.compile(r"too many (nested|levels)"),
        "the code is nested more deeply than Python can read",
    ),
    (re.compile(r"maximum recursion depth"), "the code is nested more deeply than Python can read"),
    (re.compile(r"invalid decimal literal"), "a number runs straight into letters"),
    (
        re.compile(r"Missing parentheses in call to 'print'"),
        "print needs round brackets: print(...)",
    ),
    (
        re.compile(r"invalid character"),
        "this line contains a character Python does not allow in code",
    ),
]


def plain_words(python_message: str) -> str:
    """A short plain-language paraphrase of one of Python's syntax messages."""
    for pattern, words in _PLAIN_WORDS:
        if pattern.search(python_message):
            return words
    return "Python could not make sense of the code here"


def _generic(source: SourceText, error: _Error) -> _Diagnosis:
    end_column = error.end_column if error.end_line == error.line else len(source.line(error.line))
    if end_column <= error.column:
        end_column = min(error.column + 1, max(len(source.line(error.line)), error.column))
    span = Span(error.line, error.column, error.line, end_column)
    return _Diagnosis(RuleId.SYNTAX_ERROR, span, {"plain": plain_words(error.message)})


# -- helpers ------------------------------------------------------------------------------

_TRIVIA = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def _normalise(source: SourceText, error: BaseException) -> _Error:
    if isinstance(error, SyntaxError):
        message = error.msg or "invalid syntax"
        line = error.lineno or 1
        column = max((error.offset or 1) - 1, 0)
        end_line = error.end_lineno or line
        end_column = (error.end_offset or 0) - 1
    else:  # RecursionError, MemoryError, ValueError: no position, blame the first line
        message = str(error) or type(error).__name__
        line, column, end_line, end_column = 1, 0, 1, -1
    line_count = max(len(source.lines), 1)
    line = min(max(line, 1), line_count)
    end_line = min(max(end_line, line), line_count)
    column = min(column, len(source.line(line)))
    return _Error(message, line, column, end_line, end_column)


def _tokens_until_error(text: str) -> list[tokenize.TokenInfo]:
    """Every token Python's tokenizer produces before it stops on the broken code."""
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            tokens.append(token)
            if len(tokens) > 2_000_000:  # a pathological file; enough to explain it
                break
    except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    return tokens


def _token_span(source: SourceText, token: tokenize.TokenInfo) -> Span:
    # tokenize columns are already code points
    return Span(token.start[0], token.start[1], token.end[0], token.end[1])


def _fix_for(source: SourceText, diagnosis: _Diagnosis) -> Fix | None:
    if not diagnosis.edits:
        return None
    if not parses(source.apply(diagnosis.edits)):
        return None
    return Fix(diagnosis.fix_title, Applicability.SAFE, diagnosis.edits)
