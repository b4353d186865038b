"""Two values side by side with nothing between them: a missing comma (`[2, 3 5]`), a missing
operator (`price quantity`, `2x`), or a dictionary key without its colon (`{'Bob' 14}`)."""

from __future__ import annotations

from mentor.analyzers.findings import Applicability
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
