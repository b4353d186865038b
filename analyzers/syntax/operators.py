"""Operators: `=` where `==` compares (`if x = 5:`), and operators from other languages or
written back to front (`&&`, `||`, `!x`, `===`, `i++`, `=>`, `=<`, `=!`)."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.lexer import CLOSING, OPENING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    first_that_parses,
    span_between,
    starts_operand,
    token_span,
)

ASSIGN_IN_CONDITION = register(
    Rule(
        id=RuleId.ASSIGN_IN_CONDITION,
        name="assign-in-condition",
        summary="A single '=' inside an if/elif/while condition, where '==' compares.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS, Concept.SYNTAX),
        docs=Docs(
            what="A condition that uses `=` (which stores a value in a name) where `==` (which "
            "compares two values) was meant.",
            why="In Python `=` means 'store this value', never 'is equal to'. A condition needs "
            "a comparison that is True or False, so Python refuses `if x = 5:`. Mixing up the two "
            "is one of the most common early mistakes.",
            example=code("""
                if answer = 42:
                    print('right!')
            """),
            better=code("""
                if answer == 42:
                    print('right!')
            """),
            question="Do you want to store 42 in `answer` here, or ask whether it already is 42?",
        ),
        messages=Messages(
            novice="This '{keyword}' uses '=', which stores a value. To ask whether two values "
            "are equal, write '==' (two equals signs).",
            developing="Use '==' to compare in the '{keyword}' condition; '=' assigns.",
            proficient="'=' in a condition: did you mean '=='?",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if answer = 42:
                        print('right!')
                """),
                fixed=code("""
                    if answer == 42:
                        print('right!')
                """),
                at="1:10-1:11",
                message="Use '==' to compare in the 'if' condition; '=' assigns.",
            ),
            Invalid(
                code("""
                    while guess = 3:
                        pass
                """),
                fixed=code("""
                    while guess == 3:
                        pass
                """),
                at="1:12-1:13",
            ),
            Invalid(
                code("""
                    if x > 0:
                        pass
                    elif x = 0:  # zero
                        pass
                """),
                fixed=code("""
                    if x > 0:
                        pass
                    elif x == 0:  # zero
                        pass
                """),
                at="3:7-3:8",
            ),
        ),
        valid=(
            code("""
                if answer == 42:
                    pass
            """),
            code("""
                if (n := len(items)) > 3:
                    pass
            """),
            code("""
                if f(key=1):
                    pass
            """),
        ),
        syntax=True,
    )
)


WRONG_OPERATOR = register(
    Rule(
        id=RuleId.WRONG_OPERATOR,
        name="wrong-operator",
        summary="An operator Python does not have: `&&`, `||`, `!x`, `=>`, `=<`, `=!`, `<>`, "
        "`===`, `i++`, `i--`.",
        concepts=(Concept.SYNTAX, Concept.BOOLEANS),
        docs=Docs(
            what="Operators from C, Java or JavaScript (`&&`, `||`, `!`, `===`, `++`, `--`), or "
            "comparison operators written back to front (`=>`, `=<`, `=!`).",
            why="Python spells the logical operators as words (`and`, `or`, `not`), has no "
            "increment operator, and writes every two-character comparison with the '=' "
            "second: `>=`, `<=`, `!=`.",
            example=code("""
                if age > 12 && has_ticket:
                    print('Enjoy')
            """),
            better=code("""
                if age > 12 and has_ticket:
                    print('Enjoy')
            """),
            question="How would you say this condition out loud, in English words?",
        ),
        messages=Messages(
            novice="Python has no '{written}' operator. {detail} '{python}'.",
            developing="'{written}' is not Python: use '{python}'.",
            proficient="'{written}': write '{python}'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if a && b:
                        pass
                """),
                fixed=code("""
                    if a and b:
                        pass
                """),
                at="1:5-1:7",
            ),
            Invalid(
                code("""
                    if a || b:
                        pass
                """),
                fixed=code("""
                    if a or b:
                        pass
                """),
                at="1:5-1:7",
            ),
            Invalid(
                code("""
                    if mark => 50:
                        pass
                """),
                fixed=code("""
                    if mark >= 50:
                        pass
                """),
                at="1:8-1:10",
            ),
            Invalid(
                code("""
                    while guess =! 7:
                        pass
                """),
                fixed=code("""
                    while guess != 7:
                        pass
                """),
                at="1:12-1:14",
            ),
            Invalid(
                code("""
                    if !done:
                        pass
                """),
                fixed=code("""
                    if not done:
                        pass
                """),
                at="1:3-1:4",
            ),
            Invalid(
                code("""
                    count = 0
                    count++
                """),
                fixed=code("""
                    count = 0
                    count += 1
                """),
                at="2:5-2:7",
            ),
        ),
        valid=(
            code("""
                if a and b:
                    pass
            """),
            "x = -1\n",
            "y = x = 3\n",
            "z = not done\n",
        ),
        syntax=True,
    )
)


CONDITION_KEYWORDS = ("if", "elif", "while", "assert")


def assign_in_condition(reading: Reading) -> Diagnosis | None:
    """`if x = 5:`, `while (answer = ''):`, `'adult' if age = 18 else ...`."""
    logical = reading.error_line
    if not logical:
        return None
    found = None
    if logical[0].text in CONDITION_KEYWORDS and logical[0].kind is Kind.NAME:
        found = _equals_in_condition(logical, 1, stop_at_colon=True)
        keyword = logical[0].text
    if found is None:
        for index, token in enumerate(logical[1:], start=1):
            if token.text == "if" and token.kind is Kind.NAME:
                found = _equals_in_condition(logical, index + 1, stop_at_colon=False)
                keyword = "if"
                if found is not None:
                    break
    if found is None:
        return None
    span = token_span(found)
    return Diagnosis(
        RuleId.ASSIGN_IN_CONDITION,
        span,
        {"keyword": keyword},
        edits=first_that_parses(reading, [[Edit(span, "==")]]),
        fix_title="Compare with '==' instead of assigning with '='",
    )


def _equals_in_condition(logical: LogicalLine, start: int, *, stop_at_colon: bool) -> Token | None:
    """The first `=` of the condition starting at `start`, outside any call's brackets."""
    stack: list[bool] = []  # per open bracket: is it a call's (or a subscript's)?
    base_depth = logical[start].depth if start < len(logical) else 0
    for index in range(start, len(logical)):
        token = logical[index]
        if token.kind is Kind.OP and token.text in OPENING:
            before = logical[index - 1] if index else None
            stack.append(before is not None and _ends_value(before))
        elif token.kind is Kind.OP and token.text in CLOSING:
            if not stack:
                return None  # the condition was inside these brackets and has ended
            stack.pop()
        elif (
            (token.text in ("else", "for") and not stack and not stop_at_colon)
            or (token.is_op(",") and not stack and not stop_at_colon)
            or (token.is_op(":") and not stack and stop_at_colon)
        ):
            return None
        elif token.is_op("=") and not any(stack) and token.depth >= base_depth:
            return token
    return None


def _ends_value(token: Token) -> bool:
    return token.is_name or token.is_op(")", "]") or token.kind is Kind.STRING


def wrong_operator(reading: Reading) -> Diagnosis | None:
    """`&&`, `||`, `!x`, `=>`, `=<`, `=!`, `<>`, `===`, `i++`, `i--`."""
    logical = reading.error_line
    found = [
        match
        for index in range(len(logical))
        if (match := _foreign_operator(logical, index)) is not None
    ]
    if not found:
        return None
    before = [match for match in found if match[1].start <= reading.error.position]
    first, last, written, python = before[-1] if before else found[0]
    span = span_between(first, last)
    edits = first_that_parses(reading, [[_spaced_replacement(reading, span, python)]])
    shown = python.strip()
    return Diagnosis(
        RuleId.WRONG_OPERATOR,
        span,
        {"written": written, "python": shown, "detail": _OPERATOR_DETAIL.get(written, "")},
        edits=edits,
        fix_title=f"Write '{shown}'",
    )


_OPERATOR_DETAIL = {
    "&&": "Python spells it as a word:",
    "||": "Python spells it as a word:",
    "!": "Python spells it as a word:",
    "=>": "'Greater than or equal' puts the '=' second:",
    "=<": "'Less than or equal' puts the '=' second:",
    "=!": "'Not equal' puts the '=' second:",
    "<>": "'Not equal' is written",
    "===": "Python compares two values with",
    "!==": "'Not equal' is written",
    "++": "To add one to a variable, Python writes",
    "--": "To take one away from a variable, Python writes",
}


def _foreign_operator(logical: LogicalLine, index: int) -> tuple[Token, Token, str, str] | None:
    token = logical[index]
    after = logical[index + 1] if index + 1 < len(logical) else None
    before = logical[index - 1] if index else None
    touching = after is not None and after.start == token.end
    pairs = {("&", "&"): "and", ("|", "|"): "or", ("=", ">"): ">=", ("=", "<"): "<="}
    pairs |= {("<", ">"): "!=", ("==", "="): "==", ("!=", "="): "!="}
    if (
        touching
        and after is not None
        and (token.text, after.text) in pairs
        and token.kind is Kind.OP
        and after.kind is Kind.OP
    ):
        return token, after, token.text + after.text, pairs[(token.text, after.text)]
    if token.kind is Kind.ERROR and token.text == "!":
        if before is not None and before.is_op("=") and before.end == token.start:
            if logical[0].text in CONDITION_KEYWORDS or token.depth > 0:
                return before, token, "=!", "!="
            return None
        if after is not None and touching and (starts_operand(after) or after.is_op("(")):
            return token, token, "!", "not"
    if (
        token.is_op("+", "-")
        and touching
        and after is not None
        and after.text == token.text
        and before is not None
        and (before.is_name or before.is_op(")", "]"))
        and (index + 2 == len(logical) or logical[index + 2].is_op(";"))
    ):
        return token, after, token.text * 2, f"{token.text}= 1"
    return None


def _spaced_replacement(reading: Reading, span: Span, python: str) -> Edit:
    """Replace `span` and the spaces around it with `python`, one space on each side."""
    text = reading.source.line(span.line)
    start = span.column
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    end = span.end_column
    while end < len(text) and text[end] in " \t":
        end += 1
    before = " " if text[:start].strip() and text[start - 1] not in "([{" else ""
    after = " " if text[end:].strip() and text[end] not in ")]}:," else ""
    return Edit(Span(span.line, start, span.line, end), f"{before}{python}{after}")
