"""Types rule: an operation between text and a number that always raises TypeError."""

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
from mentor.analyzers.values import FLOAT, NUMBER, TEXT, value_kind

TEXT_NUMBER_OPERATION = register(
    Rule(
        id=RuleId.TEXT_NUMBER_OPERATION,
        name="text-number-operation",
        summary="`'Total: ' + 5`: text and a number cannot be added (TypeError).",
        concepts=(Concept.TYPES, Concept.STRINGS),
        docs=Docs(
            what="`+`, `-`, `/`, `//` or `**` between text and a number, where both are "
            "certain without running the code: written out, or held by a variable every "
            "assignment of which gives text (or a number). Text from `input()` is explained by "
            "input-used-as-number instead.",
            why="Python never turns a number into text (or text into a number) by itself: "
            "`'Score: ' + 5` stops with \"can only concatenate str (not 'int') to str\". To "
            "build text, convert the number with `str(...)` or use an f-string; to calculate, "
            "convert the text with `int(...)`.",
            example=code("""
                score = 5
                print('Score: ' + score)
            """),
            better=code("""
                score = 5
                print(f'Score: {score}')
            """),
            question="What type is each side of the `+`? What should the result be: text or "
            "a number?",
        ),
        messages=Messages(
            novice="`{text}` is text and `{number}` is a number, so `{expression}` stops with a "
            "TypeError: Python does not mix the two by itself. {advice}",
            developing="`{expression}` mixes text and a number: TypeError. {advice}",
            proficient="TypeError: `{op}` between str and a number.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E1131",),
        fixable=True,
        invalid=(
            Invalid(
                "print('Thanks' + 5)\n",
                fixed="print('Thanks' + str(5))\n",
                at="1:6-1:18",
                message="`'Thanks' + 5` mixes text and a number: TypeError. To build text, write "
                "`str(5)` or use an f-string.",
            ),
            Invalid(
                code("""
                    score = 5
                    print('Score: ' + score)
                """),
                fixed=code("""
                    score = 5
                    print('Score: ' + str(score))
                """),
                at="2:6-2:23",
            ),
            Invalid(
                code("""
                    name = 'Ada'
                    age = 36
                    line = name + ' is ' + age
                """),
                at="3:7-3:26",
            ),
            Invalid("half = '10' / 2\n", at="1:7-1:15"),
            Invalid(
                code("""
                    count = len([1, 2])
                    print(count + ' items')
                """),
                at="2:6-2:22",
            ),
        ),
        valid=(
            "print('Thanks' + str(5))\n",
            "print('ha' * 3)\n",
            "print('%d items' % 3)\n",
            "total = 1 + 2\n",
            code("""
                def f(x):
                    return 'a' + x
            """),
            code("""
                age = input()
                print(age + 1)
            """),
            code("""
                x = 1
                x = 'one'
                print(x + 1)
            """),
            code("""
                def str(x):
                    return 1

                print(str(2) + 1)
            """),
        ),
    )
)

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Div: "/", ast.FloorDiv: "//", ast.Pow: "**"}


@checker(TEXT_NUMBER_OPERATION, ast.BinOp)
def _text_number_operation(node: ast.BinOp, ctx: Context) -> Iterator[Finding]:
    op = _OPERATORS.get(type(node.op))
    if op is None:
        return
    left = value_kind(ctx, node.left, node, input_is_text=False)
    right = value_kind(ctx, node.right, node, input_is_text=False)
    numbers = (NUMBER, FLOAT)
    if left == TEXT and right in numbers:
        text, number = node.left, node.right
    elif right == TEXT and left in numbers:
        text, number = node.right, node.left
    else:
        return
    fix = None
    if isinstance(node.op, ast.Add):
        advice = f"To build text, write `str({ctx.segment(number)})` or use an f-string."
        if not ctx.inside_fstring(node):
            fix = make_fix(
                ctx,
                f"Convert `{ctx.segment(number)}` with str(...)",
                Applicability.UNSAFE,  # the text may have been meant as a number instead
                [replace_span(ctx.span(number), f"str({ctx.segment(number)})")],
            )
    else:
        advice = f"To calculate, convert the text first: `int({ctx.segment(text)})`."
    yield ctx.finding(
        TEXT_NUMBER_OPERATION,
        node,
        fix=fix,
        text=ctx.segment(text),
        number=ctx.segment(number),
        expression=ctx.segment(node),
        advice=advice,
        op=op,
    )
