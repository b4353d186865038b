"""Which Python concepts a file uses, read from its `ast`: what a teacher sees next to findings.

Each concept is recognised by the constructs that only appear when a student uses it (a `for`
loop, a `def`, a comprehension, `open(...)`...). A use is counted once per construct, at the line
where it starts. Code that does not parse has no tree, so no concepts are reported for it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from mentor.analyzers.analysis import Analysis
from mentor.analyzers.concepts import Concept


@dataclass(frozen=True)
class ConceptUse:
    """How often a file uses one concept, and where (the first line of each use)."""

    concept: Concept
    count: int
    lines: tuple[int, ...]  # sorted, each line once


CONVERSIONS = frozenset({"int", "float", "str", "bool", "complex", "isinstance", "type"})
LIST_METHODS = frozenset({"append", "extend", "insert", "sort"})
DICT_METHODS = frozenset({"items", "keys", "values", "get", "setdefault"})
STRING_METHODS = frozenset(
    {
        "upper",
        "lower",
        "strip",
        "lstrip",
        "rstrip",
        "split",
        "join",
        "replace",
        "format",
        "startswith",
        "endswith",
        "find",
        "title",
        "capitalize",
        "isdigit",
        "isalpha",
    }
)
FILE_METHODS = frozenset(
    {"read_text", "write_text", "read_bytes", "write_bytes", "readlines", "readline", "writelines"}
)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
FUNCTION_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def concepts_used(analysis: Analysis) -> tuple[ConceptUse, ...]:
    """The concepts the file uses, in the order of the `Concept` enum (empty if it won't parse)."""
    if analysis.tree is None:
        return ()
    lines: dict[Concept, list[int]] = defaultdict(list)
    for concept, line in concept_sightings(analysis.tree):
        lines[concept].append(line)
    return tuple(
        ConceptUse(concept, len(lines[concept]), tuple(sorted(set(lines[concept]))))
        for concept in Concept
        if lines.get(concept)
    )


def concept_sightings(tree: ast.Module) -> Iterator[tuple[Concept, int]]:
    """(concept, line) for every construct that shows a concept in use."""
    skipped = _docstrings_and_fstring_parts(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        line = getattr(node, "lineno", None)
        if line is None:
            continue
        for concept in _concepts_of(node):
            yield concept, line
    for function in _recursive_functions(tree):
        yield Concept.RECURSION, function.lineno


def _concepts_of(node: ast.AST) -> Iterator[Concept]:
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
        yield Concept.VARIABLES
    elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
        yield Concept.LOOPS
    elif isinstance(node, (ast.If, ast.IfExp, ast.Match)):
        yield Concept.CONDITIONALS
    elif isinstance(node, (*FUNCTION_DEFS, ast.Lambda)):
        yield Concept.FUNCTIONS
    elif isinstance(node, ast.Return) and node.value is not None:
        yield Concept.RETURN_VALUES
    elif isinstance(node, (ast.Compare, ast.BoolOp)) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    ):
        yield Concept.BOOLEANS
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            yield Concept.BOOLEANS
        elif isinstance(node.value, str):
            yield Concept.STRINGS
    elif isinstance(node, ast.JoinedStr):
        yield Concept.STRINGS
    elif isinstance(node, ast.List):
        yield Concept.LISTS
    elif isinstance(node, ast.Dict):
        yield Concept.DICTS
    elif isinstance(node, COMPREHENSIONS):
        yield Concept.COMPREHENSIONS
        if isinstance(node, ast.ListComp):
            yield Concept.LISTS
        elif isinstance(node, ast.DictComp):
            yield Concept.DICTS
    elif isinstance(node, (ast.Try, ast.Raise)) or type(node).__name__ == "TryStar":
        yield Concept.EXCEPTIONS
    elif isinstance(node, ast.ClassDef):
        yield Concept.CLASSES
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        yield Concept.MODULES
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        yield Concept.SCOPE
    elif isinstance(node, ast.Call):
        yield from _call_concepts(node)


def _call_concepts(call: ast.Call) -> Iterator[Concept]:
    func = call.func
    if isinstance(func, ast.Name):
        name = func.id
        if name in ("print", "input"):
            yield Concept.INPUT_OUTPUT
        elif name in CONVERSIONS:
            yield Concept.TYPES
        elif name == "list":
            yield Concept.LISTS
        elif name == "dict":
            yield Concept.DICTS
        elif name == "open":
            yield Concept.FILES
    elif isinstance(func, ast.Attribute):
        method = func.attr
        if method in LIST_METHODS:
            yield Concept.LISTS
        elif method in DICT_METHODS:
            yield Concept.DICTS
        elif method in STRING_METHODS:
            yield Concept.STRINGS
        elif method in FILE_METHODS or (method == "open" and _is_name(func.value, "io")):
            yield Concept.FILES


def _recursive_functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions that call themselves by name (or as `self.name(...)` for a method)."""
    for node in ast.walk(tree):
        if not isinstance(node, FUNCTION_DEFS):
            continue
        for child in _own_body_nodes(node):
            if isinstance(child, ast.Call) and _calls_itself(child.func, node.name):
                yield node
                break


def _calls_itself(func: ast.expr, name: str) -> bool:
    if isinstance(func, ast.Name):
        return func.id == name
    return (
        isinstance(func, ast.Attribute)
        and func.attr == name
        and isinstance(func.value, ast.Name)
        and func.value.id in ("self", "cls")
    )


def _own_body_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The function's body, not descending into nested functions or classes (their own code)."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*FUNCTION_DEFS, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _docstrings_and_fstring_parts(tree: ast.Module) -> set[int]:
    """Ids of string constants that are not a use of strings: docstrings, pieces of f-strings."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, *FUNCTION_DEFS, ast.ClassDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                skipped.add(id(first.value))
        elif isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skipped.add(id(node.format_spec))
    return skipped


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
