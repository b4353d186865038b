"""Syntax errors explained: why code does not parse, in plain words, at the line to fix.

One module per family of causes; `explain` tries them in order. See `explain` for the design.
"""

from mentor.analyzers.syntax.explain import (
    CLASSIFIERS,
    SyntaxProblem,
    compile_time_problem,
    explain_syntax_error,
    plain_words,
)

__all__ = [
    "CLASSIFIERS",
    "SyntaxProblem",
    "compile_time_problem",
    "explain_syntax_error",
    "plain_words",
]
