"""Statement-level causes: the shape of a line is wrong (a missing colon, `else if`,
`print x`, an `else` that belongs to no `if`)."""

from __future__ import annotations

from mentor.analyzers.findings import Applicability
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.brackets import BLOCK_KEYWORDS
from mentor.analyzers.syntax.lexer import CLOSING, OPENING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    first_that_parses,
    insert_at,
    replace_token,
    span_between,
    token_span,
)

# What may follow `print` in a Python 3 call or expression, so `print` is not a statement.
_AFTER_PRINT_FUNCTION = frozenset(
    {"(", ")", "]", "}", ",", ".", "[", "=", ":", ";", "+=", "-=", "*=", "/=", "==", "!="}
)
_HEADER_KEYWORD_LABEL = {
    "def": "function definition",
    "class": "class definition",
}


def else_if(reading: Reading) -> Diagnosis | None:
    """`else if x:` where Python spells it `elif x:`; also `else x > 3:`, a condition on else."""
    logical = reading.error_line
    if len(logical) < 3 or logical[0].text != "else" or logical[0].kind is not Kind.NAME:
        return None
    first, second = logical[0], logical[1]
    if second.text == "if" and second.kind is Kind.NAME:
        span = span_between(first, second)
        detail = "With two words, Python reads 'else' and expects a ':' straight after it."
    elif not second.is_op(":") and logical[-1].is_op(":"):
        span = token_span(first)
        detail = "An 'else' takes no condition: it runs when nothing above was true."
    else:
        return None
    return Diagnosis(
        RuleId.ELSE_IF,
        span,
        {"written": reading.source.slice(span), "detail": detail},
        edits=first_that_parses(reading, [[Edit(span, "elif")]]),
        fix_title="Write 'elif'",
    )


def print_statement(reading: Reading) -> Diagnosis | None:
    """`print "hi"` or `print x`: Python 2's print statement, a function call in Python 3."""
    logical = reading.error_line
    if len(logical) < 2 or logical[0].text != "print" or logical[0].kind is not Kind.NAME:
        return None
    first, second = logical[0], logical[1]
    if second.kind is Kind.OP and second.text in _AFTER_PRINT_FUNCTION:
        return None
    if second.kind is Kind.OP and second.text not in ("-", "+", "~", "*"):
        return None
    last = logical[-1]
    trailing_comma = last.is_op(",")
    between = Span(first.line, first.end_column, second.line, second.column)
    closing = ', end=" ")' if trailing_comma else ")"
    end = Span(last.line, last.column, last.end_line, last.end_column)
    edits = (
        [Edit(between, "("), Edit(end, closing)]
        if trailing_comma
        else [Edit(between, "("), insert_at(last.end_line, last.end_column, closing)]
    )
    what = reading.source.slice(Span(second.line, second.column, last.end_line, last.end_column))
    return Diagnosis(
        RuleId.PRINT_STATEMENT,
        span_between(first, last),
        {"what": what.rstrip(",").strip()},
        edits=first_that_parses(reading, [edits]),
        fix_title="Call print with round brackets: print(...)",
    )


def missing_colon(reading: Reading) -> Diagnosis | None:
    """A block's first line (if/for/def/...) that does not end with ':'."""
    logical = reading.error_line
    for candidate in (logical, reading.previous_logical_line(logical)):
        diagnosis = _header_without_colon(reading, candidate)
        if diagnosis is not None:
            return diagnosis
    return None


def _header_without_colon(reading: Reading, logical: LogicalLine) -> Diagnosis | None:
    tokens = list(logical)
    if tokens and tokens[0].text == "async":
        tokens = tokens[1:]
    if not tokens or tokens[0].kind is not Kind.NAME or tokens[0].text not in BLOCK_KEYWORDS:
        return None
    keyword = tokens[0]
    if keyword.text == "else" and len(tokens) > 1 and tokens[1].text == "if":
        return None  # `else if`: a cause of its own
    if _colon_at_top_level(tokens):
        return None
    last = tokens[-1]
    candidates: list[list[Edit]] = []
    if last.is_op(";"):
        candidates.append([replace_token(last, ":")])
    candidates.append([insert_at(last.end_line, last.end_column, ":")])
    edits = first_that_parses(reading, candidates)
    return Diagnosis(
        RuleId.MISSING_COLON,
        token_span(last),
        {
            "place": "at the end of this line",
            "why": f"{_statement_name(keyword.text)} starts a block, and ends with ':'. The "
            "colon tells Python that the indented lines below belong to it.",
        },
        edits=edits,
        fix_title="Add ':' at the end of the line",
    )


def _colon_at_top_level(tokens: list[Token]) -> bool:
    depth = 0
    lambdas = 0
    for token in tokens[1:]:
        if token.kind is not Kind.OP and token.text != "lambda":
            continue
        if token.text == "lambda":
            if depth == 0:
                lambdas += 1
        elif token.text in OPENING:
            depth += 1
        elif token.text in CLOSING:
            depth = max(depth - 1, 0)
        elif token.text == ":" and depth == 0:
            if lambdas:
                lambdas -= 1
            else:
                return True
    return False


def _statement_name(keyword: str) -> str:
    """`function definition`, `an 'if' line`: with its article."""
    if keyword in _HEADER_KEYWORD_LABEL:
        return f"A {_HEADER_KEYWORD_LABEL[keyword]}"
    article = "An" if keyword[0] in "aeiou" else "A"
    return f"{article} '{keyword}' line"


def misplaced_else(reading: Reading) -> Diagnosis | None:
    """An `else`/`elif` that follows no `if` block: a line between broke the chain, or the
    `else` is indented inside the block instead of lining up with its `if`."""
    logical = reading.error_line
    if not logical or logical[0].text not in ("else", "elif") or logical[0].kind is not Kind.NAME:
        return None
    keyword = logical[0]
    if keyword.line != reading.error.line:
        return None
    width = _width(reading.indentation(keyword.line))
    partners = ("if", "elif") if keyword.text == "elif" else ("if", "elif", "for", "while", "try")
    index = reading.logical_index_at(keyword.line) or 0
    breaker: LogicalLine | None = None
    for earlier in reversed(reading.logical_lines[:index]):
        earlier_width = _width(reading.indentation(earlier[0].line))
        if earlier_width > width:
            continue
        first = earlier[0].text
        if earlier_width == width:
            if first in partners and breaker is None:
                return None  # it does follow a block it can belong to: not this cause
            if first in partners:
                return _else_without_if(keyword, breaker, earlier)
            if first in ("except", "else", "elif") and breaker is None:
                continue  # the other branches of the same chain
            if breaker is None:
                breaker = earlier
            continue
        # Less indented: the block this `else` stands in. Is it the `if` it belongs to?
        if first in partners:
            return _else_too_deep(reading, keyword, earlier, width - earlier_width)
        break
    return _else_without_if(keyword, breaker, None)


def _else_without_if(
    keyword: Token, breaker: LogicalLine | None, partner: LogicalLine | None
) -> Diagnosis:
    if breaker is not None and partner is not None:
        detail = (
            f"Line {breaker[0].line} is not indented, so the '{partner[0].text}' block of line "
            f"{partner[0].line} ended before it and this '{keyword.text}' no longer follows it. "
            f"Indent line {breaker[0].line} into the block, or move it below the "
            f"'{keyword.text}' block."
        )
    else:
        detail = "There is no 'if' just above it, at the same indentation, for it to belong to."
    return Diagnosis(
        RuleId.ELSE_WITHOUT_IF,
        token_span(keyword),
        {"keyword": keyword.text, "detail": detail},
    )


def _else_too_deep(reading: Reading, keyword: Token, partner: LogicalLine, extra: int) -> Diagnosis:
    partner_line = partner[0].line
    detail = (
        f"This '{keyword.text}' is indented like the lines inside the '{partner[0].text}' block, "
        f"so it is not part of the '{partner[0].text}' on line {partner_line}. It must line up "
        f"exactly with its '{partner[0].text}'."
    )
    edits = first_that_parses(reading, [_dedent_block(reading, keyword.line, extra)])
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        token_span(keyword),
        {
            "detail": detail,
            "short": f"'{keyword.text}' must line up with its "
            f"'{partner[0].text}' (line {partner_line}).",
        },
        edits=edits,
        fix_title=f"Line '{keyword.text}' up with its '{partner[0].text}'",
        applicability=Applicability.UNSAFE,
    )


def _dedent_block(reading: Reading, first_line: int, amount: int) -> list[Edit]:
    """Edits moving `first_line` and the lines indented under it `amount` columns left."""
    width = _width(reading.indentation(first_line))
    edits = []
    line = first_line
    while line <= len(reading.source.lines):
        text = reading.source.line(line)
        if line > first_line and text.strip() and _width(reading.indentation(line)) <= width:
            break
        indentation = reading.indentation(line)
        if text.strip():
            if "\t" in indentation or len(indentation) < amount:
                return []
            edits.append(Edit(Span(line, 0, line, amount), ""))
        line += 1
    return edits


def _width(indentation: str) -> int:
    return len(indentation.expandtabs(8))
