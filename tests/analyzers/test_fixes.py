"""`make_fix` offers a fix only when the whole file still parses afterwards."""

from __future__ import annotations

import pytest

from mentor.analyzers import Applicability, SourceText, Span
from mentor.analyzers.context import Context
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.parsing import parse

CODE = "import os\n\n@decorate\ndef first(x):\n    return x + 1\n\nvalue = first(2)\nprint(value)\n"


def _context(code: str = CODE) -> Context:
    return Context(SourceText(code), parse(code), None)


@pytest.mark.parametrize(
    ("span", "new_text"),
    [
        (Span(5, 15, 5, 16), "1 +"),  # `x + 1 +`: a dangling operator inside a function
        (Span(7, 8, 7, 13), "first(("),  # an unclosed bracket would swallow the next line
        (Span(3, 0, 3, 1), "@@"),  # a broken decorator line, above the def it belongs to
        (Span(8, 0, 8, 0), "    "),  # an unexpected indent on the last line
    ],
)
def test_a_fix_that_breaks_the_file_is_dropped(span: Span, new_text: str):
    ctx = _context()
    with pytest.raises(SyntaxError):
        parse(ctx.source.apply([replace_span(span, new_text)]))
    assert make_fix(ctx, "t", Applicability.SAFE, [replace_span(span, new_text)]) is None


def test_a_fix_that_keeps_the_file_valid_is_offered():
    ctx = _context()
    fix = make_fix(ctx, "t", Applicability.SAFE, [replace_span(Span(5, 15, 5, 16), "2")])
    assert fix is not None
    assert ctx.source.apply(fix.edits).count("x + 2") == 1
