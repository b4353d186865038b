"""Function rules about parameters: one that the function never uses."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Finding, Severity
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import BindingKind, Scope

UNUSED_ARGUMENT = register(
    Rule(
        id=RuleId.UNUSED_ARGUMENT,
        name="unused-argument",
        summary="A function takes a parameter and never uses it.",
        concepts=(Concept.FUNCTIONS, Concept.VARIABLES),
        docs=Docs(
            what="A parameter that nothing in the function reads, or that the function gives a "
            "new value (often from `input()`) before ever reading it. Left alone: names starting "
            "with `_`, `self` and `cls`, `*args` and `**kwargs`, stubs (a body of only `pass`, "
            "`...`, a docstring or `raise`), decorated functions, functions handed on as "
            "callbacks (their caller decides the parameters), and methods (they may have to "
            "keep the signature of a method they override).",
            why="A parameter is how the caller hands a value to the function. If the function "
            "ignores it, the caller's value is lost: often the function reads a global or asks "
            "with `input()` instead, or a typo makes it use another name. The function then "
            "gives the same answer whatever it is called with.",
            example=code("""
                def area(width, height):
                    return width * width
            """),
            better=code("""
                def area(width, height):
                    return width * height
            """),
            question="What value does a caller pass for this parameter, and which line of the "
            "function was meant to use it?",
        ),
        messages=Messages(
            novice="`{function}` takes `{name}` but {never}, so whatever a caller passes in for "
            "`{name}` is lost. Was a line meant to use it (perhaps under another name), or does "
            "the function not need it?",
            developing="Parameter `{name}` of `{function}` is never used{short}.",
            proficient="Unused argument `{name}`.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W0613", "ruff:ARG001", "ruff:ARG002"),
        differences=(
            Difference(
                "callback-or-decorated",
                ("pylint:W0613", "ruff:ARG001", "ruff:ARG002"),
                "functions that are decorated or handed on as a value (`command=on_click`, "
                "`key=rank`) are not reported: their caller fixes the parameters.",
            ),
            Difference(
                "methods",
                ("pylint:W0613", "ruff:ARG002"),
                "methods are not reported: a method often keeps the signature of the method it "
                "overrides, or of the hook a framework calls (`def postcmd(self, stop, line)`), "
                "which Mentor cannot see. pylint skips only methods it can prove override one.",
            ),
        ),
        invalid=(
            Invalid(
                code("""
                    def area(width, height):
                        return width * width
                """),
                at="1:16-1:22",
                message="Parameter `height` of `area` is never used.",
            ),
            Invalid(
                code("""
                    def greet(name):
                        print('Hello!')
                """),
                at="1:10-1:14",
            ),
            Invalid(
                code("""
                    def square(number):
                        number = int(input('Number? '))
                        return number * number
                """),
                at="1:11-1:17",
            ),
        ),
        valid=(
            code("""
                def area(width, height):
                    return width * height
            """),
            code("""
                def f(_unused, x):
                    return x
            """),
            code("""
                def handler(*args, **kwargs):
                    return 1
            """),
            code("""
                def todo(x):
                    pass
            """),
            code("""
                def todo(x):
                    '''Not written yet.'''
                    raise NotImplementedError
            """),
            code("""
                def on_click(event):
                    print('clicked')

                button.bind('<Button-1>', on_click)
            """),
            code("""
                import functools

                @functools.cache
                def f(x):
                    return 1
            """),
            code("""
                class Base:
                    def run(self, x):
                        return 0

                class Child(Base):
                    def run(self, x):
                        return x
            """),
            code("""
                class A(dict):
                    def get(self, key, default=None):
                        return 1
            """),
            code("""
                class A:
                    def __exit__(self, kind, value, tb):
                        return None
            """),
            code("""
                def f(x):
                    return locals()
            """),
            code("""
                class Shop:
                    def price(self, item, count):
                        return count * 2
            """),
            code("""
                def outer(n):
                    def inner():
                        return n
                    return inner
            """),
        ),
    )
)


@checker(UNUSED_ARGUMENT, ast.FunctionDef, ast.AsyncFunctionDef)
def _unused_argument(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    if node.decorator_list or _is_stub(node) or isinstance(ctx.parent(node), ast.ClassDef):
        return
    table = ctx.scopes
    scope = table.scope_of(node)
    if scope is None or scope.dynamic_calls:
        return
    if node.name in ctx.derived_names("functions-as-values", _functions_as_values):
        return  # a callback: whoever calls it decides what it is given
    arguments = node.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    for parameter in parameters:
        name = parameter.arg
        if name.startswith("_") or name in ("self", "cls"):
            continue
        if name in scope.declared_global or name in scope.declared_nonlocal:
            continue
        if not table.is_read(scope, name):
            never, short = "never uses it", ""
        else:
            replaced = _replaced_before_read(ctx, node, scope, name)
            if replaced is None:
                continue
            never = f"gives it a new value on line {replaced} before ever reading it"
            short = f" (replaced on line {replaced} before it is read)"
        yield ctx.finding(
            UNUSED_ARGUMENT, parameter, name=name, function=node.name, never=never, short=short
        )


def _replaced_before_read(
    ctx: Context, function: ast.FunctionDef, scope: Scope, name: str
) -> int | None:
    """The line of a statement of the function's own body that gives the parameter a new value
    before any line reads it (`number = int(input())`), if there is one."""
    uses = [use for use in scope.uses if use.name == name]
    if not uses:
        return None  # read only by a nested function
    first_read = min(use.position for use in uses)
    for binding in scope.bindings.get(name, []):
        if binding.kind is BindingKind.PARAMETER or binding.position > first_read:
            continue
        statement = next(
            (a for a in [binding.node, *ctx.ancestors(binding.node)] if a in function.body),
            None,
        )
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            return binding.position[0]
    return None


def _is_stub(function: ast.FunctionDef) -> bool:
    """A body of only a docstring, `pass`, `...` or `raise`: not written yet, or abstract."""
    for statement in function.body:
        if isinstance(statement, (ast.Pass, ast.Raise)):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        return False
    return True


def _functions_as_values(ctx: Context) -> frozenset[str]:
    """Names read other than as the called function: `key=rank`, `bind(..., on_click)`."""
    return frozenset().union(*ctx.unit_facts("names-as-values", _unit_names_as_values))


def _unit_names_as_values(nodes: list[ast.AST]) -> frozenset[str]:
    called = {
        id(node.func) for node in nodes if isinstance(node, ast.Call) and node.func is not None
    }
    values = set()
    for node in nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in called:
            values.add(node.id)
        elif isinstance(node, ast.Attribute) and id(node) not in called:
            values.add(node.attr)  # `self.on_click` handed on
    return frozenset(values)
