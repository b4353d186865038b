"""Names Python cannot read: `1st_place = 'Ann'`, `def 2nd_try():`.

A name may contain digits but not start with one: Python reads `1st_place` as the number 1
followed by the name `st_place`. Told apart from `2x` (a missing `*`) by where the word stands
(being assigned, defined) or by an ordinal ending (`1st`, `2nd`, `3rd`, `4th`).
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
from mentor.analyzers.syntax.brackets import ASSIGNMENT_OPERATORS
from mentor.analyzers.syntax.lexer import Kind, Token
from mentor.analyzers.syntax.reading import Diagnosis, LogicalLine, Reading, first_that_parses

NAME_STARTS_WITH_DIGIT = register(
    Rule(
        id=RuleId.NAME_STARTS_WITH_DIGIT,
        name="name-starts-with-digit",
        summary="A name that starts with a digit: `1st_place = 'Ann'`, `def 2nd_try():`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="A variable or function name that begins with a digit.",
            why="Names may contain digits, but not start with one: Python reads `1st_place` as "
            "the number 1 followed by the name `st_place`, which means nothing. Ordinals "
            "(`1st`, `2nd`) are the usual way learners run into it.",
            example="1st_place = 'Ann'\n",
            better="first_place = 'Ann'\n",
            question="How could Python tell a name from a number if names could start with digits?",
        ),
        messages=Messages(
            novice="'{written}' starts with a digit, so it cannot be a name: Python reads "
            "'{number}' as a number, followed by the name '{rest}'. Names may contain digits, "
            "but not start with one. Call it '{better}', for example.",
            developing="Names cannot start with a digit: rename '{written}' (e.g. '{better}').",
            proficient="Name starts with a digit: '{written}'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    1st_place = 'Ann'
                    print(1st_place)
                """),
                fixed=code("""
                    first_place = 'Ann'
                    print(first_place)
                """),
                at="1:0-1:9",
                message="Names cannot start with a digit: rename '1st_place' (e.g. 'first_place').",
            ),
            Invalid(
                code("""
                    def 2nd_try():
                        pass
                """),
                fixed=code("""
                    def second_try():
                        pass
                """),
                at="1:4-1:11",
            ),
            Invalid("3d_model = 1\n", fixed="d_model_3 = 1\n", at="1:0-1:8"),
        ),
        valid=("first_place = 'Ann'\n", "y = 2x + 1\n", "place_1 = 'Ann'\n"),
        syntax=True,
    )
)


_ORDINAL = re.compile(r"(st|nd|rd|th)(_|$)")
_ORDINAL_WORDS = {
    "1": "first",
    "2": "second",
    "3": "third",
    "4": "fourth",
    "5": "fifth",
    "6": "sixth",
    "7": "seventh",
    "8": "eighth",
    "9": "ninth",
    "10": "tenth",
}
_DEFINING = frozenset({"def", "class", "for", "import", "as", "global"})


def name_starts_with_digit(reading: Reading) -> Diagnosis | None:
    """A digit glued to the front of a name that is being assigned, defined or is an ordinal."""
    logical = reading.error_line
    for index in range(len(logical) - 1):
        number, name = logical[index], logical[index + 1]
        if not _glued(number, name) or not _used_as_name(logical, index):
            continue
        written = number.text + name.text
        better = _better_name(number.text, name.text)
        edits = [
            Edit(Span(first.line, first.column, second.end_line, second.end_column), better)
            for first, second in _occurrences(reading, written)
        ]
        return Diagnosis(
            RuleId.NAME_STARTS_WITH_DIGIT,
            Span(number.line, number.column, name.end_line, name.end_column),
            {"written": written, "better": better, "number": number.text, "rest": name.text},
            edits=first_that_parses(reading, [edits]),
            fix_title=f"Rename it '{better}'",
            applicability=Applicability.UNSAFE,
        )
    return None


def _glued(number: Token, name: Token) -> bool:
    return (
        number.kind is Kind.NUMBER
        and number.text.isdigit()
        and name.is_name
        and number.end == name.start
    )


def _used_as_name(logical: LogicalLine, index: int) -> bool:
    name = logical[index + 1]
    before = logical[index - 1] if index else None
    after = logical[index + 2] if index + 2 < len(logical) else None
    if _ORDINAL.match(name.text) or name.text.startswith("_"):
        return True
    if before is not None and before.text in _DEFINING:
        return True
    return index == 0 and after is not None and after.text in ASSIGNMENT_OPERATORS


def _better_name(digits: str, rest: str) -> str:
    ordinal = _ORDINAL.match(rest)
    if ordinal and digits in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[digits] + rest[len(ordinal.group(1)) :]
    return f"{rest.lstrip('_')}_{digits}"


def _occurrences(reading: Reading, written: str) -> list[tuple[Token, Token]]:
    tokens = [token for token in reading.tokens if token.kind not in (Kind.NEWLINE, Kind.COMMENT)]
    return [
        (first, second)
        for first, second in pairwise(tokens)
        if _glued(first, second) and first.text + second.text == written
    ]
