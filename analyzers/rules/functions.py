"""Rules about functions, their parameters and what they return."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context, scope_nodes
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_statement, rewrite_statement, statement_lines
from mentor.analyzers.incremental.tracking import TrackedNames
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit
from mentor.analyzers.values import is_known_collection

MUTABLE_DEFAULT_ARGUMENT = register(
    Rule(
        id=RuleId.MUTABLE_DEFAULT_ARGUMENT,
        name="mutable-default-argument",
        summary="A list, dict or set as a parameter's default value is shared by every call.",
        concepts=(Concept.FUNCTIONS, Concept.LISTS),
        docs=Docs(
            what="A parameter whose default value is a list, dict or set, such as `def add(x, "
            "items=[]):`. The message says whether the function changes that value (`append`, "
            "`items[0] = ...`, `+=`) or hands it out (returns it, stores it on an object), where "
            "the sharing already shows, or only reads it. A default whose name starts with `_` "
            "(a cache shared on purpose) is left alone.",
            why="Python creates the default value once, when it reads the `def` line, not on "
            "each call. Every call that uses the default shares that same list, so items added "
            "in one call are still there in the next: a surprise that is hard to track down.",
            example=code("""
                def add(item, basket=[]):
                    basket.append(item)
                    return basket
            """),
            better=code("""
                def add(item, basket=None):
                    if basket is None:
                        basket = []
                    basket.append(item)
                    return basket
            """),
            question="If you call `add('apple')` and then `add('pear')`, how many items do "
            "you expect in the second basket? Try it and see.",
        ),
        messages=Messages(
            novice="The default value `{default}` is made only once, when Python reads the "
            "`def` line, and then shared by every call of `{function}`{consequence}. Use `None` "
            "as the default and create a fresh one inside the function.",
            developing="Mutable default `{default}` is shared between calls of `{function}`"
            "{short_consequence}; default to None and create it inside.",
            proficient="Mutable default argument `{parameter}={default}`.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("pylint:W0102", "ruff:B006"),
        fixable=True,
        invalid=(
            Invalid(
                code('''
                    def add(item, basket=[]):
                        """Put item in the basket."""
                        basket.append(item)  # grows every call
                        return basket
                '''),
                fixed=code('''
                    def add(item, basket=None):
                        """Put item in the basket."""
                        if basket is None:
                            basket = []
                        basket.append(item)  # grows every call
                        return basket
                '''),
                at="1:21-1:23",
                message="Mutable default `[]` is shared between calls of `add` (and changed "
                "here); default to None and create it inside.",
            ),
            Invalid(
                code("""
                    def count(word, seen={}):
                        seen[word] = seen.get(word, 0) + 1
                """),
                fixed=code("""
                    def count(word, seen=None):
                        if seen is None:
                            seen = {}
                        seen[word] = seen.get(word, 0) + 1
                """),
                at="1:21-1:23",
            ),
            Invalid(
                code("""
                    def f(*, tags=set()):
                        return tags
                """),
                at="1:14-1:19",
            ),
            Invalid(
                code("""
                    def add(item, items=[]):
                        return items + [item]
                """),
                fixed=code("""
                    def add(item, items=None):
                        if items is None:
                            items = []
                        return items + [item]
                """),
                at="1:20-1:22",
            ),
        ),
        valid=(
            code("""
                def add(item, basket=None):
                    pass
            """),
            code("""
                def f(x=(1, 2), name='a', n=0):
                    pass
            """),
            code("""
                def f(x=frozenset()):
                    pass
            """),
            code("""
                def f(x, _cache={}):
                    _cache[x] = 1
            """),
        ),
    )
)

ASSIGNMENT_FROM_NONE = register(
    Rule(
        id=RuleId.ASSIGNMENT_FROM_NONE,
        name="assignment-from-none",
        summary="Keeping the result of something that returns None, like `x = lst.sort()`.",
        concepts=(Concept.RETURN_VALUES, Concept.FUNCTIONS, Concept.LISTS),
        docs=Docs(
            what="Storing or returning the result of a call that always gives back `None`: "
            "list methods that change the list in place (`sort`, `append`, `reverse`...), "
            "`print`, or one of your own functions that never returns a value.",
            why="`numbers.sort()` sorts the list itself and returns nothing (None). Writing "
            "`numbers = numbers.sort()` throws the list away and keeps None, and the error only "
            "shows up later, far from its cause.",
            example=code("""
                numbers = [3, 1, 2]
                numbers = numbers.sort()
                print(numbers[0])
            """),
            better=code("""
                numbers = [3, 1, 2]
                numbers.sort()
                print(numbers[0])
            """),
            question="What does `numbers.sort()` change, and what does it give back?",
        ),
        messages=Messages(
            novice="`{call}` {does} and gives back None, so `{target}` will be None. {advice}",
            developing="`{call}` returns None. {advice}",
            proficient="`{call}` returns None.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("pylint:E1128", "pylint:E1111"),
        invalid=(
            Invalid(
                code("""
                    numbers = [3, 1, 2]
                    numbers = numbers.sort()
                """),
                at="2:10-2:24",
                message="`numbers.sort()` returns None. Call `numbers.sort()` on its own line, "
                "then use `numbers`. Or keep the original and write `sorted(numbers)`.",
            ),
            Invalid(
                code("""
                    names = []
                    result = names.append('Ada')
                """),
                at="2:9-2:28",
            ),
            Invalid("answer = print('Hello')\n", at="1:9-1:23"),
            Invalid(
                code("""
                    def setup():
                        global ready
                        ready = True

                    state = setup()
                """),
                at="5:8-5:15",
            ),
            Invalid(
                code("""
                    def ordered(xs):
                        return xs.sort()
                """),
                at="2:11-2:20",
            ),
            Invalid(
                code("""
                    import random
                    cards = [1, 2]
                    cards = random.shuffle(cards)
                """),
                at="3:8-3:29",
            ),
            Invalid(
                code("""
                    seen = set()
                    seen = seen.add(3)
                """),
                at="2:7-2:18",
            ),
        ),
        valid=(
            "numbers = sorted([3, 1, 2])\n",
            "last = items.pop()\n",
            code("""
                def twice(x):
                    return 2 * x

                y = twice(3)
            """),
            code("""
                def gen():
                    yield 1

                g = gen()
            """),
            code("""
                def f():
                    raise ValueError

                x = f()
            """),
            "item = tree.insert('', 'end')\n",
            "node = self.append(value)\n",
            "total = counter.update(words)\n",
        ),
    )
)

_MUTABLE_CALLS = frozenset(
    {"list", "dict", "set", "bytearray", "defaultdict", "deque", "OrderedDict"}
)
# Methods that only lists have, under these names, in code beginners write.
_LIST_ONLY_METHODS = frozenset({"sort", "reverse", "append", "extend"})
_IN_PLACE_METHODS = {
    "sort": "sorts the list itself",
    "reverse": "reverses the list itself",
    "append": "adds to the list itself",
    "extend": "adds to the list itself",
    "insert": "adds to the list itself",
    "remove": "removes from the list itself",
    "clear": "empties the collection itself",
    "update": "changes the collection itself",
    "add": "adds to the set itself",
    "discard": "removes from the set itself",
}


@checker(MUTABLE_DEFAULT_ARGUMENT, ast.FunctionDef, ast.AsyncFunctionDef)
def _mutable_default(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    with_defaults = positional[len(positional) - len(arguments.defaults) :]
    pairs = list(zip(with_defaults, arguments.defaults, strict=True))
    pairs += [
        (arg, default)
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default
    ]
    for parameter, default in pairs:
        if not _is_mutable(default) or parameter.arg.startswith("_"):
            continue  # `_cache={}`: shared on purpose, and the name says it is private
        shared = _changes_or_hands_out(ctx, node, parameter.arg)
        default_text = ctx.segment(default)
        fix = None
        if not _names_local_to(node) & _names_in(default):
            # (`def f(lnum=[lnum])`: inside the function `lnum` is the parameter, so the
            # moved default would read None, or a local not yet assigned: no fix.)
            edit = _none_default_as_text(ctx, node, parameter.arg, default)
            if edit is _USE_LIBCST:
                rewrite = _NoneDefault(parameter.arg, default_text).rewrite
                edit = rewrite_statement(ctx, node, rewrite)
            fix = make_fix(
                ctx,
                f"Default to None and create {default_text} inside the function",
                Applicability.UNSAFE,  # changes behaviour on purpose: calls no longer share it
                [edit],
            )
        yield ctx.finding(
            MUTABLE_DEFAULT_ARGUMENT,
            default,
            fix=fix,
            default=default_text,
            function=node.name,
            parameter=parameter.arg,
            consequence=_SHARED if shared else _ONLY_READ,
            short_consequence=" (and changed here)" if shared else "",
        )


_SHARED = ": what one call adds to it is still there in the next"
_ONLY_READ = (
    ". This function only reads it, so nothing goes wrong yet, but the first change to it "
    "(an `append`, say) would show up in every later call"
)

# Methods that change a list, dict or set in place.
_CHANGING_METHODS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "clear",
        "sort",
        "reverse",
        "update",
        "add",
        "discard",
        "setdefault",
        "popitem",
    }
)


def _changes_or_hands_out(ctx: Context, function: ast.AST, name: str) -> bool:
    """Whether the function changes the parameter's value in place, or lets it escape (returns,
    yields or stores it), where another caller's changes would show up."""
    scope = ctx.scopes.scope_of(function)
    if scope is None:
        return True
    for use in scope.uses:
        if use.name != name:
            continue
        parent = ctx.parent(use.node)
        if isinstance(parent, ast.Attribute) and parent.attr in _CHANGING_METHODS:
            return True
        if isinstance(parent, ast.Subscript) and not isinstance(parent.ctx, ast.Load):
            return True  # items[0] = ..., del items[0]
        if isinstance(parent, ast.AugAssign) and parent.target is use.node:
            return True
        if _handed_out(ctx, use.node):
            return True
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is use.node:
            targets = getattr(parent, "targets", None) or [parent.target]  # type: ignore[attr-defined]
            if not all(isinstance(target, ast.Name) for target in targets):
                return True  # self.items = items
    return False


def _names_in(node: ast.AST) -> set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def _names_local_to(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The parameters and the names the body binds (more than Python's rule, never fewer)."""
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [extra for extra in (arguments.vararg, arguments.kwarg) if extra is not None]
    names = {argument.arg for argument in every}
    for statement in function.body:
        for child in ast.walk(statement):
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                names.add(child.id)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(child.name)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                names.update((alias.asname or alias.name).split(".")[0] for alias in child.names)
    return names


_CONTAINERS = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Starred, ast.IfExp, ast.BoolOp)


def _handed_out(ctx: Context, node: ast.AST) -> bool:
    """Returned or yielded as it is, or inside a list, tuple, dict or set that is."""
    parent = ctx.parent(node)
    while isinstance(parent, _CONTAINERS):
        parent = ctx.parent(parent)
    return isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom))


def _is_mutable(node: ast.expr) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else func.attr
            if isinstance(func, ast.Attribute)
            else ""
        )
        return name in _MUTABLE_CALLS
    return False


_USE_LIBCST: Any = object()  # a layout the text rewrite does not promise to get right


def _none_default_as_text(
    ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef, parameter: str, default: ast.expr
) -> Edit | None:
    """`_NoneDefault`'s edit written as text, so the common case does not load libcst (about
    200 ms): the default becomes `None` and the guard goes after the header (before the comments
    and blank lines above the first statement) or after the docstring, indented as libcst
    indents it. The same edit as the libcst rewrite; `_USE_LIBCST` for layouts it leaves to it."""
    lines = statement_lines(ctx, node)
    if lines is None:
        return None
    span, old = lines
    rows = (old + "\n").splitlines(keepends=True)
    start = ctx.span(default)
    default_text = ctx.segment(default)
    first = node.body[0]
    if (
        not rows[start.line - span.line][: start.column].rstrip().endswith("=")  # `x=([])`
        or any(mark in old for mark in ("\r", "\t", "\f", "\\"))
        or "\n" in default_text
        or getattr(first, "decorator_list", None)
        or first.lineno <= start.line
        or (isinstance(first, ast.Expr) and isinstance(first.value, ast.JoinedStr))
    ):
        return _USE_LIBCST  # libcst calls `"a" f"b"` a docstring but not `f"b"`, and so on
    first_row = rows[first.lineno - span.line]
    body_indent = first_row[: len(first_row) - len(first_row.lstrip(" "))]
    if first_row[: ctx.span(first).column].strip():
        return _USE_LIBCST  # `def f(x=[]): pass`
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, (str, bytes))
    ):  # a docstring: the guard goes after it
        if len(node.body) > 1 and node.body[1].lineno == first.end_lineno:
            return _USE_LIBCST  # `"doc"; x = 1`
        insert_at = (first.end_lineno or first.lineno) + 1
    else:
        insert_at = first.lineno
        while _blank_or_comment(rows[insert_at - 1 - span.line]):
            insert_at -= 1
    # libcst's indent unit is the first indentation of the snippet it parsed: the def's own
    # when the def is indented (it is parsed inside `if True:`), else the body's.
    own_indent = rows[0][: ctx.span(node).column]
    unit = own_indent or body_indent
    row = start.line - span.line
    rows[row] = rows[row][: start.column] + "None" + rows[row][start.column + len(default_text) :]
    rows.insert(
        insert_at - span.line,
        f"{body_indent}if {parameter} is None:\n{body_indent}{unit}{parameter} = {default_text}\n",
    )
    return replace_statement(ctx, span, old, "".join(rows).removesuffix("\n"))


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


class _NoneDefault:
    """Rewrite `def f(x=[])` to default to None and build the value in the body."""

    def __init__(self, parameter: str, default: str) -> None:
        self.parameter, self.default = parameter, default

    def rewrite(self, statement: cst.BaseStatement) -> cst.BaseStatement | None:
        if not isinstance(statement, cst.FunctionDef) or not isinstance(
            statement.body, cst.IndentedBlock
        ):
            return None
        params = statement.params

        def replace(param: cst.Param) -> cst.Param:
            if param.name.value == self.parameter and param.default is not None:
                return param.with_changes(default=cst.Name("None"))
            return param

        new_params = params.with_changes(
            posonly_params=[replace(p) for p in params.posonly_params],
            params=[replace(p) for p in params.params],
            kwonly_params=[replace(p) for p in params.kwonly_params],
        )
        guard = cst.parse_statement(
            f"if {self.parameter} is None:\n    {self.parameter} = {self.default}\n"
        )
        body = list(statement.body.body)
        position = 1 if body and _is_docstring(body[0]) else 0
        body.insert(position, guard)
        return statement.with_changes(
            params=new_params, body=statement.body.with_changes(body=body)
        )


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


@checker(ASSIGNMENT_FROM_NONE, ast.Assign, ast.AnnAssign, ast.Return)
def _assignment_from_none(
    node: ast.Assign | ast.AnnAssign | ast.Return, ctx: Context
) -> Iterator[Finding]:
    value = node.value
    if not isinstance(value, ast.Call):
        return
    # `return helper()` hands on whatever helper gives back: delegation, not this mistake.
    described = _none_returning_call(ctx, value, returned=isinstance(node, ast.Return))
    if described is None:
        return
    does, advice = described
    if isinstance(node, ast.Return):
        target = "the function's result"
    elif isinstance(node, ast.Assign):
        target = ctx.segment(node.targets[-1])
    else:
        target = ctx.segment(node.target)
    yield ctx.finding(
        ASSIGNMENT_FROM_NONE,
        value,
        call=ctx.segment(value),
        does=does,
        target=target,
        advice=advice,
    )


def _none_returning_call(
    ctx: Context, call: ast.Call, returned: bool = False
) -> tuple[str, str] | None:
    """(what the call does, what to write instead) when `call` certainly returns None."""
    func = call.func
    call_text = ctx.segment(call)
    if _is_shuffle(func):
        return "shuffles the list itself", "Call it on its own line, then use the shuffled list."
    if isinstance(func, ast.Attribute) and func.attr in _IN_PLACE_METHODS:
        owner = func.value
        always = func.attr in _LIST_ONLY_METHODS and not _on_self(owner)
        if not (always or is_known_collection(ctx, owner, call)):
            return None
        owner_text = ctx.segment(owner)
        advice = f"Call `{call_text}` on its own line, then use `{owner_text}`."
        if func.attr == "sort":
            advice += f" Or keep the original and write `sorted({owner_text})`."
        return _IN_PLACE_METHODS[func.attr], advice
    if isinstance(func, ast.Name) and func.id == "print" and "print" not in ctx.defined_names:
        return (
            "shows text on the screen",
            "To keep the text, store the text itself; print it separately.",
        )
    if isinstance(func, ast.Name) and not returned and _returns_nothing(ctx, func.id):
        return (
            f"runs `{func.id}`, which has no `return` with a value,",
            f"Add a `return` with the result to `{func.id}`, or do not store its result.",
        )
    return None


def _is_shuffle(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "shuffle"
            and isinstance(func.value, ast.Name)
            and func.value.id == "random"
        )
    return False


def _on_self(owner: ast.expr) -> bool:
    while isinstance(owner, ast.Attribute):
        owner = owner.value
    return isinstance(owner, ast.Name) and owner.id in ("self", "cls")


def _returns_nothing(ctx: Context, name: str) -> bool:
    """Whether the file defines `name` once, at module level, as a function that returns nothing."""
    return name in _procedures(ctx)


def _procedures(ctx: Context) -> TrackedNames:
    """Module-level functions, defined once and never reassigned, that never return a value.

    Computed once per analysis (kept on the context): calls are many, definitions few. A call's
    finding depends only on whether its name is one of them.
    """
    return ctx.derived_names("procedures", _find_procedures)


def _find_procedures(ctx: Context) -> frozenset[str]:
    defined: dict[str, list[bool]] = {}  # name -> for each definition: a procedure?
    assigned: set[str] = set()
    parts = ctx.statement_facts("procedure-definitions", _unit_procedures)
    for unit_defined, unit_assigned in parts:
        for name, procedure in unit_defined:
            defined.setdefault(name, []).append(procedure)
        assigned |= unit_assigned
    return frozenset(
        name
        for name, procedures in defined.items()
        if procedures == [True] and name not in assigned
    )


def _unit_procedures(
    statements: list[ast.stmt], nodes: list[ast.AST]
) -> tuple[list[tuple[str, bool]], set[str]]:
    """One unit's definitions (name, whether a plain function that returns nothing) and the
    names it assigns at module level."""
    defined: list[tuple[str, bool]] = []
    assigned: set[str] = set()
    for stmt in statements:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            procedure = (
                isinstance(stmt, ast.FunctionDef)
                and not stmt.decorator_list
                and not _gives_back(stmt)
            )
            defined.append((stmt.name, procedure))
        elif isinstance(stmt, ast.Assign):
            assigned.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
    return defined, assigned


def _gives_back(function: ast.FunctionDef) -> bool:
    """Whether a function returns a value, yields, or raises (then None is not the mistake)."""
    for child in scope_nodes(function):
        if isinstance(child, ast.Return) and child.value is not None:
            return True
        if isinstance(child, (ast.Yield, ast.YieldFrom, ast.Raise)):
            return True
        if isinstance(child, ast.Call) and getattr(child.func, "id", None) == "print":
            return True  # it prints its result: print-instead-of-return explains that
    return False
