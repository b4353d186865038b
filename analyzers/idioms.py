"""Idiomatic Python a student already writes: the positive evidence next to misconceptions.

An idiom is a construct an experienced Python programmer would choose over the beginner's long
way round (`enumerate` over `range(len(...))`, `with open(...)` over `open`/`close`, a chained
comparison over `a < b and b < c`...). Finding them tells a teacher what a student masters, and
lets the competence estimate weigh good habits, not only mistakes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from mentor.analyzers.analysis import Analysis
from mentor.analyzers.concepts import Concept


class Idiom(str, Enum):
    """An idiomatic construct; the value is its stable kebab-case name."""

    ENUMERATE = "enumerate"
    ZIP = "zip"
    DICT_ITEMS = "dict-items"
    COMPREHENSION = "comprehension"
    WITH_OPEN = "with-open"
    F_STRING = "f-string"
    STR_JOIN = "str-join"
    CHAINED_COMPARISON = "chained-comparison"
    IS_NONE = "is-none"
    MEMBERSHIP_TEST = "membership-test"
    TUPLE_UNPACKING = "tuple-unpacking"
    BUILTIN_REDUCTION = "builtin-reduction"
    DICT_GET_DEFAULT = "dict-get-default"
    SPECIFIC_EXCEPT = "specific-except"
    RETURN_CONDITION = "return-condition"
    DOCSTRING = "docstring"
    MAIN_GUARD = "main-guard"

    @property
    def concept(self) -> Concept:
        return _CONCEPTS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_CONCEPTS = {
    Idiom.ENUMERATE: Concept.LOOPS,
    Idiom.ZIP: Concept.LOOPS,
    Idiom.DICT_ITEMS: Concept.DICTS,
    Idiom.COMPREHENSION: Concept.COMPREHENSIONS,
    Idiom.WITH_OPEN: Concept.FILES,
    Idiom.F_STRING: Concept.STRINGS,
    Idiom.STR_JOIN: Concept.STRINGS,
    Idiom.CHAINED_COMPARISON: Concept.BOOLEANS,
    Idiom.IS_NONE: Concept.BOOLEANS,
    Idiom.MEMBERSHIP_TEST: Concept.CONDITIONALS,
    Idiom.TUPLE_UNPACKING: Concept.VARIABLES,
    Idiom.BUILTIN_REDUCTION: Concept.LISTS,
    Idiom.DICT_GET_DEFAULT: Concept.DICTS,
    Idiom.SPECIFIC_EXCEPT: Concept.EXCEPTIONS,
    Idiom.RETURN_CONDITION: Concept.RETURN_VALUES,
    Idiom.DOCSTRING: Concept.FUNCTIONS,
    Idiom.MAIN_GUARD: Concept.MODULES,
}

_LABELS = {
    Idiom.ENUMERATE: "enumerate() for position and item",
    Idiom.ZIP: "zip() to walk sequences side by side",
    Idiom.DICT_ITEMS: "looping over dict.items()",
    Idiom.COMPREHENSION: "a comprehension",
    Idiom.WITH_OPEN: "with open(...) that closes the file",
    Idiom.F_STRING: "an f-string",
    Idiom.STR_JOIN: "str.join to build text",
    Idiom.CHAINED_COMPARISON: "a chained comparison (a < b < c)",
    Idiom.IS_NONE: "`is None` to test for None",
    Idiom.MEMBERSHIP_TEST: "`in` to test membership",
    Idiom.TUPLE_UNPACKING: "tuple unpacking",
    Idiom.BUILTIN_REDUCTION: "sum/min/max/any/all/sorted instead of a hand-written loop",
    Idiom.DICT_GET_DEFAULT: "dict.get with a default",
    Idiom.SPECIFIC_EXCEPT: "catching a specific exception",
    Idiom.RETURN_CONDITION: "returning a condition directly",
    Idiom.DOCSTRING: "a docstring",
    Idiom.MAIN_GUARD: "if __name__ == '__main__'",
}

_REDUCTIONS = frozenset({"sum", "min", "max", "any", "all", "sorted"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class IdiomUse:
    idiom: Idiom
    line: int


def idioms_used(analysis: Analysis) -> tuple[IdiomUse, ...]:
    """Every idiomatic construct in the file, in source order (empty if it won't parse)."""
    if analysis.tree is None:
        return ()
    found = {
        IdiomUse(idiom, _line_of(node))
        for node in ast.walk(analysis.tree)
        for idiom in _idioms_of(node)
    }
    return tuple(sorted(found, key=lambda use: (use.line, use.idiom.value)))


def _idioms_of(node: ast.AST) -> Iterator[Idiom]:
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        yield from _loop_idioms(node.iter)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        yield Idiom.COMPREHENSION
    elif isinstance(node, ast.With):
        if any(_is_call_to(item.context_expr, "open") for item in node.items):
            yield Idiom.WITH_OPEN
    elif isinstance(node, ast.JoinedStr):
        if any(isinstance(value, ast.FormattedValue) for value in node.values):
            yield Idiom.F_STRING
    elif isinstance(node, ast.Compare):
        yield from _comparison_idioms(node)
    elif isinstance(node, ast.Assign):
        if any(isinstance(target, (ast.Tuple, ast.List)) for target in node.targets):
            yield Idiom.TUPLE_UNPACKING
    elif isinstance(node, ast.Call):
        yield from _call_idioms(node)
    elif isinstance(node, ast.ExceptHandler):
        if node.type is not None and not _is_broad(node.type):
            yield Idiom.SPECIFIC_EXCEPT
    elif isinstance(node, ast.Return):
        if isinstance(node.value, (ast.Compare, ast.BoolOp)):
            yield Idiom.RETURN_CONDITION
    elif isinstance(node, _FUNCTIONS):
        if ast.get_docstring(node) is not None:
            yield Idiom.DOCSTRING
    elif isinstance(node, ast.If) and _is_main_guard(node.test):
        yield Idiom.MAIN_GUARD


def _line_of(node: ast.AST) -> int:
    if isinstance(node, ast.comprehension):  # the only node here without a position
        return node.iter.lineno
    return node.lineno  # type: ignore[attr-defined]


def _loop_idioms(iterable: ast.expr) -> Iterator[Idiom]:
    if _is_call_to(iterable, "enumerate"):
        yield Idiom.ENUMERATE
    elif _is_call_to(iterable, "zip"):
        yield Idiom.ZIP
    elif (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Attribute)
        and iterable.func.attr == "items"
        and not iterable.args
    ):
        yield Idiom.DICT_ITEMS


def _comparison_idioms(node: ast.Compare) -> Iterator[Idiom]:
    if len(node.ops) >= 2:
        yield Idiom.CHAINED_COMPARISON
    if any(
        isinstance(op, (ast.Is, ast.IsNot))
        and isinstance(right, ast.Constant)
        and right.value is None
        for op, right in zip(node.ops, node.comparators, strict=True)
    ):
        yield Idiom.IS_NONE
    if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
        yield Idiom.MEMBERSHIP_TEST


def _call_idioms(call: ast.Call) -> Iterator[Idiom]:
    func = call.func
    if isinstance(func, ast.Name) and func.id in _REDUCTIONS and len(call.args) == 1:
        argument = call.args[0]
        if not isinstance(argument, ast.Constant):
            yield Idiom.BUILTIN_REDUCTION
    elif isinstance(func, ast.Attribute):
        if func.attr == "join" and isinstance(func.value, (ast.Constant, ast.Name)):
            if not isinstance(func.value, ast.Constant) or isinstance(func.value.value, str):
                yield Idiom.STR_JOIN
        elif func.attr == "get" and len(call.args) == 2:
            yield Idiom.DICT_GET_DEFAULT


def _is_call_to(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _is_broad(exception: ast.expr) -> bool:
    return isinstance(exception, ast.Name) and exception.id in ("Exception", "BaseException")


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )
