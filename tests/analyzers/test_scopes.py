"""The scope table: where Python looks a name up, which the scope rules rely on."""

from __future__ import annotations

import ast

from mentor.analyzers.scopes import BindingKind, ScopeKind, ScopeTable


def _owner_of(table: ScopeTable, name: str, line: int):
    """The scope that the read of `name` on `line` finds (None: builtins or undefined)."""
    for scope in table.all():
        for use in scope.uses:
            if use.name == name and use.position[0] == line:
                return table.resolved[id(use.node)]
    raise AssertionError(f"no read of {name} on line {line}")


def test_methods_do_not_see_class_attributes_but_class_bodies_do():
    table = ScopeTable(
        ast.parse("class A:\n    x = 1\n    y = x\n    def f(self):\n        return x\n")
    )
    assert _owner_of(table, "x", 3).kind is ScopeKind.CLASS
    assert _owner_of(table, "x", 5) is None


def test_a_comprehension_reads_its_first_iterable_outside_and_binds_its_own_names():
    table = ScopeTable(ast.parse("class A:\n    xs = [1]\n    ys = [x for x in xs]\n"))
    assert _owner_of(table, "xs", 3).kind is ScopeKind.CLASS
    assert _owner_of(table, "x", 3).kind is ScopeKind.COMPREHENSION


def test_walrus_in_a_comprehension_binds_in_the_enclosing_function():
    table = ScopeTable(ast.parse("def f(xs):\n    [last := x for x in xs]\n    return last\n"))
    assert _owner_of(table, "last", 3).kind is ScopeKind.FUNCTION


def test_global_and_nonlocal_assignments_belong_to_the_declared_scope():
    code = (
        "def setup():\n    global ready\n    ready = True\n\n"
        "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n = 2\n"
        "    return n\n"
    )
    table = ScopeTable(ast.parse(code))
    assert table.module.bindings["ready"][0].kind is BindingKind.ASSIGN
    outer = next(s for s in table.all() if getattr(s.node, "name", "") == "outer")
    assert len(outer.bindings["n"]) == 2


def test_an_assignment_takes_effect_after_its_value_is_read():
    table = ScopeTable(ast.parse("def f():\n    x = x + 1\n"))
    function = table.module.children[0]
    (binding,) = function.bindings["x"]
    (use,) = function.uses
    assert use.position < binding.position


def test_reads_guarded_by_except_name_error_are_marked():
    table = ScopeTable(ast.parse("try:\n    unicode\nexcept NameError:\n    pass\n"))
    guarded = {use.name: use.guarded for use in table.module.uses}
    assert guarded == {"unicode": True, "NameError": False}
