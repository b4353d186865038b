"""The text of one Python file, with the position arithmetic every analyzer needs.

Positions inside Mentor's analyzers are (line, column) with 1-based lines and 0-based columns
counted in code points (Python `str` indices). `ast` reports columns in UTF-8 bytes, so every
`ast` position goes through `column_from_utf8` before it becomes part of a finding. Conversion to
the editor's units (UTF-16 for most LSP clients) happens once, in `mentor.server.positions`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

# Python and the LSP agree that "\r\n", "\r" and "\n" end a line; str.splitlines() also
# splits on form feeds and Unicode separators, which would shift every line after them.
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Span:
    """A range in a file: 1-based lines, 0-based code-point columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        """Whether the position (1-based line, 0-based column) lies inside, ends included."""
        if line < self.line or line > self.end_line:
            return False
        if line == self.line and column < self.column:
            return False
        return not (line == self.end_line and column > self.end_column)

    def moved(self, lines: int) -> Span:
        """The same columns, `lines` lines further down (up when negative)."""
        return Span(self.line + lines, self.column, self.end_line + lines, self.end_column)


@dataclass(frozen=True)
class Edit:
    """Replace the text in `span` with `new_text`."""

    span: Span
    new_text: str

    def moved(self, lines: int) -> Edit:
        """The same edit, `lines` lines further down (up when negative)."""
        return Edit(self.span.moved(lines), self.new_text)


class SourceText:
    """Immutable source text with line tables built once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        """The lines without their line endings (a final empty line if the text ends with one)."""
        return _LINE_END.split(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(match.end() for match in _LINE_END.finditer(self.text))
        return starts

    def line(self, number: int) -> str:
        """The text of a 1-based line, or "" past the end."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def column_from_utf8(self, line: int, byte_column: int) -> int:
        """Convert an `ast` byte offset on a 1-based line into a code-point column."""
        text = self.line(line)
        if text.isascii():
            return byte_column
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))

    def offset(self, line: int, column: int) -> int:
        """The index into `text` of a (1-based line, code-point column) position, clamped."""
        if line < 1:
            return 0
        if line > len(self._line_starts):
            return len(self.text)
        start = self._line_starts[line - 1]
        return min(start + max(column, 0), start + len(self.line(line)))

    def position(self, offset: int) -> tuple[int, int]:
        """The (1-based line, code-point column) of an index into `text`."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1]

    def slice(self, span: Span) -> str:
        """The text covered by `span`."""
        return self.text[
            self.offset(span.line, span.column) : self.offset(span.end_line, span.end_column)
        ]

    def end_span(self) -> Span:
        """An empty span at the very end of the text."""
        line, column = self.position(len(self.text))
        return Span(line, column, line, column)

    def apply(self, edits: Iterable[Edit]) -> str:
        """The text after applying non-overlapping edits (applied from the end backwards)."""
        result = self.text
        ordered: Sequence[Edit] = sorted(edits, key=lambda edit: edit.span, reverse=True)
        for edit in ordered:
            start = self.offset(edit.span.line, edit.span.column)
            end = self.offset(edit.span.end_line, edit.span.end_column)
            result = result[:start] + edit.new_text + result[end:]
        return result
