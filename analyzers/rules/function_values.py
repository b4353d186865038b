"""Function rule: a function used where its result was meant (`len[i]`, `for d in days`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.rules.if_statements import uncalled_function

FUNCTION_NOT_CALLED = register(
    Rule(
        id=RuleId.FUNCTION_NOT_CALLED,
        name="function-not-called",
        summary="A function used as if it were its result: `len[i]`, `for d in days`, `f > 3`.",
        concepts=(Concept.FUNCTIONS, Concept.RETURN_VALUES),
        docs=Docs(
            what="A function (one of the file's own, or a built-in such as `len`) that is "
            "indexed (`len[i]`), looped over (`for d in days`), compared (`score > 10` where "
            "`score` is a function), used in arithmetic or given to `len(...)`, without "
            "calling it.",
            why="A function's name stands for the function itself, not for what it gives back. "
            "Only the parentheses run it: `days()` is the list it returns, `days` is the "
            "recipe. Indexing or looping over the recipe fails with \"'function' object is not "
            'subscriptable" (or not iterable); comparing it gives a meaningless answer.',
            example=code("""
                def days():
                    return ['Mon', 'Tue']

                for d in days:
                    print(d)
            """),
            better=code("""
                def days():
                    return ['Mon', 'Tue']

                for d in days():
                    print(d)
            """),
            question="What is the difference between `days` and `days()`?",
        ),
        messages=Messages(
            novice="`{name}` is a function, and {how} uses the function itself, not its "
            "result: {consequence}. Call it with `{call}` to get the value it gives back.",
            developing="`{name}` is a function: call it (`{call}`) before {short}.",
            proficient="Function `{name}` used without calling it.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E1136", "pylint:E1133", "pylint:E1135"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def days():
                        return ['Mon', 'Tue']

                    for d in days:
                        print(d)
                """),
                fixed=code("""
                    def days():
                        return ['Mon', 'Tue']

                    for d in days():
                        print(d)
                """),
                at="4:9-4:13",
                message="`days` is a function: call it (`days()`) before looping over it.",
            ),
            Invalid(
                code("""
                    words = ['a']
                    for i in range(len(words)):
                        print(len[i])
                """),
                at="3:10-3:13",
            ),
            Invalid(
                code("""
                    def score():
                        return 3

                    if score > 10:
                        print('high')
                """),
                at="4:3-4:8",
            ),
            Invalid(
                code("""
                    def items(n):
                        return [n]

                    print(len(items))
                """),
                at="4:10-4:15",
            ),
            Invalid(
                code("""
                    def total():
                        return 3

                    print(total + 1)
                """),
                at="4:6-4:11",
            ),
        ),
        valid=(
            code("""
                def days():
                    return ['Mon']

                for d in days():
                    print(d)
            """),
            code("""
                def f():
                    return 1

                handlers = [f]
                print(handlers[0]())
            """),
            code("""
                def f():
                    return 1

                if f is None:
                    pass
            """),
            code("""
                def f():
                    return 1

                g = f
                print(g == f)
            """),
            code("""
                len = [1, 2]
                print(len[0])
            """),
            code("""
                cache = {}
                print(cache[len])
            """),
            code("""
                @special
                def Union(x):
                    return x

                print(Union[int])
            """),
        ),
    )
)

# Built-in functions whose name beginners use as if it were the value.
_BUILTIN_FUNCTIONS = frozenset(
    {"len", "input", "print", "sum", "max", "min", "sorted", "abs", "round", "range"}
)
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)


@checker(
    FUNCTION_NOT_CALLED, ast.Subscript, ast.For, ast.comprehension, ast.Compare, ast.Call, ast.BinOp
)
def _function_not_called(node: ast.AST, ctx: Context) -> Iterator[Finding]:
    for candidate, how, consequence, short in _used_as_value(node):
        found = _function(ctx, candidate)
        if found is None:
            continue
        name, can_call = found
        call = f"{name}()" if can_call else f"{name}(...)"
        fix = None
        if can_call and not ctx.inside_fstring(candidate):
            fix = make_fix(
                ctx,
                f"Call it: `{call}`",
                Applicability.UNSAFE,  # now the function runs here
                [replace_span(ctx.span(candidate), call)],
            )
        yield ctx.finding(
            FUNCTION_NOT_CALLED,
            candidate,
            fix=fix,
            name=name,
            call=call,
            how=how,
            consequence=consequence,
            short=short,
        )


def _used_as_value(node: ast.AST) -> Iterator[tuple[ast.expr, str, str, str]]:
    """(the expression, how it is used, what then happens, the short form) for each place."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        yield (
            node.value,
            "indexing it",
            "this line stops with \"'function' object is not subscriptable\"",
            "indexing it",
        )
    elif isinstance(node, (ast.For, ast.comprehension)):
        yield (
            node.iter,
            "looping over it",
            "this line stops with \"'function' object is not iterable\"",
            "looping over it",
        )
    elif isinstance(node, ast.Compare) and all(isinstance(op, _ORDERING) for op in node.ops):
        ordering = any(not isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops)
        consequence = (
            "this line stops with a TypeError, a function cannot be ordered"
            if ordering
            else "the comparison is never true the way you mean it"
        )
        parts = [node.left, *node.comparators]
        if ordering or any(isinstance(part, ast.Constant) for part in parts):
            for part in parts:
                yield part, "comparing it", consequence, "comparing it"
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
    ):
        yield (
            node.args[0],
            "`len(...)` of it",
            "this line stops with \"object of type 'function' has no len()\"",
            "taking its length",
        )
    elif isinstance(node, ast.BinOp):
        for part in (node.left, node.right):
            yield (
                part,
                "calculating with it",
                'this line stops with "unsupported operand type(s)"',
                "calculating with it",
            )


def _function(ctx: Context, node: ast.expr) -> tuple[str, bool] | None:
    if not isinstance(node, ast.Name):
        return None
    if (
        node.id in _BUILTIN_FUNCTIONS
        and ctx.scopes.resolved.get(id(node)) is None
        and node.id not in ctx.defined_names
    ):
        return node.id, False
    found = uncalled_function(ctx, node)
    if found is None:
        return None
    owner = ctx.scopes.resolved.get(id(node))
    definitions = owner.bindings.get(node.id, []) if owner is not None else []
    if any(getattr(binding.node, "decorator_list", None) for binding in definitions):
        return None  # `@_SpecialForm def Union(...)`: a decorator may make it anything
    return found
