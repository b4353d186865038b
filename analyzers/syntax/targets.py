"""The left of `=`: `x + 1 = y`, `10 = speed`, `name.upper() = shout`. '=' stores the value on
its right into the name on its left; learners who know algebra write it the other way round."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.syntax.lexer import CLOSING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    first_that_parses,
    span_between,
)

ASSIGN_TO_EXPRESSION = register(
    Rule(
        id=RuleId.ASSIGN_TO_EXPRESSION,
        name="assign-to-expression",
        summary="Something other than a name on the left of '=': `x + 1 = y`, `10 = speed`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="An assignment whose left side is a calculation, a number, a text or a call.",
            why="'=' in Python is not an equation: it computes the value on its right and stores "
            "it in the name on its left. Learners who know algebra write `x + 1 = y` or put the "
            "value first, `10 = speed`.",
            example="10 = speed\n",
            better="speed = 10\n",
            question="Which side of '=' receives the value?",
        ),
        messages=Messages(
            novice="The left side of '=' must be a name (a variable), but here it is {target}. "
            "'=' is not an equation: it computes the value on its right and stores it in the "
            "name on its left. To compare two values, write '=='.",
            developing="Cannot store a value in {target}: the name goes on the left of '='.",
            proficient="Cannot assign to {target}.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 4
                    x + 1 = y
                """),
                fixed=code("""
                    x = 4
                    y = x + 1
                """),
                at="2:0-2:5",
                message="Cannot store a value in x + 1: the name goes on the left of '='.",
            ),
            Invalid("10 = speed\n", fixed="speed = 10\n", at="1:0-1:2"),
            Invalid("name.upper() = shout\n", fixed="shout = name.upper()\n", at="1:0-1:12"),
        ),
        valid=("speed = 10\n", "point.x = 3\n", "a[i] = b\n", "f().x = 1\n"),
        syntax=True,
    )
)


def assign_to_expression(reading: Reading) -> Diagnosis | None:
    """`x + 1 = y`, `10 = speed`, `name.upper() = shout`: `=` stores into the name on its left."""
    logical = reading.error_line
    if not logical or logical[0].is_keyword:
        return None
    equals = next(
        (
            i
            for i, token in enumerate(logical)
            if token.is_op("=") and token.depth == logical[0].depth
        ),
        None,
    )
    if equals is None or equals == 0:
        return None
    target, value = logical[:equals], logical[equals + 1 :]
    if reading.error.position > logical[equals].start:
        return None  # Python stopped right of the '=': the left side was not the problem
    annotated = any(token.is_op(":") and token.depth == logical[0].depth for token in target)
    if annotated or _valid_target(target) or any(token.is_keyword for token in target):
        return None
    span = span_between(target[0], target[-1])
    target_text = reading.source.slice(span)
    edits: tuple[Edit, ...] = ()
    if len(value) == 1 and value[0].is_name:
        whole = span_between(target[0], value[-1])
        edits = first_that_parses(reading, [[Edit(whole, f"{value[0].text} = {target_text}")]])
    return Diagnosis(
        RuleId.ASSIGN_TO_EXPRESSION,
        span,
        {
            "target": target_text,
            "value": reading.source.slice(span_between(value[0], value[-1])) if value else "",
        },
        edits=edits,
        fix_title="Put the name on the left of '='",
        applicability=Applicability.UNSAFE,
    )


def _valid_target(target: LogicalLine) -> bool:
    """Names, attributes, subscripts and lists of them, as Python accepts left of `=`."""
    depth = target[0].depth
    parts: list[list[Token]] = [[]]
    for token in target:
        if token.is_op(",") and token.depth == depth:
            parts.append([])
        else:
            parts[-1].append(token)
    return all(_valid_single_target(part, depth) for part in parts if part)


def _valid_single_target(part: list[Token], depth: int) -> bool:
    if part[0].is_op("*"):
        part = part[1:]
    if not part:
        return False
    if part[0].is_op("(", "[") and part[-1].is_op(")", "]"):
        return True  # a parenthesised target list; Python checks its inside
    if not part[0].is_name:
        return False
    index = 1
    while index < len(part):
        token = part[index]
        if token.is_op(".") and index + 1 < len(part) and part[index + 1].is_name:
            index += 2
        elif token.is_op("["):
            index = _skip_brackets(part, index)
        elif token.is_op("(") and _skip_brackets(part, index) < len(part):
            index = _skip_brackets(part, index)  # a call is fine if something follows it
        else:
            return False
    return True


def _skip_brackets(tokens: list[Token], index: int) -> int:
    depth = tokens[index].depth
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.kind is Kind.OP and token.text in CLOSING and token.depth == depth:
            return position + 1
    return len(tokens)
