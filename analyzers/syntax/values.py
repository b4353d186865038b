"""Two values side by side with nothing between them: a missing comma (`[2, 3 5]`), a missing
operator (`price quantity`, `2x`), or a dictionary key without its colon (`{'Bob' 14}`)."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.syntax.brackets import ASSIGNMENT_OPERATORS
from mentor.analyzers.syntax.lexer import CLOSING, OPENING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    ends_operand,
    first_that_parses,
    insert_at,
    span_between,
    starts_operand,
    token_span,
)

MISSING_COMMA = register(
    Rule(
        id=RuleId.MISSING_COMMA,
        name="missing-comma",
        summary="Two items of a list, tuple, call or dictionary without a comma between them.",
        concepts=(Concept.SYNTAX, Concept.LISTS, Concept.FUNCTIONS),
        docs=Docs(
            what="Two values side by side inside brackets, or in a tuple, with no comma between "
            "them.",
            why="Commas separate the items of a list, the arguments of a call and the entries "
            "of a dictionary. Without one Python cannot tell where one item ends and the next "
            "begins. At the end of a line in a long list it is easy to miss.",
            example="print('Total:' total)\n",
            better="print('Total:', total)\n",
            question="How does Python know where one argument ends and the next one starts?",
        ),
        messages=Messages(
            novice="A comma is missing between {left} and {right}. Items in lists, tuples, "
            "dictionaries and the arguments of a call are separated by commas; without one "
            "Python cannot tell where one ends and the next begins.",
            developing="Missing comma between {left} and {right}.",
            proficient="Missing ','.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "primes = [2, 3, 5 7]\n",
                fixed="primes = [2, 3, 5, 7]\n",
                at="1:16-1:19",
                message="Missing comma between 5 and 7.",
            ),
            Invalid(
                code("""
                    total = 3
                    print('Total:' total)
                """),
                fixed=code("""
                    total = 3
                    print('Total:', total)
                """),
                at="2:6-2:20",
            ),
            Invalid(
                code("""
                    days = [
                        31, 28
                        31, 30,
                    ]
                """),
                fixed=code("""
                    days = [
                        31, 28,
                        31, 30,
                    ]
                """),
                at="2:8-2:10",
            ),
            Invalid("x, y = 3 4\n", fixed="x, y = 3, 4\n", at="1:7-1:10"),
            Invalid(
                code("""
                    def area(width height):
                        return width * height
                """),
                fixed=code("""
                    def area(width, height):
                        return width * height
                """),
                at="1:9-1:21",
            ),
        ),
        valid=("primes = [2, 3, 5, 7]\n", "x = 2 y\n", "print(Hello world)\n"),
        syntax=True,
    )
)


MISSING_OPERATOR = register(
    Rule(
        id=RuleId.MISSING_OPERATOR,
        name="missing-operator",
        summary="Two values side by side with no operator between them: `2 x`, `2x`, "
        "`price quantity`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="Two numbers or names next to each other in a calculation, with no `*`, `+` or "
            "other operator between them, as in maths (`2x`).",
            why="In maths `2x` means 2 times x, but Python never guesses an operator: every "
            "multiplication needs its `*`. Without one, Python sees two values and does not know "
            "what to do with them.",
            example=code("""
                price = 4
                quantity = 3
                total = price quantity
            """),
            better=code("""
                price = 4
                quantity = 3
                total = price * quantity
            """),
            question="What should Python do with these two values: add them, multiply them?",
        ),
        messages=Messages(
            novice="{left} and {right} stand side by side with nothing between them, so Python "
            "does not know what to do with them. {hint}",
            developing="Missing operator between {left} and {right}.",
            proficient="Missing operator.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 4
                    y = 2x + 1
                """),
                fixed=code("""
                    x = 4
                    y = 2 * x + 1
                """),
                at="2:4-2:6",
                message="Missing operator between 2 and x.",
            ),
            Invalid(
                code("""
                    price = 4
                    quantity = 3
                    total = price quantity
                """),
                at="3:8-3:22",
            ),
            Invalid("area = width * 2 3\n", at="1:15-1:18"),
            Invalid(
                code("""
                    speed = 50
                    time = 2
                    distance = (speed time)
                """),
                at="3:12-3:22",
            ),
        ),
        valid=("total = price * quantity\n", "print('a' 'b')\n", "x, y = 3 4\n"),
        syntax=True,
    )
)


def side_by_side(reading: Reading) -> Diagnosis | None:
    """Two values with nothing between them: a missing comma, operator or dictionary colon."""
    logical = reading.error_line
    pairs = []
    stack: list[tuple[Token, int]] = []  # open brackets and their index in the line
    for index, token in enumerate(logical):
        if token.kind is Kind.OP and token.text in OPENING:
            stack.append((token, index))
        elif token.kind is Kind.OP and token.text in CLOSING and stack:
            stack.pop()
        if index + 1 < len(logical) and _adjacent_values(logical, index):
            pairs.append((index, stack[-1] if stack else None))
    if not pairs:
        return None
    before = [pair for pair in pairs if logical[pair[0] + 1].start <= reading.error.position]
    index, bracket = before[-1] if before else pairs[0]
    left, right = logical[index], logical[index + 1]
    same_group = tuple(
        logical[other] for other, group in pairs if group == bracket and other != index
    )
    return _classify_pair(reading, logical, index, bracket, left, right, same_group)


def _adjacent_values(logical: LogicalLine, index: int) -> bool:
    left, right = logical[index], logical[index + 1]
    if not (ends_operand(left) and starts_operand(right)):
        return False
    if left.kind is Kind.STRING and right.kind is Kind.STRING:
        # Implicit concatenation is valid, unless the second text is a dictionary key.
        following = logical[index + 2] if index + 2 < len(logical) else None
        return following is not None and following.is_op(":") and right.depth > 0
    # Soft keywords start valid statements; print statements are a cause of their own.
    return not (index == 0 and left.text in ("match", "case", "type", "print", "exec"))


def _classify_pair(
    reading: Reading,
    logical: LogicalLine,
    index: int,
    bracket: tuple[Token, int] | None,
    left: Token,
    right: Token,
    same_group: tuple[Token, ...],
) -> Diagnosis | None:
    if left.kind is Kind.NUMBER and right.is_name and left.end == right.start:
        return _missing_operator(reading, left, right, times=True)
    if logical[0].text in ("import", "from", "global", "nonlocal", "del"):
        return _missing_comma(reading, left, right, same_group)  # lists of names
    if bracket is None:
        if any(token.is_op(",") and token.depth == left.depth for token in logical):
            return _missing_comma(reading, left, right, same_group)
        following = logical[index + 2] if index + 2 < len(logical) else None
        if (
            following is not None
            and following.kind is Kind.OP
            and following.text in ASSIGNMENT_OPERATORS
        ):
            return None  # two statements on one line
        return _missing_operator(reading, left, right)
    opener, opener_index = bracket
    before_opener = logical[opener_index - 1] if opener_index else None
    siblings = [token for token in logical[opener_index + 1 :] if token.depth == opener.depth + 1]
    if opener.text == "{":
        key_position = logical[index - 1] is opener or logical[index - 1].is_op(",")
        has_colons = any(token.is_op(":") for token in siblings)
        after_right = logical[index + 2] if index + 2 < len(logical) else None
        if key_position and has_colons and after_right is not None and after_right.is_op(",", "}"):
            return _dict_colon(reading, left, right)
        return _missing_comma(reading, left, right, same_group)
    is_call = before_opener is not None and (before_opener.is_name or before_opener.is_op(")", "]"))
    if opener.text == "(" and not is_call and not any(token.is_op(",") for token in siblings):
        return _missing_operator(reading, left, right)
    if opener.text == "[" and is_call:
        return _missing_operator(reading, left, right)
    return _missing_comma(reading, left, right, same_group)


def _missing_comma(
    reading: Reading, left: Token, right: Token, same_group: tuple[Token, ...] = ()
) -> Diagnosis:
    """A comma after `left`; after the other values of `same_group` too if that is needed."""
    alone = [insert_at(left.end_line, left.end_column, ",")]
    together = alone + [insert_at(other.end_line, other.end_column, ",") for other in same_group]
    edits = first_that_parses(reading, [alone, together] if same_group else [alone])
    span = span_between(left, right) if left.line == right.line else token_span(left)
    return Diagnosis(
        RuleId.MISSING_COMMA,
        span,
        {"left": left.text, "right": right.text},
        edits=edits,
        fix_title=f"Add a comma after {left.text}",
        applicability=Applicability.UNSAFE,
    )


def _missing_operator(
    reading: Reading, left: Token, right: Token, *, times: bool = False
) -> Diagnosis:
    edits: tuple[Edit, ...] = ()
    if times:
        edits = first_that_parses(reading, [[insert_at(left.end_line, left.end_column, " * ")]])
        hint = (
            f"In maths {left.text}{right.text} means {left.text} times {right.text}; Python "
            f"needs the '*': {left.text} * {right.text}."
        )
    else:
        hint = (
            "Write the operator you mean between them, for example "
            f"{left.text} * {right.text} or {left.text} + {right.text}."
        )
    return Diagnosis(
        RuleId.MISSING_OPERATOR,
        span_between(left, right) if left.line == right.line else token_span(left),
        {"left": left.text, "right": right.text, "hint": hint},
        edits=edits,
        fix_title=f"Multiply: {left.text} * {right.text}",
        applicability=Applicability.UNSAFE,
    )


def _dict_colon(reading: Reading, key: Token, value: Token) -> Diagnosis:
    edits = first_that_parses(reading, [[insert_at(key.end_line, key.end_column, ":")]])
    return Diagnosis(
        RuleId.MISSING_COLON,
        span_between(key, value) if key.line == value.line else token_span(key),
        {
            "place": f"after the dictionary key {key.text}",
            "why": "In a dictionary each key is followed by ':' and then its value, like "
            "{'Ann': 12}.",
        },
        edits=edits,
        fix_title="Add ':' after the key",
    )
