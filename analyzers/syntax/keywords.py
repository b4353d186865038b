"""Keywords in the wrong place: a keyword used as a name (`class = '3B'`, `def f(lambda):`), and
a misspelt keyword at the start of a statement (`whlie x < 3:`, `retrun total`, `esle:`) or one
run into the next word (`defarea(w, h):`).

A misspelt keyword is a near-miss of a keyword, is not a name the program uses elsewhere, and
the rest of the line has the shape that keyword needs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
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

KEYWORD_AS_NAME = register(
    Rule(
        id=RuleId.KEYWORD_AS_NAME,
        name="keyword-as-name",
        summary="A Python keyword (`class`, `lambda`, `import`, `pass`, `True`...) used as a "
        "variable or parameter name.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="A keyword where a name belongs: `class = '3B'`, `def f(lambda):`, "
            "`import = 3`, `for global in items:`, `True = x`.",
            why="Keywords are the words of Python's own grammar; each has one fixed meaning, so "
            "they cannot name your values. Some are also ordinary English words (`class`, "
            "`pass`, `from`, `lambda` in physics), which makes the mistake easy to make.",
            example=code("""
                class = '3B'
                print(class)
            """),
            better=code("""
                group = '3B'
                print(group)
            """),
            question="Which words does Python reserve for itself, and how could you tell?",
        ),
        messages=Messages(
            novice="'{keyword}' cannot be used as a name here. {detail} {advice}",
            developing="'{keyword}' is a keyword, so it cannot be a name. {advice}",
            proficient="Keyword '{keyword}' used as a name.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(
            Invalid(
                "class = '3B'\n",
                at="1:0-1:5",
                message="'class' is a keyword, so it cannot be a name. Pick another name, like "
                "'group'.",
            ),
            Invalid(
                code("""
                    def wavelength(speed, lambda):
                        return speed / lambda
                """),
                at="1:22-1:28",
            ),
            Invalid("import = 3\n", at="1:0-1:6"),
            Invalid("pass = input('Password: ')\n", at="1:0-1:4"),
            Invalid(
                code("""
                    for global in items:
                        print(global)
                """),
                at="1:4-1:10",
            ),
            Invalid("True = 0\n", at="1:0-1:4"),
        ),
        valid=("group = '3B'\n", "from . import utils\n", "x = y if z else w\n"),
        syntax=True,
    )
)


MISSPELLED_KEYWORD = register(
    Rule(
        id=RuleId.MISSPELLED_KEYWORD,
        name="misspelled-keyword",
        summary="A keyword with a typo at the start of a statement: `whlie`, `retrun`, `improt`, "
        "`esle`, or run into the next word: `defarea(...)`.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A statement whose first word is almost a keyword (`whlie x < 3:`, "
            "`retrun total`, `improt math`, `esle:`) or a keyword glued to the name after it "
            "(`defarea(w, h):`).",
            why="Python only knows its keywords spelled exactly. A typo turns the keyword into "
            "an ordinary name, and Python then complains about the next word, not about the "
            "typo, so the message rarely points at the real mistake.",
            example=code("""
                count = 3
                whlie count > 0:
                    count -= 1
            """),
            better=code("""
                count = 3
                while count > 0:
                    count -= 1
            """),
            question="Read the first word of the line letter by letter: is it the keyword you "
            "meant?",
        ),
        messages=Messages(
            novice="'{written}' looks like a typo for the keyword '{keyword}'.{detail} Python "
            "only recognises keywords spelled exactly, so it read '{written}' as a name and "
            "could not make sense of the rest of the line.",
            developing="'{written}': did you mean '{keyword}'?",
            proficient="Typo: '{written}' for '{keyword}'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    count = 3
                    whlie count > 0:
                        count -= 1
                """),
                fixed=code("""
                    count = 3
                    while count > 0:
                        count -= 1
                """),
                at="2:0-2:5",
                message="'whlie': did you mean 'while'?",
            ),
            Invalid(
                code("""
                    def f(x):
                        retrun x * 2
                """),
                fixed=code("""
                    def f(x):
                        return x * 2
                """),
                at="2:4-2:10",
            ),
            Invalid("improt math\n", fixed="import math\n", at="1:0-1:6"),
            Invalid(
                code("""
                    if x:
                        pass
                    esle:
                        pass
                """),
                fixed=code("""
                    if x:
                        pass
                    else:
                        pass
                """),
                at="3:0-3:4",
            ),
            Invalid(
                code("""
                    defarea(w, h):
                        return w * h
                """),
                fixed=code("""
                    def area(w, h):
                        return w * h
                """),
                at="1:0-1:7",
            ),
        ),
        valid=(
            code("""
                while count > 0:
                    count -= 1
            """),
            code("""
                form = 3
                form x
            """),
            "print(Hello world)\n",
        ),
        syntax=True,
    )
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
