"""Loop rules about how loops end: never (`while True` without a way out) or after one pass."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, rewrite_statement
from mentor.analyzers.flow import block_always_exits, is_exit_call, loop_jumps
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId

INFINITE_WHILE_LOOP = register(
    Rule(
        id=RuleId.INFINITE_WHILE_LOOP,
        name="infinite-while-loop",
        summary="`while True:` with no `break`, `return` or `raise`: the loop never ends.",
        concepts=(Concept.LOOPS,),
        docs=Docs(
            what="A `while True:` (or `while 1:`) loop whose body has no `break`, `return`, "
            "`raise` or call to `sys.exit()`, so nothing can ever stop it.",
            why="`while True` repeats until something inside the loop jumps out of it. Without "
            "such a way out the program hangs (or fills the screen) and the code after the loop "
            "never runs. Often the `break` was forgotten, or it ended up in another loop.",
            example=code("""
                while True:
                    answer = input('Password? ')
                    if answer == 'secret':
                        print('Welcome')
            """),
            better=code("""
                while True:
                    answer = input('Password? ')
                    if answer == 'secret':
                        print('Welcome')
                        break
            """),
            question="Which line should end this loop, and what does Python need there to leave "
            "the loop?",
        ),
        messages=Messages(
            novice="This loop never ends: its condition is always true and nothing inside it "
            "leaves the loop (`break`, `return` or `raise`). Add a `break` where the loop should "
            "stop, or write the stop condition in the `while` line.",
            developing="Infinite loop: no `break`, `return` or `raise` leaves this `while`.",
            proficient="`while` with a constant true condition and no exit.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("edulint:R6309",),
        invalid=(
            Invalid(
                code("""
                    while True:
                        answer = input('Password? ')
                        if answer == 'secret':
                            print('Welcome')
                """),
                at="1:0-1:11",
            ),
            Invalid(
                code("""
                    count = 0
                    while 1:
                        count += 1
                """),
                at="2:0-2:8",
            ),
            Invalid(
                code("""
                    while True:
                        for n in range(3):
                            if n == 2:
                                break
                """),
                at="1:0-1:11",
            ),
        ),
        valid=(
            code("""
                while True:
                    if input() == 'q':
                        break
            """),
            code("""
                def f():
                    while True:
                        if input() == 'q':
                            return 1
            """),
            code("""
                import sys
                while True:
                    if input() == 'q':
                        sys.exit()
            """),
            code("""
                def gen():
                    n = 0
                    while True:
                        yield n
                        n += 1
            """),
            code("""
                while True:
                    try:
                        n = int(input())
                        break
                    except ValueError:
                        print('again')
            """),
            code("""
                while True:
                    line = input()
                    if not line:
                        raise SystemExit
            """),
            code("""
                async def serve(q):
                    while True:
                        await q.get()
            """),
            code("""
                def drain(it):
                    try:
                        while True:
                            next(it)
                    except StopIteration:
                        pass
            """),
        ),
    )
)

LOOP_RUNS_ONCE = register(
    Rule(
        id=RuleId.LOOP_RUNS_ONCE,
        name="loop-runs-once",
        summary="A loop whose every path ends in `return` or `break`: it never gets past the "
        "first item.",
        concepts=(Concept.LOOPS, Concept.CONDITIONALS),
        docs=Docs(
            what="A `for` or `while` loop with an `if` inside, where every way through the body "
            "ends in `return`, `break` or `raise`, so the loop stops during its first pass.",
            why="The loop was meant to look at every item, but it decides after the first one. "
            "The usual cause is an `else: return False` inside the loop: the answer 'not found' "
            "is only known after checking all the items, so it belongs after the loop.",
            example=code("""
                def contains(items, wanted):
                    for item in items:
                        if item == wanted:
                            return True
                        else:
                            return False
            """),
            better=code("""
                def contains(items, wanted):
                    for item in items:
                        if item == wanted:
                            return True
                    return False
            """),
            question="If the first item is not the one you want, what happens to the second item?",
        ),
        messages=Messages(
            novice="This loop stops during its first pass: every way through its body ends in "
            "{jumps}, so the body never runs a second time. If the answer it gives last is "
            "only true after checking every item, move it after the loop.",
            developing="Loop runs at most once: every path ends in {jumps}.",
            proficient="Loop body always exits: runs at most once.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("edulint:R6606",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def contains(items, wanted):
                        for item in items:
                            if item == wanted:  # found it
                                return True
                            else:
                                return False
                """),
                fixed=code("""
                    def contains(items, wanted):
                        for item in items:
                            if item == wanted:  # found it
                                return True
                        return False
                """),
                at="2:4-2:22",
                message="Loop runs at most once: every path ends in `return`.",
            ),
            Invalid(
                code("""
                    def first_even(xs):
                        for x in xs:
                            if x % 2 == 0:
                                return x
                            return None
                """),
                at="2:4-2:16",
            ),
            Invalid(
                code("""
                    while True:
                        if input() == 'y':
                            break
                        else:
                            break
                """),
                at="1:0-1:11",
            ),
        ),
        valid=(
            code("""
                def contains(items, wanted):
                    for item in items:
                        if item == wanted:
                            return True
                    return False
            """),
            code("""
                def first(xs):
                    for x in xs:
                        return x
            """),
            code("""
                for x in xs:
                    if x:
                        break
                    else:
                        continue
            """),
            code("""
                for x in xs:
                    if x:
                        break
                else:
                    print('none')
            """),
            code("""
                def retry():
                    for attempt in range(3):
                        try:
                            if go():
                                return
                        except OSError:
                            pass
            """),
        ),
    )
)


# -- infinite while loops --------------------------------------------------------------------


@checker(INFINITE_WHILE_LOOP, ast.While)
def _infinite_while_loop(node: ast.While, ctx: Context) -> Iterator[Finding]:
    if not (isinstance(node.test, ast.Constant) and node.test.value and not node.orelse):
        return
    if any(isinstance(jump, ast.Break) for jump in loop_jumps(node)):
        return
    for child in ctx.body_nodes(node):
        if isinstance(child, (ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await)):
            return  # returns, fails, or hands control out (a generator, a coroutine)
        if is_exit_call(child):
            return
    if _inside_try(ctx, node):
        return  # `try: while True: next(it)` / `except StopIteration`: an exception ends it
    yield ctx.finding(INFINITE_WHILE_LOOP, ctx.header_span(node))


def _inside_try(ctx: Context, node: ast.AST) -> bool:
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Try) and ancestor.handlers and child in ancestor.body:
            return True
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        child = ancestor
    return False


# -- loops that run once ---------------------------------------------------------------------

_LOOP_NODES = (ast.For, ast.AsyncFor, ast.While)


@checker(LOOP_RUNS_ONCE, *_LOOP_NODES)
def _loop_runs_once(node: ast.For | ast.While, ctx: Context) -> Iterator[Finding]:
    if node.orelse or not block_always_exits(node.body):
        return  # `for ... else` that breaks on the first item is an idiom ("is it empty?")
    if any(isinstance(jump, ast.Continue) for jump in loop_jumps(node)):
        return
    if not any(isinstance(child, (ast.If, ast.IfExp)) for child in ctx.body_nodes(node)):
        return  # `for x in xs: return x` takes the first item on purpose
    jumps = sorted(
        {
            {ast.Return: "`return`", ast.Break: "`break`", ast.Raise: "`raise`"}[type(child)]
            for child in ctx.body_nodes(node)
            if isinstance(child, (ast.Return, ast.Break, ast.Raise))
        }
    )
    fix = None
    if isinstance(node, (ast.For, ast.AsyncFor)) and _else_may_move(node):
        fix = make_fix(
            ctx,
            "Move the `else` answer after the loop",
            Applicability.UNSAFE,  # the loop now looks at every item
            [rewrite_statement(ctx, node, _move_else_after_loop)],
        )
    yield ctx.finding(
        LOOP_RUNS_ONCE, ctx.header_span(node), fix=fix, jumps=" or ".join(jumps) or "a jump"
    )


def _else_may_move(loop: ast.For | ast.AsyncFor) -> bool:
    """Whether `_move_else_after_loop` can give a result: the loop ends in an `if` with an
    `else` whose last statement returns or raises. Asked first, so a loop that cannot be fixed
    does not load libcst (the rewrite needs the same of its libcst nodes and gives none)."""
    last = loop.body[-1]
    return (
        isinstance(last, ast.If)
        and bool(last.orelse)
        and isinstance(last.orelse[-1], (ast.Return, ast.Raise))
    )


def _move_else_after_loop(
    statement: cst.BaseStatement,
) -> cst.FlattenSentinel[cst.BaseStatement] | None:
    """`for ...: if c: return x / else: return y` -> the loop without else, then `return y`."""
    if not isinstance(statement, cst.For) or not isinstance(statement.body, cst.IndentedBlock):
        return None
    last = statement.body.body[-1]
    if not (
        isinstance(last, cst.If)
        and isinstance(last.orelse, cst.Else)
        and isinstance(last.orelse.body, cst.IndentedBlock)
    ):
        return None
    moved = list(last.orelse.body.body)
    if not moved or not _ends_in_return(moved[-1]) or _mentions_break(moved):
        return None
    loop = statement.with_changes(
        body=statement.body.with_changes(
            body=[*statement.body.body[:-1], last.with_changes(orelse=None)]
        )
    )
    return cst.FlattenSentinel([loop, *moved])


def _ends_in_return(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and isinstance(
        statement.body[-1], (cst.Return, cst.Raise)
    )


def _mentions_break(statements: list[cst.BaseStatement]) -> bool:
    code = cst.Module(body=statements).code
    return "break" in code or "continue" in code
