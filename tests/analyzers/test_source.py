"""Position arithmetic of SourceText: code points, UTF-8 offsets, line endings."""

from __future__ import annotations

from mentor.analyzers import Edit, SourceText, Span, analyze


def test_lines_split_only_on_python_line_endings():
    source = SourceText("a = 1\r\nb = '\x0c'\rc = 3\n")
    assert source.lines == ["a = 1", "b = '\x0c'", "c = 3", ""]
    assert source.offset(2, 0) == len("a = 1\r\n")
    assert source.position(source.offset(3, 2)) == (3, 2)


def test_utf8_byte_columns_become_code_points():
    source = SourceText("naïve = 'é' == None\n")
    assert source.column_from_utf8(1, len("naïve = 'é'".encode())) == len("naïve = 'é'")


def test_findings_after_non_ascii_text_are_placed_in_code_points():
    (finding,) = analyze("s = 'héllo' == None\n").findings
    assert finding.span == Span(1, 4, 1, 19)


def test_apply_edits_from_the_end_backwards():
    source = SourceText("one two three\n")
    edits = [Edit(Span(1, 0, 1, 3), "1"), Edit(Span(1, 8, 1, 13), "3")]
    assert source.apply(edits) == "1 two 3\n"


def test_crlf_files_keep_their_line_endings_through_a_fix():
    text = "x = 1\r\nif x == None:\r\n    pass\r\n"
    analysis = analyze(text)
    assert (
        analysis.source.apply(analysis.findings[0].fix.edits)
        == "x = 1\r\nif x is None:\r\n    pass\r\n"
    )
