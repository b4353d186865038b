"""Function rules about what a body does with its result: prints it instead of returning it, or
calls itself before it can stop."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context, scope_nodes
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.flow import NESTED_SCOPES
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import BindingKind

PRINT_INSTEAD_OF_RETURN = register(
    Rule(
        id=RuleId.PRINT_INSTEAD_OF_RETURN,
        name="print-instead-of-return",
        summary="A function prints its result instead of returning it, so callers get None.",
        concepts=(Concept.RETURN_VALUES, Concept.FUNCTIONS, Concept.INPUT_OUTPUT),
        docs=Docs(
            what="A function that shows its result with `print` and has no `return` with a "
            "value, while other code uses its result (`x = f(...)`, `print(f(...))`), or whose "
            "name says it computes something (`calculate_area`, `get_total`...).",
            why="`print` shows a value on the screen for a person; `return` hands it back to the "
            "code that called the function. A function without `return` gives back None, so "
            "`area = calculate_area(2, 3)` stores None and the next calculation fails. Let the "
            "function return the value, and print it where you call it.",
            example=code("""
                def area(width, height):
                    print(width * height)

                room = area(3, 4)
            """),
            better=code("""
                def area(width, height):
                    return width * height

                room = area(3, 4)
                print(room)
            """),
            question="Who receives the value: the person looking at the screen, or the line of "
            "code that called the function?",
        ),
        messages=Messages(
            novice="`{function}` shows its result with `print` but never gives it back with "
            "`return`, so {consequence} Replace this `print(...)` with `return ...` and print "
            "the result where you call the function.",
            developing="`{function}` prints instead of returning; {consequence_short}",
            proficient="`{function}` prints its result but returns None.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def area(width, height):
                        print(width * height)  # the result

                    room = area(3, 4)
                """),
                fixed=code("""
                    def area(width, height):
                        return width * height  # the result

                    room = area(3, 4)
                """),
                at="2:4-2:25",
                message="`area` prints instead of returning; line 4 gets None from `area(3, 4)`, "
                "not the value.",
            ),
            Invalid(
                code("""
                    def calculate_average(numbers):
                        total = sum(numbers)
                        print(total / len(numbers))
                """),
                fixed=code("""
                    def calculate_average(numbers):
                        total = sum(numbers)
                        return total / len(numbers)
                """),
                at="3:4-3:31",
            ),
            Invalid(
                code("""
                    def double(n):
                        print('Result:', n * 2)

                    print(double(4))
                """),
                at="2:4-2:27",
            ),
        ),
        valid=(
            code("""
                def area(width, height):
                    return width * height
            """),
            code("""
                def show_total(xs):
                    print(sum(xs))

                show_total([1, 2])
            """),
            code("""
                def greet(name):
                    print('Hello', name)
            """),
            code("""
                def get_total(xs):
                    total = sum(xs)
                    print(total)
                    return total
            """),
            code("""
                def main():
                    print('start')

                main()
            """),
        ),
    )
)

RECURSION_WITHOUT_BASE_CASE = register(
    Rule(
        id=RuleId.RECURSION_WITHOUT_BASE_CASE,
        name="recursion-without-base-case",
        summary="A recursive function calls itself on every path: it never stops.",
        concepts=(Concept.RECURSION, Concept.FUNCTIONS),
        docs=Docs(
            what="A function that calls itself before any `if` (or other check) can stop it, so "
            "every call makes another call.",
            why="Recursion works by solving a smaller problem each time until a simplest case "
            "(the base case) is answered directly, without another call. Without a base case the "
            "calls never end, and Python stops the program with RecursionError after about a "
            "thousand of them.",
            example=code("""
                def factorial(n):
                    return n * factorial(n - 1)
            """),
            better=code("""
                def factorial(n):
                    if n <= 1:
                        return 1
                    return n * factorial(n - 1)
            """),
            question="For which input do you already know the answer without calling the "
            "function again?",
        ),
        messages=Messages(
            novice="`{function}` calls itself here every time it runs, before anything can stop "
            "it: there is no base case, so the calls never end (RecursionError). Start with an "
            "`if` that returns the answer for the simplest input without calling `{function}`.",
            developing="`{function}` always recurses: add a base case before this call.",
            proficient="Unconditional recursion in `{function}`.",
        ),
        severity=Severities.same(Severity.ERROR),
        invalid=(
            Invalid(
                code("""
                    def factorial(n):
                        return n * factorial(n - 1)
                """),
                at="2:15-2:31",
                message="`factorial` always recurses: add a base case before this call.",
            ),
            Invalid(
                code("""
                    def countdown(n):
                        print(n)
                        countdown(n - 1)
                """),
                at="3:4-3:20",
            ),
            Invalid(
                code("""
                    def fib(n):
                        result = fib(n - 1) + fib(n - 2)
                        if n < 2:
                            return n
                        return result
                """),
                at="2:13-2:23",
            ),
            Invalid(
                code("""
                    class Node:
                        def size(self):
                            return 1 + self.size()
                """),
                at="3:19-3:30",
            ),
        ),
        valid=(
            code("""
                def factorial(n):
                    if n <= 1:
                        return 1
                    return n * factorial(n - 1)
            """),
            code("""
                def f(n):
                    return 1 if n == 0 else n * f(n - 1)
            """),
            code("""
                def f(n):
                    return n <= 0 or f(n - 1)
            """),
            code("""
                def walk(node):
                    for child in node.children:
                        walk(child)
            """),
            code("""
                def count(n):
                    yield n
                    yield from count(n + 1)
            """),
            code("""
                class A:
                    def open(self):
                        return open('x')
            """),
            code("""
                def f(n):
                    g = lambda: f(n - 1)
                    return g
            """),
        ),
    )
)


# -- print instead of return -----------------------------------------------------------------

_COMPUTING_WORDS = frozenset(
    {
        "calculate",
        "calc",
        "compute",
        "get",
        "find",
        "count",
        "sum",
        "total",
        "average",
        "avg",
        "mean",
        "median",
        "area",
        "perimeter",
        "volume",
        "square",
        "cube",
        "double",
        "triple",
        "add",
        "subtract",
        "multiply",
        "divide",
        "convert",
        "to",
        "max",
        "min",
        "largest",
        "smallest",
        "biggest",
        "factorial",
        "fib",
        "fibonacci",
        "power",
        "gcd",
        "lcm",
        "is",
        "has",
        "bmi",
    }
)
_SHOWING_WORDS = frozenset(
    {
        "print",
        "show",
        "display",
        "report",
        "draw",
        "log",
        "write",
        "output",
        "say",
        "greet",
        "main",
        "menu",
        "ask",
        "play",
        "run",
        "test",
        "demo",
        "describe",
        "list",
        "render",
        "dump",
        "debug",
        "help",
        "usage",
    }
)


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [word.lower() for word in spaced.split("_") if word]


@checker(PRINT_INSTEAD_OF_RETURN, ast.Module)
def _print_instead_of_return(node: ast.Module, ctx: Context) -> Iterator[Finding]:
    module = ctx.scopes.module
    if "print" in module.bindings:
        return  # the file defines its own `print`
    used_at = _result_uses(ctx)
    for statement in node.body:
        if not isinstance(statement, ast.FunctionDef) or statement.decorator_list:
            continue
        bindings = module.bindings.get(statement.name, [])
        scope = ctx.scopes.scope_of(statement)
        if len(bindings) != 1 or scope is None or scope.yields or scope.returns_value:
            continue
        if not scope.reads("print") or scope.reads("input"):
            continue  # no result shown, or an interactive routine rather than a calculation
        prints = _prints(statement)
        if not prints:
            continue
        last = prints[-1]
        use = used_at.get(statement.name)
        if use is not None:
            consequence = f"line {use.lineno} gets None from `{ctx.segment(use)}`, not the value."
        elif _named_like_a_computation(statement) and _prints_a_value(statement, last):
            consequence = "code that calls it gets None instead of the value it computes."
        else:
            continue
        yield ctx.finding(
            PRINT_INSTEAD_OF_RETURN,
            last,
            fix=_return_instead(ctx, statement, last),
            function=statement.name,
            consequence=consequence,
            consequence_short=consequence,
        )


def _prints(function: ast.FunctionDef) -> list[ast.Call]:
    prints = [
        child
        for child in scope_nodes(function)
        if isinstance(child, ast.Call)
        and isinstance(child.func, ast.Name)
        and child.func.id == "print"
        and child.args
    ]
    return sorted(prints, key=lambda call: (call.lineno, call.col_offset))


def _result_uses(ctx: Context) -> dict[str, ast.Call]:
    """The first call of each module-level function whose result the code keeps or uses."""
    module = ctx.scopes.module
    found: dict[str, ast.Call] = {}
    for scope in ctx.scopes.all():
        for use in scope.uses:
            if use.name in found or ctx.scopes.resolved.get(id(use.node)) is not module:
                continue
            call = ctx.parent(use.node)
            if not (isinstance(call, ast.Call) and call.func is use.node):
                continue
            holder = ctx.parent(call)
            if isinstance(holder, ast.Expr) or holder is None:
                continue  # called for its effect: fine
            found[use.name] = call
    return found


def _named_like_a_computation(function: ast.FunctionDef) -> bool:
    words = _words(function.name)
    has_parameters = bool(function.args.args or function.args.posonlyargs)
    return (
        has_parameters
        and any(word in _COMPUTING_WORDS for word in words)
        and not any(word in _SHOWING_WORDS for word in words)
    )


def _prints_a_value(function: ast.FunctionDef, call: ast.Call) -> bool:
    """The print is the function's last statement and shows something besides fixed text."""
    last = function.body[-1]
    if not (isinstance(last, ast.Expr) and last.value is call):
        return False
    return any(not isinstance(arg, ast.Constant) for arg in call.args)


def _return_instead(ctx: Context, function: ast.FunctionDef, call: ast.Call):
    """`print(value)` as the last statement -> `return value` (UNSAFE: nothing is shown now)."""
    last = function.body[-1]
    if not (
        isinstance(last, ast.Expr)
        and last.value is call
        and len(call.args) == 1
        and not call.keywords
        and not isinstance(call.args[0], ast.Starred)
    ):
        return None
    value = ctx.segment(call.args[0])
    return make_fix(
        ctx,
        f"Return the value: `return {value}`",
        Applicability.UNSAFE,  # the function no longer prints; the caller must
        [replace_span(ctx.span(call), f"return {value}")],
    )


# -- recursion without a base case -----------------------------------------------------------


@checker(RECURSION_WITHOUT_BASE_CASE, ast.FunctionDef, ast.AsyncFunctionDef)
def _recursion_without_base_case(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    in_class = isinstance(ctx.parent(node), ast.ClassDef)
    for statement in node.body:
        if not isinstance(statement, _SIMPLE_STATEMENTS):
            return  # a branch, loop or try: it may be the base case
        call = _unconditional_self_call(statement, node.name, in_class)
        if call is not None:
            break
        if isinstance(statement, (ast.Return, ast.Raise)):
            return
    else:
        return
    scope = ctx.scopes.scope_of(node)
    if scope is None or scope.yields:
        return  # a generator runs lazily: recursion there is a stream, not a loop
    if not in_class and (node.name in scope.bindings or _rebound_in_module(ctx, node)):
        return  # the name means something else here
    yield ctx.finding(RECURSION_WITHOUT_BASE_CASE, call, function=node.name)


_SIMPLE_STATEMENTS = (
    ast.Expr,
    ast.Assign,
    ast.AugAssign,
    ast.AnnAssign,
    ast.Return,
    ast.Raise,
    ast.Pass,
    ast.Delete,
    ast.Assert,
    ast.Global,
    ast.Nonlocal,
    ast.Import,
    ast.ImportFrom,
)


def _rebound_in_module(ctx: Context, function: ast.FunctionDef) -> bool:
    bindings = ctx.scopes.module.bindings.get(function.name, [])
    return any(b.kind is not BindingKind.DEFINITION for b in bindings)


def _unconditional_self_call(statement: ast.stmt, name: str, in_class: bool) -> ast.Call | None:
    """A call of the function itself that runs whenever `statement` runs."""
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, NESTED_SCOPES):
            continue
        if isinstance(node, ast.Call) and _calls_itself(node, name, in_class):
            return node
        if isinstance(node, ast.IfExp):
            stack.append(node.test)
        elif isinstance(node, ast.BoolOp):
            stack.append(node.values[0])
        else:
            stack.extend(reversed(list(ast.iter_child_nodes(node))))  # first call first
    return None


def _calls_itself(call: ast.Call, name: str, in_class: bool) -> bool:
    func = call.func
    if in_class:
        return (
            isinstance(func, ast.Attribute)
            and func.attr == name
            and isinstance(func.value, ast.Name)
            and func.value.id in ("self", "cls")
        )
    return isinstance(func, ast.Name) and func.id == name
