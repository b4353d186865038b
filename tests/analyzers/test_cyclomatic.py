"""`cyclomatic` counts radon's cyclomatic complexity: the same numbers, file and functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from radon.visitors import ComplexityVisitor

from mentor.analyzers import cyclomatic
from mentor.analyzers.metrics import _flatten

ROOT = Path(__file__).resolve().parents[2]
QUIRKS = """
def f(a, b=[x for x in y if x]):  # defaults and decorators are not counted
    assert a and b or a  # an assert is 1, its condition not looked into
    try:
        pass
    except* ValueError:  # try/except* counts nothing
        pass
    class Inner:  # a class inside a function is dropped
        def m(self):
            return 1 if self else 2
    match a:
        case 1 | 2:
            pass
        case x:  # a bare capture, like `case _`, is not a decision
            pass
    return lambda: a or b

class C:
    async def g(self):
        async for i in j:
            while i:
                break
            else:
                pass
        def inner():
            return {k: v for k, v in d if k if v}
"""


def _numbers(blocks) -> tuple[int, list]:
    functions = _flatten(blocks.functions, blocks.classes, prefix="")
    return blocks.total_complexity, sorted(functions, key=lambda function: function.line)


def _sources() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "analyzers").rglob("*.py")) + sorted((ROOT / "examples").rglob("*.py"))
    sources = [("quirks", QUIRKS)]
    for path in paths:
        code = path.read_text(encoding="utf-8")
        try:
            ast.parse(code)
        except SyntaxError:  # the examples with mistakes in them
            continue
        sources.append((str(path.relative_to(ROOT)), code))
    return sources


@pytest.mark.parametrize(("name", "code"), _sources(), ids=[name for name, _ in _sources()])
def test_the_numbers_are_radons(name: str, code: str):
    tree = ast.parse(code)
    assert _numbers(cyclomatic.module_blocks(tree)) == _numbers(ComplexityVisitor.from_ast(tree))


def test_a_tree_too_deep_to_promise_radons_answer_is_left_to_radon():
    tree = ast.parse("x = " + " + ".join(["1"] * 400))
    with pytest.raises(cyclomatic.TooDeep):
        cyclomatic.module_blocks(tree)
