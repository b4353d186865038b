"""A forgiving lexer for Python code that does not parse.

`tokenize` cannot be used to read broken code the same way on every Python Mentor supports: from
3.12 on it stops at the first error (an unterminated string ends the token stream, and the
tokens after it are exactly what a beginner's mistake needs), and it lexes `“hello”` as one name.
This lexer never fails: an unknown character becomes an ERROR token, a string without its closing
quote becomes a STRING token with `closed=False` that ends at the end of its line (or of the file
for triple quotes), and brackets are counted without being trusted. It does not produce
INDENT/DEDENT tokens; indentation is read from the lines themselves.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from enum import Enum

KEYWORDS = frozenset(keyword.kwlist)
OPENING = {"(": ")", "[": "]", "{": "}"}
CLOSING = {")": "(", "]": "[", "}": "{"}


class Kind(str, Enum):
    NAME = "name"  # identifiers and keywords
    NUMBER = "number"
    STRING = "string"  # with its prefix and quotes; f-strings are one token
    OP = "op"
    COMMENT = "comment"
    NEWLINE = "newline"  # every physical line end, inside brackets too
    ERROR = "error"  # a character Python does not allow outside strings and comments


@dataclass(frozen=True)
class Token:
    """One token: 1-based lines, 0-based code-point columns, end exclusive."""

    kind: Kind
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    depth: int  # brackets open around this token (an opener and its closer are outside)
    closed: bool = True  # for strings: whether the closing quote was found

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)

    @property
    def is_keyword(self) -> bool:
        return self.kind is Kind.NAME and self.text in KEYWORDS

    @property
    def is_name(self) -> bool:
        """An identifier that is not a keyword."""
        return self.kind is Kind.NAME and self.text not in KEYWORDS

    def is_op(self, *texts: str) -> bool:
        return self.kind is Kind.OP and self.text in texts


_SPACE = re.compile(r"[ \t\f]+")
_CONTINUATION = re.compile(r"\\(\r\n|\r|\n)")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"#[^\r\n]*")
_STRING_START = re.compile(r"(?i:rb|br|fr|rf|b|r|u|f)?('''|\"\"\"|'|\")")
_NUMBER = re.compile(
    r"0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+"
    r"|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?"
)
_NAME = re.compile(r"[^\W\d]\w*")
_OPERATOR = re.compile(
    r"\*\*=|//=|>>=|<<=|\.\.\.|->|:=|\*\*|//|<<|>>|<=|>=|==|!=|\+=|-=|\*=|/=|%=|&=|\|=|\^=|@="
    r"|[-+*/%@&|^~<>()\[\]{},:;.=]"
)


def lex(text: str) -> list[Token]:
    """Every token of `text`, whatever it contains. Never raises."""
    return _Lexer(text).run()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.depth = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        text = self.text
        while self.pos < len(text):
            match = _SPACE.match(text, self.pos)
            if match:
                self.pos = match.end()
                continue
            match = _CONTINUATION.match(text, self.pos)
            if match:
                self._advance_to(match.end())
                continue
            match = _NEWLINE.match(text, self.pos)
            if match:
                self._emit(Kind.NEWLINE, match.end())
                continue
            match = _COMMENT.match(text, self.pos)
            if match:
                self._emit(Kind.COMMENT, match.end())
                continue
            match = _STRING_START.match(text, self.pos)
            if match:
                prefix = match.group(0)[: -len(match.group(1))].lower()
                end, closed = _scan_string(text, match.end(), match.group(1), "f" in prefix)
                self._emit(Kind.STRING, end, closed=closed)
                continue
            match = _NUMBER.match(text, self.pos)
            if match:
                self._emit(Kind.NUMBER, match.end())
                continue
            match = _NAME.match(text, self.pos)
            if match:
                self._emit(Kind.NAME, match.end())
                continue
            match = _OPERATOR.match(text, self.pos)
            if match:
                self._emit(Kind.OP, match.end())
                continue
            self._emit(Kind.ERROR, self.pos + 1)
        return self.tokens

    def _emit(self, kind: Kind, end: int, *, closed: bool = True) -> None:
        value = self.text[self.pos : end]
        depth = self.depth
        if kind is Kind.OP and value in OPENING:
            self.depth += 1
        elif kind is Kind.OP and value in CLOSING:
            self.depth = max(self.depth - 1, 0)
            depth = self.depth
        line, column = self.line, self.pos - self.line_start
        if kind is Kind.NEWLINE:  # a line end belongs to the line it ends
            end_line, end_column = line, column + len(value)
            self._advance_to(end)
        else:
            self._advance_to(end)
            end_line, end_column = self.line, end - self.line_start
        self.tokens.append(Token(kind, value, line, column, end_line, end_column, depth, closed))

    def _advance_to(self, end: int) -> None:
        for newline in _NEWLINE.finditer(self.text, self.pos, end):
            self.line += 1
            self.line_start = newline.end()
        self.pos = end


def _scan_string(text: str, pos: int, quote: str, formatted: bool) -> tuple[int, bool]:
    """Where a string that opened with `quote` ends, and whether its closing quote was found.

    An unclosed one-line string ends at the end of its line; an unclosed triple-quoted one at the
    end of the text. In f-strings, quotes inside `{...}` belong to nested strings (Python 3.12).
    """
    triple = len(quote) == 3
    end_of_text = len(text)
    while pos < end_of_text:
        char = text[pos]
        if char == "\\":
            pos += 2 if text[pos + 1 : pos + 3] != "\r\n" else 3
            continue
        if char in "\r\n" and not triple:
            return pos, False
        if text.startswith(quote, pos):
            return pos + len(quote), True
        if formatted and char == "{":
            if text.startswith("{{", pos):
                pos += 2
                continue
            pos, ok = _scan_replacement_field(text, pos + 1, triple)
            if not ok:
                return pos, False
            continue
        pos += 1
    return end_of_text, False


def _scan_replacement_field(text: str, pos: int, triple: bool) -> tuple[int, bool]:
    """Skip an f-string's `{expression}`; False when the line ends before its `}`."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char in "\r\n" and not triple:
            return pos, False
        if char in "([{":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "}":
            if depth == 0:
                return pos + 1, True
            depth -= 1
        elif char in "'\"":
            inner = char * 3 if text.startswith(char * 3, pos) else char
            pos, closed = _scan_string(text, pos + len(inner), inner, True)
            if not closed:
                return pos, False
            continue
        pos += 1
    return pos, False
