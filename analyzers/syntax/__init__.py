"""Syntax errors explained: why code does not parse, in plain words, at the line to fix.

One module per family of causes, holding the records of the rules it reports beside the
classifiers that report them; `explain` tries the classifiers in order (`CLASSIFIERS`). See
`explain` for the design.
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
