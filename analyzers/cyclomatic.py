"""Radon's cyclomatic complexity, counted by one plain walk of the tree.

`radon.visitors.ComplexityVisitor` gives the numbers Mentor reports, but as an `ast.NodeVisitor`
it dispatches every node through three Python calls; on 40 standard-library files it was about
a tenth of `mentor analyze`. This walk counts exactly what radon counts, quirks included: an
`assert` is 1 and its condition is not looked into; a function's decorators and defaults are
not counted; a class inside a function is dropped; `try` counts its handlers and its `else`
(`try`/`except*` nothing); a `case _:` (or any bare capture) is not a decision. Trees deep
enough that radon's recursion might fail go to radon itself, so its answer (none) is kept.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

# Radon recurses three calls per level of the tree; below this depth it cannot run out of stack.
_RADON_SAFE_DEPTH = 150


@dataclass
class Function:
    """What `radon.visitors.Function` holds that Mentor reads."""

    name: str
    lineno: int
    closures: list[Function]
    complexity: int


@dataclass
class Class:
    """What `radon.visitors.Class` holds that Mentor reads."""

    name: str
    methods: list[Function]
    inner_classes: list[Class]
    real_complexity: int


@dataclass
class Blocks:
    """The decisions found outside functions and classes, and the functions and classes found."""

    complexity: int
    functions: list[Function] = field(default_factory=list)
    classes: list[Class] = field(default_factory=list)

    @property
    def total_complexity(self) -> int:
        """radon's `ComplexityVisitor.total_complexity` for a module."""
        return (
            self.complexity
            + sum(function.complexity for function in self.functions)
            - len(self.functions)
            + sum(cls.real_complexity for cls in self.classes)
            - len(self.classes)
        )


class TooDeep(Exception):
    """The tree is deeper than this walk promises to agree with radon on."""


def module_blocks(tree: ast.Module) -> Blocks:
    """The module's complexity and blocks as radon's visitor finds them (raises TooDeep)."""
    blocks = Blocks(complexity=1)
    _visit(tree, blocks, 0)
    return blocks


def _visit(node: ast.AST, blocks: Blocks, depth: int) -> None:
    if depth > _RADON_SAFE_DEPTH:
        raise TooDeep
    kind = type(node)
    if kind is ast.Assert:
        blocks.complexity += 1
        return
    if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
        blocks.functions.append(_function(node, depth))  # type: ignore[arg-type]
        return
    if kind is ast.ClassDef:
        blocks.classes.append(_class(node, depth))  # type: ignore[arg-type]
        return
    name = kind.__name__  # radon compares class names
    if name in ("Try", "TryExcept"):
        blocks.complexity += len(node.handlers) + bool(node.orelse)  # type: ignore[attr-defined]
    elif name == "BoolOp":
        blocks.complexity += len(node.values) - 1  # type: ignore[attr-defined]
    elif name in ("If", "IfExp"):
        blocks.complexity += 1
    elif name == "Match":
        cases = node.cases  # type: ignore[attr-defined]
        bare = any(getattr(case.pattern, "pattern", False) is None for case in cases)
        blocks.complexity += max(0, len(cases) - bare)
    elif name in ("For", "While", "AsyncFor"):
        blocks.complexity += bool(node.orelse) + 1  # type: ignore[attr-defined]
    elif name == "comprehension":
        blocks.complexity += len(node.ifs) + 1  # type: ignore[attr-defined]
    for field_name in node._fields:  # as `ast.NodeVisitor.generic_visit` does
        try:
            value = getattr(node, field_name)
        except AttributeError:
            continue
        if isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    _visit(item, blocks, depth + 1)
        elif isinstance(value, ast.AST):
            _visit(value, blocks, depth + 1)


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef, depth: int) -> Function:
    closures: list[Function] = []
    complexity = 1
    for child in node.body:
        inner = Blocks(complexity=0)
        _visit(child, inner, depth + 1)
        closures.extend(inner.functions)  # its classes are dropped, as radon drops them
        complexity += inner.complexity
    return Function(node.name, node.lineno, closures, complexity)


def _class(node: ast.ClassDef, depth: int) -> Class:
    methods: list[Function] = []
    inner_classes: list[Class] = []
    complexity = 1
    for child in node.body:
        inner = Blocks(complexity=0)
        _visit(child, inner, depth + 1)
        methods.extend(inner.functions)
        complexity += inner.complexity + sum(function.complexity for function in inner.functions)
        inner_classes.extend(inner.classes)
    return Class(node.name, methods, inner_classes, complexity)
