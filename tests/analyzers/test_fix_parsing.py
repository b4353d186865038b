"""A fix is checked by re-parsing only the statements it touches: that must agree with the file."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor.analyzers.context import Context
from mentor.analyzers.fixes import parses_after
from mentor.analyzers.parsing import parses
from mentor.analyzers.source import Edit, SourceText, Span

PROGRAM = '''"""A student's program."""
import random


@decorator(
    1)
def ask(question, default=None):
    answer = input(question)  # comment
    text = """several
lines"""
    return answer or default


x = 1; y = [
    2, 3]
if x:
    print(x, \\
          y)
# the end
'''

PIECES = ["", ":", "(", ")", "[", "]", "'", '"""', "\n", "    ", "x", "#", "\\", "=", "def", " "]


def _context(text: str) -> Context:
    return Context(SourceText(text), ast.parse(text), None)


@settings(max_examples=300, deadline=None)
@given(
    start=st.integers(min_value=0, max_value=len(PROGRAM)),
    length=st.integers(min_value=0, max_value=12),
    new_text=st.lists(st.sampled_from(PIECES), max_size=3).map("".join),
)
def test_region_parse_agrees_with_whole_file_parse(start: int, length: int, new_text: str):
    ctx = _context(PROGRAM)
    source = ctx.source
    line, column = source.position(start)
    end_line, end_column = source.position(min(start + length, len(PROGRAM)))
    edits = [Edit(Span(line, column, end_line, end_column), new_text)]
    assert parses_after(ctx, edits) == parses(source.apply(edits))


def test_an_edit_that_opens_a_bracket_breaks_the_statements_after_it():
    text = "x = 1\ny = 2\nz = 3\n"
    ctx = _context(text)
    assert not parses_after(ctx, [Edit(Span(2, 4, 2, 5), "(2")])
    assert parses_after(ctx, [Edit(Span(2, 4, 2, 5), "(2)")])


def test_edits_on_decorator_lines_are_checked_with_their_function():
    text = "@wrap\ndef f():\n    return 1\n"
    ctx = _context(text)
    assert not parses_after(ctx, [Edit(Span(1, 1, 1, 5), "")])  # a bare `@`
    assert parses_after(ctx, [Edit(Span(1, 1, 1, 5), "other")])
