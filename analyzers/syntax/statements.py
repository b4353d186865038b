"""Statement-level causes: the shape of a line is wrong (a missing colon, `else if`,
`print x`, an `else` that belongs to no `if`)."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
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

MISSING_COLON = register(
    Rule(
        id=RuleId.MISSING_COLON,
        name="missing-colon",
        summary="An if/elif/else/for/while/def/class/try/except/finally/with line without its "
        "':' (or a dictionary key without one).",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS, Concept.LOOPS, Concept.FUNCTIONS),
        docs=Docs(
            what="A line that starts a block (`if`, `elif`, `else`, `for`, `while`, `def`, "
            "`class`, `try`, `except`, `finally`, `with`) but does not end with ':', or a "
            "dictionary key not followed by ':'.",
            why="The colon tells Python that the indented lines below belong to this line. "
            "Python reports the missing colon on the line itself, but beginners often look at "
            "the indented line below, or forget the colon after `else`.",
            example=code("""
                if age >= 18
                    print('You can vote')
            """),
            better=code("""
                if age >= 18:
                    print('You can vote')
            """),
            question="What does Python need at the end of a line that starts a block?",
        ),
        messages=Messages(
            novice="A ':' is missing {place}. {why}",
            developing="Add ':' {place}.",
            proficient="Missing ':'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if age >= 18
                        print('adult')
                """),
                fixed=code("""
                    if age >= 18:
                        print('adult')
                """),
                at="1:10-1:12",
                message="Add ':' at the end of this line.",
            ),
            Invalid(
                code("""
                    if x:
                        pass
                    else
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
                    def area(w, h)
                        return w * h
                """),
                fixed=code("""
                    def area(w, h):
                        return w * h
                """),
                at="1:13-1:14",
            ),
            Invalid(
                code("""
                    while lives > 0  # keep playing
                        lives -= 1
                """),
                fixed=code("""
                    while lives > 0:  # keep playing
                        lives -= 1
                """),
                at="1:14-1:15",
            ),
            Invalid(
                code("""
                    if n > 100;
                        print(n)
                """),
                fixed=code("""
                    if n > 100:
                        print(n)
                """),
                at="1:10-1:11",
            ),
            Invalid(
                "ages = {'Ann': 12, 'Bob' 14}\n",
                fixed="ages = {'Ann': 12, 'Bob': 14}\n",
                at="1:19-1:27",
            ),
        ),
        valid=(
            code("""
                if age >= 18:
                    pass
            """),
            "f = lambda x: x\n",
            code("""
                else if x:
                    pass
            """),
        ),
        syntax=True,
    )
)


PRINT_STATEMENT = register(
    Rule(
        id=RuleId.PRINT_STATEMENT,
        name="print-statement",
        summary="`print x` written the Python 2 way, without round brackets.",
        concepts=(Concept.SYNTAX, Concept.INPUT_OUTPUT, Concept.FUNCTIONS),
        docs=Docs(
            what="`print` followed by what to print without round brackets, as Python 2 and "
            "many old tutorials write it.",
            why="In Python 3 `print` is a function like any other, and a function is called "
            "with round brackets around its arguments: `print('hi')`. Old books and web pages "
            "still show the Python 2 form.",
            example="print 'Hello'\n",
            better="print('Hello')\n",
            question="How do you call other functions, like `len` or `input`? Is print different?",
        ),
        messages=Messages(
            novice="In Python 3, print is a function: what it shows goes inside round brackets, "
            "like print({what}). Without them Python does not see that you want to call print.",
            developing="print needs round brackets: print({what}).",
            proficient="print is a function: print({what}).",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "print 'Hello'\n",
                fixed="print('Hello')\n",
                at="1:0-1:13",
                message="print needs round brackets: print('Hello').",
            ),
            Invalid(
                code("""
                    total = 3
                    print total
                """),
                fixed=code("""
                    total = 3
                    print(total)
                """),
                at="2:0-2:11",
            ),
            Invalid(
                "print a, 'is smaller than', b\n",
                fixed="print(a, 'is smaller than', b)\n",
                at="1:0-1:29",
            ),
            Invalid(
                code("""
                    for x in xs:
                        print x  # show it
                """),
                fixed=code("""
                    for x in xs:
                        print(x)  # show it
                """),
                at="2:4-2:11",
            ),
        ),
        valid=("print('Hello')\n", "print = 3\n", "print\n"),
        syntax=True,
    )
)


ELSE_IF = register(
    Rule(
        id=RuleId.ELSE_IF,
        name="else-if",
        summary="`else if` where Python writes `elif`.",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS),
        docs=Docs(
            what="`else if condition:` on one line, as C, Java and JavaScript write it.",
            why="Python has a single word for it, `elif`. With two words Python reads `else` "
            "and expects a ':' right after it, so it reports a missing colon in the middle of "
            "the line, which puzzles beginners.",
            example=code("""
                if n > 0:
                    print('+')
                else if n < 0:
                    print('-')
            """),
            better=code("""
                if n > 0:
                    print('+')
                elif n < 0:
                    print('-')
            """),
            question="How does Python spell 'otherwise, if...' as one word?",
        ),
        messages=Messages(
            novice="To test another condition after an 'if', Python writes one word: elif. "
            "{detail}",
            developing="Use 'elif' instead of '{written}'.",
            proficient="'{written}': write 'elif'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if n > 0:
                        pass
                    else if n < 0:
                        pass
                """),
                fixed=code("""
                    if n > 0:
                        pass
                    elif n < 0:
                        pass
                """),
                at="3:0-3:7",
                message="Use 'elif' instead of 'else if'.",
            ),
            Invalid(
                code("""
                    if a:
                        pass
                    else if b:  # second case
                        pass
                """),
                fixed=code("""
                    if a:
                        pass
                    elif b:  # second case
                        pass
                """),
                at="3:0-3:7",
            ),
            Invalid(
                code("""
                    if x > 5:
                        pass
                    else x > 3:
                        pass
                """),
                fixed=code("""
                    if x > 5:
                        pass
                    elif x > 3:
                        pass
                """),
                at="3:0-3:4",
            ),
        ),
        valid=(
            code("""
                if n > 0:
                    pass
                elif n < 0:
                    pass
            """),
            code("""
                if a:
                    pass
                else:
                    if b:
                        pass
            """),
        ),
        syntax=True,
    )
)


ELSE_WITHOUT_IF = register(
    Rule(
        id=RuleId.ELSE_WITHOUT_IF,
        name="else-without-if",
        summary="An `else` or `elif` that follows no `if` block.",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS),
        docs=Docs(
            what="An `else:` or `elif` with no `if` block right above it at the same "
            "indentation, usually because a line between them is not indented and so ends the "
            "`if` block.",
            why="An `else` belongs to the `if` whose block it directly follows. A single "
            "unindented line between them ends the `if` statement, and the `else` is left on "
            "its own.",
            example=code("""
                if age >= 18:
                    print('adult')
                print('checked')
                else:
                    print('minor')
            """),
            better=code("""
                if age >= 18:
                    print('adult')
                else:
                    print('minor')
                print('checked')
            """),
            question="Which `if` should this `else` belong to, and what stands between them?",
        ),
        messages=Messages(
            novice="This '{keyword}' does not belong to any 'if'. {detail} An '{keyword}' must "
            "come straight after the block of its 'if', at the same indentation.",
            developing="'{keyword}' without an 'if' block right above it.",
            proficient="'{keyword}' without 'if'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(
            Invalid(
                code("""
                    if a:
                        pass
                    print('x')
                    else:
                        pass
                """),
                at="4:0-4:4",
                message="'else' without an 'if' block right above it.",
            ),
            Invalid(
                code("""
                    x = 1
                    else:
                        pass
                """),
                at="2:0-2:4",
            ),
            Invalid(
                code("""
                    for i in r:
                        pass
                    print(i)
                    elif i:
                        pass
                """),
                at="4:0-4:4",
            ),
        ),
        valid=(
            code("""
                if a:
                    pass
                else:
                    pass
            """),
            code("""
                for i in r:
                    pass
                else:
                    pass
            """),
            code("""
                if a:
                    pass
                    else:
                        pass
            """),
        ),
        syntax=True,
    )
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
