"""Small helpers about names that several rules share."""

from __future__ import annotations

import ast
import builtins
import keyword
from collections.abc import Container, Iterable, Iterator

BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def names_in(node: ast.AST) -> Iterator[ast.Name]:
    """Every `Name` node inside `node` (itself included)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            yield child


def stored_names(nodes: Iterable[ast.AST]) -> set[str]:
    """Names bound (assigned, deleted, imported, defined) anywhere in `nodes`."""
    bound: set[str] = set()
    for node in nodes:
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
                bound.add(child.id)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(child.name)
            elif isinstance(child, ast.alias):
                bound.add((child.asname or child.name).split(".")[0])
    return bound


def identifiers_in(nodes: Iterable[ast.AST]) -> set[str]:
    """Every identifier these nodes mention, so a new name can be chosen without a clash.

    Rules use `ctx.identifiers`, computed once per analysis: a walk per finding cost more than
    all the checks together on a 500-line file.
    """
    found: set[str] = set()
    for child in nodes:
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.arg):
            found.add(child.arg)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(child.name)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
        elif isinstance(child, ast.alias):
            found.add((child.asname or child.name).split(".")[0])
    return found


def singular(plural: str) -> str | None:
    """A readable singular for a collection's name (`numbers` -> `number`), or None."""
    lowered = plural.lower()
    if len(plural) < 3 or not plural.isidentifier():
        return None
    if lowered.endswith("ies") and len(plural) > 4:
        return plural[:-3] + "y"
    if lowered.endswith(("ches", "shes", "sses", "xes", "zes")):
        return plural[:-2]
    if lowered.endswith("s") and not lowered.endswith("ss"):
        return plural[:-1]
    return None


def fresh_name(preferred: Iterable[str], taken: Container[str]) -> str:
    """The first preferred name not taken (nor a keyword or builtin), else one with a number."""
    candidates = [name for name in preferred if name]
    for name in candidates:
        if name not in taken and not keyword.iskeyword(name) and name not in BUILTIN_NAMES:
            return name
    base = candidates[-1] if candidates else "item"
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def dotted_name(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attribute accesses on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None
