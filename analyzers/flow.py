"""How control leaves a block: what the loop and function rules need to know about jumps."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from mentor.analyzers.walk import child_nodes

NESTED_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ClassDef,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
_TRY_NODES = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))
# Calls that end the program (or the process) on the spot.
EXIT_CALLS = frozenset({"exit", "quit", "_exit", "abort", "execv", "execve", "execl", "execvp"})


def own_nodes(statements: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """Every node of `statements`, not descending into nested functions, classes or lambdas."""
    stack = list(statements)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, NESTED_SCOPES):
            stack.extend(child_nodes(node))


def loop_jumps(loop: ast.AST) -> Iterator[ast.Break | ast.Continue]:
    """The `break` and `continue` statements that belong to `loop` (not to a loop inside it)."""
    stack = [*loop.body, *getattr(loop, "orelse", [])]  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Break, ast.Continue)):
            yield node
        elif not isinstance(node, (*NESTED_SCOPES, *LOOPS)):
            stack.extend(child_nodes(node))
        elif isinstance(node, LOOPS):
            stack.extend(node.orelse)  # a nested loop's `else` still belongs to us


def is_exit_call(node: ast.AST) -> bool:
    """`sys.exit()`, `exit()`, `os._exit(1)`...: a call that ends the program."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name in EXIT_CALLS


def block_always_exits(block: list[ast.stmt], *, loop_exits: bool = True) -> bool:
    """Whether running `block` always ends in return/raise (or break, when `loop_exits`)."""
    return any(statement_always_exits(statement, loop_exits=loop_exits) for statement in block)


def statement_always_exits(statement: ast.stmt, *, loop_exits: bool = True) -> bool:
    if isinstance(statement, (ast.Return, ast.Raise)):
        return True
    if isinstance(statement, ast.Break):
        return loop_exits
    if isinstance(statement, ast.Expr) and is_exit_call(statement.value):
        return True
    if isinstance(statement, ast.If):
        return bool(statement.orelse) and (
            block_always_exits(statement.body, loop_exits=loop_exits)
            and block_always_exits(statement.orelse, loop_exits=loop_exits)
        )
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return block_always_exits(statement.body, loop_exits=loop_exits)
    if isinstance(statement, _TRY_NODES):
        if block_always_exits(statement.finalbody, loop_exits=loop_exits):  # type: ignore[attr-defined]
            return True
        main = block_always_exits(statement.body, loop_exits=loop_exits) or (  # type: ignore[attr-defined]
            block_always_exits(statement.orelse, loop_exits=loop_exits)  # type: ignore[attr-defined]
        )
        return main and all(
            block_always_exits(handler.body, loop_exits=loop_exits)
            for handler in statement.handlers  # type: ignore[attr-defined]
        )
    return False


def block_of(parent: ast.AST, statement: ast.stmt) -> list[ast.stmt] | None:
    """The list (body, orelse, finalbody, handlers' body) of `parent` that holds `statement`."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and any(item is statement for item in block):
            return block
    return None
