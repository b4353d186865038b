"""Fixes written as text give the edits the libcst rewrites they replace gave, byte for byte."""

from __future__ import annotations

import ast
from pathlib import Path

from mentor.analyzers import SourceText
from mentor.analyzers.context import Context
from mentor.analyzers.fixes import rewrite_statement
from mentor.analyzers.parsing import parse
from mentor.analyzers.rules import functions

LAYOUTS = Path(__file__).parent / "data" / "mutable_defaults.txt"  # not .py: ruff would lint it


def test_the_mutable_default_fix_as_text_is_the_libcst_rewrite():
    code = LAYOUTS.read_text(encoding="utf-8")
    ctx = Context(SourceText(code), parse(code), None)
    compared = left_to_libcst = 0
    for node in ast.walk(ctx.tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        params = positional[len(positional) - len(arguments.defaults) :]
        defaults = list(arguments.defaults)
        for parameter, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            if default is not None:
                params.append(parameter)
                defaults.append(default)
        for parameter, default in zip(params, defaults, strict=True):
            if not functions._is_mutable(default):
                continue
            text = functions._none_default_as_text(ctx, node, parameter.arg, default)
            rewrite = functions._NoneDefault(parameter.arg, ctx.segment(default)).rewrite
            if text is functions._USE_LIBCST:
                left_to_libcst += 1
                continue
            assert text == rewrite_statement(ctx, node, rewrite), (node.name, parameter.arg)
            compared += 1
    assert compared >= 18  # the plain layouts: comments, docstrings, methods, nested classes
    assert left_to_libcst >= 4  # `x=([])`, `f"doc"`, a decorated first statement, `"doc"; ...`


def test_no_fix_moves_a_default_that_reads_a_name_local_to_the_function():
    # Inside the function `lnum` is the parameter (None after the fix) and `seen` a local not
    # yet assigned: moving either default into the body would change what it reads.
    from mentor.analyzers import analyze

    code = (
        "lnum = 3\n"
        "def first(lnum=[lnum]):\n    return lnum\n\n"
        "def second(items=[seen]):\n    seen = 1\n    return items\n\n"
        "def third(items=[lnum]):\n    return items\n"
    )
    found = [f for f in analyze(code).findings if f.rule.name == "mutable-default-argument"]
    fixed = {f.span.line: f.fix is not None for f in found}
    assert fixed == {2: False, 5: False, 9: True}
