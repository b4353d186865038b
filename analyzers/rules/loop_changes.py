"""Loop rules about changing what a `for` loop works with while it runs."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, rewrite_expression
from mentor.analyzers.flow import block_of
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.names_util import dotted_name
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.scopes import Binding, BindingKind

LOOP_VARIABLE_REASSIGNED = register(
    Rule(
        id=RuleId.LOOP_VARIABLE_REASSIGNED,
        name="loop-variable-reassigned",
        summary="Changing a `for` loop's variable inside the loop changes neither the list nor "
        "the next pass.",
        concepts=(Concept.LOOPS, Concept.VARIABLES),
        docs=Docs(
            what="A `for` loop whose body assigns a new value to the loop variable: `i += 1` in a "
            "loop over `range(...)`, or a new value for the item that nothing reads afterwards.",
            why="At the start of every pass, `for` gives the variable the next value from the "
            "range or list, whatever happened to it before. So `i += 1` does not skip a pass, "
            "and `n = n * 2` does not change the number inside the list: it only changes the "
            "variable, and the next pass overwrites it.",
            example=code("""
                numbers = [1, 2, 3]
                for n in numbers:
                    n = n * 2
                print(numbers)
            """),
            better=code("""
                numbers = [1, 2, 3]
                numbers = [n * 2 for n in numbers]
                print(numbers)
            """),
            question="After this line, what value does the loop variable get at the start of the "
            "next pass? Did the list itself change?",
        ),
        messages=Messages(
            novice="{why} {advice}",
            developing="{short} {advice}",
            proficient="{short}",
        ),
        severity=Severities(Severity.WARNING, Severity.WARNING, Severity.INFO),
        equivalents=("pylint:W2901", "ruff:PLW2901", "edulint:R6304"),
        differences=(
            Difference(
                "new-value-used",
                ("pylint:W2901", "ruff:PLW2901"),
                "in a loop over a list or other items, a new value that the rest of the pass "
                "uses (`line = line.strip()` then `print(line)`) is a common, harmless idiom "
                "and is not reported; only a new value nothing reads, or a change to a `range` "
                "counter, is.",
            ),
        ),
        invalid=(
            Invalid(
                code("""
                    numbers = [1, 2, 3]
                    for n in numbers:
                        n = n * 2
                """),
                at="3:4-3:13",
                message="The new value of `n` is lost; the list does not change. To change the "
                "list, build a new one (`[... for x in xs]`) or assign by position with "
                "`enumerate`.",
            ),
            Invalid(
                code("""
                    for i in range(10):
                        if i == 3:
                            i += 2
                        print(i)
                """),
                at="3:8-3:14",
            ),
            Invalid(
                code("""
                    names = ['ada']
                    for name in names:
                        name = name.title()
                """),
                at="3:4-3:23",
            ),
            Invalid(
                code("""
                    for word in ['a', 'b']:
                        word += '!'
                """),
                at="2:4-2:15",
            ),
        ),
        valid=(
            code("""
                for line in ['a ', 'b']:
                    line = line.strip()
                    print(line)
            """),
            code("""
                for n in [1, 2]:
                    print(n * 2)
            """),
            code("""
                for i in range(3):
                    x = i
            """),
            code("""
                for n in [1, 2]:
                    n = n * 2
                print(n)
            """),
            code("""
                for key in ['a']:
                    def f(key=key):
                        key = 1
            """),
        ),
    )
)

MODIFIED_WHILE_ITERATING = register(
    Rule(
        id=RuleId.MODIFIED_WHILE_ITERATING,
        name="modified-while-iterating",
        summary="Adding to or removing from a list (dict, set) while a `for` loop walks over it.",
        concepts=(Concept.LOOPS, Concept.LISTS),
        docs=Docs(
            what="A `for` loop over a list, dict or set whose body removes or adds items to that "
            "same collection (`remove`, `pop`, `append`, `del`...).",
            why="The loop walks the list by position. Removing an item shifts the next one into "
            "its place, so the loop skips it; adding items can make the loop never end. A dict "
            "or set that changes size during the loop stops it with a RuntimeError. Loop over a "
            "copy, or build a new list with the items you want to keep.",
            example=code("""
                numbers = [2, 4, 5]
                for n in numbers:
                    if n % 2 == 0:
                        numbers.remove(n)
            """),
            better=code("""
                numbers = [2, 4, 5]
                numbers = [n for n in numbers if n % 2 != 0]
            """),
            question="After removing the item at the current position, which item is in that "
            "position now, and will the loop look at it?",
        ),
        messages=Messages(
            novice="`{call}` changes `{seq}` while the loop on line {loop_line} is walking over "
            "it. {effect} Loop over a copy (`for {target} in {copy}:`) or build a new "
            "collection instead.",
            developing="`{seq}` is changed while the loop on line {loop_line} iterates over it; "
            "{effect_short}",
            proficient="`{seq}` modified while iterating over it.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("pylint:W4701", "ruff:B909", "ruff:PLE4703", "edulint:R6303"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    numbers = [2, 4, 5]
                    for n in numbers:
                        if n % 2 == 0:
                            numbers.remove(n)
                """),
                fixed=code("""
                    numbers = [2, 4, 5]
                    for n in list(numbers):
                        if n % 2 == 0:
                            numbers.remove(n)
                """),
                at="4:8-4:25",
                message="`numbers` is changed while the loop on line 2 iterates over it; items "
                "get skipped.",
            ),
            Invalid(
                code("""
                    words = ['a']
                    for w in words:
                        words.append(w + 'x')
                """),
                at="3:4-3:25",
            ),
            Invalid(
                code("""
                    xs = [1, 2]
                    for x in xs:
                        if x % 2 == 0:
                            xs.append(x * 2)
                """),
                at="4:8-4:24",
            ),
            Invalid(
                code("""
                    ages = {'a': 1}
                    for name in ages:
                        del ages[name]
                """),
                at="3:4-3:18",
            ),
            Invalid(
                code("""
                    ages = {'a': 1}
                    for name in ages.keys():
                        ages.pop(name)
                """),
                at="3:4-3:18",
            ),
            Invalid(
                code("""
                    xs = [1, 0]
                    for i, x in enumerate(xs):
                        if x == 0:
                            xs.pop(i)
                """),
                at="4:8-4:17",
            ),
            Invalid(
                code("""
                    class A:
                        def f(self):
                            for x in self.items:
                                self.items.pop()
                """),
                at="4:12-4:28",
            ),
        ),
        valid=(
            code("""
                for n in list(numbers):
                    numbers.remove(n)
            """),
            code("""
                for n in numbers[:]:
                    numbers.remove(n)
            """),
            code("""
                for n in numbers:
                    if n < 0:
                        numbers.remove(n)
                        break
            """),
            code("""
                for n in numbers:
                    others.append(n)
            """),
            code("""
                for i in range(len(xs)):
                    xs[i] = 0
            """),
            code("""
                for key in counts:
                    counts[key] += 1
            """),
            code("""
                for n in numbers:
                    pass
                else:
                    numbers.append(0)
            """),
            code("""
                for state in states:
                    for nxt in state.arcs:
                        if nxt not in states:
                            states.append(nxt)
            """),
            code("""
                for arg in args:
                    args = []
                    args.append(arg)
            """),
            code("""
                for cookie in self:
                    self.clear(cookie.domain, cookie.name)
            """),
        ),
    )
)


# -- loop variable reassigned ----------------------------------------------------------------


@checker(LOOP_VARIABLE_REASSIGNED, ast.For, ast.AsyncFor)
def _loop_variable_reassigned(node: ast.For, ctx: Context) -> Iterator[Finding]:
    if not isinstance(node.target, ast.Name):
        return
    name = node.target.id
    over_range = _is_range_call(node.iter)
    body = ctx.body_nodes(node)
    for statement in body:
        target, value = _rebinding(statement, name)
        if target is None:
            continue
        reads_old = isinstance(statement, ast.AugAssign) or _mentions(value, name)
        if over_range and reads_old:
            if _read_after_loop(ctx, node, name):
                yield ctx.finding(
                    LOOP_VARIABLE_REASSIGNED,
                    statement,
                    why=f"The new value of `{name}` lasts only until the next pass, which sets "
                    f"`{name}` to the next number of the range: after the loop, `{name}` holds "
                    "what the last pass made of it, not a total of every pass.",
                    short=f"Each pass resets `{name}`; only the last pass's change is kept.",
                    advice="To keep a result across passes, use a variable of its own, set "
                    "before the loop.",
                )
                return
            yield ctx.finding(
                LOOP_VARIABLE_REASSIGNED,
                statement,
                why=f"Changing `{name}` here does not skip or repeat a pass: at the start of "
                f"the next pass, `for` gives `{name}` the next number of the range anyway.",
                short=f"Changing `{name}` does not change which pass comes next.",
                advice="To control the steps yourself, use a `while` loop; to skip items, use "
                "`continue` or a `range` with a step.",
            )
            return
        if not over_range and not _read_after(ctx, node, body, statement, name):
            yield ctx.finding(
                LOOP_VARIABLE_REASSIGNED,
                statement,
                why=f"This gives `{name}` a new value, but nothing uses it: the next pass "
                f"replaces `{name}` with the next item, and the list itself does not change.",
                short=f"The new value of `{name}` is lost; the list does not change.",
                advice="To change the list, build a new one (`[... for x in xs]`) or assign "
                "by position with `enumerate`.",
            )
            return


def _read_after_loop(ctx: Context, loop: ast.For, name: str) -> bool:
    """Whether the loop's own scope reads `name` after the loop ends (`return i`)."""
    owner = ctx.enclosing_scope(loop)
    scope = ctx.scopes.scope_of(owner)  # the module's scope: its reads are noted
    if scope is None:
        return True
    end = (loop.end_lineno or loop.lineno, loop.end_col_offset or 0)
    return any(use.name == name and use.position > end for use in scope.uses)


def _replaces(ctx: Context, binding: Binding, loop: ast.AST) -> bool:
    if binding.kind is BindingKind.LOOP:
        return True
    statement = ctx.parent(binding.node)
    return binding.kind is BindingKind.ASSIGN and ctx.parent(statement) is ctx.parent(loop)


def _is_range_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
    )


def _rebinding(statement: ast.AST, name: str) -> tuple[ast.AST | None, ast.AST | None]:
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name) and target.id == name:
                return target, statement.value
    elif (
        isinstance(statement, (ast.AugAssign, ast.AnnAssign))
        and isinstance(statement.target, ast.Name)
        and statement.target.id == name
        and statement.value is not None
    ):
        return statement.target, statement.value
    return None, None


def _mentions(node: ast.AST | None, name: str) -> bool:
    return node is not None and any(
        isinstance(child, ast.Name) and child.id == name for child in ast.walk(node)
    )


def _read_after(
    ctx: Context, loop: ast.For, body: list[ast.AST], statement: ast.stmt, name: str
) -> bool:
    """Whether the new value can be read: later in the scope, in a later pass of a loop around
    the assignment (inside this loop or around it), or by a nested function."""
    owner = ctx.enclosing_scope(loop)
    scope = ctx.scopes.scope_of(owner)  # the module's scope: its reads are noted
    if scope is None:
        return True
    end = (statement.end_lineno or 0, statement.end_col_offset or 0)
    reads = [use.position for use in scope.uses if use.name == name]
    # A later loop over the same name, or an assignment beside this loop, replaces the value:
    # reads after that do not see it.
    loop_end = (loop.end_lineno or 0, loop.end_col_offset or 0)
    replaced_at = min(
        (
            binding.position
            for binding in scope.bindings.get(name, [])
            if binding.position > loop_end and _replaces(ctx, binding, loop)
        ),
        default=None,
    )
    if any(
        position >= end and (replaced_at is None or position < replaced_at) for position in reads
    ):
        return True
    for ancestor in ctx.ancestors(statement):
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)) and ancestor is not loop:
            start = (ancestor.lineno, ancestor.col_offset)
            if any(start <= position < end for position in reads):
                return True  # an inner loop's next pass, or an outer loop's, reads it
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            break
    return any(
        ctx.scopes.resolved.get(id(use.node)) is scope
        for child in scope.children
        for use in child.uses
        if use.name == name
    )


# -- modified while iterating ----------------------------------------------------------------


@checker(MODIFIED_WHILE_ITERATING, ast.For, ast.AsyncFor)
def _modified_while_iterating(node: ast.For, ctx: Context) -> Iterator[Finding]:
    seq = dotted_name(_walked(node.iter))
    if seq is None or seq in ("self", "cls"):
        return  # a class's own container methods are not list methods
    body = ctx.body_nodes(node)
    root = seq.split(".")[0]
    if any(
        isinstance(n, ast.Name) and n.id == root and not isinstance(n.ctx, ast.Load) for n in body
    ):
        return  # the name is given a new collection inside the loop
    targets = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    for child in body:
        change = _size_change(child, seq)
        if change is None or _leaves_loop_next(ctx, child, node):
            continue
        grows = change in _GROWS
        if grows and _conditional(ctx, child, node) and not _mentions_any(child, targets):
            continue  # a work list: new items are added on purpose, to be visited too
        target = ctx.segment(node.target)
        fix = make_fix(
            ctx,
            f"Loop over a copy: for {target} in list({ctx.segment(node.iter)})",
            Applicability.UNSAFE,  # the loop now sees every original item, and only those
            [rewrite_expression(ctx, node.iter, _copy_of)],
        )
        yield ctx.finding(
            MODIFIED_WHILE_ITERATING,
            child,
            fix=fix,
            call=ctx.segment(child).splitlines()[0],
            seq=seq,
            loop_line=str(node.lineno),
            target=target,
            copy=f"list({ctx.segment(node.iter)})",
            effect=(
                "Each new item is walked over too, so the loop may never end."
                if grows
                else "The items after a removed one move back a place, so the loop skips "
                "the next one (a dict or set stops with a RuntimeError)."
            ),
            effect_short="new items are visited too." if grows else "items get skipped.",
        )
        return


def _walked(iterable: ast.expr) -> ast.expr:
    """The collection a loop walks: `d` in `d.keys()` / `d.items()`, `xs` in `enumerate(xs)`."""
    if isinstance(iterable, ast.Call) and not iterable.keywords:
        func = iterable.func
        if isinstance(func, ast.Attribute) and func.attr in ("keys", "values", "items"):
            return func.value if not iterable.args else iterable
        if isinstance(func, ast.Name) and func.id == "enumerate" and len(iterable.args) == 1:
            return iterable.args[0]
    return iterable


# How many positional arguments the list, dict and set methods take: a method of the same name
# with other arguments belongs to some other kind of object.
_ARITY = {
    "append": (1,),
    "extend": (1,),
    "insert": (2,),
    "add": (1,),
    "update": (0, 1),
    "setdefault": (1, 2),
    "remove": (1,),
    "pop": (0, 1),
    "clear": (0,),
    "discard": (1,),
    "popitem": (0,),
}
_GROWS = frozenset({"append", "extend", "insert", "add", "update", "setdefault"})


def _size_change(node: ast.AST, seq: str) -> str | None:
    """The method name (or `del`) when `node` adds to or removes from `seq`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if (
            method in _ARITY
            and len(node.args) in _ARITY[method]
            and dotted_name(node.func.value) == seq
        ):
            return method
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            if isinstance(target, ast.Subscript) and dotted_name(target.value) == seq:
                return "del"
    elif (
        isinstance(node, ast.AugAssign)
        and isinstance(node.op, ast.Add)
        and dotted_name(node.target) == seq
    ):
        return "extend"
    return None


def _conditional(ctx: Context, node: ast.AST, loop: ast.AST) -> bool:
    for ancestor in ctx.ancestors(node):
        if ancestor is loop:
            return False
        if isinstance(ancestor, (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.IfExp)):
            return True
    return False


def _mentions_any(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _leaves_loop_next(ctx: Context, node: ast.AST, loop: ast.AST) -> bool:
    """A change followed by `break` or `return` in its block ends the loop: nothing is skipped."""
    statement = node
    while not isinstance(statement, ast.stmt):
        parent = ctx.parent(statement)
        if parent is None:
            return False
        statement = parent
    while statement is not loop:
        parent = ctx.parent(statement)
        if parent is None:
            return False
        block = block_of(parent, statement)  # type: ignore[arg-type]
        if block is not None:
            later = block[block.index(statement) + 1 :]
            if any(isinstance(item, (ast.Break, ast.Return, ast.Raise)) for item in later):
                return True
            if later:
                return False
        statement = parent
    return False


def _copy_of(iterable: cst.BaseExpression) -> cst.BaseExpression:
    return cst.Call(cst.Name("list"), [cst.Arg(iterable)])
