"""Lexing a broken version of a document, reusing the tokens of the statements it shares with
the last version that parsed.

A half-typed line makes the whole file fail to parse, and explaining why reads the tokens of the
whole file (see `syntax`): lexing 500 lines costs more than analysing them when they parse. But
only the lines being typed changed. The statements before and after them parsed last time, so
their brackets and strings close within them and their tokens are the same as before, moved to
their new line (and bracket depth, after a bracket left open above them). `lexer.Chunk` holds
why that is exact; the lexer checks, character by character, that each chunk it takes is there.
"""

from __future__ import annotations

from mentor.analyzers.incremental.units import Unit, common_lines
from mentor.analyzers.source import SourceText
from mentor.analyzers.syntax.lexer import Chunk, Token, lex, lex_chunk


class UnitTokens:
    """The tokens of a document's units, kept between versions by their text and place."""

    def __init__(self) -> None:
        # (text, line) -> chunk; None for a unit whose tokens depend on the lines around it.
        self._chunks: dict[tuple[str, int], Chunk | None] = {}

    def forget(self) -> None:
        self._chunks = {}

    def lex(self, parsed: SourceText, units: list[Unit], source: SourceText) -> list[Token]:
        """The tokens of `source`, as `lex` reads them, reusing the tokens of those `units` (of
        the version `parsed`) whose lines are unchanged before or after the edits since."""
        prefix, suffix = common_lines(parsed.lines, source.lines)
        unchanged_from = len(parsed.lines) - suffix + 1  # the first line of the common end
        shift = len(source.lines) - len(parsed.lines)
        by_text = {text: chunk for (text, _), chunk in self._chunks.items()}
        chunks: dict[tuple[str, int], Chunk | None] = {}
        known: dict[int, Chunk] = {}
        for unit in units:
            if unit.last_line <= prefix:
                line = unit.first_line
            elif unit.first_line >= unchanged_from:
                line = unit.first_line + shift
            else:
                continue
            key = (unit.text, line)
            if key in self._chunks:
                chunk = self._chunks[key]
            elif unit.text in by_text:  # moved, or the same statement elsewhere
                chunk = by_text[unit.text]
                chunk = chunk.copy() if chunk is not None else None
            else:
                chunk = _lex_unit(parsed, unit)
            chunks[key] = chunk
            if chunk is not None:
                known[source.offset(line, 0)] = chunk
        self._chunks = chunks  # only the units of the last version that parsed
        return lex(source.text, known)


def _lex_unit(parsed: SourceText, unit: Unit) -> Chunk | None:
    start = parsed.offset(unit.first_line, 0)
    end = parsed.offset(unit.last_line + 1, 0)
    return lex_chunk(parsed.text, start, end, unit.first_line)
