"""Syntax errors: explained in plain words, at the line to fix, for any input whatsoever."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor.analyzers import Level, analyze


def test_assignment_in_condition_points_at_the_equals_sign():
    analysis = analyze("x = 3\nwhile x = 3:\n    x = x - 1\n")
    problem = analysis.syntax_error
    assert problem is not None and problem.cause == "assign-in-condition"
    assert (problem.span.line, problem.span.column, problem.span.end_column) == (2, 8, 9)
    assert analysis.findings == (problem.finding,)


def test_generic_explanation_keeps_pythons_words_and_adds_plain_ones():
    problem = analyze("total = = 5\n").syntax_error
    assert problem.cause == "syntax-error"
    novice = problem.explanation(Level.NOVICE)
    assert "invalid syntax" in novice and "none of your file can run" in novice
    assert problem.explanation(Level.PROFICIENT) == "SyntaxError: invalid syntax"


def test_errors_without_a_position_are_still_explained():
    for text in ("x = 1\x00\n", "(" * 300 + ")" * 300 + "\n", "x = " + "+".join(["1"] * 100_000)):
        analysis = analyze(text)
        assert analysis.syntax_error is not None
        assert analysis.syntax_error.span.line >= 1
        assert analysis.syntax_error.explanation(Level.NOVICE)


def test_indentation_errors_are_syntax_errors_too():
    problem = analyze("x = 1\n    y = 2\n").syntax_error
    assert problem.span.line == 2
    assert "indented more" in problem.explanation(Level.NOVICE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_gives_an_analysis_never_an_exception(text: str):
    analysis = analyze(text)
    for finding in analysis.findings:
        assert finding.span.line >= 1
        for level in Level:
            assert finding.message(level)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "if x = 1:",
                "    pass",
                "else if y:",
                "print 'hi'",
                "for i in range(3)",
                "x = [1, 2",
                ")",
                "def f(",
                "'''",
                "class A:",
                "\tpass",
                "return",
                "x ==",
                "import",
                "elif:",
                "#",
                "",
            ]
        ),
        max_size=12,
    )
)
def test_broken_beginner_lines_in_any_order(lines: list[str]):
    text = "\n".join(lines) + "\n"
    analysis = analyze(text)
    if analysis.syntax_error is not None:
        span = analysis.syntax_error.span
        assert 1 <= span.line <= text.count("\n") + 1
