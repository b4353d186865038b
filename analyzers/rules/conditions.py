"""Rules about conditions and comparisons."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_expression
from mentor.analyzers.parsing import parses_as_expression
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit

SINGLETON_COMPARISON = register(
    Rule(
        id=RuleId.SINGLETON_COMPARISON,
        name="singleton-comparison",
        summary="Comparing with `== None`, `== True` or `== False`.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS),
        docs=Docs(
            what="A comparison with `None`, `True` or `False` written with `==` or `!=`.",
            why="`None` is a single special object: ask whether something *is* it with "
            "`is None`. A condition already is True or False, so `if done == True:` says the "
            "same as `if done:`, only longer.",
            example=code("""
                if result == None:
                    print('nothing yet')
                if done == True:
                    stop()
            """),
            better=code("""
                if result is None:
                    print('nothing yet')
                if done:
                    stop()
            """),
            question="What kind of value is `done` already? What does comparing it with True add?",
        ),
        messages=Messages(
            novice="{hint} This reads more clearly and is what Python programmers expect.",
            developing="{hint}",
            proficient="{short}",
        ),
        severity=Severities(Severity.INFO, Severity.INFO, Severity.WARNING),
        equivalents=("pylint:C0121", "ruff:E711", "ruff:E712"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if result == None:  # not ready
                        pass
                """),
                fixed=code("""
                    if result is None:  # not ready
                        pass
                """),
                at="1:3-1:17",
                message="To check for None write `result is None`: None is one object, so ask "
                "whether it *is* it.",
            ),
            Invalid(
                code("""
                    while x != None:
                        x = step(x)
                """),
                fixed=code("""
                    while x is not None:
                        x = step(x)
                """),
                at="1:6-1:15",
            ),
            Invalid(
                code("""
                    if done == True:
                        stop()
                """),
                fixed=code("""
                    if done:
                        stop()
                """),
                at="1:3-1:15",
            ),
            Invalid(
                code("""
                    if found == False:
                        search()
                """),
                fixed=code("""
                    if not found:
                        search()
                """),
                at="1:3-1:17",
            ),
            Invalid(
                code("""
                    if None == value:
                        pass
                """),
                fixed=code("""
                    if value is None:
                        pass
                """),
                at="1:3-1:16",
            ),
        ),
        valid=(
            code("""
                if result is None:
                    pass
            """),
            code("""
                if done:
                    pass
            """),
            "same = a == b\n",
            code("""
                if x == 0:
                    pass
            """),
        ),
    )
)

ALWAYS_TRUE_OR = register(
    Rule(
        id=RuleId.ALWAYS_TRUE_OR,
        name="always-true-or",
        summary="`x == 'a' or 'b'` is always true: each side of `or` is its own condition.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS),
        docs=Docs(
            what="An `or` whose second part is a bare value, as in `answer == 'yes' or 'y'`.",
            why="Python does not read this as 'answer is yes or y'. It reads "
            "`(answer == 'yes') or ('y')`, and a non-empty text like 'y' counts as true on its "
            "own, so the whole condition is always true.",
            example=code("""
                if answer == 'yes' or 'y':
                    print('OK')
            """),
            better=code("""
                if answer in ('yes', 'y'):
                    print('OK')
            """),
            question="If `answer` is 'no', what is the value of `'y'` on its own in a condition?",
        ),
        messages=Messages(
            novice="This condition is always true: `{value}` on its own counts as true, so "
            "Python never needs the comparison. To check several values write {better}.",
            developing="Always true: `{value}` is truthy on its own. Write {better}.",
            proficient="Always-true `or`: write {better}.",
        ),
        severity=Severities.same(Severity.WARNING),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if answer == 'yes' or 'y':
                        print('OK')
                """),
                fixed=code("""
                    if answer in ('yes', 'y'):
                        print('OK')
                """),
                at="1:3-1:25",
                message="Always true: `'y'` is truthy on its own. Write `answer in ('yes', 'y')`.",
            ),
            Invalid(
                code("""
                    while choice == 1 or 2 or 3:
                        pass
                """),
                fixed=code("""
                    while choice in (1, 2, 3):
                        pass
                """),
                at="1:6-1:27",
            ),
        ),
        valid=(
            code("""
                if answer in ('yes', 'y'):
                    pass
            """),
            "name = input() or 'guest'\n",
            code("""
                if answer == 'yes' or answer == 'y':
                    pass
            """),
            "ok = x == 1 or flag\n",
            code("""
                if x == '' or '':
                    pass
            """),
        ),
    )
)

_SINGLETONS = (None, True, False)


@checker(SINGLETON_COMPARISON, ast.Compare)
def _singleton_comparison(node: ast.Compare, ctx: Context) -> Iterator[Finding]:
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return
    left, right = node.left, node.comparators[0]
    subject, singleton = (left, right) if _is_singleton(right) else (right, left)
    if not _is_singleton(singleton) or _is_singleton(subject):
        return
    value = singleton.value  # type: ignore[attr-defined]
    negated = isinstance(node.ops[0], ast.NotEq)
    subject_text = ctx.segment(subject)
    if value is None:
        shown = subject_text if _is_simple(subject) else f"({subject_text})"
        better = f"{shown} is not None" if negated else f"{shown} is None"
        hint = f"To check for None write `{better}`: None is one object, so ask whether it *is* it."
        applicability = Applicability.SAFE
    else:
        truthy = value is not negated  # `== True` and `!= False` keep the value's truth
        shown = subject_text if _is_simple(subject) else f"({subject_text})"
        better = shown if truthy else f"not {shown}"
        hint = (
            f"`{ctx.segment(node)}` is the same as `{better}`: the value already is True or False."
        )
        applicability = Applicability.UNSAFE  # `x == True` and `x` differ when x is not a bool
    fix = make_fix(
        ctx,
        f"Write `{better}`",
        applicability,
        [_singleton_edit(ctx, node, subject, subject_text, value, negated)],
    )
    yield ctx.finding(
        SINGLETON_COMPARISON, node, fix=fix, hint=hint, short=f"Use `{better}`.", better=better
    )


def _is_simple(node: ast.expr) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant))


def _is_singleton(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and any(node.value is s for s in _SINGLETONS)


def _singleton_edit(
    ctx: Context, node: ast.Compare, subject: ast.expr, text: str, value: object, negated: bool
) -> Edit | None:
    """The fix's edit, written as text: `x is None`, `x is not None`, `x` or `not x`.

    The most common fix a beginner meets, so it does without libcst (whose import costs about
    200 ms before the first diagnostics). It gives the edit the libcst rewrite of the
    comparison gave: none where the comparison or its subject do not parse as an expression
    on their own, and brackets around a subject that does not bind tighter than any operator.
    """
    if not parses_as_expression(text):
        return None
    shown = text if _binds_tightly(subject, text) else f"({text})"
    if value is None:
        new = f"{shown} is not None" if negated else f"{shown} is None"
    else:
        new = shown if value is not negated else f"not {shown}"
    return _replaced(ctx, node, new)


def _replaced(ctx: Context, node: ast.expr, new: str) -> Edit | None:
    """`node` replaced by the expression `new`, if both parse as expressions on their own (as
    the libcst rewrite this replaces required; see `_singleton_edit`)."""
    if not (parses_as_expression(ctx.segment(node)) and parses_as_expression(new)):
        return None
    return replace_expression(ctx, node, new)


# The nodes that need no brackets around them before `is None` or after `not` (libcst's
# Name, Attribute, Call, Subscript, List, Tuple, Dict, Set; a generator expression's own
# brackets are part of it).
_TIGHT = (
    ast.Name,
    ast.Attribute,
    ast.Call,
    ast.Subscript,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.Set,
    ast.GeneratorExp,
)


def _binds_tightly(node: ast.expr, text: str) -> bool:
    if isinstance(node, _TIGHT):
        return True
    if not isinstance(node, ast.Constant):
        return False
    value = node.value
    if isinstance(value, (str, bytes)):  # one string, not "a" "b" (a concatenation)
        return _single_token(text)
    return isinstance(value, (int, float)) and not isinstance(value, bool)  # not 1j, not ...


def _single_token(text: str) -> bool:
    try:
        tokens = [
            token
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type not in _LAYOUT
        ]
    except (tokenize.TokenError, SyntaxError):
        return False
    return len(tokens) == 1


_LAYOUT = (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER)


@checker(ALWAYS_TRUE_OR, ast.BoolOp)
def _always_true_or(node: ast.BoolOp, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.op, ast.Or) or len(node.values) < 2:
        return
    first = node.values[0]
    if not (
        isinstance(first, ast.Compare)
        and len(first.ops) == 1
        and isinstance(first.ops[0], ast.Eq)
        and isinstance(first.comparators[0], ast.Constant)
    ):
        return
    compared = first.comparators[0].value
    rest = node.values[1:]
    if not all(
        isinstance(value, ast.Constant)
        and type(value.value) is type(compared)
        and not isinstance(compared, bool)
        and bool(value.value)
        for value in rest
    ):
        return
    subject = ctx.segment(first.left)
    choices = ", ".join([ctx.segment(first.comparators[0]), *(ctx.segment(v) for v in rest)])
    better = f"{subject} in ({choices})"
    fix = make_fix(
        ctx,
        f"Check all the values: `{better}`",
        Applicability.UNSAFE,  # changes behaviour on purpose: the old condition was always true
        [_replaced(ctx, node, better)],
    )
    yield ctx.finding(
        ALWAYS_TRUE_OR, node, fix=fix, value=ctx.segment(rest[0]), better=f"`{better}`"
    )
