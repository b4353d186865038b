"""Explain why code does not parse, in plain words, at the line where the fix belongs.

After Friendly-traceback: Python's own message says where the parser gave up; a beginner needs to
know what they most likely did (`=` for `==`, a missing colon, an unclosed bracket...) and where
to change it. Each cause is a syntax rule of the registry, so its name is the `cause` that class
reports count. The classifiers read the tokens of the broken file (see `lexer`) more than
Python's message, whose wording changes between Python versions. The explainer never raises.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Finding, Fix, Level, Severity
from mentor.analyzers.parsing import parse
from mentor.analyzers.registry import register, rule
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import SourceText, Span
from mentor.analyzers.syntax.brackets import bracket_problem
from mentor.analyzers.syntax.compile_time import (
    Misplaced,
    diagnose_misplaced,
    misplaced_statement,
)
from mentor.analyzers.syntax.indentation import bad_indentation
from mentor.analyzers.syntax.keywords import keyword_as_name, misspelled_keyword
from mentor.analyzers.syntax.lexer import Token
from mentor.analyzers.syntax.names import name_starts_with_digit
from mentor.analyzers.syntax.operators import assign_in_condition, wrong_operator
from mentor.analyzers.syntax.quotes import missing_quotes
from mentor.analyzers.syntax.reading import Diagnosis, PythonError, Reading
from mentor.analyzers.syntax.statements import (
    else_if,
    misplaced_else,
    missing_colon,
    print_statement,
)
from mentor.analyzers.syntax.strings import stray_character, tokenizer_problem
from mentor.analyzers.syntax.targets import assign_to_expression
from mentor.analyzers.syntax.values import side_by_side

SYNTAX_ERROR = register(
    Rule(
        id=RuleId.SYNTAX_ERROR,
        name="syntax-error",
        summary="Python cannot read the file, so none of it can run.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="Code that breaks Python's grammar, for a reason Mentor has no more specific "
            "explanation for.",
            why="Until the file parses, Python runs none of it: not even the lines above the "
            "mistake. Python stops at the first place it cannot understand, which is often just "
            "after the real mistake.",
            example="total = = 5\n",
            better="total = 5\n",
            question="What did you mean this line to do, and which part of it does Python "
            "not expect?",
        ),
        messages=Messages(
            novice="Python cannot read this line, so none of your file can run yet: {plain}. "
            'Python\'s own words: "{python}". The mistake is here or just before it.',
            developing='Syntax error: {plain} ("{python}").',
            proficient="SyntaxError: {python}",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(
            Invalid("total = = 5\n", at="1:8-1:9"),
            Invalid(
                code("""
                    for in range(3):
                        pass
                """),
                at="1:4-1:6",
            ),
            Invalid("y = 2 *\n", at="1:7-1:7"),
        ),
        valid=("total = 5\n",),
        syntax=True,
    )
)


BINARY_FILE = register(
    Rule(
        id=RuleId.BINARY_FILE,
        name="binary-file",
        summary="A file with zero bytes in it: an image or a document, not Python text.",
        concepts=(Concept.SYNTAX, Concept.FILES),
        docs=Docs(
            what="A file that contains zero bytes (U+0000), which text never does: usually an "
            "image, a spreadsheet or a word-processor document saved with a `.py` name.",
            why="Python reads programs as plain text. A program written in a word processor, or "
            "a file renamed to `.py`, is not text, so Python cannot read any of it.",
            example="\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            better="print('Hello')\n",
            question="Which program did you write this file with? Does it save plain text?",
        ),
        messages=Messages(
            novice="This file contains zero bytes, so it is not plain text: it may be an image or "
            "a document saved with a .py name. Write Python in a code editor, which saves plain "
            "text.",
            developing="Not a text file (zero bytes at line {line}).",
            proficient="Binary file: contains NUL bytes.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(
            Invalid("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", at="3:0-3:1"),
            Invalid("print('hi')\n\x00\x00\n", at="2:0-2:1"),
        ),
        valid=("print('\\x00')\n",),
        syntax=True,
        tags=frozenset({"file-level"}),  # a property of the whole file, not a typing mistake
    )
)


log = logging.getLogger(__name__)

_NO_ERROR = PythonError("", 1, 0, 1, 0)

Classifier = Callable[[Reading], "Diagnosis | None"]


# Most specific first: each returns None unless it recognises its cause where Python stopped.
def binary_file(reading: Reading) -> Diagnosis | None:
    """Zero bytes: the file is not text at all, whatever else looks wrong in it."""
    position = reading.source.text.find("\x00")
    if position < 0:
        return None
    line, column = reading.source.position(position)
    return Diagnosis(RuleId.BINARY_FILE, Span(line, column, line, column + 1))


CLASSIFIERS: list[Classifier] = [
    binary_file,
    bad_indentation,
    tokenizer_problem,
    bracket_problem,
    else_if,
    print_statement,
    wrong_operator,
    assign_in_condition,
    keyword_as_name,
    name_starts_with_digit,
    misplaced_else,
    misspelled_keyword,
    missing_colon,
    assign_to_expression,
    missing_quotes,
    side_by_side,
    stray_character,
]


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


def explain_syntax_error(
    source: SourceText,
    error: BaseException,
    lexer: Callable[[], list[Token]] | None = None,
    parser: Callable[[str], ast.Module] = parse,
) -> SyntaxProblem:
    """Turn the exception `ast.parse` raised into a plain-language `SyntaxProblem`.

    A caller that knows more about the text can make this cheaper: `lexer` returns its tokens
    (as `lexer.lex` reads them), `parser` parses it after a fix (as `parsing.parse` does)."""
    normalised = _normalise(source, error)
    reading = Reading(source, normalised, lexer, parser)
    diagnosis = None
    try:
        for classify in CLASSIFIERS:
            diagnosis = classify(reading)
            if diagnosis is not None:
                break
    except Exception:  # explaining must never fail: fall back to the generic explanation
        log.exception("syntax explainer failed")
        diagnosis = None
    if diagnosis is None:
        diagnosis = _generic(source, normalised)
    return _problem(source, diagnosis, normalised.message, reading)


def compile_time_problem(
    source: SourceText,
    tree: ast.Module,
    find: Callable[[ast.Module], Misplaced | None] = misplaced_statement,
) -> SyntaxProblem | None:
    """A statement that parses but stops the whole file from running (`return` at top level).
    `find` finds it (a caller that keeps results per statement passes its own)."""
    try:
        found = find(tree)
        if found is None:
            return None
        return _problem(source, diagnose_misplaced(source, tree, found), found.message)
    except Exception:  # never let an explanation break the analysis
        log.exception("compile-time check failed")
        return None


def _problem(
    source: SourceText, diagnosis: Diagnosis, python_message: str, reading: Reading | None = None
) -> SyntaxProblem:
    args = {"python": python_message, "line": str(diagnosis.span.line), **diagnosis.args}
    return SyntaxProblem(
        rule=rule(diagnosis.rule_id),
        span=diagnosis.span,
        python_message=python_message,
        args=MappingProxyType(args),
        fix=_fix_for(reading or Reading(source, _NO_ERROR), diagnosis),
    )


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
    (
        re.compile(r"expected 'except' or 'finally' block"),
        "a 'try' block needs an 'except' or 'finally' block after it",
    ),
    (re.compile(r"cannot assign to"), "the left side of '=' must be a name"),
    (
        re.compile(r"surrogates not allowed"),
        "this line contains a broken character (half of an emoji, or damaged text) that Python "
        "cannot read; delete it and type it again",
    ),
]


def plain_words(python_message: str) -> str:
    """A short plain-language paraphrase of one of Python's syntax messages."""
    for pattern, words in _PLAIN_WORDS:
        if pattern.search(python_message):
            return words
    return "Python could not make sense of the code here"


def _generic(source: SourceText, error: PythonError) -> Diagnosis:
    end_column = error.end_column if error.end_line == error.line else len(source.line(error.line))
    if end_column <= error.column:
        end_column = min(error.column + 1, max(len(source.line(error.line)), error.column))
    span = Span(error.line, error.column, error.line, end_column)
    return Diagnosis(RuleId.SYNTAX_ERROR, span, {"plain": plain_words(error.message)})


# -- helpers ------------------------------------------------------------------------------


def _normalise(source: SourceText, error: BaseException) -> PythonError:
    indentation = isinstance(error, IndentationError)
    tabs = isinstance(error, TabError)
    if isinstance(error, SyntaxError):
        message = error.msg or "invalid syntax"
        line = error.lineno or 1
        column = max((error.offset or 1) - 1, 0)
        end_line = error.end_lineno or line
        end_column = (error.end_offset or 0) - 1
    elif isinstance(error, UnicodeEncodeError):  # a lone surrogate: point at the character
        message = str(error)
        line, column = source.position(error.start)
        end_line, end_column = line, column + 1
    else:  # RecursionError, MemoryError, ValueError: no position, blame the first line
        message = str(error) or type(error).__name__
        line, column, end_line, end_column = 1, 0, 1, -1
    line_count = max(len(source.lines), 1)
    line = min(max(line, 1), line_count)
    end_line = min(max(end_line, line), line_count)
    column = min(column, len(source.line(line)))
    return PythonError(message, line, column, end_line, end_column, indentation, tabs)


def _fix_for(reading: Reading, diagnosis: Diagnosis) -> Fix | None:
    """The diagnosis's fix, if the whole file parses after it (and runs past the compiler)."""
    if not diagnosis.edits:
        return None
    try:
        fixed = reading.parsed_after(diagnosis.edits)
        found = misplaced_statement(fixed) if fixed is not None else None
    except Exception:  # a fix that cannot be checked is not offered
        log.exception("checking a fix failed")
        return None
    if fixed is None:
        return None
    if found is not None and found.node.lineno == diagnosis.span.line:
        return None
    return Fix(diagnosis.fix_title, diagnosis.applicability, diagnosis.edits)
