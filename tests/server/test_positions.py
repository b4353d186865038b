"""UTF-16 / UTF-8 / UTF-32 conversions between analyzer and LSP positions."""

from __future__ import annotations

from lsprotocol.types import Position, PositionEncodingKind

from mentor.analyzers import SourceText
from mentor.server.positions import from_lsp_position, to_lsp_position

SOURCE = SourceText("x = '😀é' + y\n")  # 😀 is 2 UTF-16 units and 4 UTF-8 bytes; é is 1 and 2
AFTER = len("x = '😀é' + ")  # the code-point column of `y`


def test_utf16_counts_surrogate_pairs():
    position = to_lsp_position(SOURCE, 1, AFTER, PositionEncodingKind.Utf16)
    assert position == Position(line=0, character=AFTER + 1)
    assert from_lsp_position(SOURCE, position, PositionEncodingKind.Utf16) == (1, AFTER)


def test_utf8_counts_bytes():
    position = to_lsp_position(SOURCE, 1, AFTER, PositionEncodingKind.Utf8)
    assert position == Position(line=0, character=AFTER + 3 + 1)
    assert from_lsp_position(SOURCE, position, PositionEncodingKind.Utf8) == (1, AFTER)


def test_utf32_counts_code_points():
    position = to_lsp_position(SOURCE, 1, AFTER, PositionEncodingKind.Utf32)
    assert position.character == AFTER


def test_positions_past_the_end_are_clamped():
    assert from_lsp_position(SOURCE, Position(line=0, character=999), "utf-16") == (
        1,
        len(SOURCE.line(1)),
    )
    assert to_lsp_position(SOURCE, 1, 999, "utf-16").character == len(SOURCE.line(1)) + 1
