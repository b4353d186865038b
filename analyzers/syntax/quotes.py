"""Text without quotes: `print(Hello world)`, `name = John Smith`, `print(You're great)`.

Words a learner meant as text are not names the program uses anywhere else; variables are.
That tells `print(Hello world)` (text) from `print(name age)` (a missing comma) and
`total = price quantity` (a missing operator).
"""

from __future__ import annotations

import re
from itertools import pairwise

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.lexer import Kind, Token
from mentor.analyzers.syntax.reading import Diagnosis, LogicalLine, Reading

MISSING_QUOTES = register(
    Rule(
        id=RuleId.MISSING_QUOTES,
        name="missing-quotes",
        summary="Text written without quotes: `print(Hello world)`, `name = John Smith`.",
        concepts=(Concept.SYNTAX, Concept.STRINGS, Concept.VARIABLES),
        docs=Docs(
            what="Words meant as text (for a person to read) written without quotes, so Python "
            "takes them for names. Mentor tells them from a missing comma or operator by "
            "checking whether the words are names the program uses anywhere else.",
            why="Python tells text from code by the quotes: `'Hello'` is text, `Hello` is the "
            "name of a variable. Two words side by side are not valid code at all, and an "
            "apostrophe (`You're`) even starts a text of its own.",
            example="print(Hello world)\n",
            better="print('Hello world')\n",
            question="How does Python know which words are text to show and which are names of "
            "variables?",
        ),
        messages=Messages(
            novice="The words `{text}` look like text for people to read, but they have no "
            "quotes, so Python tries to read them as code (names of variables). Text goes "
            'between quotes: "{text}".',
            developing='Text needs quotes around it: "{text}".',
            proficient="Unquoted text: `{text}`.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "print(Hello world)\n",
                fixed='print("Hello world")\n',
                at="1:6-1:17",
                message='Text needs quotes around it: "Hello world".',
            ),
            Invalid("author = Jane Austen\n", fixed='author = "Jane Austen"\n', at="1:9-1:20"),
            Invalid(
                "print(You're doing great)\n", fixed='print("You\'re doing great")\n', at="1:6-1:24"
            ),
            Invalid(
                "answer = input(What is the capital of France?)\n",
                fixed='answer = input("What is the capital of France?")\n',
                at="1:15-1:45",
            ),
        ),
        valid=(
            "print('Hello world')\n",
            code("""
                name = 'x'
                age = 3
                print(name age)
            """),
            code("""
                price = 1
                quantity = 2
                total = price quantity
            """),
        ),
        syntax=True,
    )
)


# Punctuation that may sit inside a sentence written without quotes.
_SENTENCE_OPS = frozenset({".", ":", ";", "-"})
_CONTRACTION = re.compile(r"(s|t|re|ll|ve|d|m)\b")
# Statements whose words are names by definition.
_NAMING_STATEMENTS = frozenset({"import", "from", "def", "class", "global", "nonlocal", "async"})


def missing_quotes(reading: Reading) -> Diagnosis | None:
    """Several words side by side, at least one of them a name the program never uses."""
    logical = reading.error_line
    if logical and logical[0].text in _NAMING_STATEMENTS:
        return None  # `from math import sqrt pi`, `def f(a b):`: names, not text
    runs = [run for run in _word_runs(logical) if _reads_as_text(reading, run, logical)]
    if not runs:
        return None
    before = [run for run in runs if run[0].start <= reading.error.position]
    run = before[-1] if before else runs[0]
    span = Span(run[0].line, run[0].column, run[-1].end_line, run[-1].end_column)
    return _diagnosis(reading, span, _quoted(reading, span))


def apostrophe_in_text(reading: Reading, string: Token, word: Token) -> Diagnosis | None:
    """`print(You're doing great)`: the apostrophe of an unquoted sentence opened a string."""
    body = string.text[1:]
    if not _CONTRACTION.match(body) or word.is_keyword:
        return None
    start = word
    earlier = [token for token in reading.logical_line_at(word.line) if token.start < word.start]
    for token in reversed(earlier):
        if token.line != word.line or not _sentence_token(token) or token.depth != word.depth:
            break
        start = token
    # The sentence ends before one of the closing brackets after it, or at the end of the line.
    line_text = reading.source.line(string.line)
    ends = [string.column + 1 + index for index, char in enumerate(body) if char in ")]},"]
    for end in [*reversed(ends), len(line_text.rstrip())]:
        text = line_text[start.column : end].rstrip()
        span = Span(start.line, start.column, start.line, start.column + len(text))
        edits = _quoted(reading, span)
        if edits:
            return _diagnosis(reading, span, edits)
    return _diagnosis(reading, Span(start.line, start.column, string.line, string.column + 1), ())


def _quoted(reading: Reading, span: Span) -> tuple[Edit, ...]:
    """The edit putting the text of `span` in quotes, if the file parses after it."""
    text = reading.source.slice(span)
    quote = '"' if '"' not in text else "'" if "'" not in text else None
    if quote is None:
        return ()
    edits = (Edit(span, f"{quote}{text}{quote}"),)
    return edits if reading.parses_after(edits) else ()


def _diagnosis(reading: Reading, span: Span, edits: tuple[Edit, ...]) -> Diagnosis:
    return Diagnosis(
        RuleId.MISSING_QUOTES,
        span,
        {"text": reading.source.slice(span)},
        edits=edits,
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
