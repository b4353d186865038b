"""What the tokenizer trips over: a string without its closing quote, a character Python does
not allow in code (curly quotes from a word processor, a dash, a multiplication sign)."""

from __future__ import annotations

import re
import unicodedata

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.lexer import Kind, Token
from mentor.analyzers.syntax.quotes import apostrophe_in_text
from mentor.analyzers.syntax.reading import Diagnosis, Reading, first_that_parses, insert_at

UNTERMINATED_STRING = register(
    Rule(
        id=RuleId.UNTERMINATED_STRING,
        name="unterminated-string",
        summary="A text (string) whose closing quote is missing.",
        concepts=(Concept.SYNTAX, Concept.STRINGS),
        docs=Docs(
            what="A string that starts with a quote but never ends: the closing quote is "
            'missing, is of the other kind (`"...\'`), or is hidden by a backslash (`"C:\\"`); '
            "or a triple-quoted text that is never closed.",
            why="Everything between the opening and the closing quote is text, not code. "
            "Without the closing quote Python cannot find where the text ends and the code goes "
            "on.",
            example="print('Hello)\n",
            better="print('Hello')\n",
            question="Where does your text end? Which character tells Python so?",
        ),
        messages=Messages(
            novice="This text (a string) never ends. {detail} Everything between the opening "
            "and the closing quote is text, so Python cannot tell where your code goes on.",
            developing="Unterminated string: {detail}",
            proficient="Unterminated string starting with {quote}.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "print('Hello)\n",
                fixed="print('Hello')\n",
                at="1:6-1:7",
                message="Unterminated string: Its closing ' is missing, so Python reads the rest "
                "of the line as text.",
            ),
            Invalid(
                "greeting = 'Good morning\n", fixed="greeting = 'Good morning'\n", at="1:11-1:12"
            ),
            Invalid(
                code("""
                    name = 'Al'
                    print("Hi, + name)
                """),
                fixed=code("""
                    name = 'Al'
                    print("Hi, " + name)
                """),
                at="2:6-2:7",
            ),
            Invalid(
                "print(\"I live in ' + city)\n", fixed='print("I live in " + city)\n', at="1:6-1:7"
            ),
            Invalid('folder = "C:\\temp\\"\n', fixed='folder = "C:\\temp\\\\"\n', at="1:9-1:10"),
            Invalid(
                code('''
                    def f():
                        """Docs.
                        return 1
                '''),
                at="2:4-2:7",
            ),
        ),
        valid=(
            "print('Hello')\n",
            code("""
                text = '''one
                two'''
            """),
            "print(You're great)\n",
        ),
        syntax=True,
    )
)


INVALID_CHARACTER = register(
    Rule(
        id=RuleId.INVALID_CHARACTER,
        name="invalid-character",
        summary="A character Python does not accept in code, like curly quotes “ ” or a dash –.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A character outside of text and comments that Python does not use: curly "
            "quotes, dashes and multiplication signs that word processors and web pages type, "
            "invisible spaces, or symbols such as `$`.",
            why="Code copied from a document or a slide often carries typographic characters "
            "that look just like Python's own but are different characters to the computer.",
            example="print(“Hello”)\n",
            better='print("Hello")\n',
            question="Where did this line come from? Did you type it, or copy it from a document?",
        ),
        messages=Messages(
            novice="This line contains '{char}' ({name}), which Python does not accept in code. "
            "It often comes from copying code out of a document or a web page. {detail}",
            developing="Invalid character '{char}' ({name}). {detail}",
            proficient="Invalid character '{char}'.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                "print(“Hello”)\n",
                fixed='print("Hello")\n',
                at="1:6-1:7",
                message="Invalid character '“' (left double quotation mark (U+201C)). Python only "
                "understands '\"' here.",
            ),
            Invalid("b = a – 3\n", fixed="b = a - 3\n", at="1:6-1:7"),
            Invalid("area = side × side\n", fixed="area = side * side\n", at="1:12-1:13"),
            Invalid("price = $5\n", at="1:8-1:9"),
        ),
        valid=('print("Hello")\n', "print('“quoted”')\n", "# 5 × 3\n"),
        syntax=True,
    )
)


# Characters that look like Python's own, as word processors and web pages type them.
LOOKALIKES = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u00d7": "*",
    "\u00f7": "/",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "!=",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\ufeff": "",
    "\uff08": "(",
    "\uff09": ")",
    "\uff0c": ",",
    "\uff1a": ":",
    "\uff1b": ";",
    "\uff1d": "=",
}
_PREFIX = re.compile(r"[A-Za-z]*")


def tokenizer_problem(reading: Reading) -> Diagnosis | None:
    """The first string without its end or the first foreign character, whichever comes first.

    Python reads the file from the top, so of the two it reports whichever it meets first.
    """
    for token in reading.tokens:
        if token.line > reading.error.line:
            return None
        if token.kind is Kind.STRING and not token.closed:
            return _unterminated(reading, token)
        if token.kind is Kind.ERROR and not token.text.isascii():
            return _invalid_character(reading, token)
    return None


def _unterminated(reading: Reading, token: Token) -> Diagnosis | None:
    prefix = _PREFIX.match(token.text).group(0)  # type: ignore[union-attr]
    rest = token.text[len(prefix) :]
    quote = rest[:3] if rest[:3] in ("'''", '"""') else rest[:1]
    body = rest[len(quote) :]
    previous = _previous_code(reading, token)
    if (
        quote == "'"
        and not prefix
        and previous is not None
        and previous.kind is Kind.NAME
        and previous.end == token.start
    ):
        explained = apostrophe_in_text(reading, token, previous)
        if explained is not None:
            return explained
    span = Span(token.line, token.column, token.line, token.column + len(prefix) + len(quote))
    if len(quote) == 3:
        detail = (
            f"A text that starts with {quote} goes on, over several lines, until the next "
            f"{quote}. There is none, so Python read the rest of the file as text."
        )
        return _string_diagnosis(span, quote, detail, (), Applicability.UNSAFE)
    other = '"' if quote == "'" else "'"
    body_column = token.column + len(prefix) + len(quote)
    line_text = reading.source.line(token.line)
    if other in body:
        detail = (
            f"It starts with {quote} but seems to end with {other}: a text must end with the "
            "same kind of quote it starts with."
        )
        candidates = [
            [Edit(Span(token.line, body_column + i, token.line, body_column + i + 1), quote)]
            for i, char in enumerate(body)
            if char == other
        ]
        edits = first_that_parses(reading, candidates)
        return _string_diagnosis(span, quote, detail, edits, Applicability.SAFE)
    if body.rstrip().endswith("\\" + quote):
        end = body_column + len(body.rstrip()) - 1
        detail = (
            f"It ends with \\{quote}: a backslash makes the quote after it part of the text, "
            f"so the text never ends. To end a text with a backslash, write two: \\\\{quote}."
        )
        edits = first_that_parses(reading, [[insert_at(token.line, end, "\\")]])
        return _string_diagnosis(span, quote, detail, edits, Applicability.SAFE)
    detail = f"Its closing {quote} is missing, so Python reads the rest of the line as text."
    edits, at_end = _closing_quote(reading, token, body, body_column, line_text, quote)
    applicability = Applicability.SAFE if at_end else Applicability.UNSAFE
    return _string_diagnosis(span, quote, detail, edits, applicability)


def _closing_quote(
    reading: Reading, token: Token, body: str, body_column: int, line_text: str, quote: str
) -> tuple[tuple[Edit, ...], bool]:
    """Where the missing quote most likely goes, and whether that is the end of the line."""
    line = token.line
    candidates: list[list[Edit]] = []
    for match in re.finditer(r"(\s*)([+,])\s*([A-Za-z_]\w*|\d|['\"])", body):
        word = match.group(3)
        if word[0].isalpha() and not reading.known_elsewhere(word, ()):
            continue
        column = body_column + match.start(2)
        spaced = match.group(1)
        candidates.append([insert_at(line, column, quote + (" " if spaced else ""))])
    comment = re.search(r"\s+#", body)
    if comment:
        candidates.append([insert_at(line, body_column + comment.start(), quote)])
    for index in reversed([i for i, char in enumerate(body) if char in ")]}:"]):
        candidates.append([insert_at(line, body_column + index, quote)])
    end = len(line_text.rstrip())
    at_end = [insert_at(line, end, quote)]
    for edits in [*candidates, at_end]:
        if reading.parses_after(edits):
            return tuple(edits), edits is at_end
    return (), False


def _string_diagnosis(
    span: Span,
    quote: str,
    detail: str,
    edits: tuple[Edit, ...],
    applicability: Applicability,
) -> Diagnosis:
    return Diagnosis(
        RuleId.UNTERMINATED_STRING,
        span,
        {"quote": quote, "detail": detail},
        edits=tuple(edits),
        fix_title=f"Close the text with {quote}",
        applicability=applicability,
    )


def _invalid_character(reading: Reading, token: Token) -> Diagnosis:
    char = token.text
    name = unicodedata.name(char, "").lower() or "an unnamed character"
    replacement = LOOKALIKES.get(char)
    edits: tuple[Edit, ...] = ()
    if replacement is not None:
        same = [
            Edit(
                Span(other.line, other.column, other.end_line, other.end_column),
                LOOKALIKES[other.text],
            )
            for other in reading.tokens
            if other.kind is Kind.ERROR and other.text in LOOKALIKES
        ]
        edits = first_that_parses(reading, [same])
        hint = (
            f"Python only understands {replacement!r} here."
            if replacement.strip()
            else ("It is an invisible space; Python only understands ordinary spaces.")
        )
    else:
        hint = "Python code may only use plain keyboard characters outside of text in quotes."
    return Diagnosis(
        RuleId.INVALID_CHARACTER,
        Span(token.line, token.column, token.end_line, token.end_column),
        {
            "char": char,
            "name": f"{name} (U+{ord(char):04X})",
            "replacement": replacement if replacement is not None else "",
            "detail": hint,
        },
        edits=edits,
        fix_title="Use plain keyboard characters",
        applicability=Applicability.SAFE,
    )


def _previous_code(reading: Reading, token: Token) -> Token | None:
    previous = None
    for other in reading.tokens:
        if other is token:
            return previous
        if other.kind not in (Kind.NEWLINE, Kind.COMMENT):
            previous = other
    return None


def stray_character(reading: Reading) -> Diagnosis | None:
    """A keyboard character Python has no use for in code (`$`, `?`, a backtick)."""
    for token in reading.error_line:
        if token.kind is Kind.ERROR and token.text.isascii() and not token.text.isspace():
            if token.text == "!":
                continue  # `!x` and friends: an operator from another language
            return _invalid_character(reading, token)
    return None
