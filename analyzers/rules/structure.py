"""Rules about the structure of a program: code that never runs, or runs for nothing."""

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
            example=code("""
                def area(w, h):
                    return w * h
                    print('computed')
            """),
            better=code("""
                def area(w, h):
                    print('computed')
                    return w * h
            """),
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
            Invalid(
                code("""
                    def area(w, h):
                        return w * h
                        print('computed')
                """),
                at="3:4-3:21",
                message="Unreachable: after `return` on line 2.",
            ),
            Invalid(
                code("""
                    for n in [1, 2]:
                        break
                        print(n)
                """),
                at="3:4-3:12",
            ),
            Invalid(
                code("""
                    def check(x):
                        if x < 0:
                            raise ValueError('negative')
                            x = 0
                """),
                at="4:8-4:13",
            ),
        ),
        valid=(
            code("""
                def area(w, h):
                    print('computed')
                    return w * h
            """),
            code("""
                for n in [1, 2]:
                    if n > 1:
                        break
                    print(n)
            """),
            code("""
                def f(x):
                    if x:
                        return 1
                    return 2
            """),
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
            better=code("""
                with open('numbers.txt') as file:
                    numbers = [int(line) for line in file]
            """),
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
        invalid=(
            Invalid(
                "numbers = [\n" + "    1,\n" * 170_000 + "]\n",
                at="1:0-1:11",
                message="File too large to check (1.2 MB; limit 1 MB).",
            ),
        ),
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


POINTLESS_STATEMENT = register(
    Rule(
        id=RuleId.POINTLESS_STATEMENT,
        name="pointless-statement",
        summary="A line that computes a value and throws it away: `x == 5`, `x + 1`, `f`.",
        concepts=(Concept.VARIABLES, Concept.BOOLEANS, Concept.FUNCTIONS),
        docs=Docs(
            what="A statement that is only an expression with no effect, such as a comparison "
            "(`x == 5`), a calculation (`count + 1`), or the name of a function or method "
            "without brackets (`numbers.sort`).",
            why="Python computes the value and then forgets it: nothing is stored, shown or "
            "changed. Usually `=` was meant instead of `==`, `count += 1` instead of "
            "`count + 1`, or the brackets that call a function were forgotten.",
            example=code("""
                count = 0
                count + 1
                numbers = [3, 1]
                numbers.sort
            """),
            better=code("""
                count = 0
                count += 1
                numbers = [3, 1]
                numbers.sort()
            """),
            question="After this line runs, what has changed? Where did the value go?",
        ),
        messages=Messages(
            novice="{explanation}",
            developing="{short}",
            proficient="Statement has no effect.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W0104", "ruff:B015", "ruff:B018"),
        tags=frozenset({"unnecessary"}),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 0
                    x == 5  # set x
                """),
                fixed=code("""
                    x = 0
                    x = 5  # set x
                """),
                at="2:0-2:6",
                message="Comparison with no effect; did you mean `x = ...`?",
            ),
            Invalid(
                code("""
                    count = 0
                    count + 1
                """),
                at="2:0-2:9",
            ),
            Invalid(
                code("""
                    numbers = [3, 1]
                    numbers.sort
                """),
                fixed=code("""
                    numbers = [3, 1]
                    numbers.sort()
                """),
                at="2:0-2:12",
            ),
            Invalid(
                code("""
                    def main():
                        print('hi')

                    main
                """),
                fixed=code("""
                    def main():
                        print('hi')

                    main()
                """),
                at="4:0-4:4",
            ),
            Invalid(
                code("""
                    a, b = 1, 2
                    a, b
                """),
                at="2:0-2:4",
            ),
            Invalid(
                code("""
                    class Pet:
                        def __init__(self, name):
                            self.name = name

                        def show(self):
                            self.name
                """),
                at="6:8-6:17",
            ),
        ),
        valid=(
            code("""
                class Pet:
                    @property
                    def name(self):
                        return 1

                    def show(self):
                        self.name
            """),
            code("""
                class Pet(Base):
                    def __init__(self):
                        self.name = 1
                        self.name
            """),
            '"""A docstring."""\n',
            code("""
                def f():
                    ...
            """),
            "print('hi')\n",
            code("""
                try:
                    value
                except NameError:
                    value = 1
            """),
            code("""
                xs = [1]
                xs[0]
            """),
            code("""
                import os
                os.environ
            """),
            code("""
                x = 1
                x += 1
            """),
            code("""
                async def f(q):
                    await q
            """),
        ),
    )
)

# Methods of built-in types that act without arguments: naming one without `()` is a forgotten
# call. (Reading other attributes may be on purpose: `text.split` alone fails early for non-text.)
_METHODS_CALLED_BARE = frozenset({"sort", "reverse", "clear", "close", "pop", "popitem", "flush"})
_NO_EFFECT = (ast.Compare, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Tuple, ast.Lambda, ast.Name)


@checker(POINTLESS_STATEMENT, ast.Expr)
def _pointless_statement(node: ast.Expr, ctx: Context) -> Iterator[Finding]:
    value = node.value
    if not isinstance(value, (*_NO_EFFECT, ast.Attribute)) or _runs_code(value):
        return
    if _may_be_expected_to_fail(ctx, node):
        return
    fix = None
    text = ctx.segment(value)
    if isinstance(value, ast.Attribute) and _plain_data_attribute(ctx, value):
        explanation = (
            f"`{text}` reads the value stored in the object and then forgets it: this line "
            "changes nothing. To store something there, write `"
            f"{text} = ...`; to show it, print it."
        )
        short = f"`{text}` is read and not used."
    elif isinstance(value, ast.Attribute):
        if value.attr not in _METHODS_CALLED_BARE:
            return  # reading an attribute may be a property with an effect
        explanation = (
            f"`{text}` names the method without calling it, so nothing happens. Add brackets "
            f"to call it: `{text}()`."
        )
        short = f"`{text}` is not called; write `{text}()`."
        fix = _call_it(ctx, value, text)
    elif isinstance(value, ast.Name) and _names_a_function(ctx, value):
        explanation = (
            f"`{text}` names the function without calling it, so it does not run. Add brackets "
            f"to call it: `{text}()`."
        )
        short = f"`{text}` is not called; write `{text}()`."
        fix = _call_it(ctx, value, text)
    elif isinstance(value, ast.Compare) and _looks_like_assignment(value):
        target = ctx.segment(value.left)
        explanation = (
            f"This line only asks whether `{text}` is true and then forgets the answer. To "
            f"store a value in `{target}`, use one `=`: `{target} = "
            f"{ctx.segment(value.comparators[0])}`."
        )
        short = f"Comparison with no effect; did you mean `{target} = ...`?"
        fix = make_fix(
            ctx,
            "Assign with `=`",
            Applicability.UNSAFE,  # now it stores the value
            [replace_span(ctx.span(value), f"{target} = {ctx.segment(value.comparators[0])}")],
        )
    elif isinstance(value, ast.BinOp) and isinstance(value.left, ast.Name):
        name = value.left.id
        explanation = (
            f"`{text}` is computed and then forgotten: nothing is stored. To change `{name}`, "
            f"write `{name} = {text}` (or the short form with `+=`); to use the result, store "
            "it, return it or print it."
        )
        short = f"The value of `{text}` is not used."
    else:
        explanation = (
            f"`{text}` is computed and then forgotten: this line changes nothing. Store the "
            "value, return it or print it, or remove the line."
        )
        short = f"The value of `{text}` is not used."
    yield ctx.finding(POINTLESS_STATEMENT, node, fix=fix, explanation=explanation, short=short)


def _plain_data_attribute(ctx: Context, attribute: ast.Attribute) -> bool:
    """`self.name` where the class stores `self.name = ...` and defines nothing of that name
    (no method or property, which could run code when read)."""
    if not (isinstance(attribute.value, ast.Name) and attribute.value.id == "self"):
        return False
    owner = next((a for a in ctx.ancestors(attribute) if isinstance(a, ast.ClassDef)), None)
    if owner is None or owner.bases or owner.decorator_list:
        return False  # a base class may define it as a property
    stored = False
    for node in ctx.walk(owner):
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name == attribute.attr
        ):
            return False
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and node.attr == attribute.attr
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            stored = True
    return stored


def _runs_code(node: ast.AST) -> bool:
    """Calls, awaits, yields, walrus: an expression with these has an effect."""
    return any(
        isinstance(child, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
        for child in ast.walk(node)
        if child is not node or not isinstance(node, ast.Lambda)
    )


def _may_be_expected_to_fail(ctx: Context, node: ast.AST) -> bool:
    """In a `try` body or `with pytest.raises(...)`: evaluating it may be the point."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Try) and node_in(node, ancestor.body, ctx):
            return True
        if isinstance(ancestor, (ast.With, ast.AsyncWith)) and any(
            "raise" in ast.unparse(item.context_expr).lower() for item in ancestor.items
        ):
            return True
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
    return False


def node_in(node: ast.AST, statements: list[ast.stmt], ctx: Context) -> bool:
    ancestors = {id(ancestor) for ancestor in ctx.ancestors(node)} | {id(node)}
    return any(id(statement) in ancestors for statement in statements)


def _names_a_function(ctx: Context, name: ast.Name) -> bool:
    owner = ctx.scopes.resolved.get(id(name))
    if owner is None:
        return False
    return any(
        isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for binding in owner.bindings.get(name.id, [])
    )


def _looks_like_assignment(compare: ast.Compare) -> bool:
    return (
        len(compare.ops) == 1
        and isinstance(compare.ops[0], ast.Eq)
        and isinstance(compare.left, ast.Name)
    )


def _call_it(ctx: Context, value: ast.expr, text: str):
    return make_fix(
        ctx,
        f"Call it: `{text}()`",
        Applicability.UNSAFE,  # it now runs
        [replace_span(ctx.span(value), f"{text}()")],
    )
