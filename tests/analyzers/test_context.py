"""The Context's one walk over the tree: what checkers look up instead of walking again."""

from __future__ import annotations

import ast

import pytest

from mentor.analyzers import RuleId
from mentor.analyzers.context import (
    LEAF_SINGLETONS,
    SCOPE_NODES,
    Context,
    child_nodes,
    scope_nodes,
)
from mentor.analyzers.registry import checker, rule
from mentor.analyzers.source import SourceText

PROGRAM = """import os
total = 0

def outer(items, key=lambda item: item[0]):
    '''Nested scopes of every kind.'''
    count = len([x for x in items if x])

    def inner():
        nonlocal count
        return {k: v for k, v in os.environ.items()}

    class Box:
        size = count
        def grow(self):
            return self.size + 1

    return inner, Box, count and total or None
"""


def context() -> Context:
    tree = ast.parse(PROGRAM)
    return Context(SourceText(PROGRAM), tree, None)


def old_enclosing_scope(ctx: Context, node: ast.AST) -> ast.AST:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, SCOPE_NODES):
            return ancestor
    return ctx.tree


def test_nodes_are_every_node_but_the_position_less_singletons_in_source_order():
    ctx = context()
    expected = [n for n in ast.walk(ctx.tree) if not isinstance(n, LEAF_SINGLETONS)]
    assert sorted(map(id, ctx.nodes)) == sorted(map(id, expected))
    position = {id(node): index for index, node in enumerate(ctx.nodes)}
    for node in ctx.nodes[1:]:  # pre-order: a parent before its children
        assert position[id(ctx.parent(node))] < position[id(node)]
    statements = [n for n in ctx.nodes if isinstance(n, ast.stmt)]
    assert [n.lineno for n in statements] == sorted(n.lineno for n in statements)
    assert list(ctx.walk(ctx.tree)) == ctx.nodes


def test_children_parents_and_scopes_agree_with_a_fresh_walk():
    ctx = context()
    for node in ctx.nodes:
        assert ctx.children(node) == child_nodes(node)
        for child in ctx.children(node):
            assert ctx.parent(child) is node
        assert ctx.enclosing_scope(node) is old_enclosing_scope(ctx, node)


def test_scope_nodes_are_looked_up_not_walked():
    ctx = context()
    for scope in [n for n in ctx.nodes if isinstance(n, SCOPE_NODES)]:
        looked_up = ctx.scope_nodes(scope)
        assert sorted(map(id, looked_up)) == sorted(map(id, scope_nodes(scope)))
        assert all(ctx.enclosing_scope(node) is scope for node in looked_up)


def test_nodes_from_elsewhere_still_get_answers():
    ctx = context()
    stranger = ast.parse("def f():\n    return 1\n").body[0]
    assert ctx.enclosing_scope(stranger) is ctx.tree
    assert {type(n) for n in ctx.scope_nodes(stranger)} == {ast.arguments, ast.Return, ast.Constant}
    assert ctx.children(stranger) == child_nodes(stranger)


def test_identifiers_and_top_level_lines():
    ctx = context()
    expected = {"os", "outer", "inner", "Box", "grow", "size", "environ", "item"}
    assert expected <= set(ctx.identifiers)
    starts, ends = ctx.top_level_lines
    assert (starts, ends) == ([1, 2, 4], [1, 2, 17])


def test_a_checker_cannot_ask_for_nodes_the_index_leaves_out():
    with pytest.raises(ValueError, match="Eq"):
        checker(rule(RuleId.SINGLETON_COMPARISON), ast.Eq)


EVERY_KIND = """
from __future__ import annotations
import os as system, sys
from . import sibling
@decorate(1, key=2)
async def fetch(a, /, b: int = 1, *args, c, d=None, **kwargs) -> list[int]:
    global counter
    async with lock as held, other:
        async for item in stream():
            await item
    return [x async for x in gen() if x]
class Point(Base, metaclass=Meta):
    x: int = 0
    def __init__(self):
        nonlocal_value = lambda *a, **k: a
        self.x += -1
        del self.y
def shapes(value):
    match value:
        case {"k": [1, 2, *rest], **others} if rest:
            pass
        case Point(x=0) | None as nothing:
            pass
        case _:
            raise ValueError(f"{value!r:>{width}} {value=}") from None
    try:
        assert value, "message"
    except* (TypeError, KeyError) as group:
        pass
    else:
        yield from range(3)
    finally:
        x = {**a, 'b': 1}; y = {1, 2}; z = (i for i in y); w = a if b else c
        print(*args, sep="", **kw); v = a[1:2, ::3]; u = not a or b and c < d <= e
        (walrus := 5); t = b"bytes"; s = ...
"""


def test_child_nodes_are_the_iter_child_nodes_minus_singletons_for_every_kind_of_node():
    tree = ast.parse(EVERY_KIND)
    kinds = set()
    for node in ast.walk(tree):
        kinds.add(type(node))
        expected = [c for c in ast.iter_child_nodes(node) if not isinstance(c, LEAF_SINGLETONS)]
        assert child_nodes(node) == expected, ast.dump(node)[:80]
    assert len(kinds) > 60  # the program really has most kinds of node
