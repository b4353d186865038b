"""Type rules: checking a value's type, and converting a division's result to a whole number."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span, rewrite_expression
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId

TYPE_COMPARISON = register(
    Rule(
        id=RuleId.TYPE_COMPARISON,
        name="type-comparison",
        summary="`type(x) == int`: ask `isinstance(x, int)` instead.",
        concepts=(Concept.TYPES,),
        docs=Docs(
            what="Comparing the result of `type(...)` with a type using `==`, `!=`, `is`, "
            "`is not` or `in`: a built-in type or a class of the same file.",
            why="`isinstance(x, int)` is the way Python asks 'is x an int?'. It reads like the "
            "question, accepts several types at once (`isinstance(x, (int, float))`), and also "
            "says yes for kinds of the type (a subclass), which `type(x) == ...` does not.",
            example=code("""
                value = 3
                if type(value) == int:
                    print('whole number')
            """),
            better=code("""
                value = 3
                if isinstance(value, int):
                    print('whole number')
            """),
            question="What question are you asking about `value`, and which built-in function "
            "asks exactly that?",
        ),
        messages=Messages(
            novice="To check what type a value has, ask `{better}`. It reads like the question, "
            "and it also accepts kinds of that type.",
            developing="Use `{better}` instead of comparing `type(...)`.",
            proficient="Use `{better}`.",
        ),
        severity=Severities(Severity.INFO, Severity.INFO, Severity.WARNING),
        equivalents=("pylint:C0123", "ruff:E721"),
        differences=(
            Difference(
                "compares-classes",
                ("pylint:C0123", "ruff:E721"),
                "`type(self) is Cls` (an exact-class check in a class's own code), `x is "
                "type(None)`, `type(a) == type(b)` and classes from other modules are not "
                "reported: they ask for exactly one class on purpose.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    value = 3
                    if type(value) == int:  # whole
                        pass
                """),
                fixed=code("""
                    value = 3
                    if isinstance(value, int):  # whole
                        pass
                """),
                at="2:3-2:21",
                message="Use `isinstance(value, int)` instead of comparing `type(...)`.",
            ),
            Invalid(
                code("""
                    x = 'a'
                    if type(x) != str:
                        pass
                """),
                fixed=code("""
                    x = 'a'
                    if not isinstance(x, str):
                        pass
                """),
                at="2:3-2:17",
            ),
            Invalid(
                code("""
                    x = 1.5
                    if type(x) in (int, float):
                        pass
                """),
                fixed=code("""
                    x = 1.5
                    if isinstance(x, (int, float)):
                        pass
                """),
                at="2:3-2:26",
            ),
            Invalid(
                code("""
                    x = 3
                    if type(x) is int:
                        pass
                """),
                fixed=code("""
                    x = 3
                    if isinstance(x, int):
                        pass
                """),
                at="2:3-2:17",
            ),
            Invalid(
                code("""
                    x = 3
                    if type(x) is not float:
                        pass
                """),
                fixed=code("""
                    x = 3
                    if not isinstance(x, float):
                        pass
                """),
                at="2:3-2:23",
            ),
            Invalid(
                code("""
                    class Dog:
                        pass

                    pet = Dog()
                    print(type(pet) == Dog)
                """),
                at="5:6-5:22",
            ),
        ),
        valid=(
            code("""
                if isinstance(x, int):
                    pass
            """),
            "same = type(a) == type(b)\n",
            "name = type(x).__name__\n",
            code("""
                if type(self) == Fraction:
                    pass
            """),
            code("""
                class Point:
                    def __eq__(self, other):
                        return type(self) is Point
            """),
        ),
    )
)

INT_OF_DIVISION = register(
    Rule(
        id=RuleId.INT_OF_DIVISION,
        name="int-of-division",
        summary="`int(a / b)`: divide whole numbers with `a // b`.",
        concepts=(Concept.TYPES,),
        docs=Docs(
            what="Dividing with `/` and then cutting the result back to a whole number with "
            "`int(...)`.",
            why="`/` always gives a decimal number (a float), and `int(...)` then drops the "
            "fraction. Python has an operator for whole-number division, `//`, that skips the "
            "round trip through decimals (which can lose precision for big numbers). Careful: "
            "the two differ for negative results: `int(-7 / 2)` is -3, `-7 // 2` is -4.",
            example="middle = int(len(names) / 2)\n",
            better="middle = len(names) // 2\n",
            question="What does `7 / 2` give, and what does `7 // 2` give?",
        ),
        messages=Messages(
            novice="`{call}` divides with decimals and then drops the fraction. Whole-number "
            "division is its own operator: `{better}`.{caveat}",
            developing="Use `{better}` for whole-number division.{caveat}",
            proficient="Use `{better}`.{caveat_short}",
        ),
        severity=Severities.same(Severity.INFO),
        equivalents=("edulint:R6602",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    names = ['a', 'b', 'c']
                    middle = int(len(names) / 2)
                """),
                fixed=code("""
                    names = ['a', 'b', 'c']
                    middle = len(names) // 2
                """),
                at="2:9-2:28",
                message="Use `len(names) // 2` for whole-number division.",
            ),
            Invalid(
                code("""
                    a, b = 7, 2
                    q = int((a + 1) / b)
                """),
                fixed=code("""
                    a, b = 7, 2
                    q = (a + 1) // b
                """),
                at="2:4-2:20",
            ),
            Invalid(
                code("""
                    total, count = 9, 2
                    print(-int(total / count))
                """),
                at="2:7-2:25",
            ),
        ),
        valid=(
            "middle = len(names) // 2\n",
            "ratio = int(a * b)\n",
            "average = total / count\n",
            "rounded = round(a / b)\n",
            "rate = int(1000000.0 / code)\n",
            "steps = int(abs(angle) / speed)\n",
        ),
    )
)

_TYPES = frozenset(
    {"int", "float", "str", "bool", "list", "dict", "tuple", "set", "complex", "bytes", "frozenset"}
)


# -- type comparisons ------------------------------------------------------------------------


@checker(TYPE_COMPARISON, ast.Compare)
def _type_comparison(node: ast.Compare, ctx: Context) -> Iterator[Finding]:
    if len(node.ops) != 1 or not isinstance(node.ops[0], _TYPE_OPERATORS):
        return
    left, right = node.left, node.comparators[0]
    if _type_call(ctx, right) is not None and _type_call(ctx, left) is None:
        left, right = right, left
    subject = _type_call(ctx, left)
    if subject is None or not _names_types(ctx, right, node.ops[0], subject):
        return
    negated = isinstance(node.ops[0], (ast.NotEq, ast.NotIn, ast.IsNot))
    types = ctx.segment(right)
    better = f"isinstance({ctx.segment(subject)}, {types})"
    if negated:
        better = f"not {better}"
    fix = make_fix(
        ctx,
        f"Write `{better}`",
        Applicability.UNSAFE,  # isinstance also accepts subclasses (True is an int)
        [replace_span(ctx.span(node), better)],
    )
    yield ctx.finding(TYPE_COMPARISON, node, fix=fix, better=better)


def _type_call(ctx: Context, node: ast.expr) -> ast.expr | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "type"
        and len(node.args) == 1
        and not node.keywords
        and ctx.scopes.resolved.get(id(node.func)) is None
    ):
        return node.args[0]
    return None


_TYPE_OPERATORS = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)


def _names_types(ctx: Context, node: ast.expr, op: ast.cmpop, subject: ast.expr) -> bool:
    if isinstance(op, (ast.In, ast.NotIn)):
        return (
            isinstance(node, ast.Tuple)
            and bool(node.elts)
            and all(_is_type_name(ctx, element, subject) for element in node.elts)
        )
    return _is_type_name(ctx, node, subject)


def _class_names(ctx: Context) -> frozenset[str]:
    parts = ctx.unit_facts("class-names", _unit_class_names)
    return frozenset().union(*parts)


def _unit_class_names(nodes: list[ast.AST]) -> frozenset[str]:
    return frozenset(node.name for node in nodes if isinstance(node, ast.ClassDef))


def _is_type_name(ctx: Context, node: ast.expr, subject: ast.expr) -> bool:
    """A built-in type, not shadowed, or a class of this file. (`type(self) == Fraction` is how
    library code asks for exactly its own class, not a subclass: leave `self` and `cls` alone.)"""
    if not isinstance(node, ast.Name):
        return False
    if node.id in _TYPES:
        return ctx.scopes.resolved.get(id(node)) is None
    if isinstance(subject, ast.Name) and subject.id in ("self", "cls"):
        return False
    return node.id in ctx.derived_names("class-names", _class_names)


# -- int(a / b) ------------------------------------------------------------------------------


@checker(INT_OF_DIVISION, ast.Call)
def _int_of_division(node: ast.Call, ctx: Context) -> Iterator[Finding]:
    if not (
        isinstance(node.func, ast.Name)
        and node.func.id == "int"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.BinOp)
        and isinstance(node.args[0].op, ast.Div)
        and ctx.scopes.resolved.get(id(node.func)) is None
    ):
        return
    division = node.args[0]
    if _decimal(division):
        return  # `int(x / 2.5)`: `//` would give a float, not the same thing
    safe = _never_negative(division.left) and _positive_whole(division.right)
    wrap = isinstance(
        ctx.parent(node), (ast.BinOp, ast.UnaryOp, ast.Attribute, ast.Subscript, ast.Await)
    )
    fix = make_fix(
        ctx,
        "Use whole-number division `//`",
        Applicability.SAFE if safe else Applicability.UNSAFE,
        [rewrite_expression(ctx, node, lambda call: _floor_division(call, wrap))],
    )
    better = f"{ctx.segment(division.left)} // {ctx.segment(division.right)}"
    caveat = (
        ""
        if safe
        else " Careful: for negative results they differ (`int(-7 / 2)` is -3, `-7 // 2` is -4)."
    )
    yield ctx.finding(
        INT_OF_DIVISION,
        node,
        fix=fix,
        call=ctx.segment(node),
        better=better,
        caveat=caveat,
        caveat_short="" if safe else " (differs for negative results)",
    )


_FLOAT_CALLS = frozenset({"float", "abs", "sqrt", "time", "random", "uniform"})


def _decimal(division: ast.BinOp) -> bool:
    """Float literals, powers, divisions inside, or float-making calls: not whole numbers."""
    for child in ast.walk(division):
        if isinstance(child, ast.Constant) and isinstance(child.value, float):
            return True
        if isinstance(child, ast.BinOp) and (
            isinstance(child.op, ast.Pow)
            or (child is not division and isinstance(child.op, ast.Div))
        ):
            return True
        if isinstance(child, ast.Call):
            func = child.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _FLOAT_CALLS:
                return True
    return False


def _never_negative(node: ast.expr) -> bool:
    """`len(...)` or a whole-number literal >= 0: `/` then `int` equals `//` for these."""
    if isinstance(node, ast.Constant):
        return type(node.value) is int and node.value >= 0
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
    )


def _positive_whole(node: ast.expr) -> bool:
    # Small enough that `/` is exact for every length a list can have.
    return isinstance(node, ast.Constant) and type(node.value) is int and 0 < node.value < 2**20


def _floor_division(call: cst.BaseExpression, wrap: bool) -> cst.BaseExpression | None:
    if not isinstance(call, cst.Call) or len(call.args) != 1:
        return None
    division = call.args[0].value
    if not isinstance(division, cst.BinaryOperation) or not isinstance(
        division.operator, cst.Divide
    ):
        return None
    old = division.operator
    result = division.with_changes(
        operator=cst.FloorDivide(
            whitespace_before=old.whitespace_before, whitespace_after=old.whitespace_after
        ),
        lpar=[],
        rpar=[],
    )
    if wrap:
        return result.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return result
