"""A misspelt keyword at the start of a statement: `whlie x < 3:`, `retrun total`, `improt math`,
`esle:`, or a keyword run into the next word: `defarea(w, h):`.

The first word of the statement is a near-miss of a keyword, is not a name the program uses
elsewhere, and the rest of the line has the shape that keyword needs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from mentor.analyzers.findings import Applicability
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.syntax.lexer import Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    first_that_parses,
    token_span,
)


def _ends_with_colon(rest: LogicalLine) -> bool:
    return bool(rest) and rest[-1].is_op(":")


def _operand_next(rest: LogicalLine) -> bool:
    return bool(rest) and (
        rest[0].kind in (Kind.NAME, Kind.NUMBER, Kind.STRING) or rest[0].is_op("(", "[", "{", "-")
    )


# What the rest of the line looks like after each keyword.
_SHAPES: dict[str, Callable[[LogicalLine], bool]] = {
    "def": lambda rest: (
        len(rest) > 2 and rest[0].is_name and rest[1].is_op("(") and _ends_with_colon(rest)
    ),
    "class": lambda rest: bool(rest) and rest[0].is_name and _ends_with_colon(rest),
    "if": lambda rest: _operand_next(rest) and _ends_with_colon(rest),
    "elif": lambda rest: _operand_next(rest) and _ends_with_colon(rest),
    "while": lambda rest: _operand_next(rest) and _ends_with_colon(rest),
    "for": lambda rest: _ends_with_colon(rest) and any(token.text == "in" for token in rest),
    "with": lambda rest: _operand_next(rest) and _ends_with_colon(rest),
    "else": lambda rest: len(rest) == 1 and rest[0].is_op(":"),
    "try": lambda rest: len(rest) == 1 and rest[0].is_op(":"),
    "finally": lambda rest: len(rest) == 1 and rest[0].is_op(":"),
    "except": lambda rest: _ends_with_colon(rest),
    "return": _operand_next,
    "import": lambda rest: bool(rest) and rest[0].is_name,
    "from": lambda rest: any(token.text == "import" for token in rest),
    "print": lambda rest: False,
}


def misspelled_keyword(reading: Reading) -> Diagnosis | None:
    """`whlie x < 3:`: the statement starts with a near-miss of the keyword its shape needs."""
    logical = reading.error_line
    if len(logical) < 2 or not logical[0].is_name:
        return None
    first, rest = logical[0], logical[1:]
    if first.text in ("match", "case", "type") or reading.used_elsewhere(first.text, logical):
        return None
    joined = _run_together(first, rest)
    if joined is not None:
        keyword, remainder = joined
        edits = (Edit(token_span(first), f"{keyword} {remainder}"),)
        detail = f"A space is missing between '{keyword}' and '{remainder}'."
    else:
        keyword = _closest_fitting_keyword(first.text, rest)
        if keyword is None:
            return None
        edits = (Edit(token_span(first), keyword),)
        detail = f"'{first.text}' is not a Python word; the line has the shape of a '{keyword}'."
    return Diagnosis(
        RuleId.MISSPELLED_KEYWORD,
        token_span(first),
        {"written": first.text, "keyword": keyword, "detail": detail},
        edits=first_that_parses(reading, [list(edits)]),
        fix_title=f"Write '{keyword}'",
        applicability=Applicability.SAFE,
    )


def _closest_fitting_keyword(word: str, rest: LogicalLine) -> str | None:
    candidates = difflib.get_close_matches(word.lower(), list(_SHAPES), n=4, cutoff=0.6)
    for keyword in candidates:
        if _SHAPES[keyword](rest):
            return keyword
    return None


def _run_together(first: Token, rest: LogicalLine) -> tuple[str, str] | None:
    """`defarea(...)`: a keyword glued to the name after it."""
    for keyword in ("def", "class", "import", "return", "for", "while", "if", "elif"):
        remainder = first.text[len(keyword) :]
        if first.text.startswith(keyword) and remainder.isidentifier():
            glued_rest = (
                Token(
                    Kind.NAME,
                    remainder,
                    first.line,
                    first.column,
                    first.end_line,
                    first.end_column,
                    first.depth,
                ),
                *rest,
            )
            if _SHAPES[keyword](glued_rest):
                return keyword, remainder
    return None
