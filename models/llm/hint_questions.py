"""A Socratic question about one line of the student's code, built from that line's own syntax:
which values a `range` gives, which position a subscript reads, what a comparison gives at its
boundary, what an operation computes on small values, where a computed value goes.

Small models tell the fix however they are asked (the 1.5B model wrote every hint as a
statement, often with the corrected code); Mentor keeps the line they point at and asks about
the specific thing written there. Every question quotes only the student's own code and never
says what is wrong, so it cannot give the solution away.
"""

from __future__ import annotations

import ast
import builtins
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

_MAX_QUOTE = 60  # longer code is named by its line only
# Small values that tell `+` from `*`, `//` from `/` and `^` from `**` apart.
_SAMPLE_VALUES = ("7", "2", "3")
_BUILTINS = set(dir(builtins))
_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
_LOOPS = ast.For | ast.While


@dataclass
class _Line:
    """One statement of the student's code and what surrounds it."""

    line: int  # the file's line number
    node: ast.stmt
    source: str  # the parsed code (dedented)
    offset: int  # file line = parsed line + offset
    function: ast.FunctionDef | ast.AsyncFunctionDef | None
    loops: list[ast.For | ast.While]  # enclosing loops, innermost last
    tree: ast.Module

    def text(self, node: ast.AST) -> str | None:
        """The student's code for `node`, when it can be quoted inline."""
        segment = ast.get_source_segment(self.source, node)
        if not segment or "\n" in segment or "`" in segment or len(segment) > _MAX_QUOTE:
            return None
        return segment

    def loop_line(self, loop: ast.AST) -> int:
        return loop.lineno + self.offset


def line_question(code: str, first_line: int, line: int) -> str | None:
    """A question about file line `line` of `code` (whose first line is `first_line`), in
    Markdown, or None when the line is not code Mentor can read or no question fits it."""
    found = _find(code, first_line, line)
    if found is None:
        return None
    for rule in _RULES:
        try:
            asked = rule(found)
        except (AttributeError, IndexError, TypeError, ValueError):
            asked = None  # an unusual tree: the next rule, never a crash
        if asked:
            return f"On line {line}, {asked}"
    return None


def _find(code: str, first_line: int, line: int) -> _Line | None:
    source = textwrap.dedent(code)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    offset = first_line - 1
    target = line - offset
    best: _Line | None = None

    def visit(node: ast.AST, function, loops) -> None:
        nonlocal best
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and child.lineno == target:
                best = _Line(line, child, source, offset, function, list(loops), tree)
            inner_function = child if isinstance(child, _FUNCTIONS) else function
            inner_loops = loops
            if isinstance(child, _FUNCTIONS):
                inner_loops = []
            elif isinstance(child, _LOOPS) and child.lineno != target:
                inner_loops = [*loops, child]
            if isinstance(child, ast.stmt | ast.ExceptHandler | ast.match_case):
                visit(child, inner_function, inner_loops)

    visit(tree, None, [])
    return best


def _code(text: str) -> str:
    return f"`{text}`"


# -- the rules, most specific first ------------------------------------------------------------


def _mutable_default(found: _Line) -> str | None:
    node = found.node
    if not isinstance(node, _FUNCTIONS):
        return None
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    with_default = positional[len(positional) - len(args.defaults) :]
    pairs = list(zip(with_default, args.defaults, strict=True))
    keywords = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    pairs += [(arg, default) for arg, default in keywords if default is not None]
    for arg, default in pairs:
        if isinstance(default, ast.List | ast.Dict | ast.Set) and found.text(default):
            return (
                f"when is the {_code(found.text(default))} that {_code(arg.arg)} starts with "
                f"made: once, or on every call of {_code(node.name)}?"
            )
    return None


def _changes_the_loop(found: _Line) -> str | None:
    """`items.remove(x)`, `del d[k]`, `items.append(...)` inside a loop over `items`."""
    node = found.node
    changed: str | None = None
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.attr in {"remove", "pop", "append", "insert", "extend", "clear"}
        ):
            changed = func.value.id
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                changed = target.value.id
    if changed is None:
        return None
    for loop in reversed(found.loops):
        if isinstance(loop, ast.For) and changed in _names(loop.iter):
            what = found.text(node.value if isinstance(node, ast.Expr) else node)
            return (
                f"{_code(what) if what else 'this line'} changes {_code(changed)} while the "
                f"loop on line {found.loop_line(loop)} is still going through it: which item "
                "does the loop reach next, and does it reach every item?"
            )
    return None


def _changes_the_loop_variable(found: _Line) -> str | None:
    node = found.node
    if not isinstance(node, ast.Assign | ast.AugAssign):
        return None
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    names = {target.id for target in targets if isinstance(target, ast.Name)}
    for loop in reversed(found.loops):
        if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name):
            variable = loop.target.id
            if variable not in names:
                continue
            what = found.text(node)
            said = f"{_code(what)} changes {_code(variable)}" if what else "this line changes it"
            if isinstance(loop.iter, ast.Name):
                return f"{said}: does that change {_code(loop.iter.id)} too?"
            return (
                f"{said}: which value does the loop on line {found.loop_line(loop)} give "
                f"{_code(variable)} at the start of the next pass?"
            )
    return None


def _reset_inside_loop(found: _Line) -> str | None:
    node = found.node
    if not (
        isinstance(node, ast.Assign)
        and found.loops
        and isinstance(node.value, ast.Constant | ast.List | ast.Dict)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
    ):
        return None
    what = found.text(node)
    if what is None:
        return None
    name = node.targets[0].id
    loop = found.loops[-1]
    return (
        f"{_code(what)} runs on every pass of the loop on line {found.loop_line(loop)}: what "
        f"does {_code(name)} hold after the last pass?"
    )


def _assigned_from_own_method(found: _Line) -> str | None:
    """`numbers = numbers.sort()`: what the method gives back."""
    node = found.node
    if not (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == node.targets[0].id
    ):
        return None
    call = found.text(node.value)
    name = node.targets[0].id
    if call is None:
        return None
    return f"what does {_code(call)} give back, and so what does {_code(name)} hold after it?"


def _starting_value(found: _Line) -> str | None:
    node = found.node
    if not (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant | ast.List | ast.Dict | ast.Tuple | ast.BinOp)
    ):
        return None
    name, value = node.targets[0].id, found.text(node.value)
    if value is None:
        return None
    if name in _BUILTINS:
        return (
            f"after {_code(found.text(node) or name)}, what does the name {_code(name)} mean "
            f"if your code later calls {_code(name + '(...)')}?"
        )
    if isinstance(node.value, ast.BinOp) and isinstance(node.value.left, ast.List):
        return (
            f"{_code(name)} is made by {_code(value)}: if you change one row of "
            f"{_code(name)}, do the other rows change too?"
        )
    if isinstance(node.value, ast.BinOp):
        return None
    return (
        f"{_code(name)} starts as {_code(value)}: what does it hold after the first time the "
        "next lines change it, and is that right?"
    )


def _global_changed(found: _Line) -> str | None:
    node = found.node
    function = found.function
    if not (isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and function):
        return None
    name = node.target.id
    own = {arg.arg for arg in ast.walk(function.args) if isinstance(arg, ast.arg)}
    for inner in ast.walk(function):
        if isinstance(inner, ast.Global | ast.Nonlocal) and name in inner.names:
            return None
        if isinstance(inner, ast.Assign) and inner.lineno < node.lineno:
            own |= {t.id for t in inner.targets if isinstance(t, ast.Name)}
    if name in own:
        return None
    return (
        f"inside {_code(function.name)}, which {_code(name)} does "
        f"{_code(found.text(node) or name)} change: the one outside the function, or one of "
        f"{_code(function.name)}'s own?"
    )


def _return_in_loop(found: _Line) -> str | None:
    node = found.node
    function = found.function
    if not (isinstance(node, ast.Return) and found.loops and function):
        return None
    what = found.text(node) or "this return"
    loop = found.loops[-1]
    if not _always_returns(loop.body) and not isinstance(function.body[-1], ast.Return | ast.Raise):
        return (
            f"what does {_code(function.name)} give back when the loop on line "
            f"{found.loop_line(loop)} ends without {_code(what)} ever running?"
        )
    return (
        f"how many items has the loop on line {found.loop_line(loop)} checked when "
        f"{_code(what)} runs?"
    )


def _for_range(found: _Line) -> str | None:
    node = found.node
    if not isinstance(node, ast.For):
        return None
    iterated = found.text(node.iter)
    if not (_is_range(node.iter) and iterated):
        return None
    target = found.text(node.target) or "the loop variable"
    return (
        f"which values does {_code(target)} take from {_code(iterated)}: what is the first "
        "one, and what is the last one?"
    )


def _while(found: _Line) -> str | None:
    node = found.node
    if not isinstance(node, ast.While):
        return None
    test = found.text(node.test)
    names = [name for name in _names(node.test) if name not in _BUILTINS]
    if not (test and names):
        return None
    changed = " or ".join(_code(name) for name in names[:2])
    return (
        f"which line inside the loop changes {changed}, so that {_code(test)} becomes false "
        "one day?"
    )


def _input_compared(found: _Line) -> str | None:
    """A comparison of a name that holds `input()`'s text."""
    test = _expression(found.node)
    if not isinstance(test, ast.Compare) or any(
        isinstance(op, ast.Is | ast.IsNot) for op in test.ops
    ):
        return None
    from_input = {
        target.id
        for node in ast.walk(found.tree)
        if isinstance(node, ast.Assign) and _is_call(node.value, "input")
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for name in _names(test):
        if name in from_input:
            return (
                f"what kind of value does {_code(name)} hold here, text or a number, when it "
                f"comes from {_code('input()')}?"
            )
    return None


def _print_in_function(found: _Line) -> str | None:
    node, function = found.node, found.function
    if not (isinstance(node, ast.Expr) and _is_call(node.value, "print") and function):
        return None
    if found.loops:  # printing each item (a countdown) is the function's job, not a lost value
        return None
    if _returns_a_value(function) and function.body[-1] is not node:
        return None
    what = _code(found.text(node.value) or "print")
    return (
        f"{what} shows a value on the screen: what does a call of {_code(function.name)} "
        "give back to the code that called it when this line runs?"
    )


def _value_thrown_away(found: _Line) -> str | None:
    node = found.node
    if not isinstance(node, ast.Expr) or isinstance(node.value, ast.Call | ast.Constant):
        return None
    if isinstance(node.value, ast.Await | ast.Yield | ast.YieldFrom):
        return None
    what = found.text(node.value)
    return f"{_code(what)} is worked out: where does its value go then?" if what else None


def _no_return(found: _Line) -> str | None:
    """A statement that computes or stores a value in a function that never gives one back."""
    function = found.function
    if function is None or _returns_a_value(function):
        return None
    if not isinstance(found.node, ast.Expr | ast.Assign | ast.AugAssign):
        return None
    return (
        f"after this line has run, what does {_code(function.name)} give back to the code "
        "that called it?"
    )


def _expression_question(found: _Line) -> str | None:
    """The condition, returned value or assigned value of the line."""
    expression = _expression(found.node)
    if expression is None:
        return None
    return _about(found, expression)


def _about(found: _Line, node: ast.expr) -> str | None:
    what = found.text(node)
    if what is None:
        return None
    if isinstance(node, ast.BoolOp):
        bounds = _bounds(node)
        if bounds:
            subject, numbers = bounds
            values = " and when it is ".join(_code(repr(n)) for n in numbers[:2])
            return f"what does {_code(what)} give when {_code(subject)} is exactly {values}?"
        for value in node.values:
            if isinstance(value, ast.Constant) and found.text(value):
                return (
                    f"Python reads {_code(what)} as separate parts joined by "
                    f"{_code(_bool_word(node))}: is {_code(found.text(value))} on its own true "
                    "or false?"
                )
        return (
            f"what does {_code(what)} give when only one of its parts is true, and is that "
            "what you want?"
        )
    if isinstance(node, ast.Attribute) and isinstance(found.node, ast.If | ast.While):
        return (
            f"{_code(what)} has no {_code('()')}: is it the method's answer or the method "
            "itself, and is that true or false?"
        )
    if isinstance(node, ast.Compare):
        return _comparison(found, node, what)
    if isinstance(node, ast.Subscript):
        sequence = found.text(node.value)
        if sequence and isinstance(node.value, ast.Name):
            return (
                f"which position does {_code(what)} read when {_code(sequence)} has 3 items, "
                f"and which positions does {_code(sequence)} have?"
            )
    if isinstance(node, ast.BinOp):
        return _operation(found, node, what)
    if isinstance(node, ast.Call) and _is_range(node):
        return f"which numbers does {_code(what)} give: what is the first one, and the last one?"
    if isinstance(node, ast.Call):
        for argument in node.args:
            if isinstance(argument, ast.BinOp | ast.Subscript | ast.Compare) or _is_range(argument):
                return _about(found, argument)
    return None


def _comparison(found: _Line, node: ast.Compare, what: str) -> str | None:
    if any(isinstance(op, ast.Is | ast.IsNot) for op in node.ops):
        return (
            f"in {_code(what)}, does {_code('is')} check that two values are equal, or "
            "something else?"
        )
    parts = [node.left, *node.comparators]
    names = [found.text(part) for part in parts if not isinstance(part, ast.Constant)]
    numbers = [
        part.value
        for part in parts
        if isinstance(part, ast.Constant) and isinstance(part.value, int | float)
    ]
    texts = [
        part.value
        for part in parts
        if isinstance(part, ast.Constant) and isinstance(part.value, str)
    ]
    ordered = all(isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) for op in node.ops)
    subject = names[0] if names and names[0] else None
    if subject is None:
        return None
    if ordered and numbers:
        values = " and when it is ".join(_code(repr(number)) for number in numbers[:2])
        return f"what does {_code(what)} give when {_code(subject)} is exactly {values}?"
    if ordered and len(names) >= 2 and names[1]:
        return (
            f"what does {_code(what)} give when {_code(subject)} is larger than "
            f"{_code(names[1])}, and what do you want to happen then?"
        )
    if texts and texts[0].isalpha() and texts[0] == texts[0].lower():
        other = texts[0].capitalize()
        return f"what does {_code(what)} give when {_code(subject)} is {_code(repr(other))}?"
    plain = [name for name in _names(node) if name not in _BUILTINS]
    if plain:
        return (
            f"try two values of {_code(plain[0])}, such as 4 and 7: which makes {_code(what)} "
            "true, and is that the one you want?"
        )
    return None


def _bounds(node: ast.BoolOp) -> tuple[str, list[int | float]] | None:
    """`age > 13 and age < 20`: the one name compared and its numbers."""
    subjects, numbers = set(), []
    for value in node.values:
        if not isinstance(value, ast.Compare):
            return None
        for part in [value.left, *value.comparators]:
            if isinstance(part, ast.Name):
                subjects.add(part.id)
            elif isinstance(part, ast.Constant) and isinstance(part.value, int | float):
                numbers.append(part.value)
            else:
                return None
    return (subjects.pop(), numbers) if len(subjects) == 1 and numbers else None


def _operation(found: _Line, node: ast.BinOp, what: str) -> str | None:
    operands, sized = [], []
    for inner in ast.walk(node):
        if _is_call(inner, "len") and inner.args and isinstance(inner.args[0], ast.Name):
            sized.append(inner.args[0].id)
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and inner.id not in {*_BUILTINS, *sized, *operands}:
            operands.append(inner.id)
    given = [
        f"{_code(name)} = {value}" for name, value in zip(operands, _SAMPLE_VALUES, strict=False)
    ]
    given += [f"a {_code(name)} of 5 items" for name in sized[:1]]
    if not given:
        return None
    return (
        f"work out {_code(what)} by hand with {' and '.join(given)}: is the result the value "
        "you want there?"
    )


_RULES: list[Callable[[_Line], str | None]] = [
    _mutable_default,
    _changes_the_loop,
    _changes_the_loop_variable,
    _reset_inside_loop,
    _assigned_from_own_method,
    _starting_value,
    _global_changed,
    _return_in_loop,
    _for_range,
    _while,
    _input_compared,
    _print_in_function,
    _value_thrown_away,
    _no_return,
    _expression_question,
]


# -- small helpers ------------------------------------------------------------------------------


def _expression(node: ast.stmt) -> ast.expr | None:
    if isinstance(node, ast.If | ast.While):
        return node.test
    if isinstance(node, ast.Return | ast.Expr | ast.Assign | ast.AugAssign):
        return node.value
    return None


def _names(node: ast.AST) -> list[str]:
    found: list[str] = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and inner.id not in found:
            found.append(inner.id)
    return found


def _is_call(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _is_range(node: ast.AST) -> bool:
    return _is_call(node, "range")


def _always_returns(body: list[ast.stmt]) -> bool:
    """Every path through `body` ends in a return (so a loop with it runs once)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return _always_returns(last.body) and _always_returns(last.orelse)
    return False


def _bool_word(node: ast.BoolOp) -> str:
    return "and" if isinstance(node.op, ast.And) else "or"


def _returns_a_value(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            return True
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(node, _FUNCTIONS | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return False
