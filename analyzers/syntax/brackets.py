"""Brackets: one opened and never closed, or a closing one with no partner of its kind.

Python notices an unclosed bracket where the statement it swallowed stops making sense, often
lines later. The learner needs the bracket they opened: a bracket still open when a line starts
that can only be a new statement (`total = 0`, `def ...`, `if ...:` back at the bracket's
indentation) was never closed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.syntax.lexer import CLOSING, OPENING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    Reading,
    first_that_parses,
    insert_at,
    replace_token,
    token_span,
)

UNCLOSED_BRACKET = register(
    Rule(
        id=RuleId.UNCLOSED_BRACKET,
        name="unclosed-bracket",
        summary="A bracket '(' '[' or '{' is opened and never closed.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="An opening bracket without its closing partner. Mentor points at the bracket "
            "that was opened, not at the later line where Python noticed.",
            why="Inside brackets Python lets a statement go on over several lines, so a "
            "forgotten ')' makes it read the next lines as part of the same statement. It only "
            "complains where that stops making sense, often a line or more below the real "
            "mistake, which sends beginners looking in the wrong place.",
            example=code("""
                age = int(input('Age? ')
                print(age)
            """),
            better=code("""
                age = int(input('Age? '))
                print(age)
            """),
            question="Count the brackets you open on this line and the ones you close: do they "
            "pair up?",
        ),
        messages=Messages(
            novice="The {bracket} opened here is never closed{more}, so Python reads the lines "
            "after it as part of the same statement.{noticed} Add the matching '{closer}' "
            "where this part of the code ends.",
            developing="This {bracket} is never closed: add '{closer}' where it should "
            "end.{noticed}",
            proficient="Unclosed bracket: '{closer}' missing.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    name = input('Name: ')
                    print('Hello', name
                    print('Bye')
                """),
                fixed=code("""
                    name = input('Name: ')
                    print('Hello', name)
                    print('Bye')
                """),
                at="2:5-2:6",
                message="This round bracket '(' is never closed: add ')' where it should end.",
            ),
            Invalid(
                code("""
                    for i in range(1, 11:
                        print(i)
                """),
                fixed=code("""
                    for i in range(1, 11):
                        print(i)
                """),
                at="1:14-1:15",
            ),
            Invalid(
                code("""
                    prices = {
                        'apple': 0.5,
                        'pear': 0.75,

                    total = 0
                """),
                fixed=code("""
                    prices = {
                        'apple': 0.5,
                        'pear': 0.75,
                    }

                    total = 0
                """),
                at="1:9-1:10",
            ),
            Invalid("x = foo(bar[1, 2)\n", fixed="x = foo(bar[1, 2])\n", at="1:11-1:12"),
            Invalid("total = sum(prices  # add them up\n", at="1:11-1:12"),
        ),
        valid=(
            code("""
                print('Hello',
                      'world')
            """),
            code("""
                total = (1 +
                         2)
            """),
            "x = [1, 2)\n",
        ),
        syntax=True,
    )
)


UNMATCHED_BRACKET = register(
    Rule(
        id=RuleId.UNMATCHED_BRACKET,
        name="unmatched-bracket",
        summary="A closing bracket with no opening bracket of the same kind.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A closing bracket that closes nothing, or closes a bracket of another kind, "
            "as in `[1, 2)`.",
            why="Brackets come in pairs of the same kind, and the last one opened is the first "
            "one closed. A stray or mismatched one usually means a bracket was typed twice, or "
            "the wrong key was pressed.",
            example="colours = ['red', 'green')\n",
            better="colours = ['red', 'green']\n",
            question="Which bracket is this one meant to close, and what kind was it?",
        ),
        messages=Messages(
            novice="This closing '{closer}' does not match. {detail}",
            developing="Unmatched '{closer}': {short}",
            proficient="Unmatched '{closer}'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "colours = ['red', 'green')\n",
                fixed="colours = ['red', 'green']\n",
                at="1:25-1:26",
                message="Unmatched ')': ')' closes '[' (line 1): use ']'.",
            ),
            Invalid("f = (9 / 5) * c + 32)\n", fixed="f = (9 / 5) * c + 32\n", at="1:20-1:21"),
            Invalid("ages = {'Ann': 12]\n", fixed="ages = {'Ann': 12}\n", at="1:17-1:18"),
            Invalid("print(words[1))\n", fixed="print(words[1])\n", at="1:13-1:14"),
        ),
        valid=("colours = ['red', 'green']\n", "print('a'\n"),
        syntax=True,
    )
)


BRACKET_NAMES = {
    "(": "round bracket '('",
    "[": "square bracket '['",
    "{": "curly bracket '{'",
    ")": "round bracket ')'",
    "]": "square bracket ']'",
    "}": "curly bracket '}'",
}
BLOCK_KEYWORDS = frozenset(
    {"if", "elif", "else", "for", "while", "def", "class", "try", "except", "finally", "with"}
)
# Keywords that only ever start a statement, wherever they stand.
SIMPLE_STATEMENT_KEYWORDS = frozenset(
    {"return", "import", "pass", "break", "continue", "raise", "del", "global", "nonlocal"}
)
# After these, the expression goes on on the next line.
CONTINUING = frozenset(
    {",", "+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "~", "<<", ">>", "==", "!="}
    | {"<", ">", "<=", ">=", "=", ".", ":=", "->", "(", "[", "{", ":", "\\"}
    | {"and", "or", "not", "in", "is", "if", "else", "lambda", "for"}
)
ASSIGNMENT_OPERATORS = frozenset(
    {"=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="}
)


@dataclass(frozen=True)
class _Unclosed:
    open: tuple[Token, ...]  # brackets still open, outermost first
    last: Token  # the last token before the statement ended


@dataclass(frozen=True)
class _Mismatch:
    open: tuple[Token, ...]
    closer: Token


@dataclass(frozen=True)
class _Extra:
    closer: Token


def bracket_problem(reading: Reading) -> Diagnosis | None:
    """The first bracket that is never closed or closes nothing, if Python stopped on it."""
    event = _first_bracket_event(reading)
    if isinstance(event, _Unclosed):
        return _unclosed(reading, event)
    if isinstance(event, _Mismatch):
        return _mismatch(reading, event)
    if isinstance(event, _Extra):
        return _extra(reading, event)
    return None


def _first_bracket_event(reading: Reading) -> _Unclosed | _Mismatch | _Extra | None:
    tokens = [token for token in reading.tokens if token.kind is not Kind.COMMENT]
    if _balanced(tokens):
        return None  # every bracket has its partner: whatever broke, it was not a bracket
    stack: list[Token] = []
    previous: Token | None = None
    statement_start: Token | None = None
    at_line_start = True
    for index, token in enumerate(tokens):
        if token.kind is Kind.NEWLINE:
            at_line_start = True
            continue
        if at_line_start and not stack:
            statement_start = token
        if at_line_start and stack and previous is not None:
            following = _next_code(tokens, index)
            if _starts_new_statement(reading, token, following, previous, stack, statement_start):
                return _Unclosed(tuple(stack), previous)
        at_line_start = False
        if token.kind is Kind.OP and token.text in OPENING:
            stack.append(token)
        elif token.kind is Kind.OP and token.text in CLOSING:
            if not stack:
                return _Extra(token)
            if OPENING[stack[-1].text] != token.text:
                return _Mismatch(tuple(stack), token)
            stack.pop()
        previous = token
    if stack and previous is not None:
        return _Unclosed(tuple(stack), previous)
    return None


def _balanced(tokens: list[Token]) -> bool:
    stack: list[str] = []
    for token in tokens:
        if token.kind is Kind.OP and token.text in OPENING:
            stack.append(token.text)
        elif (
            token.kind is Kind.OP
            and token.text in CLOSING
            and (not stack or stack.pop() != CLOSING[token.text])
        ):
            return False
    return not stack


def _next_code(tokens: list[Token], index: int) -> Token | None:
    for token in tokens[index + 1 :]:
        if token.kind is not Kind.NEWLINE:
            return token
    return None


def _starts_new_statement(
    reading: Reading,
    token: Token,
    following: Token | None,
    previous: Token,
    stack: list[Token],
    statement_start: Token | None,
) -> bool:
    """Whether a line that begins inside brackets can only be the start of a new statement."""
    header_ended = (
        previous.is_op(":")
        and statement_start is not None
        and statement_start.text in BLOCK_KEYWORDS
        and previous.line < token.line
    )
    if header_ended:  # `for i in range(1, 11:` and then the loop's body
        return True
    # After a comma the next item may start a line, but not a statement like `total = 0`.
    after_comma = previous.is_op(",")
    if previous.text in CONTINUING and not after_comma:
        return False
    opener_indent = _width(reading.indentation(stack[0].line))
    if _width(reading.indentation(token.line)) > opener_indent:
        return False
    if token.kind is Kind.NAME and token.text in SIMPLE_STATEMENT_KEYWORDS:
        return True
    if token.kind is Kind.NAME and token.text in BLOCK_KEYWORDS:
        return _line_ends_with_colon(reading, token.line)
    if token.is_name and following is not None:
        if following.kind is Kind.OP and following.text in ASSIGNMENT_OPERATORS:
            return True
        return following.is_op("(", ".") and not after_comma
    return False


def _line_ends_with_colon(reading: Reading, line: int) -> bool:
    code = [
        token
        for token in reading.tokens
        if token.line == line and token.kind not in (Kind.NEWLINE, Kind.COMMENT)
    ]
    return bool(code) and code[-1].is_op(":")


def _width(indentation: str) -> int:
    return len(indentation.expandtabs(8))


def _unclosed(reading: Reading, event: _Unclosed) -> Diagnosis | None:
    culprit = event.open[-1]
    if not reading.at_or_before_error(culprit):
        return None
    closers = "".join(OPENING[token.text] for token in reversed(event.open))
    last = event.last
    candidates: list[list[Edit]] = []
    if last.is_op(":"):  # `for i in range(1, 11:` closes before the colon
        candidates.append([insert_at(last.line, last.column, closers)])
    if _ends_its_line(reading, culprit):  # a multi-line literal: close it on a line of its own
        indent = reading.indentation(culprit.line)
        candidates.append([insert_at(last.end_line, last.end_column, f"\n{indent}{closers}")])
    candidates.append([insert_at(last.end_line, last.end_column, closers)])
    edits = first_that_parses(reading, candidates)
    simple = len(event.open) == 1 and culprit.line == last.end_line
    return Diagnosis(
        RuleId.UNCLOSED_BRACKET,
        token_span(culprit),
        {
            "bracket": BRACKET_NAMES[culprit.text],
            "closer": OPENING[culprit.text],
            "noticed": _noticed(reading, culprit.line),
            "more": _more(len(event.open) - 1),
        },
        edits=edits,
        fix_title=f"Close it: add '{closers}'",
        applicability=Applicability.SAFE if simple else Applicability.UNSAFE,
    )


def _mismatch(reading: Reading, event: _Mismatch) -> Diagnosis | None:
    opener, closer = event.open[-1], event.closer
    if closer.line > reading.error.line:
        return None
    expected = OPENING[opener.text]
    replaced = [replace_token(closer, expected)]
    if reading.parses_after(replaced):
        return _wrong_kind(reading, opener, closer, replaced)
    deleted = [replace_token(closer, "")]
    if reading.parses_after(deleted):
        return _extra(reading, _Extra(closer), deleted)
    inserted = [insert_at(closer.line, closer.column, expected)]
    if reading.parses_after(inserted) or opener.line < closer.line:
        edits = tuple(inserted) if reading.parses_after(inserted) else ()
        return Diagnosis(
            RuleId.UNCLOSED_BRACKET,
            token_span(opener),
            {
                "bracket": BRACKET_NAMES[opener.text],
                "closer": expected,
                "noticed": _noticed(reading, opener.line),
                "more": "",
            },
            edits=edits,
            fix_title=f"Close it: add '{expected}' before '{closer.text}'",
            applicability=Applicability.UNSAFE,
        )
    return _wrong_kind(reading, opener, closer, [])


def _wrong_kind(reading: Reading, opener: Token, closer: Token, edits: list[Edit]) -> Diagnosis:
    expected = OPENING[opener.text]
    where = "on this line" if opener.line == closer.line else f"on line {opener.line}"
    return Diagnosis(
        RuleId.UNMATCHED_BRACKET,
        token_span(closer),
        {
            "closer": closer.text,
            "detail": f"It closes the {BRACKET_NAMES[opener.text]} opened {where}, which "
            f"needs '{expected}'. Brackets close in pairs of the same kind: ( with ), "
            "[ with ], { with }.",
            "short": f"'{closer.text}' closes '{opener.text}' (line {opener.line}): use "
            f"'{expected}'.",
        },
        edits=tuple(edits),
        fix_title=f"Use '{expected}' to close '{opener.text}'",
        applicability=Applicability.SAFE,
    )


def _extra(reading: Reading, event: _Extra, deleted: list[Edit] | None = None) -> Diagnosis | None:
    closer = event.closer
    if closer.line > reading.error.line:
        return None
    edits = deleted if deleted is not None else [replace_token(closer, "")]
    return Diagnosis(
        RuleId.UNMATCHED_BRACKET,
        token_span(closer),
        {
            "closer": closer.text,
            "detail": "Every bracket opened before it is already closed, so this one has "
            f"nothing to close. Remove it, or add the '{CLOSING[closer.text]}' you forgot "
            "where the group starts.",
            "short": f"'{closer.text}' has no '{CLOSING[closer.text]}' to close.",
        },
        edits=first_that_parses(reading, [edits]),
        fix_title=f"Remove the extra '{closer.text}'",
        applicability=Applicability.UNSAFE,
    )


def _ends_its_line(reading: Reading, token: Token) -> bool:
    after = [
        other
        for other in reading.tokens
        if other.line == token.line
        and other.start > token.start
        and other.kind not in (Kind.NEWLINE, Kind.COMMENT)
    ]
    return not after


def _noticed(reading: Reading, line: int) -> str:
    if reading.error.line > line:
        return (
            f" Python only noticed it on line {reading.error.line}, where the code stopped "
            "making sense."
        )
    return ""


def _more(count: int) -> str:
    if count <= 0:
        return ""
    if count == 1:
        return " (one more bracket before it is open too)"
    return f" ({count} more brackets before it are open too)"
