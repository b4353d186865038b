"""Rules about the structure of a program: code that can never run."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Finding, Severity
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

UNREACHABLE_CODE = register(
    Rule(
        id=RuleId.UNREACHABLE_CODE,
        name="unreachable-code",
        summary="Code after `return`, `raise`, `break` or `continue` never runs.",
        concepts=(Concept.FUNCTIONS, Concept.LOOPS),
        docs=Docs(
            what="Statements that follow a `return`, `raise`, `break` or `continue` in the same "
            "block.",
            why="These statements end the block on the spot, so Python never reaches the lines "
            "after them. Often the lines were meant to run before the `return`, or the `return` "
            "was meant to be indented less (after a loop, not inside it).",
            example="def area(w, h):\n    return w * h\n    print('computed')\n",
            better="def area(w, h):\n    print('computed')\n    return w * h\n",
            question="When Python reaches a `return`, where does it go next? Does it ever come "
            "back to the line below it?",
        ),
        messages=Messages(
            novice="This line never runs: the `{jump}` on line {jump_line} ends the {block} "
            "first. Move it before the `{jump}`, or check the indentation.",
            developing="Unreachable: after `{jump}` on line {jump_line}.",
            proficient="Unreachable code.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W0101",),
        tags=frozenset({"unnecessary"}),
        invalid=(
            Invalid("def area(w, h):\n    return w * h\n    print('computed')\n"),
            Invalid("for n in [1, 2]:\n    break\n    print(n)\n"),
            Invalid(
                "def check(x):\n"
                "    if x < 0:\n"
                "        raise ValueError('negative')\n"
                "        x = 0\n"
            ),
        ),
        valid=(
            "def area(w, h):\n    print('computed')\n    return w * h\n",
            "for n in [1, 2]:\n    if n > 1:\n        break\n    print(n)\n",
            "def f(x):\n    if x:\n        return 1\n    return 2\n",
        ),
    )
)

_JUMPS = {ast.Return: "return", ast.Raise: "raise", ast.Break: "break", ast.Continue: "continue"}
_BLOCK_OWNERS = (
    ast.Module,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.If,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.ExceptHandler,
    ast.match_case,
)
_BLOCK_NAMES = {"return": "function", "raise": "block", "break": "loop", "continue": "loop pass"}


@checker(UNREACHABLE_CODE, *_BLOCK_OWNERS, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))
def _unreachable_code(node: ast.AST, ctx: Context) -> Iterator[Finding]:
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if not isinstance(block, list):
            continue
        for position, statement in enumerate(block[:-1]):
            jump = _JUMPS.get(type(statement))
            if jump is None:
                continue
            first, last = ctx.span(block[position + 1]), ctx.span(block[-1])
            yield ctx.finding(
                UNREACHABLE_CODE,
                Span(first.line, first.column, last.end_line, last.end_column),
                jump=jump,
                jump_line=str(statement.lineno),
                block=_BLOCK_NAMES[jump],
            )
            break
