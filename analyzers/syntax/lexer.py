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
from collections.abc import Mapping
from enum import Enum
from typing import NamedTuple

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


class Token(NamedTuple):
    """One token: 1-based lines, 0-based code-point columns, end exclusive.

    A named tuple rather than a frozen dataclass: a broken file is lexed on every keystroke,
    and a tuple is several times cheaper to build.
    """

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


_NUMBER = (
    r"0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+"
    r"|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?"
)
_OPERATOR = (
    r"\*\*=|//=|>>=|<<=|\.\.\.|->|:=|\*\*|//|<<|>>|<=|>=|==|!=|\+=|-=|\*=|/=|%=|&=|\|=|\^=|@="
    r"|[-+*/%@&|^~<>()\[\]{},:;.=]"
)
# One pattern for every kind of token, tried in this order; `search` skips the spaces between.
_TOKEN = re.compile(
    r"(?P<continuation>\\(?:\r\n|\r|\n))"
    r"|(?P<newline>\r\n|\r|\n)"
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<string>(?P<prefix>(?i:rb|br|fr|rf|b|r|u|f)?)(?P<quote>'''|\"\"\"|'|\"))"
    rf"|(?P<number>{_NUMBER})"
    r"|(?P<name>[^\W\d]\w*)"
    rf"|(?P<op>{_OPERATOR})"
    r"|(?P<error>[^ \t\f])"
)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_KINDS = {
    "newline": Kind.NEWLINE,
    "comment": Kind.COMMENT,
    "number": Kind.NUMBER,
    "name": Kind.NAME,
    "op": Kind.OP,
}
# Inside a string, the characters that can end it or change how the rest is read.
_STRING_STOPS = {
    (quote, formatted): re.compile(
        "[\\\\\r\n" + re.escape(quote[0]) + ("{" if formatted else "") + "]"
    )
    for quote in ("'", '"', "'''", '"""')
    for formatted in (False, True)
}
_FIELD_STOPS = re.compile(r"[\r\n()\[\]{}'\"]")


class Chunk:
    """The tokens of some whole lines, lexed on their own: the same wherever those lines start a
    line of a file while the lexer is between tokens, moved to that line and bracket depth.

    Lexing is a left-to-right walk whose only state between tokens is where it is and how many
    brackets are open, and no token of these lines depends on text outside them (they end with a
    line end, no string or bracket stays open, none closes one opened before them). So a broken
    file's statements that did not change since they last parsed need not be lexed again.
    """

    __slots__ = ("_depth", "_line", "_tokens", "lines", "text")

    def __init__(self, text: str, lines: int, line: int, tokens: list[Token], depth: int = 0):
        self.text = text
        self.lines = lines  # line ends in `text`
        self._line, self._depth, self._tokens = line, depth, tokens

    def copy(self) -> Chunk:
        """Another chunk of the same lines, to place elsewhere (the same statement twice)."""
        return Chunk(self.text, self.lines, self._line, self._tokens, self._depth)

    def tokens_at(self, line: int, depth: int) -> list[Token]:
        """The tokens where `text` starts on `line` with `depth` brackets open (the last
        placement is kept: a statement is mostly found where it was found last time). The list
        returned is never changed afterwards."""
        if (line, depth) != (self._line, self._depth):
            lines, depths = line - self._line, depth - self._depth
            self._tokens = [
                Token(kind, text, first + lines, column, last + lines, end, inside + depths, ok)
                for kind, text, first, column, last, end, inside, ok in self._tokens
            ]
            self._line, self._depth = line, depth
        return self._tokens


def lex(text: str, known: Mapping[int, Chunk] | None = None) -> list[Token]:
    """Every token of `text`, whatever it contains. Never raises.

    `known` maps offsets where lines start to the chunks of text that may lie there: where the
    text there is the chunk's and the lexer is between tokens, the chunk's tokens are taken.
    """
    return _Lexer(text, known or {}).run()


def lex_chunk(text: str, start: int, end: int, line: int) -> Chunk | None:
    """`text[start:end]`, whole lines starting on `line`, as a `Chunk`; None when its tokens
    depend on more than these lines (a string or bracket left open, a closing bracket too many,
    no final line end)."""
    if not text.endswith("\n", start, end):
        return None
    lexer = _Lexer(text, {}, start, line, end)
    tokens = lexer.run()
    if lexer.pos != end or lexer.depth or lexer.closed_outside:
        return None
    return Chunk(text[start:end], lexer.line - line, line, tokens)


class _Lexer:
    def __init__(
        self,
        text: str,
        known: Mapping[int, Chunk],
        pos: int = 0,
        line: int = 1,
        stop: int | None = None,
    ) -> None:
        self.text = text
        self.known = known
        self.pos = pos
        self.line = line
        self.line_start = pos
        self.stop = len(text) if stop is None else stop
        self.depth = 0
        self.closed_outside = False  # a closing bracket met with none open
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        text, tokens, append, known = self.text, self.tokens, self.tokens.append, self.known
        while self.pos < self.stop:
            chunk = known.get(self.pos)
            if chunk is not None and text.startswith(chunk.text, self.pos):
                tokens.extend(chunk.tokens_at(self.line, self.depth))
                self.pos += len(chunk.text)
                self.line += chunk.lines
                self.line_start = self.pos
                continue
            match = _TOKEN.search(text, self.pos)
            if match is None:
                break
            kind = match.lastgroup
            self.pos = match.start()
            if kind in ("name", "number", "op", "comment"):
                # The common case, kept inline: these never span lines.
                start, end = self.pos, match.end()
                value = text[start:end]
                depth = self.depth
                if kind == "op" and value in OPENING:
                    self.depth += 1
                elif kind == "op" and value in CLOSING:
                    self.closed_outside = self.closed_outside or not depth
                    self.depth = depth = max(depth - 1, 0)
                column = start - self.line_start
                append(
                    Token(
                        _KINDS[kind],
                        value,
                        self.line,
                        column,
                        self.line,
                        column + end - start,
                        depth,
                    )
                )
                self.pos = end
            elif kind == "newline":
                self._emit(Kind.NEWLINE, match.end())
            elif kind == "continuation":
                self._advance_to(match.end())
            elif kind == "error":
                self._emit(Kind.ERROR, match.end())
            else:
                formatted = "f" in match.group("prefix").lower()
                end, closed = _scan_string(text, match.end(), match.group("quote"), formatted)
                self._emit(Kind.STRING, end, closed=closed)
        return tokens

    def _emit(self, kind: Kind, end: int, *, closed: bool = True) -> None:
        value = self.text[self.pos : end]
        line, column = self.line, self.pos - self.line_start
        if kind is Kind.NEWLINE:  # a line end belongs to the line it ends
            end_line, end_column = line, column + len(value)
            self._advance_to(end)
        else:
            self._advance_to(end)
            end_line, end_column = self.line, end - self.line_start
        self.tokens.append(
            Token(kind, value, line, column, end_line, end_column, self.depth, closed)
        )

    def _advance_to(self, end: int) -> None:
        text = self.text
        if text.count("\n", self.pos, end) or text.count("\r", self.pos, end):
            for newline in _NEWLINE.finditer(text, self.pos, end):
                self.line += 1
                self.line_start = newline.end()
        self.pos = end


def _scan_string(text: str, pos: int, quote: str, formatted: bool) -> tuple[int, bool]:
    """Where a string that opened with `quote` ends, and whether its closing quote was found.

    An unclosed one-line string ends at the end of its line; an unclosed triple-quoted one at the
    end of the text. In f-strings, quotes inside `{...}` belong to nested strings (Python 3.12).
    """
    triple = len(quote) == 3
    stops = _STRING_STOPS[(quote, formatted)]
    while True:
        stop = stops.search(text, pos)
        if stop is None:
            return len(text), False
        pos = stop.start()
        char = text[pos]
        if char == "\\":
            pos += 3 if text.startswith("\r\n", pos + 1) else 2
        elif char in "\r\n":
            if not triple:
                return pos, False
            pos += 1
        elif char == "{":
            if text.startswith("{{", pos):
                pos += 2
                continue
            pos, ok = _scan_replacement_field(text, pos + 1, triple)
            if not ok:
                return pos, False
        elif text.startswith(quote, pos):
            return pos + len(quote), True
        else:
            pos += 1


def _scan_replacement_field(text: str, pos: int, triple: bool) -> tuple[int, bool]:
    """Skip an f-string's `{expression}`; False when the line ends before its `}`."""
    depth = 0
    while True:
        stop = _FIELD_STOPS.search(text, pos)
        if stop is None:
            return len(text), False
        pos = stop.start()
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
