"""Rules about names and scope."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Finding, Severity
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import BindingKind

REDEFINED_BUILTIN = register(
    Rule(
        id=RuleId.REDEFINED_BUILTIN,
        name="redefined-builtin",
        summary="A variable named like a built-in function (`list`, `sum`, `max`, `input`...).",
        concepts=(Concept.VARIABLES, Concept.SCOPE),
        docs=Docs(
            what="A variable, loop variable, parameter, import, function or class whose name "
            "is already taken by one of Python's built-in functions, such as `list = [1, 2]`, "
            "`for max in ...` or `sum = 0`. A method's parameter is reported only when the "
            "method also calls the built-in (protocols prescribe names like `input`); `input` "
            "as a parameter and a module's own `open()` follow library conventions and are "
            "left alone.",
            why="The new name hides the built-in one. It works until you need the built-in "
            "again: then `sum(numbers)` fails with \"'int' object is not callable\", far from "
            "the line that caused it.",
            example=code("""
                sum = 0
                for n in [1, 2, 3]:
                    sum += n
                print(sum([4, 5]))
            """),
            better=code("""
                total = 0
                for n in [1, 2, 3]:
                    total += n
                print(sum([4, 5]))
            """),
            question="After `sum = 0`, what does `sum` mean? What happens when you then "
            "call `sum([4, 5])`?",
        ),
        messages=Messages(
            novice="`{name}` is already the name of a built-in function. Naming your {kind} "
            "`{name}` hides it, so `{name}(...)` stops working below. Choose another name, "
            "like `{suggestion}`.",
            developing="`{name}` shadows the built-in; rename it (e.g. `{suggestion}`).",
            proficient="Redefines built-in `{name}`.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W0622", "ruff:A001", "ruff:A002"),
        differences=(
            Difference(
                "once-per-scope",
                ("ruff:A001", "ruff:A002", "pylint:W0622"),
                "each built-in name is reported once per scope, at its first binding, not at "
                "every later assignment.",
            ),
            Difference(
                "builtins-idioms-use",
                ("pylint:W0622", "ruff:A001", "ruff:A002"),
                "only the built-ins beginners reuse and then need again are checked (`list`, "
                "`sum`, `max`, `input`...), not `id`, `type`, `format`, `file` or `object`, "
                "which library code takes as parameter names on purpose; a method's parameter "
                "only when the method calls the built-in.",
            ),
        ),
        invalid=(
            Invalid(
                code("""
                    sum = 0
                    for n in [1, 2, 3]:
                        sum += n
                """),
                at="1:0-1:3",
                message="`sum` shadows the built-in; rename it (e.g. `total`).",
            ),
            Invalid("list = [1, 2, 3]\n", at="1:0-1:4"),
            Invalid(
                code("""
                    def average(list):
                        return 0
                """),
                at="1:12-1:16",
            ),
            Invalid(
                code("""
                    for max in range(3):
                        pass
                """),
                at="1:4-1:7",
            ),
            Invalid(
                code("""
                    def input():
                        return 5
                """),
                at="1:4-1:9",
            ),
            Invalid(
                code("""
                    def longest(words):
                        max = 0
                        return max
                """),
                at="2:4-2:7",
            ),
            Invalid(
                code("""
                    class list:
                        pass
                """),
                at="1:6-1:10",
            ),
            Invalid("from statistics import mean as sum\n", at="1:23-1:34"),
            Invalid(
                code("""
                    def total(xs):
                        sum = 0
                        for x in xs:
                            sum += x
                        return sum / len(xs) + sum([1])
                """),
                at="2:4-2:7",
            ),
            Invalid(
                code("""
                    class Stats:
                        def mean(self, list):
                            return sum(list) / len(list(list))
                """),
                at="2:19-2:23",
            ),
        ),
        valid=(
            "total = 0\n",
            "numbers = list(range(3))\n",
            code("""
                class Box:
                    list = []
            """),
            "obj.sum = 3\n",
            code("""
                def f(type=None, id=0):
                    pass
            """),
            "squares = [list for list in range(3)]\n",
            code("""
                class Codec:
                    def encode(self, input, errors='strict'):
                        return input
            """),
            code("""
                def encode(input, errors='strict'):
                    return input
            """),
            code("""
                def open(path):
                    return path
            """),
            code("""
                def longest(words):
                    biggest = 0
                    for w in words:
                        biggest = len(w)
                    return biggest
            """),
        ),
    )
)

# The built-ins beginners reuse as names and then need again. `id`, `type`, `format`... are
# left out: idiomatic code uses them as parameter names on purpose.
SHADOWED_BUILTINS = {
    "list": "items",
    "dict": "mapping",
    "str": "text",
    "int": "number",
    "float": "value",
    "sum": "total",
    "max": "largest",
    "min": "smallest",
    "len": "length",
    "input": "answer",
    "print": "show",
    "set": "unique",
    "tuple": "pair",
    "range": "span",
    "sorted": "ordered",
    "bool": "flag",
    "abs": "distance",
    "round": "rounded",
    "open": "opened",
    "zip": "pairs",
    "any": "found",
    "all": "every",
}


@checker(REDEFINED_BUILTIN, ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
def _redefined_builtin(node: ast.AST, ctx: Context) -> Iterator[Finding]:
    reported: set[str] = set()
    for binding, name, kind in _bindings_of_scope(ctx, node):
        if name in SHADOWED_BUILTINS and name not in reported:
            if kind == "parameter" and not _shadow_matters(ctx, node, name):
                continue
            if kind == "function" and name == "open" and isinstance(node, ast.Module):
                continue  # `shelve.open(...)`: the usual name for a file-format module's entry
            reported.add(name)
            yield ctx.finding(
                REDEFINED_BUILTIN,
                binding,
                name=name,
                kind=kind,
                suggestion=SHADOWED_BUILTINS[name],
            )


# Parameter names that an API convention asks for (`codecs`: `def encode(self, input)`).
_CONVENTIONAL_PARAMETERS = frozenset({"input"})


def _shadow_matters(ctx: Context, function: ast.AST, name: str) -> bool:
    """A parameter named like a built-in hides it from the function's own code: that matters
    when the body calls the built-in, or, for plain functions (where beginners pick names like
    `list`), always. Methods often must use the names their protocol prescribes."""
    if _calls_builtin(ctx, function, name):
        return True
    is_method = isinstance(ctx.parent(function), ast.ClassDef)
    return not is_method and name not in _CONVENTIONAL_PARAMETERS


def _calls_builtin(ctx: Context, function: ast.AST, name: str) -> bool:
    """Whether the function's own code calls `name(...)`, which now finds the shadow."""
    scope = ctx.scopes.scope_of(function)
    if scope is None:
        return True
    return any(
        use.name == name
        and isinstance(ctx.parent(use.node), ast.Call)
        and ctx.parent(use.node).func is use.node  # type: ignore[union-attr]
        for use in scope.uses
    )


# How a binding from the scope table reads in the message; other kinds (imports, classes,
# comprehension variables, `except ... as`) are not reported.
_KIND_WORDS = {
    BindingKind.PARAMETER: "parameter",
    BindingKind.ASSIGN: "variable",
    BindingKind.AUGMENTED: "variable",
    BindingKind.LOOP: "variable",
    BindingKind.WITH: "variable",
    BindingKind.WALRUS: "variable",
}


def _bindings_of_scope(ctx: Context, scope: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    """(node, name, what it is) for each built-in name the scope binds itself, in source order."""
    table = ctx.scopes.scope_of(scope)
    if table is None:
        return
    found: list[tuple[tuple[int, int], ast.AST, str, str]] = []
    for name in SHADOWED_BUILTINS.keys() & table.bindings.keys():
        for binding in table.bindings[name]:
            node = binding.node
            if binding.kind is BindingKind.DEFINITION:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.append((binding.position, _name_span_node(ctx, node), name, "function"))
                elif isinstance(node, ast.ClassDef):
                    found.append((binding.position, _name_span_node(ctx, node), name, "class"))
            elif binding.kind is BindingKind.IMPORT and name != "open":
                found.append((binding.position, node, name, "import"))
            elif binding.kind in _KIND_WORDS and not _declared_elsewhere(ctx, scope, node):
                found.append((binding.position, node, name, _KIND_WORDS[binding.kind]))
    found.sort(key=lambda item: item[0])
    for _, node, name, kind in found:
        yield node, name, kind


def _declared_elsewhere(ctx: Context, scope: ast.AST, node: ast.AST) -> bool:
    """A module name assigned inside a function through `global`: reported there, not here."""
    return ctx.enclosing_scope(node) is not scope and not isinstance(node, ast.arg)


def _name_span_node(
    ctx: Context, function: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
) -> ast.AST:
    """A stand-in node covering just the function's or class's name on its first line."""
    line = ctx.source.line(function.lineno)
    byte_line = line.encode("utf-8")
    start = byte_line.find(function.name.encode("utf-8"), function.col_offset)
    marker = ast.Name(id=function.name, ctx=ast.Store())
    marker.lineno = marker.end_lineno = function.lineno
    marker.col_offset = max(start, function.col_offset)
    marker.end_col_offset = marker.col_offset + len(function.name.encode("utf-8"))
    return marker
