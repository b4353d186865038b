"""Keywords in the wrong place: a keyword used as a name (`class = '3B'`, `def f(lambda):`), and
a misspelt keyword at the start of a statement (`whlie x < 3:`, `retrun total`, `esle:`) or one
run into the next word (`defarea(w, h):`).

A misspelt keyword is a near-miss of a keyword, is not a name the program uses elsewhere, and
the rest of the line has the shape that keyword needs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from mentor.analyzers.findings import Applicability
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.syntax.brackets import ASSIGNMENT_OPERATORS
from mentor.analyzers.syntax.lexer import KEYWORDS, Kind, Token
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
        detail = f" A space is missing between '{keyword}' and '{remainder}'."
    else:
        keyword = _closest_fitting_keyword(first.text, rest)
        if keyword is None:
            return None
        edits = (Edit(token_span(first), keyword),)
        detail = ""
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
            glued_rest = (first._replace(text=remainder), *rest)
            if _SHAPES[keyword](glued_rest):
                return keyword, remainder
    return None


# Keywords that can never be a value on their own: seeing one where a value belongs means the
# learner used it as a name.
_NEVER_VALUES = frozenset(
    {"class", "def", "import", "from", "pass", "global", "nonlocal", "return", "try", "except"}
    | {"finally", "while", "with", "del", "assert", "raise", "break", "continue", "elif"}
    | {"as", "async", "in", "is"}
)
_VALUE_BEFORE = frozenset({"=", "(", "[", "{", ",", "+", "-", "*", "/", "//", "%", "**", "=="})
_VALUE_AFTER = frozenset({")", "]", "}", ",", "+", "-", "*", "/", "//", "%", "**", ".", "["})
_NAME_SUGGESTIONS = {
    "class": "group",
    "lambda": "wavelength",
    "pass": "password",
    "from": "origin",
    "import": "amount",
    "in": "inside",
    "is": "status",
    "global": "item",
    "def": "definition",
    "with": "partner",
    "return": "result",
    "yield": "crop",
}


def keyword_as_name(reading: Reading) -> Diagnosis | None:
    """`class = 5`, `def f(lambda):`, `import = 3`, `for global in items:`, `True = x`."""
    logical = reading.error_line
    found = [token for index, token in enumerate(logical) if _used_as_name(logical, index)]
    if not found:
        return None
    token = reading.nearest_to_error(found)
    assert token is not None
    if token.text in ("True", "False", "None"):
        detail = (
            f"'{token.text}' is one of Python's fixed values: it cannot be given another value."
        )
        advice = f"To store {token.text} in a variable, put the variable on the left: " + (
            f"done = {token.text}."
        )
    else:
        detail = (
            f"'{token.text}' is one of Python's keywords: words with a fixed meaning in the "
            "language, which cannot be used as names."
        )
        advice = f"Pick another name, like '{_NAME_SUGGESTIONS.get(token.text, token.text + '_')}'."
    return Diagnosis(
        RuleId.KEYWORD_AS_NAME,
        token_span(token),
        {"keyword": token.text, "detail": detail, "advice": advice},
    )


def _used_as_name(logical: LogicalLine, index: int) -> bool:
    token = logical[index]
    if token.kind is not Kind.NAME or token.text not in KEYWORDS:
        return False
    before = logical[index - 1] if index else None
    after = logical[index + 1] if index + 1 < len(logical) else None
    if after is not None and after.kind is Kind.OP and after.text in ASSIGNMENT_OPERATORS:
        return True
    if token.text in ("True", "False", "None"):
        return False
    if before is not None and before.text in ("def", "class", "as", "global", "nonlocal"):
        return True
    if before is not None and before.text == "import" and token.text != "import":
        return True
    if before is not None and before.is_op(".") and token.text != "import":
        return True
    if (
        before is not None
        and before.text == "for"
        and after is not None
        and after.text in ("in", ",")
    ):
        return True
    if _in_parameters(logical, index) and after is not None and after.is_op(",", ")", "=", ":"):
        return True
    alone = token.text == "lambda" and after is not None and after.is_op(")", ",")
    if token.text in _NEVER_VALUES or alone:
        before_ok = before is not None and before.kind is Kind.OP and before.text in _VALUE_BEFORE
        after_ok = after is None or (after.kind is Kind.OP and after.text in _VALUE_AFTER)
        return before_ok and after_ok
    return False


def _in_parameters(logical: LogicalLine, index: int) -> bool:
    """Whether token `index` stands in the parameter list of a `def` or `lambda`."""
    if not logical or logical[0].text not in ("def", "async"):
        return False
    before = logical[index - 1] if index else None
    return before is not None and before.is_op("(", ",", "*", "**") and logical[index].depth == 1
