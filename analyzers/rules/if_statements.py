"""Condition rules about `if` and `while` tests: conditions that are the answer already, and
functions used as conditions without being called."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.flow import block_of
from mentor.analyzers.names_util import dotted_name
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import BindingKind
from mentor.analyzers.source import Span

SIMPLIFIABLE_IF_RETURN = register(
    Rule(
        id=RuleId.SIMPLIFIABLE_IF_RETURN,
        name="simplifiable-if-return",
        summary="`if c: return True else: return False` is `return c`.",
        concepts=(Concept.BOOLEANS, Concept.RETURN_VALUES, Concept.CONDITIONALS),
        docs=Docs(
            what="An `if` whose only job is to return `True` in one branch and `False` in the "
            "other (the `else` may be the next line after the `if`).",
            why="A condition already is True or False. Returning it directly says the same in "
            "one line, and shows that a comparison is a value you can store, return and pass "
            "around like any other.",
            example=code("""
                def is_adult(age):
                    if age >= 18:
                        return True
                    else:
                        return False
            """),
            better=code("""
                def is_adult(age):
                    return age >= 18
            """),
            question="What is the value of `age >= 18` when age is 20? And when it is 10?",
        ),
        messages=Messages(
            novice="This `if` returns True when `{condition}` is true and False otherwise: "
            "that is the value of the condition itself. Write `{better}`.",
            developing="Return the condition directly: `{better}`.",
            proficient="Simplify to `{better}`.",
        ),
        severity=Severities(Severity.INFO, Severity.INFO, Severity.INFO),
        equivalents=("pylint:R1703", "ruff:SIM103", "edulint:R6201"),
        differences=(
            Difference(
                "condition-is-a-bug",
                ("pylint:R1703", "ruff:SIM103"),
                "not reported when the condition is always true (`answer == 'yes' or 'y'`): "
                "always-true-or explains that bug, and returning the condition would keep it.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def is_adult(age):
                        if age >= 18:
                            return True
                        else:
                            return False
                """),
                fixed=code("""
                    def is_adult(age):
                        return age >= 18
                """),
                at="2:4-2:17",
                message="Return the condition directly: `return age >= 18`.",
            ),
            Invalid(
                code("""
                    def is_empty(xs):
                        if len(xs) == 0:
                            return True
                        return False
                """),
                fixed=code("""
                    def is_empty(xs):
                        return len(xs) == 0
                """),
                at="2:4-2:20",
            ),
            Invalid(
                code("""
                    def odd(n):
                        if n % 2 == 0:
                            return False
                        else:
                            return True
                """),
                fixed=code("""
                    def odd(n):
                        return n % 2 != 0
                """),
                at="2:4-2:18",
            ),
            Invalid(
                code("""
                    def has(xs):
                        if xs:
                            return True
                        return False
                """),
                fixed=code("""
                    def has(xs):
                        return bool(xs)
                """),
                at="2:4-2:10",
            ),
        ),
        valid=(
            code("""
                def is_adult(age):
                    return age >= 18
            """),
            code("""
                def f(x):
                    if x:
                        return True
                    return None
            """),
            code("""
                def f(x):
                    if x > 0:
                        return True
                    elif x < 0:
                        return False
                    return None
            """),
            code("""
                def f(x):
                    if x:
                        return 1
                    return 0
            """),
            code("""
                def yes(answer):
                    if answer == 'yes' or 'y':
                        return True
                    return False
            """),
        ),
    )
)

FUNCTION_AS_CONDITION = register(
    Rule(
        id=RuleId.FUNCTION_AS_CONDITION,
        name="function-as-condition",
        summary="`if is_valid:` without `()`: the function itself is always true.",
        concepts=(Concept.FUNCTIONS, Concept.CONDITIONALS),
        docs=Docs(
            what="A function or method used as a condition without calling it, such as "
            "`if text.isdigit:` or `while game_over:` where `game_over` is a `def`.",
            why="Without brackets Python does not run the function: it just looks at the "
            "function itself, and a function always counts as true. The condition never "
            "changes, whatever the function would have answered.",
            example=code("""
                text = input()
                if text.isdigit:
                    print(int(text))
            """),
            better=code("""
                text = input()
                if text.isdigit():
                    print(int(text))
            """),
            question="What is the difference between `text.isdigit` and `text.isdigit()`?",
        ),
        messages=Messages(
            novice="`{name}` without brackets is the function itself, not its answer, and a "
            "function always counts as true: this condition never changes. Call it: "
            "`{call}`.",
            developing="`{name}` is not called, so the condition is always true; write `{call}`.",
            proficient="Function `{name}` used as a condition without calling it.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:W0126", "pylint:W0125"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    text = input()
                    if text.isdigit:
                        pass
                """),
                fixed=code("""
                    text = input()
                    if text.isdigit():
                        pass
                """),
                at="2:3-2:15",
                message="`text.isdigit` is not called, so the condition is always true; write "
                "`text.isdigit()`.",
            ),
            Invalid(
                code("""
                    def game_over():
                        return False

                    while not game_over:
                        pass
                """),
                fixed=code("""
                    def game_over():
                        return False

                    while not game_over():
                        pass
                """),
                at="4:10-4:19",
            ),
            Invalid(
                code("""
                    def valid(x):
                        return x > 0

                    if valid and True:
                        pass
                """),
                at="4:3-4:8",
            ),
            Invalid(
                code("""
                    import os
                    if os.path.exists:
                        pass
                """),
                at="2:3-2:17",
            ),
        ),
        valid=(
            code("""
                text = input()
                if text.isdigit():
                    pass
            """),
            code("""
                def f():
                    return 1

                if f():
                    pass
            """),
            code("""
                callback = None
                if callback:
                    callback()
            """),
            code("""
                def f(handler=None):
                    if handler:
                        handler()
            """),
            code("""
                def g():
                    pass

                def f(g):
                    if g:
                        pass
            """),
        ),
    )
)


# -- simplifiable if-return -----------------------------------------------------------------


@checker(SIMPLIFIABLE_IF_RETURN, ast.If)
def _simplifiable_if_return(node: ast.If, ctx: Context) -> Iterator[Finding]:
    first = _returned_bool(node.body)
    if first is None:
        return
    end_node: ast.stmt
    if node.orelse:
        if len(node.orelse) != 1 or isinstance(node.orelse[0], ast.If):
            return  # an elif chain decides between more than two answers
        second = _returned_bool(node.orelse)
        end_node = node.orelse[0]
    else:
        parent = ctx.parent(node)
        block = block_of(parent, node) if parent is not None else None
        if not block or block[-1] is node:
            return
        following = block[block.index(node) + 1]
        second = _returned_bool([following])
        end_node = following
    if second is None or second == first or _in_loop(ctx, node):
        return  # (inside a loop both answers end the loop: loop-runs-once explains that)
    if _has_bare_value(node.test):
        return  # `x == 'a' or 'b'` is a bug (always-true-or): returning it would keep the bug
    condition = node.test
    better_value, applicability = _as_bool(ctx, condition, negate=not first)
    better = f"return {better_value}"
    start, end = ctx.span(node), ctx.span(end_node)
    span = Span(start.line, start.column, end.end_line, end.end_column)
    fix = None
    if "#" not in ctx.source.slice(span):  # the rewrite would lose a comment
        fix = make_fix(ctx, f"Write `{better}`", applicability, [replace_span(span, better)])
    yield ctx.finding(
        SIMPLIFIABLE_IF_RETURN,
        ctx.header_span(node),
        fix=fix,
        condition=ctx.segment(condition),
        better=better,
    )


def _has_bare_value(test: ast.expr) -> bool:
    return isinstance(test, ast.BoolOp) and any(
        isinstance(value, ast.Constant) and not isinstance(value.value, bool)
        for value in test.values
    )


def _in_loop(ctx: Context, node: ast.AST) -> bool:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            return True
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
    return False


def _returned_bool(block: list[ast.stmt]) -> bool | None:
    if len(block) != 1 or not isinstance(block[0], ast.Return):
        return None
    value = block[0].value
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return value.value
    return None


# Calls whose result is always a bool.
_BOOL_CALLS = frozenset({"isinstance", "issubclass", "callable", "hasattr", "bool", "any", "all"})
_BOOL_METHODS = frozenset(
    {
        "startswith",
        "endswith",
        "isdigit",
        "isalpha",
        "isalnum",
        "isnumeric",
        "isdecimal",
        "isupper",
        "islower",
        "isspace",
        "istitle",
        "isidentifier",
        "isprintable",
        "isascii",
    }
)
# Comparisons whose negation is exact (`not a < b` is not `a >= b` for NaN or sets).
_NEGATED = {ast.Eq: "!=", ast.NotEq: "==", ast.In: "not in", ast.NotIn: "in", ast.Is: "is not"}
_NEGATED[ast.IsNot] = "is"


def _is_bool(node: ast.expr) -> bool:
    """Whether `node` certainly evaluates to True or False (not just something truthy)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Compare):
        return all(isinstance(op, (ast.Is, ast.IsNot, ast.In, ast.NotIn)) for op in node.ops)
    if isinstance(node, ast.BoolOp):
        return all(_is_bool(value) for value in node.values)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            return func.id in _BOOL_CALLS
        return isinstance(func, ast.Attribute) and func.attr in _BOOL_METHODS
    return isinstance(node, ast.Constant) and isinstance(node.value, bool)


def _as_bool(ctx: Context, condition: ast.expr, negate: bool) -> tuple[str, Applicability]:
    """The expression to return, and whether it provably gives the same value."""
    text = ctx.segment(condition)
    if negate:
        if isinstance(condition, ast.Compare) and len(condition.ops) == 1:
            flipped = _NEGATED.get(type(condition.ops[0]))
            if flipped is not None:
                left, right = ctx.segment(condition.left), ctx.segment(condition.comparators[0])
                exact = not isinstance(condition.ops[0], (ast.Eq, ast.NotEq))
                return f"{left} {flipped} {right}", (
                    Applicability.SAFE if exact else Applicability.UNSAFE
                )
        if isinstance(condition, (ast.BoolOp, ast.IfExp, ast.NamedExpr, ast.Lambda)):
            text = f"({text})"
        return f"not {text}", Applicability.SAFE
    if _is_bool(condition):
        return text, Applicability.SAFE
    if isinstance(condition, ast.Compare):
        return text, Applicability.UNSAFE  # a comparison of your own objects might not give a bool
    return f"bool({text})", Applicability.SAFE


# -- functions used as conditions -----------------------------------------------------------

_PREDICATE_METHODS = _BOOL_METHODS - {"startswith", "endswith"}
_PREDICATE_FUNCTIONS = frozenset({"os.path.exists", "os.path.isfile", "os.path.isdir"})


@checker(FUNCTION_AS_CONDITION, ast.If, ast.While, ast.IfExp, ast.Assert)
def _function_as_condition(node: ast.AST, ctx: Context) -> Iterator[Finding]:
    for candidate in _condition_parts(node.test):  # type: ignore[attr-defined]
        found = uncalled_function(ctx, candidate)
        if found is None:
            continue
        name, can_call = found
        call = f"{name}()" if can_call else f"{name}(...)"
        fix = None
        if can_call:
            fix = make_fix(
                ctx,
                f"Call it: `{call}`",
                Applicability.UNSAFE,  # the condition now really depends on the answer
                [replace_span(ctx.span(candidate), call)],
            )
        yield ctx.finding(FUNCTION_AS_CONDITION, candidate, fix=fix, name=name, call=call)


def _condition_parts(test: ast.expr) -> Iterator[ast.expr]:
    """The test itself, the operands of `and` / `or`, and what `not` applies to."""
    stack = [test]
    while stack:
        part = stack.pop()
        if isinstance(part, ast.BoolOp):
            stack.extend(part.values)
        elif isinstance(part, ast.UnaryOp) and isinstance(part.op, ast.Not):
            stack.append(part.operand)
        else:
            yield part


def uncalled_function(ctx: Context, node: ast.expr) -> tuple[str, bool] | None:
    """(its name, whether it can be called without arguments) for an uncalled function."""
    if isinstance(node, ast.Attribute):
        dotted = dotted_name(node)
        if node.attr in _PREDICATE_METHODS:
            return ctx.segment(node), True
        if dotted in _PREDICATE_FUNCTIONS:
            return dotted, False
        return None
    if not isinstance(node, ast.Name):
        return None
    table = ctx.scopes
    owner = table.resolved.get(id(node))
    if owner is None:
        return None
    bindings = owner.bindings.get(node.id, [])
    definitions = [b for b in bindings if b.kind is BindingKind.DEFINITION]
    if not definitions or len(definitions) != len(bindings):
        return None
    functions = [b.node for b in definitions]
    if not all(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for f in functions):
        return None
    return node.id, all(_callable_without_arguments(f) for f in functions)  # type: ignore[arg-type]


def _callable_without_arguments(function: ast.FunctionDef) -> bool:
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    required = len(positional) - len(arguments.defaults)
    kw_required = sum(1 for default in arguments.kw_defaults if default is None)
    return required == 0 and kw_required == 0
