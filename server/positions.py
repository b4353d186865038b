"""Every conversion between Mentor's positions and the editor's, in one place.

Analyzers count 1-based lines and 0-based code-point columns. LSP counts 0-based lines and
columns in the negotiated encoding: UTF-16 code units unless the client offered UTF-8 or UTF-32.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from mentor.analyzers import SourceText, Span


def units(text: str, encoding: lsp.PositionEncodingKind | str) -> int:
    """How many of the editor's column units `text` takes."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if text.isascii():
        return len(text)
    # "surrogatepass": a lone surrogate (JSON's "\ud800", which an editor's strings can hold)
    # counts as the one UTF-16 unit, or the three UTF-8 bytes, the editor counts for it.
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_lsp_position(
    source: SourceText, line: int, column: int, encoding: lsp.PositionEncodingKind | str
) -> lsp.Position:
    """An analyzer (1-based line, code-point column) as an LSP position."""
    line_text = source.line(line)
    column = max(0, min(column, len(line_text)))
    return lsp.Position(line=max(line - 1, 0), character=units(line_text[:column], encoding))


def to_lsp_range(
    source: SourceText, span: Span, encoding: lsp.PositionEncodingKind | str
) -> lsp.Range:
    return lsp.Range(
        start=to_lsp_position(source, span.line, span.column, encoding),
        end=to_lsp_position(source, span.end_line, span.end_column, encoding),
    )


def from_lsp_position(
    source: SourceText, position: lsp.Position, encoding: lsp.PositionEncodingKind | str
) -> tuple[int, int]:
    """An LSP position as an analyzer (1-based line, code-point column), clamped to the text."""
    line = position.line + 1
    line_text = source.line(line)
    if encoding == lsp.PositionEncodingKind.Utf32 or line_text.isascii():
        return line, min(position.character, len(line_text))
    counted = 0
    for column, char in enumerate(line_text):
        if counted >= position.character:
            return line, column
        counted += units(char, encoding)
    return line, len(line_text)
