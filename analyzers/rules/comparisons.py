"""Condition rules about how comparisons are written: `is` with literals, repeated `==`, chains."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span, rewrite_expression
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

LITERAL_IS_COMPARISON = register(
    Rule(
        id=RuleId.LITERAL_IS_COMPARISON,
        name="literal-is-comparison",
        summary="`x is 5` or `x is 'yes'`: `is` asks 'the same object?', not 'equal?'.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS),
        docs=Docs(
            what="A comparison with `is` or `is not` against a number, a text, or a list, dict, "
            "set or tuple written out in the code.",
            why="`is` checks whether two names point to the very same object in memory; `==` "
            "checks whether two values are equal. Two equal numbers or texts may or may not be "
            "the same object, so `x is 300` can be False even when x is 300. Python itself "
            "warns about it. Keep `is` for `None`, `True` and `False`.",
            example=code("""
                answer = input()
                if answer is 'yes':
                    print('OK')
            """),
            better=code("""
                answer = input()
                if answer == 'yes':
                    print('OK')
            """),
            question="What is the difference between two values being equal and being the same "
            "object?",
        ),
        messages=Messages(
            novice="`{op}` checks whether both sides are the very same object, not whether they "
            "are equal, so it can be False even when the values match. To compare values write "
            "`{better}`.",
            developing="`{op}` with a literal compares identity; use `{better_op}`.",
            proficient="`{op}` with a literal: use `{better_op}`.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("pylint:R0123", "ruff:F632"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    answer = input()
                    if answer is 'yes':  # agreed
                        pass
                """),
                fixed=code("""
                    answer = input()
                    if answer == 'yes':  # agreed
                        pass
                """),
                at="2:3-2:18",
                message="`is` with a literal compares identity; use `==`.",
            ),
            Invalid(
                code("""
                    n = 3
                    if n is not 0:
                        pass
                """),
                fixed=code("""
                    n = 3
                    if n != 0:
                        pass
                """),
                at="2:3-2:13",
            ),
            Invalid(
                code("""
                    xs = []
                    empty = xs is []
                """),
                fixed=code("""
                    xs = []
                    empty = xs == []
                """),
                at="2:8-2:16",
            ),
        ),
        valid=(
            code("""
                x = None
                if x is None:
                    pass
            """),
            code("""
                flag = True
                if flag is True:
                    pass
            """),
            code("""
                if x == 'yes':
                    pass
            """),
            code("""
                if a is b:
                    pass
            """),
            code("""
                if x is ...:
                    pass
            """),
        ),
    )
)

REPEATED_EQUALITY_OR = register(
    Rule(
        id=RuleId.REPEATED_EQUALITY_OR,
        name="repeated-equality-or",
        summary="`x == a or x == b`: check all the values at once with `x in (a, b)`.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS),
        docs=Docs(
            what="Several `==` comparisons of the same thing joined with `or` (or several `!=` "
            "joined with `and`).",
            why="Repeating the name for every value makes the condition long and easy to get "
            "wrong. `x in (a, b, c)` says 'x is one of these' in one step, and adding a value "
            "is a matter of adding it to the list.",
            example=code("""
                if day == 'Saturday' or day == 'Sunday':
                    print('weekend')
            """),
            better=code("""
                if day in ('Saturday', 'Sunday'):
                    print('weekend')
            """),
            question="How could you write 'day is one of these values' with a single check?",
            names=(("day", "subject"),),
        ),
        messages=Messages(
            novice="`{subject}` is compared with {count} values one by one. `{better}` checks "
            "them all at once and is easier to read and extend.",
            developing="Use `{better}` instead of repeated comparisons.",
            proficient="Merge the comparisons: `{better}`.",
        ),
        severity=Severities(None, Severity.INFO, Severity.INFO),
        equivalents=("pylint:R1714", "ruff:PLR1714"),
        tags=frozenset({"style"}),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    day = input()
                    if day == 'Saturday' or day == 'Sunday':
                        pass
                """),
                fixed=code("""
                    day = input()
                    if day in ('Saturday', 'Sunday'):
                        pass
                """),
                at="2:3-2:39",
                message="Use `day in ('Saturday', 'Sunday')` instead of repeated comparisons.",
            ),
            Invalid(
                code("""
                    c = 'x'
                    if c != 'a' and c != 'e' and c != 'i':
                        pass
                """),
                fixed=code("""
                    c = 'x'
                    if c not in ('a', 'e', 'i'):
                        pass
                """),
                at="2:3-2:37",
            ),
            Invalid(
                code("""
                    x = 1
                    ok = x == 1 or x == 2 or ready
                """),
                at="2:5-2:30",
            ),
        ),
        valid=(
            code("""
                if day in ('Saturday', 'Sunday'):
                    pass
            """),
            code("""
                if x == 1 or y == 2:
                    pass
            """),
            code("""
                if x == 1 and x == 2:
                    pass
            """),
            code("""
                if f() == 1 or f() == 2:
                    pass
            """),
            code("""
                if answer == 'yes' or 'y':
                    pass
            """),
        ),
    )
)

CHAINED_COMPARISON = register(
    Rule(
        id=RuleId.CHAINED_COMPARISON,
        name="chained-comparison",
        summary="`a < b and b < c` can be written as Python's chain `a < b < c`.",
        concepts=(Concept.BOOLEANS,),
        docs=Docs(
            what="Two comparisons joined with `and` that share the middle value, such as "
            "`0 <= x and x < 10`.",
            why="Python lets you chain comparisons the way you would in maths: `0 <= x < 10` "
            "means exactly `0 <= x and x < 10`, reads like a range, and names `x` once.",
            example=code("""
                if age >= 13 and age <= 19:
                    print('teenager')
            """),
            better=code("""
                if 13 <= age <= 19:
                    print('teenager')
            """),
            question="How would you write 'age is between 13 and 19' in maths?",
            names=(("age", "shared"),),
        ),
        messages=Messages(
            novice="These two comparisons share `{shared}`: Python can chain them like in maths, "
            "`{better}`.",
            developing="Chain the comparisons: `{better}`.",
            proficient="Simplify to `{better}`.",
        ),
        severity=Severities(None, Severity.HINT, Severity.INFO),
        equivalents=("pylint:R1716", "ruff:PLR1716"),
        tags=frozenset({"style"}),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    age = 15
                    if age >= 13 and age <= 19:
                        pass
                """),
                fixed=code("""
                    age = 15
                    if 13 <= age <= 19:
                        pass
                """),
                at="2:3-2:26",
                message="Chain the comparisons: `13 <= age <= 19`.",
            ),
            Invalid(
                code("""
                    x = 5
                    ok = 0 < x and x < 10
                """),
                fixed=code("""
                    x = 5
                    ok = 0 < x < 10
                """),
                at="2:5-2:21",
            ),
            Invalid(
                code("""
                    x = 5
                    ok = (x > 0) and (x < 10) and x != 3
                """),
                fixed=code("""
                    x = 5
                    ok = 0 < x < 10 and x != 3
                """),
                at="2:5-2:25",
            ),
        ),
        valid=(
            "ok = 0 < x < 10\n",
            "ok = x > 0 and y < 10\n",
            "ok = x > 0 or x < 10\n",
            "ok = 0 < f() and f() < 10\n",
            "ok = x == 1 and x == y\n",
        ),
    )
)


# -- `is` with a literal ---------------------------------------------------------------------


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value is not ... and not isinstance(node.value, (bool, type(None)))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _is_literal(node.operand)
    return isinstance(
        node, (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp, ast.SetComp)
    ) and not (isinstance(node, ast.Tuple) and not node.elts)


@checker(LITERAL_IS_COMPARISON, ast.Compare)
def _literal_is_comparison(node: ast.Compare, ctx: Context) -> Iterator[Finding]:
    operands = [node.left, *node.comparators]
    for index, op in enumerate(node.ops):
        if not isinstance(op, (ast.Is, ast.IsNot)):
            continue
        if not (_is_literal(operands[index]) or _is_literal(operands[index + 1])):
            continue
        negated = isinstance(op, ast.IsNot)
        better_op = "!=" if negated else "=="
        left, right = ctx.segment(operands[index]), ctx.segment(operands[index + 1])
        fix = make_fix(
            ctx,
            f"Compare values with `{better_op}`",
            Applicability.UNSAFE,  # the result can differ when the values are equal copies
            [rewrite_expression(ctx, node, lambda tree, i=index: _equality_at(tree, i))],
        )
        yield ctx.finding(
            LITERAL_IS_COMPARISON,
            node,
            fix=fix,
            op="is not" if negated else "is",
            better=f"{left} {better_op} {right}",
            better_op=better_op,
        )
        return


def _equality_at(tree: cst.BaseExpression, index: int) -> cst.BaseExpression | None:
    if not isinstance(tree, cst.Comparison):
        return None
    targets = list(tree.comparisons)
    old = targets[index].operator
    if isinstance(old, cst.Is):
        new: cst.BaseCompOp = cst.Equal(
            whitespace_before=old.whitespace_before, whitespace_after=old.whitespace_after
        )
    elif isinstance(old, cst.IsNot):
        new = cst.NotEqual(
            whitespace_before=old.whitespace_before, whitespace_after=old.whitespace_after
        )
    else:
        return None
    targets[index] = targets[index].with_changes(operator=new)
    return tree.with_changes(comparisons=targets)


# -- repeated equality -----------------------------------------------------------------------

_SUBJECTS = (ast.Name, ast.Attribute, ast.Subscript)


@checker(REPEATED_EQUALITY_OR, ast.BoolOp)
def _repeated_equality(node: ast.BoolOp, ctx: Context) -> Iterator[Finding]:
    wanted = ast.Eq if isinstance(node.op, ast.Or) else ast.NotEq
    groups: dict[str, list[tuple[ast.Compare, ast.expr, ast.expr]]] = {}
    for value in node.values:
        pair = _equality(value, wanted)
        if pair is not None:
            subject, other = pair
            groups.setdefault(ast.dump(subject), []).append((value, subject, other))  # type: ignore[arg-type]
    for members in groups.values():
        if len(members) < 2:
            continue
        subject_text = ctx.segment(members[0][1])
        others = ", ".join(ctx.segment(other) for _, _, other in members)
        keyword = "in" if wanted is ast.Eq else "not in"
        better = f"{subject_text} {keyword} ({others})"
        fix = None
        if len(members) == len(node.values):
            fix = make_fix(
                ctx,
                f"Write `{better}`",
                Applicability.UNSAFE,  # `in` also matches by identity, and evaluates every value
                [replace_span(ctx.span(node), better)],
            )
        yield ctx.finding(
            REPEATED_EQUALITY_OR,
            node,
            fix=fix,
            subject=subject_text,
            count=str(len(members)),
            better=better,
        )
        return


def _equality(value: ast.expr, wanted: type[ast.cmpop]) -> tuple[ast.expr, ast.expr] | None:
    """(subject, value) of `subject == value` (either order), when the subject is a plain name."""
    if not (
        isinstance(value, ast.Compare) and len(value.ops) == 1 and isinstance(value.ops[0], wanted)
    ):
        return None
    left, right = value.left, value.comparators[0]
    if _has_call(left) or _has_call(right):
        return None
    # Values written out (`'GET'`, `3`): `x in (...)` then reads as "one of these values".
    if isinstance(left, _SUBJECTS) and isinstance(right, ast.Constant):
        return left, right
    if isinstance(right, _SUBJECTS) and isinstance(left, ast.Constant):
        return right, left
    return None


def _has_call(node: ast.AST) -> bool:
    return any(isinstance(child, (ast.Call, ast.Await, ast.NamedExpr)) for child in ast.walk(node))


# -- chained comparisons ---------------------------------------------------------------------

_FLIPPED = {ast.Gt: ast.Lt, ast.GtE: ast.LtE}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<="}


@checker(CHAINED_COMPARISON, ast.BoolOp)
def _chained_comparison(node: ast.BoolOp, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.op, ast.And):
        return
    for first, second in zip(node.values, node.values[1:], strict=False):
        chain = _chain(ctx, first, second)
        if chain is None:
            continue
        better, shared = chain
        start, end = _with_parentheses(ctx, first), _with_parentheses(ctx, second)
        span = Span(start.line, start.column, end.end_line, end.end_column)
        fix = make_fix(
            ctx,
            f"Chain the comparisons: `{better}`",
            Applicability.SAFE,  # same comparisons, same order, the shared name read once
            [replace_span(span, better)],
        )
        yield ctx.finding(CHAINED_COMPARISON, span, fix=fix, better=better, shared=shared)
        return


def _with_parentheses(ctx: Context, node: ast.expr) -> Span:
    """The span of `node` with the parentheses written right around it (`(x > 0)`)."""
    span = ctx.span(node)
    while span.line == span.end_line:
        text = ctx.source.line(span.line)
        before = text[: span.column].rstrip()
        after = text[span.end_column :].lstrip()
        if not (before.endswith("(") and after.startswith(")")):
            break
        column = len(before) - 1
        end_column = len(text) - len(after) + 1
        span = Span(span.line, column, span.end_line, end_column)
    return span


def _ordered(value: ast.expr) -> tuple[ast.expr, str, ast.expr] | None:
    """`(low, '<' or '<=', high)` for a single ordering comparison, whichever way it is written."""
    if not (isinstance(value, ast.Compare) and len(value.ops) == 1):
        return None
    op, left, right = type(value.ops[0]), value.left, value.comparators[0]
    if op in _SYMBOL:
        return left, _SYMBOL[op], right
    if op in _FLIPPED:
        return right, _SYMBOL[_FLIPPED[op]], left
    return None


def _chain(ctx: Context, first: ast.expr, second: ast.expr) -> tuple[str, str] | None:
    one, two = _ordered(first), _ordered(second)
    if one is None or two is None:
        return None
    for low, high in ((one, two), (two, one)):
        shared = low[2]
        if not isinstance(shared, (ast.Name, ast.Constant)) or ast.dump(shared) != ast.dump(
            high[0]
        ):
            continue
        # Putting the second comparison first is only invisible when nothing in them runs code.
        if low is two and any(_runs_code(part) for part in (first, second)):
            return None
        text = ctx.segment
        better = f"{text(low[0])} {low[1]} {text(shared)} {high[1]} {text(high[2])}"
        return better, text(shared)
    return None


def _runs_code(node: ast.AST) -> bool:
    return any(
        isinstance(child, (ast.Call, ast.Attribute, ast.Subscript, ast.Await))
        for child in ast.walk(node)
    )
