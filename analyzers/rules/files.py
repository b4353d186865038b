"""Program-structure rules about files: a script named like a standard module, and files opened
without `with`."""

from __future__ import annotations

import ast
import os
import sys
import sysconfig
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.flow import block_of
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import Scope
from mentor.analyzers.source import Span

MODULE_SHADOWS_STDLIB = register(
    Rule(
        id=RuleId.MODULE_SHADOWS_STDLIB,
        name="module-shadows-stdlib",
        summary="A file named like a standard module (`random.py`) hides the real one.",
        concepts=(Concept.MODULES,),
        docs=Docs(
            what="A program file (or package folder) whose name is also the name of a module "
            "of Python's standard library, such as `random.py`, `math.py` or `turtle.py`. The "
            "finding is on the file's first line. It is not reported for files inside a package "
            "(a folder with `__init__.py`: `mypackage/random.py` is `mypackage.random`) nor for "
            "files of the Python installation itself.",
            why="`import random` looks in the folder of the program first. With a `random.py` "
            "there, Python imports your file instead of the real module, and `random.randint` "
            "fails with AttributeError, often with a confusing 'circular import' message.",
            example=code("""
                # saved as random.py
                import random
                print(random.randint(1, 6))
            """),
            better=code("""
                # saved as dice.py
                import random
                print(random.randint(1, 6))
            """),
            question="When you write `import random`, where does Python look first?",
            example_path="/home/student/random.py",
        ),
        messages=Messages(
            novice="This file is called `{file}`, like Python's own `{module}` module. An "
            "`import {module}` in this folder finds this file instead of the real module, so "
            "its functions go missing. Rename the file, for example to `my_{module}.py`.",
            developing="`{file}` hides the standard `{module}` module; rename it.",
            proficient="`{file}` shadows the standard library module `{module}`.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("ruff:A005",),
        invalid=(
            Invalid(
                code("""
                    import random
                    print(random.randint(1, 6))
                """),
                path="/home/student/random.py",
                at="1:0-1:13",
                message="`random.py` hides the standard `random` module; rename it.",
            ),
            Invalid("from math import sqrt\n", path="/home/student/math.py", at="1:0-1:21"),
            Invalid("print('hi')\n", path="/home/student/statistics/__init__.py", at="1:0-1:11"),
        ),
        valid=(
            code("""
                import random
                print(random.randint(1, 6))
            """),
        ),
    )
)

OPEN_WITHOUT_WITH = register(
    Rule(
        id=RuleId.OPEN_WITHOUT_WITH,
        name="open-without-with",
        summary="`f = open(...)` without `with`: the file may stay open.",
        concepts=(Concept.FILES,),
        docs=Docs(
            what="A file opened with `f = open(...)` and kept in a variable, instead of in a "
            "`with open(...) as f:` block; or opened, used at once and dropped, as in "
            "`open(path).read()`, `for line in open(path):` or `json.load(open(path))`.",
            why="An open file holds on to a resource of the computer until it is closed, and "
            "text written to it may not reach the disk before that. Calling `f.close()` by hand "
            "is easy to forget, and is skipped when an error happens in between. A `with` block "
            "closes the file for you when the block ends, whatever happens.",
            example=code("""
                f = open('notes.txt')
                text = f.read()
                f.close()
            """),
            better=code("""
                with open('notes.txt') as f:
                    text = f.read()
            """),
            question="If `f.read()` fails, does the line with `f.close()` still run?",
        ),
        messages=Messages(
            novice="The file opened here must be closed by hand{closed}. A `with open(...) as "
            "{name}:` block closes it for you when the block ends, even after an error.",
            developing="Open the file with `with open(...) as {name}:` so it is always closed.",
            proficient="Use a `with` statement for `open`.",
        ),
        severity=Severities(Severity.INFO, Severity.WARNING, Severity.WARNING),
        equivalents=("pylint:R1732", "ruff:SIM115"),
        differences=(
            Difference(
                "other-resources",
                ("pylint:R1732", "ruff:SIM115"),
                "only the built-in `open()` is checked; pylint and ruff also report "
                "`subprocess.Popen`, `zipfile.ZipFile`, `tempfile` files and locks, and "
                "`builtins.open` written out, which beginners rarely meet.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    f = open('notes.txt')
                    # read everything
                    text = f.read()
                    f.close()
                """),
                fixed=code("""
                    with open('notes.txt') as f:
                        # read everything
                        text = f.read()
                """),
                at="1:4-1:21",
                message="Open the file with `with open(...) as f:` so it is always closed.",
            ),
            Invalid(
                code("""
                    def load(path):
                        handle = open(path, 'w')
                        handle.write('x')
                """),
                at="2:13-2:28",
            ),
            Invalid("text = open('notes.txt').read()\n", at="1:7-1:24"),
            Invalid(
                code("""
                    for line in open('notes.txt'):
                        print(line)
                """),
                at="1:12-1:29",
            ),
            Invalid(
                code("""
                    import json
                    data = json.load(open('data.json'))
                """),
                at="2:17-2:34",
            ),
            Invalid("open('log.txt', 'a').write('done')\n", at="1:0-1:20"),
        ),
        valid=(
            code("""
                with open('notes.txt') as f:
                    text = f.read()
            """),
            code("""
                def opener(path):
                    f = open(path)
                    return f
            """),
            code("""
                f = open('x')
                try:
                    data = f.read()
                finally:
                    f.close()
            """),
            code("""
                class Log:
                    def __init__(self, path):
                        self.file = open(path, 'a')
            """),
            code("""
                def open(path):
                    return path

                f = open('x')
            """),
            code("""
                f = open('x')
                with f:
                    pass
            """),
            code("""
                def get(path):
                    f = open(path, 'rb')
                    return Proxy(f)
            """),
            code("""
                def reader(path):
                    return csv.reader(open(path))
            """),
            code("""
                with closing(open('x')) as f:
                    pass
            """),
            code("""
                files = []
                f = open('x')
                files.append(f)
            """),
            code("""
                try:
                    f = open('x')
                except OSError:
                    pass
                else:
                    f.close()
            """),
        ),
    )
)


# -- module named like the standard library ---------------------------------------------------

# Modules that are always compiled into Python, so no file can hide them, and names a beginner
# uses for a first script without ever importing the module (`test.py`).
_NEVER_HIDDEN = frozenset({"sys", "builtins", "marshal", "test", "this", "antigravity"})


@lru_cache(maxsize=1)
def _python_folders() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    folders = {paths.get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    return tuple(os.path.realpath(folder) for folder in folders if folder)


def shadowed_module(path: str | None) -> str | None:
    """The standard module that a file at `path` would hide when run as a script, if any."""
    if not path:
        return None
    file = Path(path)
    if file.suffix not in (".py", ".pyw"):
        return None
    is_package = file.name == "__init__.py"
    module = file.parent.name if is_package else file.stem
    names = getattr(sys, "stdlib_module_names", frozenset())
    if module not in names or module.startswith("_") or module in _NEVER_HIDDEN:
        return None
    if any(part in ("site-packages", "dist-packages") for part in file.parts):
        return None
    real = os.path.realpath(file)
    if any(real.startswith(folder + os.sep) for folder in _python_folders()):
        return None  # Python's own copy of the module, or an installed backport
    folder = file.parent.parent if is_package else file.parent
    # Inside a package the module is `package.random`, which hides nothing. (The only file
    # system access of the analyzers: one existence check, for files with such a name.)
    if (folder / "__init__.py").exists():
        return None
    return module


@checker(MODULE_SHADOWS_STDLIB, ast.Module)
def _module_shadows_stdlib(node: ast.Module, ctx: Context) -> Iterator[Finding]:
    module = shadowed_module(ctx.path)
    if module is None:
        return
    first_line = ctx.source.line(1)
    yield ctx.finding(
        MODULE_SHADOWS_STDLIB,
        Span(1, 0, 1, len(first_line.rstrip())),
        file=Path(ctx.path or "").name if module == Path(ctx.path or "").stem else module + "/",
        module=module,
    )


# -- open without with -------------------------------------------------------------------------


@checker(OPEN_WITHOUT_WITH, ast.Call)
def _open_without_with(node: ast.Call, ctx: Context) -> Iterator[Finding]:
    if not (
        isinstance(node.func, ast.Name)
        and node.func.id == "open"
        and ctx.scopes.resolved.get(id(node.func)) is None
    ):
        return
    statement = ctx.parent(node)
    if not (
        isinstance(statement, ast.Assign)
        and statement.value is node
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        if _used_unkept(ctx, node):
            yield ctx.finding(
                OPEN_WITHOUT_WITH,
                node,
                name="f",
                closed=": it is never kept in a variable, so nothing can close it",
            )
        return
    name = statement.targets[0].id
    scope = ctx.scopes.scope_of(ctx.enclosing_scope(statement))
    if scope is None or ctx.scopes.module.star_import or _managed_elsewhere(ctx, scope, name):
        return  # (a star import may bring another `open`, such as `os.open`)
    close = _later_close(ctx, statement, name)
    if close is not None and _next_statement(ctx, statement) is close:
        return  # opened and closed at once: a check that the file can be opened
    fix = None
    if close is not None:
        fix = make_fix(
            ctx,
            f"Use `with open(...) as {name}:`",
            Applicability.UNSAFE,  # the file is now closed even when an error happens
            [_with_block(ctx, statement, close, name)],
        )
    yield ctx.finding(
        OPEN_WITHOUT_WITH,
        node,
        fix=fix,
        name=name,
        closed=(
            f" (line {close.lineno} does, but not if an error happens first)"
            if close is not None
            else ", and nothing closes it"
        ),
    )


def _used_unkept(ctx: Context, call: ast.Call) -> bool:
    """`open(p).read()`, `for line in open(p):`, `json.load(open(p))`: the file is used at once
    and dropped, open until the garbage collector gets to it. Not when it is handed on as it is
    (returned, stored on an object, given to `with` or to a wrapper that is itself kept)."""
    if ctx.scopes.module.star_import:
        return False  # a star import may bring another `open`, such as `os.open`
    parent = ctx.parent(call)
    if isinstance(parent, ast.Attribute):
        return True
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is call:
        return True
    if isinstance(parent, ast.Call) and call in parent.args:
        outer = ctx.parent(parent)
        return isinstance(outer, (ast.Attribute, ast.Expr, ast.For, ast.comprehension)) or (
            isinstance(outer, ast.Assign)
            and all(isinstance(target, ast.Name) for target in outer.targets)
            and isinstance(parent.func, ast.Attribute)
            and parent.func.attr in _READS_ALL
        )
    return isinstance(parent, ast.Expr)


# `json.load(open(p))`, `pickle.load(...)`: calls that read the file and give back its content.
_READS_ALL = frozenset({"load", "loads", "safe_load", "read_csv"})


def _managed_elsewhere(ctx: Context, scope: Scope, name: str) -> bool:
    """Handed on (returned, yielded, stored on an object or in a collection), used in `with`,
    or closed in a `finally`, `else` or `except` block: someone is taking care of it."""
    for use in scope.uses:
        if use.name != name:
            continue
        parent = ctx.parent(use.node)
        if isinstance(parent, ast.withitem):
            return True
        if isinstance(parent, ast.Attribute) and parent.attr == "close":
            if _in_cleanup_block(ctx, use.node):
                return True
            continue
        for ancestor in ctx.ancestors(use.node):
            if isinstance(ancestor, (ast.Return, ast.Yield, ast.YieldFrom)):
                return True
            if (
                isinstance(ancestor, ast.Call)
                and isinstance(ancestor.func, ast.Attribute)
                and ancestor.func.attr in _TAKES_OWNERSHIP
            ):
                return True
            if isinstance(ancestor, (ast.Assign, ast.AnnAssign)):
                targets = getattr(ancestor, "targets", None) or [ancestor.target]  # type: ignore[attr-defined]
                if not all(isinstance(target, ast.Name) for target in targets):
                    return True  # `self.file = f`: the object owns it now
            if isinstance(ancestor, ast.stmt):
                break
    return False


# `files.append(f)`, `stack.enter_context(f)`: a collection or a manager now owns the file.
_TAKES_OWNERSHIP = frozenset({"append", "add", "extend", "insert", "push", "enter_context"})


def _in_cleanup_block(ctx: Context, node: ast.AST) -> bool:
    """Inside a `finally:`, a try's `else:` or an `except` block."""
    chain = [node, *ctx.ancestors(node)]
    for child, ancestor in pairwise(chain):
        if isinstance(ancestor, ast.ExceptHandler):
            return True
        if isinstance(ancestor, ast.Try) and (
            child in ancestor.finalbody or child in ancestor.orelse
        ):
            return True
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
    return False


def _next_statement(ctx: Context, statement: ast.stmt) -> ast.stmt | None:
    parent = ctx.parent(statement)
    block = block_of(parent, statement) if parent is not None else None
    if not block:
        return None
    position = block.index(statement)
    return block[position + 1] if position + 1 < len(block) else None


def _later_close(ctx: Context, statement: ast.stmt, name: str) -> ast.Expr | None:
    """A `name.close()` statement later in the same block."""
    parent = ctx.parent(statement)
    block = block_of(parent, statement) if parent is not None else None
    if not block:
        return None
    for later in block[block.index(statement) + 1 :]:
        if (
            isinstance(later, ast.Expr)
            and isinstance(later.value, ast.Call)
            and isinstance(later.value.func, ast.Attribute)
            and later.value.func.attr == "close"
            and isinstance(later.value.func.value, ast.Name)
            and later.value.func.value.id == name
            and not later.value.args
        ):
            return later
    return None


def _with_block(ctx: Context, opening: ast.Assign, close: ast.Expr, name: str):
    """`f = open(...)` ... `f.close()` -> `with open(...) as f:` and the lines between, indented."""
    source = ctx.source
    start, end = ctx.span(opening), ctx.span(close)
    indent = source.line(start.line)[: start.column]
    if indent.strip() or source.line(end.line)[end.end_column :].strip():
        return None
    if source.line(start.line)[ctx.span(opening).end_column :].strip():
        return None  # a comment after `f = open(...)` would be lost
    inner = list(range(start.end_line + 1, end.line))
    if not any(source.line(number).strip() for number in inner):
        return None
    if _has_multiline_string(ctx, opening, close):
        return None  # indenting would change the text inside the string
    unit = "\t" if indent.startswith("\t") else "    "
    body = [unit + source.line(number) if source.line(number).strip() else "" for number in inner]
    header = f"{indent}with {ctx.segment(opening.value)} as {name}:"
    text = "\n".join([header, *body])
    return replace_span(Span(start.line, 0, end.end_line, end.end_column), text)


def _has_multiline_string(ctx: Context, opening: ast.stmt, close: ast.stmt) -> bool:
    parent = ctx.parent(opening)
    block = block_of(parent, opening) if parent is not None else []
    between = block[block.index(opening) + 1 : block.index(close)] if block else []
    return any(
        isinstance(node, (ast.Constant, ast.JoinedStr))
        and (node.end_lineno or node.lineno) > node.lineno
        for statement in between
        for node in ast.walk(statement)
    )
