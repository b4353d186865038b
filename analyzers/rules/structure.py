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

FILE_TOO_LARGE = register(
    Rule(
        id=RuleId.FILE_TOO_LARGE,
        name="file-too-large",
        summary="A file too large to check (generated data or minified code, not a program).",
        concepts=(Concept.MODULES,),
        docs=Docs(
            what="A file of more than a million characters (about 25,000 lines). Mentor does not "
            "check it, so the editor stays fast.",
            why="Programs people learn with are far smaller; a file this size is usually data "
            "pasted into code, or generated. Keep data in a separate file (CSV, JSON, text) and "
            "read it with `open`.",
            example="# 25,000+ lines of numbers = [...]\n",
            better="with open('numbers.txt') as file:\n"
            "    numbers = [int(line) for line in file]\n",
            question="Does this data need to live inside your program, or could the program "
            "read it from a file?",
        ),
        messages=Messages(
            novice="This file is {size} MB, too large for Mentor to check (it checks files up to "
            "{limit} MB). If it holds data, keep the data in its own file and read it with open().",
            developing="File too large to check ({size} MB; limit {limit} MB).",
            proficient="Not checked: {size} MB > {limit} MB.",
        ),
        severity=Severities.same(Severity.INFO),
        invalid=(Invalid("numbers = [\n" + "    1,\n" * 170_000 + "]\n"),),
        valid=("numbers = [1, 2, 3]\n",),
        tags=frozenset({"file-level"}),  # its docs example stands for a file too large to show
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
