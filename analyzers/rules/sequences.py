"""String and collection rules: asking a value its length, copying nested lists, and building
text piece by piece in a loop."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span, rewrite_expression
from mentor.analyzers.flow import LOOPS, NESTED_SCOPES
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import BindingKind
from mentor.analyzers.values import bindings

LENGTH_METHOD = register(
    Rule(
        id=RuleId.LENGTH_METHOD,
        name="length-method",
        summary="`s.length` or `s.len()`: in Python the length is `len(s)`.",
        concepts=(Concept.STRINGS, Concept.LISTS, Concept.FUNCTIONS),
        docs=Docs(
            what="Asking a text, list, dict or set for its length the way other languages do: "
            "`s.length`, `s.length()`, `s.len()` or `s.size()`.",
            why="Python's strings and lists have no `length` attribute or `len` method, so "
            "these fail with AttributeError. The length of anything in Python is asked with "
            "the built-in function `len(...)`, the same way for every kind of collection.",
            example=code("""
                name = input('Name? ')
                print(name.length)
            """),
            better=code("""
                name = input('Name? ')
                print(len(name))
            """),
            question="Which built-in function gives the number of items of any collection?",
        ),
        messages=Messages(
            novice="{kind} has no `{attribute}`: this fails with AttributeError. In Python the "
            "length of anything is `len(...)`: write `{better}`.",
            developing="No `.{attribute}` in Python: use `{better}`.",
            proficient="Use `{better}`.",
        ),
        severity=Severities.same(Severity.ERROR),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    name = input('Name? ')
                    print(name.length)
                """),
                fixed=code("""
                    name = input('Name? ')
                    print(len(name))
                """),
                at="2:6-2:17",
                message="No `.length` in Python: use `len(name)`.",
            ),
            Invalid(
                code("""
                    words = ['a', 'b']
                    n = words.len()
                """),
                fixed=code("""
                    words = ['a', 'b']
                    n = len(words)
                """),
                at="2:4-2:15",
            ),
            Invalid(
                code("""
                    items = [1]
                    if items.size() > 0:
                        pass
                """),
                fixed=code("""
                    items = [1]
                    if len(items) > 0:
                        pass
                """),
                at="2:3-2:15",
            ),
            Invalid(
                code("""
                    def f(text):
                        return text.length()
                """),
                fixed=code("""
                    def f(text):
                        return len(text)
                """),
                at="2:11-2:24",
            ),
        ),
        valid=(
            code("""
                name = 'Ada'
                print(len(name))
            """),
            code("""
                class Box:
                    def __init__(self):
                        self.length = 3

                b = Box()
                print(b.length)
            """),
            code("""
                import numpy as np
                a = np.zeros(3)
                print(a.size)
            """),
            code("""
                def f(segment):
                    return segment.length
            """),
        ),
    )
)

MULTIPLIED_NESTED_LIST = register(
    Rule(
        id=RuleId.MULTIPLIED_NESTED_LIST,
        name="multiplied-nested-list",
        summary="`[[0] * 3] * 3` repeats the same inner list: changing one row changes all.",
        concepts=(Concept.LISTS,),
        docs=Docs(
            what="A list of lists (or dicts, sets) made by multiplying a list that holds one, "
            "such as `[[0] * 3] * 3` or `[[]] * n`.",
            why="`*` copies references, not the inner list: all the rows are one and the same "
            "list. Setting `grid[0][0] = 1` then changes the first cell of every row. A list "
            "comprehension builds a new inner list for each row.",
            example=code("""
                grid = [[0] * 3] * 3
                grid[0][0] = 1
                print(grid)
            """),
            better=code("""
                grid = [[0] * 3 for _ in range(3)]
                grid[0][0] = 1
                print(grid)
            """),
            question="How many different inner lists does `[[0] * 3] * 3` contain?",
        ),
        messages=Messages(
            novice="`*` repeats one and the same inner {kind} (`{count}` times), so changing one "
            "row changes them all. Build a new one for each row: `{better}`.",
            developing="All rows are the same {kind}; use `{better}`.",
            proficient="Aliased rows: use `{better}`.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("edulint:R6610",),
        fixable=True,
        invalid=(
            Invalid(
                "grid = [[0] * 3] * 3  # a 3x3 board\n",
                fixed="grid = [[0] * 3 for _ in range(3)]  # a 3x3 board\n",
                at="1:7-1:20",
                message="All rows are the same list; use `[[0] * 3 for _ in range(3)]`.",
            ),
            Invalid(
                code("""
                    rows = 4
                    board = rows * [[]]
                """),
                fixed=code("""
                    rows = 4
                    board = [[] for _ in range(rows)]
                """),
                at="2:8-2:19",
            ),
            Invalid("counts = [{}] * 5\n", at="1:9-1:17"),
        ),
        valid=(
            "grid = [[0] * 3 for _ in range(3)]\n",
            "row = [0] * 3\n",
            "pairs = [(0, 0)] * 3\n",
            "names = ['?'] * 5\n",
        ),
    )
)

STRING_CONCAT_IN_LOOP = register(
    Rule(
        id=RuleId.STRING_CONCAT_IN_LOOP,
        name="string-concat-in-loop",
        summary="Building a text from a loop's items with `+=`: collect them and `''.join`.",
        concepts=(Concept.STRINGS, Concept.LOOPS, Concept.LISTS),
        docs=Docs(
            what="A text variable that a `for` loop grows with each item, piece by piece, with "
            "`s += ...` or `s = s + ...`.",
            why="Text in Python cannot change: every `+=` builds a brand-new string and copies "
            "everything so far into it, which gets slow for long texts. Collecting the pieces in "
            "a list and joining them once with `''.join(pieces)` is the usual Python way, and "
            "it makes the separator easy to choose.",
            example=code("""
                result = ''
                for word in ['a', 'b', 'c']:
                    result += word + ', '
            """),
            better="result = ', '.join(['a', 'b', 'c'])\n",
            question="How many times is the text built so far copied when the loop runs a "
            "thousand times?",
        ),
        messages=Messages(
            novice="Each `+=` copies the whole text `{name}` into a new one. Collect the pieces in "
            "a list and join them once after the loop: `''.join(pieces)`.",
            developing="`{name}` is rebuilt on every pass; collect the pieces in a list and "
            "`''.join` them.",
            proficient="String `{name}` built with `+=` in a loop: use `''.join`.",
        ),
        severity=Severities(None, Severity.INFO, Severity.INFO),
        tags=frozenset({"style"}),
        invalid=(
            Invalid(
                code("""
                    result = ''
                    for word in ['a', 'b']:
                        result += word + ', '
                """),
                at="3:4-3:25",
                message="`result` is rebuilt on every pass; collect the pieces in a list and "
                "`''.join` them.",
            ),
            Invalid(
                code("""
                    def initials(names):
                        letters = ''
                        for name in names:
                            letters = letters + name[0]
                        return letters
                """),
                at="4:8-4:35",
            ),
            Invalid(
                code("""
                    text = 'Numbers: '
                    for n in range(3):
                        text += str(n)
                """),
                at="3:4-3:18",
            ),
            Invalid(
                code("""
                    line = ''
                    for w in ['a', 'b']:
                        line = line + w + ' '
                """),
                at="3:4-3:25",
            ),
        ),
        valid=(
            "result = ''.join(words)\n",
            code("""
                total = 0
                for n in [1, 2]:
                    total += n
            """),
            code("""
                line = ''
                line += 'x'
            """),
            code("""
                def f(parts):
                    s = ''
                    s += parts[0]
                    return s
            """),
            code("""
                def f(acc, xs):
                    for x in xs:
                        acc += x
                    return acc
            """),
            code("""
                items = []
                for n in [1, 2]:
                    items += [n]
            """),
            code("""
                line = ''
                for n in range(3):
                    line += '*'
            """),
        ),
    )
)


# -- length method ---------------------------------------------------------------------------

_LENGTH_NAMES = frozenset({"length", "len", "size"})
_KINDS = {
    ast.List: "A list",
    ast.Tuple: "A tuple",
    ast.Dict: "A dict",
    ast.Set: "A set",
    ast.ListComp: "A list",
    ast.DictComp: "A dict",
    ast.SetComp: "A set",
    ast.JoinedStr: "A text (str)",
}
_CALL_KINDS = {
    "input": "A text (str)",
    "str": "A text (str)",
    "list": "A list",
    "sorted": "A list",
    "dict": "A dict",
    "set": "A set",
    "tuple": "A tuple",
}
_METHOD_KINDS = {
    "split": "A list",
    "upper": "A text (str)",
    "lower": "A text (str)",
    "strip": "A text (str)",
    "readlines": "A list",
    "keys": "A dict view",
}


@checker(LENGTH_METHOD, ast.Attribute)
def _length_method(node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
    if node.attr not in _LENGTH_NAMES or not isinstance(node.ctx, ast.Load):
        return
    parent = ctx.parent(node)
    called = isinstance(parent, ast.Call) and parent.func is node
    if called and (parent.args or parent.keywords):  # type: ignore[union-attr]
        return
    kind = _builtin_kind(ctx, node.value)
    if kind is None:
        # Nothing else is known about the value; `.len()` and `.length()` exist nowhere in
        # Python's own types and are almost always this mistake.
        if not called or node.attr == "size" or _on_self(node.value):
            return
        if node.attr in ctx.defined_attributes:
            return
        kind = "A Python value"
    whole = parent if called else node
    receiver = ctx.segment(node.value)
    better = f"len({receiver})"
    fix = make_fix(
        ctx,
        f"Write `{better}`",
        Applicability.UNSAFE,  # it failed before; now it runs
        [replace_span(ctx.span(whole), better)],  # type: ignore[arg-type]
    )
    attribute = f"{node.attr}()" if called else node.attr
    yield ctx.finding(LENGTH_METHOD, whole, fix=fix, kind=kind, attribute=attribute, better=better)  # type: ignore[arg-type]


def _builtin_kind(ctx: Context, node: ast.expr) -> str | None:
    """ "A list", "A text (str)"...: when `node` certainly holds a built-in collection."""
    kind = _kind_of_value(node)
    if kind is not None or not isinstance(node, ast.Name):
        return kind
    values = [value for value in bindings(ctx, node.id, node)]
    kinds = {_kind_of_value(value) for value in values}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    return None


def _kind_of_value(value: ast.AST) -> str | None:
    if isinstance(value, ast.Constant):
        return "A text (str)" if isinstance(value.value, str) else None
    if type(value) in _KINDS:
        return _KINDS[type(value)]  # type: ignore[index]
    if isinstance(value, ast.Call):
        if isinstance(value.func, ast.Name):
            return _CALL_KINDS.get(value.func.id)
        if isinstance(value.func, ast.Attribute):
            return _METHOD_KINDS.get(value.func.attr)
    return None


def _on_self(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


# -- multiplied nested lists -----------------------------------------------------------------

_MUTABLE_DISPLAYS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


@checker(MULTIPLIED_NESTED_LIST, ast.BinOp)
def _multiplied_nested_list(node: ast.BinOp, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.op, ast.Mult):
        return
    for outer, count in ((node.left, node.right), (node.right, node.left)):
        if not isinstance(outer, ast.List) or len(outer.elts) != 1:
            continue
        inner = outer.elts[0]
        if not _is_mutable(inner):
            continue
        inner_text, count_text = ctx.segment(inner), ctx.segment(count)
        better = f"[{inner_text} for _ in range({count_text})]"
        fix = None
        if not any(isinstance(n, ast.Name) and n.id == "_" for n in ast.walk(inner)):
            fix = make_fix(
                ctx,
                "Build a new inner list for each row",
                Applicability.UNSAFE,  # rows stop being shared: that is the point
                [rewrite_expression(ctx, node, lambda _, new=better: cst.parse_expression(new))],
            )
        kind = (
            "dict"
            if isinstance(inner, (ast.Dict, ast.DictComp))
            else ("set" if isinstance(inner, (ast.Set, ast.SetComp)) else "list")
        )
        yield ctx.finding(
            MULTIPLIED_NESTED_LIST, node, fix=fix, count=count_text, kind=kind, better=better
        )
        return


def _is_mutable(node: ast.expr) -> bool:
    if isinstance(node, _MUTABLE_DISPLAYS):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return isinstance(node.left, ast.List) or isinstance(node.right, ast.List)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("list", "dict", "set")
    )


# -- string concatenation in a loop ----------------------------------------------------------


@checker(STRING_CONCAT_IN_LOOP, ast.For, ast.AsyncFor)
def _string_concat_in_loop(node: ast.For, ctx: Context) -> Iterator[Finding]:
    # Only text built from the items the loop walks over: that is what `''.join` replaces.
    items = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    scope_node = ctx.enclosing_scope(node)
    scope = ctx.scopes.scope_of(scope_node)
    if scope is None:
        return
    reported: set[str] = set()
    for statement in _loop_statements(node):
        name = _concatenated_name(statement)
        if name is None or name in reported or not _adds_an_item(statement, items):
            continue
        if not _holds_text(scope.bindings.get(name, []), ctx):
            continue
        reported.add(name)
        yield ctx.finding(STRING_CONCAT_IN_LOOP, statement, name=name)


def _loop_statements(loop: ast.AST) -> Iterator[ast.AST]:
    """The loop body's own statements, not those of nested loops (they report themselves)."""
    stack = list(loop.body)  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        if isinstance(node, (*NESTED_SCOPES, *LOOPS)):
            continue
        yield node
        stack.extend(
            child for child in ast.iter_child_nodes(node) if isinstance(child, _STATEMENT_LIKE)
        )


_STATEMENT_LIKE = (
    ast.stmt,
    ast.excepthandler,
    *((ast.match_case,) if hasattr(ast, "match_case") else ()),
)


def _concatenated_name(statement: ast.AST) -> str | None:
    if (
        isinstance(statement, ast.AugAssign)
        and isinstance(statement.op, ast.Add)
        and isinstance(statement.target, ast.Name)
    ):
        return statement.target.id
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        first = statement.value  # `s = s + a + b` is `(s + a) + b`: find the leftmost term
        while isinstance(first, ast.BinOp) and isinstance(first.op, ast.Add):
            first = first.left
        if first is not statement.value and isinstance(first, ast.Name):
            return first.id if first.id == statement.targets[0].id else None
    return None


def _adds_an_item(statement: ast.AST, items: set[str]) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id in items
        for n in ast.walk(statement.value)  # type: ignore[attr-defined]
    )


def _holds_text(name_bindings: list, ctx: Context) -> bool:
    """Every binding is text: a string literal to start, then only `+=` / `x = x + ...`."""
    starts = 0
    for binding in name_bindings:
        if binding.kind is BindingKind.AUGMENTED:
            continue
        if binding.kind is not BindingKind.ASSIGN or binding.unpacked:
            return False
        statement = ctx.parent(binding.node)
        value = getattr(statement, "value", None)
        if isinstance(value, (ast.JoinedStr,)) or (
            isinstance(value, ast.Constant) and isinstance(value.value, str)
        ):
            starts += 1
        elif _concatenated_name(statement) is None:  # type: ignore[arg-type]
            return False
    return starts > 0
