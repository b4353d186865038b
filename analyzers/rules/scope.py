"""Rules about where names are defined and seen: undefined, unused and unbound-local names.

All three read the scope table built once per file (`Context.scopes`), never the whole tree again.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator
from itertools import pairwise

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import (
    BUILTIN_NAMES,
    Binding,
    BindingKind,
    Scope,
    ScopeKind,
    Use,
    is_dunder,
)
from mentor.analyzers.source import Span

UNDEFINED_NAME = register(
    Rule(
        id=RuleId.UNDEFINED_NAME,
        name="undefined-name",
        summary="A name that is never defined: a typo, a missing import, or text without quotes.",
        concepts=(Concept.VARIABLES, Concept.SCOPE),
        docs=Docs(
            what="A name that is read but never given a value anywhere this code can see: not "
            "assigned, imported, defined with `def` or `class`, nor built into Python. Also a "
            "name the module's own code reads above the line that first gives it a value.",
            why="Python looks a name up when the line runs and stops with a NameError if it "
            "cannot find it. Usually the name is misspelled (`pritn`, `Print`), a variable is "
            "defined inside another function, an `import` is missing, or text lost its quotes.",
            example=code("""
                name = input('Name? ')
                pritn('Hello', nme)
            """),
            better=code("""
                name = input('Name? ')
                print('Hello', name)
            """),
            question="Where in your program does this name get its value? Is it spelled exactly "
            "the same there, capitals included?",
        ),
        messages=Messages(
            novice="Python does not know the name `{name}`{yet}, so this line stops with a "
            "NameError. {advice}",
            developing="`{name}` is not defined{short_yet}. {advice}",
            proficient="Undefined name `{name}`.{short}",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0602", "ruff:F821", "pylint:E0601"),
        differences=(
            Difference(
                "self-in-method",
                ("pylint:E0602", "ruff:F821"),
                "`self` used in a method that does not take it is explained by "
                "method-without-self, not reported twice.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    name = input('Name? ')
                    pritn('Hello', name)
                """),
                fixed=code("""
                    name = input('Name? ')
                    print('Hello', name)
                """),
                at="2:0-2:5",
                message="`pritn` is not defined. Did you mean `print`?",
            ),
            Invalid(
                code("""
                    total = 0
                    print(totl)
                """),
                fixed=code("""
                    total = 0
                    print(total)
                """),
                at="2:6-2:10",
            ),
            Invalid(
                code("""
                    answer = input()
                    if answer == yes:
                        pass
                """),
                at="2:13-2:16",
            ),
            Invalid(
                code("""
                    while true:
                        break
                """),
                fixed=code("""
                    while True:
                        break
                """),
                at="1:6-1:10",
            ),
            Invalid(
                code("""
                    def area(width, height):
                        return width * heigth
                """),
                at="2:19-2:25",
            ),
            Invalid(
                code("""
                    def make():
                        secret = 4

                    def use():
                        return secret
                """),
                at="5:11-5:17",
            ),
            Invalid("x = math.sqrt(2)\n", at="1:4-1:8"),
            Invalid(
                code("""
                    print(total)
                    total = 0
                """),
                at="1:6-1:11",
            ),
            Invalid(
                code("""
                    while answer != 'q':
                        answer = input()
                """),
                at="1:6-1:12",
            ),
            Invalid(
                code("""
                    count += 1
                    count = 0
                """),
                at="1:0-1:5",
            ),
        ),
        valid=(
            code("""
                def f():
                    return later

                later = 3
            """),
            code("""
                from os.path import *
                print(join('a', 'b'))
            """),
            "print(__file__, __name__)\n",
            code("""
                class A:
                    x = 1
                    y = [x]
            """),
            code("""
                squares = [n * n for n in range(3)]
                print(squares)
            """),
            code("""
                def f():
                    global counter
                    counter = 1

                def g():
                    return counter
            """),
            code("""
                def outer():
                    n = 0
                    def inner():
                        nonlocal n
                        n += 1
                    return inner
            """),
            code("""
                try:
                    unicode
                except NameError:
                    unicode = str
            """),
            code("""
                import os.path
                print(os.getcwd())
            """),
            code("""
                point = (1, 2)
                match point:
                    case (x, y):
                        print(x, y)
            """),
            code("""
                if (n := 10) > 5:
                    print(n)
            """),
            code("""
                class A:
                    def f(self):
                        return __class__
            """),
            code("""
                for n in range(3):
                    if n:
                        print(last)
                    last = n
            """),
            code("""
                def show():
                    print(later)

                later = 1
                show()
            """),
            code("""
                try:
                    print(maybe)
                except NameError:
                    maybe = 1
            """),
        ),
    )
)

UNBOUND_LOCAL = register(
    Rule(
        id=RuleId.UNBOUND_LOCAL,
        name="unbound-local",
        summary="A function reads a name of its own before giving it a value: UnboundLocalError.",
        concepts=(Concept.SCOPE, Concept.FUNCTIONS, Concept.VARIABLES),
        docs=Docs(
            what="A function that reads one of its own names before any line of it gives the "
            "name a value: `count += 1` on a global `count`, `total += 1` with no `total` "
            "anywhere, or `print(y)` above `y = 2`.",
            why="Assigning to a name anywhere in a function makes that name local to the whole "
            "function, from its first line. Reading it before the function gives it a value then "
            "fails with UnboundLocalError, even though a variable with that name exists outside. "
            "Functions that pass values in as parameters and give results back with `return` "
            "avoid the problem altogether.",
            example=code("""
                count = 0

                def add_one():
                    count += 1
            """),
            better=code("""
                count = 0

                def add_one(count):
                    return count + 1

                count = add_one(count)
            """),
            question="Which `count` does the function change: the one outside, or a new one of its "
            "own? How could the function hand its result back instead?",
        ),
        messages=Messages(
            novice="`{name}` is assigned inside `{function}` (line {assigned_line}), so Python "
            "treats it as the function's own variable everywhere in the function. Here it has no "
            "value yet: this line fails with UnboundLocalError. {advice}",
            developing="`{name}` is local to `{function}` (assigned on line {assigned_line}), so "
            "it is read here before it has a value: UnboundLocalError. {short_advice}",
            proficient="`{name}` read before assignment in `{function}` (UnboundLocalError).",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("ruff:F823", "pylint:E0601", "pylint:E0602", "ruff:F821"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    count = 0

                    def add_one():
                        count += 1
                """),
                fixed=code("""
                    count = 0

                    def add_one():
                        global count
                        count += 1
                """),
                at="4:4-4:9",
                message="`count` is local to `add_one` (assigned on line 4), so it is read here "
                "before it has a value: UnboundLocalError. Pass it in and return it, or declare "
                "`global count` at the top of `add_one`.",
            ),
            Invalid(
                code("""
                    total = 0

                    def add(x):
                        print(total)
                        total = total + x
                """),
                fixed=code("""
                    total = 0

                    def add(x):
                        global total
                        print(total)
                        total = total + x
                """),
                at="4:10-4:15",
            ),
            Invalid(
                code("""
                    def outer():
                        n = 0
                        def inner():
                            n = n + 1
                        inner()
                """),
                fixed=code("""
                    def outer():
                        n = 0
                        def inner():
                            nonlocal n
                            n = n + 1
                        inner()
                """),
                at="4:12-4:13",
            ),
            Invalid(
                code("""
                    def h():
                        total += 1
                        return total
                """),
                at="2:4-2:9",
            ),
            Invalid(
                code("""
                    def k():
                        print(y)
                        y = 2
                """),
                at="2:10-2:11",
            ),
        ),
        valid=(
            code("""
                count = 0

                def add_one():
                    global count
                    count += 1
            """),
            code("""
                count = 0

                def show():
                    print(count)
            """),
            code("""
                count = 0

                def reset():
                    count = 0
                    return count
            """),
            code("""
                x = 1

                def f(x):
                    x += 1
                    return x
            """),
            code("""
                total = 0

                def f(flag):
                    if flag:
                        total = 1
                    return total
            """),
            code("""
                total = 0

                def f(xs):
                    for i in xs:
                        if i:
                            print(total)
                        total = i
            """),
            code("""
                x = 1

                class A:
                    x = x + 1
            """),
            code("""
                def f(xs):
                    for x in xs:
                        if x:
                            print(last)
                        last = x
            """),
            code("""
                def f():
                    try:
                        print(y)
                    except NameError:
                        pass
                    y = 1
            """),
        ),
    )
)

UNUSED_VARIABLE = register(
    Rule(
        id=RuleId.UNUSED_VARIABLE,
        name="unused-variable",
        summary="A variable inside a function gets a value that is never used.",
        concepts=(Concept.VARIABLES, Concept.FUNCTIONS),
        docs=Docs(
            what="A name assigned inside a function that nothing in the function ever reads.",
            why="A value stored and never used is either left over from an earlier idea or a "
            "sign that the code uses a different name than intended (a typo, or forgetting to "
            "`return` the result). Either way, the reader has to wonder what it is for.",
            example=code("""
                def area(width, height):
                    result = width * height
                    return width * height
            """),
            better=code("""
                def area(width, height):
                    result = width * height
                    return result
            """),
            question="What did you store in this variable for? Which line was meant to use it?",
        ),
        messages=Messages(
            novice="`{name}` gets a value here, but nothing in `{function}` ever uses it. Was it "
            "meant to be returned or printed, or is another line using a different name by "
            "mistake?",
            developing="`{name}` is assigned but never used in `{function}`.",
            proficient="Unused variable `{name}`.",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W0612", "ruff:F841"),
        differences=(
            Difference(
                "unpacked-names",
                ("pylint:W0612",),
                "a name that is one of several unpacked at once (`a, b = pair`, `for key, "
                "value in ...`) is not reported: the others are needed, and naming every part "
                "documents the shape (ruff's F841 agrees).",
            ),
        ),
        tags=frozenset({"unnecessary"}),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def area(width, height):
                        result = width * height
                        return width * height
                """),
                fixed=code("""
                    def area(width, height):
                        return width * height
                """),
                at="2:4-2:10",
                message="`result` is assigned but never used in `area`.",
            ),
            Invalid(
                code("""
                    def ask():
                        answer = input('Name? ')  # the name
                        return 'ok'
                """),
                fixed=code("""
                    def ask():
                        input('Name? ')  # the name
                        return 'ok'
                """),
                at="2:4-2:10",
            ),
            Invalid(
                code("""
                    def parse(text):
                        try:
                            return int(text)
                        except ValueError as error:
                            return 0
                """),
                fixed=code("""
                    def parse(text):
                        try:
                            return int(text)
                        except ValueError:
                            return 0
                """),
                at="4:25-4:30",
            ),
        ),
        valid=(
            code("""
                def area(w, h):
                    result = w * h
                    return result
            """),
            "total = 0\n",
            code("""
                def f(xs):
                    for i in range(3):
                        print(xs)
            """),
            code("""
                def f(pair):
                    a, b = pair
                    return a
            """),
            code("""
                def f():
                    _ignored = 1
            """),
            code("""
                def f():
                    x = 1
                    def g():
                        return x
                    return g
            """),
            code("""
                def f():
                    global seen
                    seen = 1
            """),
            code("""
                def f():
                    x = 1
                    return locals()
            """),
            code("""
                def f():
                    count = 0
                    count += 1
            """),
        ),
    )
)


# -- undefined names -----------------------------------------------------------------------

# Words from other languages or from lowercase habit that stand for Python's constants.
_CONSTANT_SPELLINGS = {"true": "True", "false": "False", "none": "None", "null": "None"}


@checker(UNDEFINED_NAME, ast.Module)
def _undefined_names(node: ast.Module, ctx: Context) -> Iterator[Finding]:
    table = ctx.scopes
    scopes = list(table.all())
    # Names created by text (`globals()[...]`, `exec`) or a star import cannot be checked.
    if any(
        scope.star_import or scope.dynamic_calls & {"globals", "vars", "exec"} for scope in scopes
    ):
        return
    if _creates_module_names(ctx):
        return
    reported: set[str] = set()
    for scope in scopes:
        for use in scope.uses:
            name = use.name
            if (
                use.guarded
                or name in reported
                or name in BUILTIN_NAMES
                or is_dunder(name)
                or table.resolved.get(id(use.node)) is not None
                or _declared_only(scope, name)
            ):
                continue
            if name == "self" and isinstance(ctx.parent(scope.node), ast.ClassDef):
                continue  # a method without `self`: method-without-self explains it
            reported.add(name)
            yield _undefined_finding(ctx, scope, use)
        if scope.kind is ScopeKind.MODULE:
            yield from _read_above_first_value(ctx, scope, reported)


def _read_above_first_value(ctx: Context, module: Scope, reported: set[str]) -> Iterator[Finding]:
    """Module code that reads a name above every line that gives it a value: `print(total)`
    then `total = 0`, or `while answer != 'q':` before `answer = input()` in the loop."""
    for use in module.uses:
        name = use.name
        bindings = module.bindings.get(name)
        if use.guarded or name in reported or not bindings or name in BUILTIN_NAMES:
            continue
        if not all(use.position < binding.position for binding in bindings):
            continue
        if _rebound_in_enclosing_loop(ctx, ctx.tree, use.node, bindings, while_test=True):
            continue
        reported.add(name)
        first = min(binding.position[0] for binding in bindings)
        yield ctx.finding(
            UNDEFINED_NAME,
            use.node,
            name=name,
            yet=f" yet: it first gets a value on line {first}, below this line",
            short_yet=f" yet (first given a value on line {first})",
            advice=f"Give `{name}` its first value above this line.",
            short="",
        )


# Library helpers that add names to the calling module: enum's `_convert_` and `global_enum`.
_NAME_MAKERS = frozenset({"_convert_", "_convert", "global_enum"})


def _creates_module_names(ctx: Context) -> bool:
    """Code that writes the module's names through `sys.modules[__name__]` or an enum helper."""
    return any(ctx.unit_facts("creates-module-names", _writes_module_names))


def _writes_module_names(nodes: list[ast.AST]) -> bool:
    for node in nodes:
        if isinstance(node, ast.Attribute) and node.attr in _NAME_MAKERS:
            return True
        if isinstance(node, ast.Name) and node.id in _NAME_MAKERS:
            return True
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Name)
            and node.slice.id == "__name__"
        ):
            return True
    return False


def _declared_only(scope: Scope, name: str) -> bool:
    """`x: int` without a value, or a `global x` for a name no one assigns: not our concern."""
    return name in scope.declared_global or name in scope.declared_nonlocal


def _undefined_finding(ctx: Context, scope: Scope, use: Use) -> Finding:
    name = use.name
    suggestion = _did_you_mean(name, _visible_names(ctx, scope))
    fix = None
    if suggestion:
        advice = f"Did you mean `{suggestion}`?"
        short = f" Did you mean `{suggestion}`?"
        fix = make_fix(
            ctx,
            f"Change `{name}` to `{suggestion}`",
            Applicability.UNSAFE,  # our best guess at what was meant
            [replace_span(ctx.span(use.node), suggestion)],
        )
    elif _looks_like_text(ctx, use.node):
        advice = (
            f"If you meant the text {name}, put it in quotes: `'{name}'`. Otherwise check the "
            "spelling, or give it a value first."
        )
        short = ""
        fix = make_fix(
            ctx,
            f"Put `{name}` in quotes",
            Applicability.UNSAFE,
            [replace_span(ctx.span(use.node), repr(name))],
        )
    else:
        advice = _advice_without_suggestion(ctx, scope, name)
        short = ""
    return ctx.finding(
        UNDEFINED_NAME,
        use.node,
        fix=fix,
        name=name,
        advice=advice,
        short=short,
        yet=": nothing this code can see defines it",
        short_yet="",
    )


def _visible_names(ctx: Context, scope: Scope) -> set[str]:
    names = {name for candidate in scope.visible_from() for name in candidate.bindings}
    return names | {name for name in BUILTIN_NAMES if not name.startswith("_")}


def _did_you_mean(name: str, candidates: set[str]) -> str | None:
    if name.lower() in _CONSTANT_SPELLINGS:
        return _CONSTANT_SPELLINGS[name.lower()]
    same_letters = [candidate for candidate in candidates if candidate.lower() == name.lower()]
    if same_letters:
        return sorted(same_letters)[0]
    if len(name) < 3:
        return None
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.75)
    return close[0] if close else None


def _looks_like_text(ctx: Context, node: ast.Name) -> bool:
    """A lone word compared with `==`, or printed: probably text that lost its quotes."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Compare) and all(
        isinstance(op, (ast.Eq, ast.NotEq)) for op in parent.ops
    ):
        return True
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Name)
        and parent.func.id == "print"
        and node in parent.args
    )


def _advice_without_suggestion(ctx: Context, scope: Scope, name: str) -> str:
    elsewhere = [
        other
        for other in ctx.scopes.all()
        if other is not scope and other.is_function and name in other.bindings
    ]
    if elsewhere:
        owner = elsewhere[0].node
        where = getattr(owner, "name", "another function")
        return (
            f"`{name}` is a variable of `{where}`; it exists only inside that function. Return "
            "it from there and pass it in here as a parameter."
        )
    return "Check the spelling, add the `import` it needs, or give it a value before this line."


# -- unbound locals ------------------------------------------------------------------------


@checker(UNBOUND_LOCAL, ast.FunctionDef, ast.AsyncFunctionDef)
def _unbound_local(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    table = ctx.scopes
    scope = table.scope_of(node)
    if scope is None or scope.dynamic_calls:
        return
    first_use: dict[str, Use] = {}
    for use in scope.uses:
        if use.name in scope.bindings and not use.guarded:
            earliest = first_use.get(use.name)
            if earliest is None or use.position < earliest.position:
                first_use[use.name] = use
    for name, use in sorted(first_use.items(), key=lambda item: item[1].position):
        bindings = scope.bindings[name]
        if any(binding.kind in _BOUND_ON_ENTRY for binding in bindings):
            continue
        if not all(use.position < binding.position for binding in bindings):
            continue
        if _rebound_in_enclosing_loop(ctx, node, use.node, bindings, while_test=True):
            continue
        first = min(bindings, key=lambda binding: binding.position)
        outer = _outer_owner(table, scope, name)
        fix = None
        if outer is None:
            advice = short_advice = f"Give `{name}` its first value before this line."
        else:
            keyword_name = "global" if outer.kind is ScopeKind.MODULE else "nonlocal"
            fix = make_fix(
                ctx,
                f"Declare `{keyword_name} {name}` (better: pass it in and return it)",
                Applicability.UNSAFE,  # the function now changes the outer variable
                [_declaration_edit(ctx, node, f"{keyword_name} {name}")],
            )
            declare = f", or declare `{keyword_name} {name}` at the top of `{node.name}`"
            advice = f"Pass `{name}` in as a parameter and `return` the new value{declare}."
            short_advice = f"Pass it in and return it{declare}."
        yield ctx.finding(
            UNBOUND_LOCAL,
            use.node,
            fix=fix,
            name=name,
            function=node.name,
            assigned_line=str(first.position[0]),
            advice=advice,
            short_advice=short_advice,
        )


_BOUND_ON_ENTRY = frozenset({BindingKind.PARAMETER, BindingKind.TYPE_PARAMETER})


def _outer_owner(table, scope: Scope, name: str) -> Scope | None:
    for outer in scope.visible_from():
        if (
            outer is not scope
            and outer.kind is not ScopeKind.COMPREHENSION
            and name in outer.bindings
        ):
            return outer
    return None


def _rebound_in_enclosing_loop(
    ctx: Context,
    function: ast.AST,
    use: ast.AST,
    bindings: list[Binding],
    while_test: bool = False,
) -> bool:
    """A read in a loop that assigns later still sees the previous pass's value (but a `while`
    test is read once before any pass, when `while_test` says so)."""
    chain = [use, *ctx.ancestors(use)]
    for child, ancestor in pairwise(chain):
        if ancestor is function:
            return False
        if while_test and isinstance(ancestor, ast.While) and child is ancestor.test:
            continue
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            start = (ancestor.lineno, ancestor.col_offset)
            end = (ancestor.end_lineno or 0, ancestor.end_col_offset or 0)
            # `x += 1` alone reads x on the first pass too: its own binding does not count.
            if any(
                start <= binding.position <= end and binding.node is not use for binding in bindings
            ):
                return True
    return False


def _declaration_edit(ctx: Context, function: ast.FunctionDef, declaration: str):
    """Insert a line before the function's first statement (after its docstring)."""
    body = function.body
    first = body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
        and len(body) > 1
    ):
        first = body[1]
    span = ctx.span(first)
    line_text = ctx.source.line(span.line)
    if line_text[: span.column].strip():
        return None  # `def f(): x += 1` on one line: no room for a declaration
    indent = line_text[: span.column]
    return replace_span(Span(span.line, 0, span.line, 0), f"{indent}{declaration}\n")


# -- unused variables ----------------------------------------------------------------------

_UNUSED_KINDS = frozenset({BindingKind.ASSIGN, BindingKind.WALRUS, BindingKind.EXCEPT})
_MARKS_USE = frozenset(
    {
        BindingKind.PARAMETER,
        BindingKind.LOOP,
        BindingKind.IMPORT,
        BindingKind.DEFINITION,
        BindingKind.COMPREHENSION,
        BindingKind.MATCH,
        BindingKind.WITH,
        BindingKind.DELETE,
        BindingKind.AUGMENTED,
        BindingKind.ANNOTATION,
    }
)


@checker(UNUSED_VARIABLE, ast.FunctionDef, ast.AsyncFunctionDef)
def _unused_variable(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    table = ctx.scopes
    scope = table.scope_of(node)
    if scope is None or scope.dynamic_calls:
        return
    for name, bindings in scope.bindings.items():
        if _meant_unused(name) or name in scope.declared_nonlocal or table.is_read(scope, name):
            continue
        if any(b.kind in _MARKS_USE or b.unpacked for b in bindings):
            continue
        if not all(b.kind in _UNUSED_KINDS for b in bindings):
            continue
        first = min(bindings, key=lambda binding: binding.position)
        yield _unused_finding(ctx, node, first, single=len(bindings) == 1)


def _meant_unused(name: str) -> bool:
    """`_`, `_x`, `dummy`, `unused_x`, `ignored_x`: names that say so (after pylint)."""
    return name.startswith("_") or name == "dummy" or name.startswith(("unused", "ignored"))


def _unused_finding(
    ctx: Context, function: ast.FunctionDef, binding: Binding, single: bool
) -> Finding:
    where: ast.AST | Span = binding.node
    fix = None
    if binding.kind is BindingKind.EXCEPT:
        handler: ast.ExceptHandler = binding.node  # type: ignore[assignment]
        where, fix = _except_name(ctx, handler)
    elif single:
        fix = _drop_assignment(ctx, binding.node)
    return ctx.finding(UNUSED_VARIABLE, where, fix=fix, name=binding.name, function=function.name)


def _except_name(ctx: Context, handler: ast.ExceptHandler):
    """The `as name` of a handler, and a fix that drops it."""
    if handler.type is None or handler.name is None:
        return handler, None
    type_end = ctx.span(handler.type)
    line = ctx.source.line(type_end.end_line)
    rest = line[type_end.end_column :]
    marker = f" as {handler.name}"
    if not rest.startswith(marker):
        return handler, None
    name_start = type_end.end_column + len(" as ")
    name_span = Span(
        type_end.end_line, name_start, type_end.end_line, name_start + len(handler.name)
    )
    removal = Span(type_end.end_line, type_end.end_column, type_end.end_line, name_span.end_column)
    fix = make_fix(
        ctx, f"Remove `as {handler.name}`", Applicability.SAFE, [replace_span(removal, "")]
    )
    return name_span, fix


def _drop_assignment(ctx: Context, target: ast.AST):
    """`x = f()` -> `f()` (the call still runs); `x = a * b` -> remove the statement."""
    statement = ctx.parent(target)
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and statement.targets[0] is target
    ):
        return None
    value = statement.value
    name = ctx.segment(target)
    if isinstance(value, (ast.Call, ast.Await)):
        start, value_start = ctx.span(statement), ctx.span(value)
        edit = replace_span(
            Span(start.line, start.column, value_start.line, value_start.column), ""
        )
        return make_fix(ctx, f"Keep the call, drop `{name} =`", Applicability.SAFE, [edit])
    if any(isinstance(child, _RUNS_CODE) for child in ast.walk(value)):
        return None
    # Only names and literals cannot fail or do anything: removing them keeps behaviour.
    inert = all(isinstance(child, _INERT) for child in ast.walk(value))
    applicability = Applicability.SAFE if inert else Applicability.UNSAFE
    return _remove_statement(ctx, statement, f"Remove the unused `{name}`", applicability)


_RUNS_CODE = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda)
_INERT = (
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.JoinedStr,
    ast.FormattedValue,
)


def _remove_statement(ctx: Context, statement: ast.stmt, title: str, applicability: Applicability):
    """Delete a statement's whole lines, when it owns them and is not alone in its block."""
    parent = ctx.parent(statement)
    block = next(
        (
            getattr(parent, name)
            for name in ("body", "orelse", "finalbody")
            if statement in getattr(parent, name, ())
        ),
        None,
    )
    if not block or len(block) < 2:
        return None
    span = ctx.span(statement)
    before = ctx.source.line(span.line)[: span.column]
    after = ctx.source.line(span.end_line)[span.end_column :].strip()
    if before.strip() or (after and not after.startswith("#")):
        return None
    removal = Span(span.line, 0, span.end_line + 1, 0)
    return make_fix(ctx, title, applicability, [replace_span(removal, "")])
