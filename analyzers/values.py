"""What little can be known, without running code, about the value a name holds."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from mentor.analyzers.context import Context

# Calls whose result is a list, tuple, str or range: indexing and iterating agree on them.
_SEQUENCE_CALLS = frozenset({"list", "tuple", "sorted", "str", "input", "range", "reversed"})
_SEQUENCE_METHODS = frozenset({"split", "splitlines", "readlines", "rsplit", "copy"})
# Methods that change a list in place.
MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"}
)
# Builtins that read their argument without changing it.
_READ_ONLY_CALLS = frozenset(
    {
        "print",
        "len",
        "sum",
        "min",
        "max",
        "sorted",
        "str",
        "repr",
        "list",
        "tuple",
        "set",
        "any",
        "all",
        "enumerate",
        "zip",
        "range",
        "abs",
        "round",
        "int",
        "float",
        "bool",
        "type",
        "isinstance",
        "reversed",
    }
)


_OTHER_BINDERS = (
    ast.For,
    ast.With,
    ast.comprehension,
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.ClassDef,
    ast.Global,
)


def bindings(ctx: Context, name: str, at: ast.AST) -> list[ast.AST]:
    """The values assigned to `name` in the scope that `at` sees (None marks unknown ones)."""
    scope = ctx.enclosing_scope(at)
    values: list[ast.AST] = []
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        arguments = scope.args
        every_arg = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        if arguments.vararg:
            every_arg.append(arguments.vararg)
        if arguments.kwarg:
            every_arg.append(arguments.kwarg)
        if any(arg.arg == name for arg in every_arg):
            values.append(ast.Constant(value=None))  # a parameter: anything may come in
    for value in ctx.scope_fact(scope, "assigned", _assignments).get(name, ()):
        values.append(ast.Constant(value=None) if value is None else value)
    return values


def _assignments(scope: ast.AST, members: list[ast.AST]) -> dict[str, list[ast.AST | None]]:
    """Each name's values in one scope, in source order (None: a value that cannot be known),
    so that each `bindings` query looks the name up instead of walking the scope."""
    index: dict[str, list[ast.AST | None]] = {}
    for node in (scope, *members):
        if isinstance(node, ast.Assign):
            direct = {t.id for t in node.targets if isinstance(t, ast.Name)}
            for name in direct:
                index.setdefault(name, []).append(node.value)
            inside = {
                child.id
                for target in node.targets
                for child in ast.walk(target)
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store)
            }
            for name in inside - direct:
                index.setdefault(name, []).append(None)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            if isinstance(node.target, ast.Name):
                value = node if isinstance(node, ast.AugAssign) else (node.value or node)
                index.setdefault(node.target.id, []).append(value)
        elif isinstance(node, _OTHER_BINDERS):
            for name in _names_bound_by(node):
                index.setdefault(name, []).append(None)
    return index


def is_known_sequence(ctx: Context, expr: ast.expr, at: ast.AST) -> bool:
    """Whether `expr` certainly holds a list, tuple, str or range (so `xs[i]` is its i-th item)."""
    if not isinstance(expr, ast.Name):
        return False
    values = bindings(ctx, expr.id, at)
    return bool(values) and all(_is_sequence_value(value) for value in values)


def is_known_collection(ctx: Context, expr: ast.expr, at: ast.AST) -> bool:
    """Whether `expr` certainly holds a built-in list, dict or set."""
    if not isinstance(expr, ast.Name):
        return isinstance(expr, (ast.List, ast.Dict, ast.Set))
    values = [value for value in bindings(ctx, expr.id, at) if value is not at]
    return bool(values) and all(_is_collection_value(value) for value in values)


def _is_collection_value(value: ast.AST) -> bool:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in {"list", "dict", "set", "sorted"}
    return False


def mutates(nodes: Iterable[ast.AST], seq_text: str) -> bool:
    """Whether code may change the sequence named `seq_text` (a method call or passing it on)."""
    is_seq = _text_matcher(seq_text)
    for node in nodes:
        for child in ast.walk(node):
            if isinstance(child, ast.Call):
                func = child.func
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in MUTATING_METHODS
                    and is_seq(func.value)
                ):
                    return True
                passes_it = any(is_seq(arg) for arg in child.args)
                read_only = isinstance(func, ast.Name) and func.id in _READ_ONLY_CALLS
                if passes_it and not read_only:
                    return True
            elif isinstance(child, ast.Delete) and any(
                seq_text in ast.unparse(target) for target in child.targets
            ):
                return True
    return False


def _text_matcher(text: str) -> Callable[[ast.AST], bool]:
    """`node -> ast.unparse(node) == text`, without unparsing (slow) for a dotted name."""
    parts = text.split(".")
    if not all(part.isidentifier() for part in parts):
        return lambda node: ast.unparse(node) == text

    def matches(node: ast.AST) -> bool:
        for part in reversed(parts[1:]):
            if not isinstance(node, ast.Attribute) or node.attr != part:
                return False
            node = node.value
        return isinstance(node, ast.Name) and node.id == parts[0]

    return matches


def _is_sequence_value(value: ast.AST) -> bool:
    if isinstance(value, (ast.List, ast.Tuple, ast.ListComp, ast.JoinedStr)):
        return True
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (str, bytes, tuple))
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mult)):
        return _is_sequence_value(value.left) or _is_sequence_value(value.right)
    if isinstance(value, ast.Call):
        if isinstance(value.func, ast.Name):
            return value.func.id in _SEQUENCE_CALLS
        if isinstance(value.func, ast.Attribute):
            return value.func.attr in _SEQUENCE_METHODS
    return False


def _names_bound_by(node: ast.AST) -> set[str]:
    if isinstance(node, (ast.For, ast.comprehension)):
        return {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    if isinstance(node, ast.With):
        return {
            n.id
            for item in node.items
            if item.optional_vars is not None
            for n in ast.walk(item.optional_vars)
            if isinstance(n, ast.Name)
        }
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Global):
        return set(node.names)
    return set()


# -- numbers and text ------------------------------------------------------------------------

NUMBER, FLOAT, TEXT = "number", "float", "text"
_NUMBER_CALLS = {"int": NUMBER, "len": NUMBER, "float": FLOAT, "randint": NUMBER}
_RANDOM_NUMBERS = {"randint": NUMBER, "randrange": NUMBER, "random": FLOAT, "uniform": FLOAT}
_TEXT_METHODS = frozenset(
    {"upper", "lower", "title", "strip", "lstrip", "rstrip", "capitalize", "replace", "format"}
)


def value_kind(
    ctx: Context, expr: ast.AST, at: ast.AST, *, input_is_text: bool = True
) -> str | None:
    """NUMBER, FLOAT or TEXT when `expr` certainly evaluates to an int (or float), a float or a
    str; None when that cannot be known without running the code. A name is known when every
    value its scope gives it is (`secret = random.randint(1, 10)`)."""
    return _kind(ctx, expr, at, input_is_text, depth=0)


def _kind(ctx: Context, expr: ast.AST, at: ast.AST, input_is_text: bool, depth: int) -> str | None:
    if depth > 3:
        return None
    if isinstance(expr, ast.Constant):
        value = expr.value
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return NUMBER
        if isinstance(value, float):
            return FLOAT
        return TEXT if isinstance(value, str) else None
    if isinstance(expr, ast.JoinedStr):
        return TEXT
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.USub, ast.UAdd)):
        kind = _kind(ctx, expr.operand, at, input_is_text, depth + 1)
        return kind if kind in (NUMBER, FLOAT) else None
    if isinstance(expr, ast.Call):
        return _call_kind(ctx, expr, at, input_is_text, depth)
    if isinstance(expr, ast.BinOp):
        left = _kind(ctx, expr.left, at, input_is_text, depth + 1)
        right = _kind(ctx, expr.right, at, input_is_text, depth + 1)
        if left in (NUMBER, FLOAT) and right in (NUMBER, FLOAT):
            if isinstance(expr.op, ast.Div) or FLOAT in (left, right):
                return FLOAT
            return NUMBER
        if left == TEXT and right == TEXT and isinstance(expr.op, ast.Add):
            return TEXT
        if left == TEXT and isinstance(expr.op, ast.Mod):
            return TEXT
        return None
    if isinstance(expr, ast.Name):
        values = bindings(ctx, expr.id, at)
        if not values or len(values) > 8:
            return None
        kinds = {
            _kind(ctx, value, at, input_is_text, depth + 1)
            if not isinstance(value, ast.AugAssign)
            else None
            for value in values
        }
        if kinds == {NUMBER, FLOAT}:
            return FLOAT
        return kinds.pop() if len(kinds) == 1 else None
    return None


def _call_kind(
    ctx: Context, call: ast.Call, at: ast.AST, input_is_text: bool, depth: int
) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        if ctx.scopes.resolved.get(id(func)) is not None:
            return None  # a function of the file's own, named like a builtin
        if func.id in _NUMBER_CALLS:
            return _NUMBER_CALLS[func.id]
        if func.id == "round" and len(call.args) == 1:
            return NUMBER
        if func.id in ("str", "repr") or (func.id == "input" and input_is_text):
            return TEXT
        return None
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id == "random":
            return _RANDOM_NUMBERS.get(func.attr)
        if func.attr in _TEXT_METHODS or func.attr == "join":
            owner = func.value
            if func.attr == "join":
                return (
                    TEXT
                    if isinstance(owner, ast.Constant) and isinstance(owner.value, str)
                    else None
                )
            return TEXT if _kind(ctx, owner, at, input_is_text, depth + 1) == TEXT else None
    return None
