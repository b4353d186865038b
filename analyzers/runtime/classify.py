"""Which cause stopped the program, the expression that failed, and the words to fill in.

The exception's type and message give the family (their wording is stable from Python 3.10 to
3.13, and both spellings are matched where it changed); the failing line's syntax tree gives
the culprit expression, and the student's file the likely reason (a `.sort()` result, a
shadowed builtin, a loop that never changes its condition).
"""

from __future__ import annotations

import ast
import builtins
import difflib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from mentor.analyzers.runtime.failing_line import FailingLine, assigned_names, first, names_in
from mentor.analyzers.runtime.tracebacks import Frame, ParsedError

SourceReader = Callable[[str], "str | None"]
_NUMBERS = {"int", "float", "complex", "bool"}
_BUILTIN_TYPES: dict[str, type] = {
    t.__name__: t for t in (str, list, dict, int, float, tuple, set, bool, bytes, range)
}
_WANTS_INT = {"range", "randint", "randrange", "chr", "bin", "hex", "insert", "pop", "zfill"}
_IN_PLACE = {"sort", "append", "extend", "insert", "reverse", "remove", "clear", "update", "add"}


@dataclass
class ErrorContext:
    """What the classifier knows about one error."""

    error: ParsedError
    frame: Frame
    code: FailingLine
    values: dict[str, str] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    read: SourceReader = lambda name: None
    cwd: str | None = None

    @property
    def message(self) -> str:
        return self.error.message

    def match(self, pattern: str) -> re.Match[str] | None:
        return re.search(pattern, self.message)

    def sibling(self, name: str) -> str | None:
        """The text of a file next to the student's program, if there is one."""
        folder = os.path.dirname(self.frame.file)
        return self.read(os.path.join(folder, name) if folder else name)

    def value(self, expression: str) -> str | None:
        return self.values.get(expression)


@dataclass(frozen=True)
class Diagnosis:
    cause: str
    culprit: str
    args: dict[str, str]
    line: int | None = None  # where to look, when that is not where Python stopped


def classify(context: ErrorContext) -> Diagnosis:
    """The cause of `context.error`; `runtime-error` when none more specific applies."""
    kind = context.error.short_type
    for handled, classifier in _BY_TYPE:
        if kind in handled:
            found = classifier(context)
            if found is not None:
                return found
    return _generic(context)


# -- helpers ---------------------------------------------------------------------------


def _done(
    context: ErrorContext, cause: str, node: ast.AST | None, line: int | None = None, **args: str
) -> Diagnosis:
    culprit = args.pop("culprit", None) or context.code.source(node) or _marked_text(context)
    args.setdefault("hint", "")
    return Diagnosis(cause, culprit, {"culprit": culprit, **args}, line)


def _marked_text(context: ErrorContext) -> str:
    frame = context.frame
    stripped = frame.code.strip()
    if frame.marked is None:
        return stripped
    offset = len(frame.code) - len(frame.code.lstrip())
    return stripped[frame.marked[0] - offset : frame.marked[1] - offset] or stripped


def _hint(sentence: str) -> str:
    return " " + sentence if sentence else ""


def _file_names(context: ErrorContext) -> set[str]:
    tree = context.code.tree
    names: set[str] = set()
    if tree is not None:
        names = assigned_names([tree])
        names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return names


def _closest(word: str, choices: set[str] | list[str]) -> str | None:
    pool = [choice for choice in choices if choice != word]
    lowered = [choice for choice in pool if choice.lower() == word.lower()]
    if lowered:
        return lowered[0]
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return found[0] if found else None


def _python_suggestion(message: str) -> str | None:
    found = re.search(r"Did you mean:? '?([\w.]+)'?\??", message)
    return found.group(1) if found else None


def _kind_words(type_name: str) -> str:
    return {
        "int": "whole number (int)",
        "float": "decimal number (float)",
        "str": "text (str)",
        "NoneType": "None",
        "function": "function",
        "builtin_function_or_method": "built-in function",
        "method": "method",
    }.get(type_name, type_name)


# -- NameError, UnboundLocalError --------------------------------------------------------


def _name_error(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"(?:local|free) variable '(\w+)'") or context.match(
        r"cannot access (?:local|free) variable '(\w+)'"
    )
    if found:
        return _unbound(context, found.group(1))
    found = context.match(r"name '(\w+)' is not defined")
    if not found:
        return None
    name = found.group(1)
    node = context.code.pick(
        [n for n in context.code.of_type(ast.Name) if n.id == name]  # type: ignore[attr-defined]
    )
    suggestion = _python_suggestion(context.message)
    names = _file_names(context) | set(dir(builtins))
    suggestion = suggestion or _closest(name, names)
    if suggestion:
        hint = f"Did you mean '{suggestion}'?"
    elif name in getattr(sys, "stdlib_module_names", ()):
        hint = f"'{name}' is a module: write 'import {name}' at the top of your file first."
    elif name not in _file_names(context) - {name} and name.isalpha():
        hint = f"If you meant the text {name}, put it in quotes: '{name}'."
    else:
        hint = ""
    return _done(context, "name-not-defined", node, culprit=name, name=name, hint=_hint(hint))


def _unbound(context: ErrorContext, name: str) -> Diagnosis:
    node = context.code.pick([n for n in context.code.of_type(ast.Name) if n.id == name])  # type: ignore[attr-defined]
    function = context.frame.function if context.frame.function != "<module>" else "the function"
    hint = ""
    tree = context.code.tree
    if tree is not None and any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for n in tree.body
        for n in ast.walk(n)
        if not isinstance(n, ast.FunctionDef)
    ):
        hint = f"If you mean to change the '{name}' outside, 'global {name}' would do it, "
        hint += "but passing values in and returning them is clearer."
    return _done(
        context,
        "unbound-local",
        node,
        culprit=name,
        name=name,
        function=f"'{function}'" if function != "the function" else function,
        hint=_hint(hint),
    )


# -- TypeError ---------------------------------------------------------------------------


def _type_error(context: ErrorContext) -> Diagnosis | None:
    message = context.message
    if "NoneType" in message:
        return _none_used(context)
    for classifier in (
        _str_number,
        _not_callable,
        _not_subscriptable,
        _not_iterable,
        _float_as_int,
        _immutable,
        _index_not_int,
        _unhashable,
        _no_len,
        _wrong_arguments,
        _unpack_not_iterable,
    ):
        found = classifier(context)
        if found is not None:
            return found
    return None


def _operation(context: ErrorContext) -> ast.AST | None:
    return context.code.pick(context.code.of_type(ast.BinOp, ast.Compare, ast.AugAssign))


def _str_number(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r'can only concatenate str \(not "(\w+)"\) to str')
    types: set[str] = set()
    if found:
        types = {"str", found.group(1)}
    elif found := context.match(r"for .+: '(\w+)' and '(\w+)'") or context.match(
        r"not supported between instances of '(\w+)' and '(\w+)'"
    ):
        types = {found.group(1), found.group(2)}
    elif found := context.match(r"can't multiply sequence by non-int of type '(\w+)'"):
        types = {"str", found.group(1)}
    elif context.match(r"'str' object cannot be interpreted as an integer"):
        node = context.code.pick(context.code.of_type(ast.Call))
        return _done(context, "str-number-mix", node, number="int", hint=_input_hint(context, node))
    elif found := context.match(r"expected str instance, (\w+) found"):
        node = context.code.pick(context.code.of_type(ast.Call))
        hint = "join() puts texts together: turn each number into text first, e.g. "
        hint += "', '.join(str(n) for n in numbers)."
        return _done(context, "str-number-mix", node, number=found.group(1), hint=_hint(hint))
    if "str" not in types or not types & _NUMBERS:
        return None
    number = next(iter(types & _NUMBERS))
    node = _operation(context)
    return _done(context, "str-number-mix", node, number=number, hint=_input_hint(context, node))


def _input_hint(context: ErrorContext, node: ast.AST | None) -> str:
    """Say so when a name in the failing expression got its value straight from input()."""
    tree = context.code.tree
    if tree is None or node is None:
        return ""
    used = set(names_in(node))
    for assign in ast.walk(tree):
        if (
            isinstance(assign, ast.Assign)
            and isinstance(assign.value, ast.Call)
            and isinstance(assign.value.func, ast.Name)
            and assign.value.func.id == "input"
        ):
            for target in assign.targets:
                if isinstance(target, ast.Name) and target.id in used:
                    return _hint(
                        f"'{target.id}' comes from input() (line {assign.lineno}), and input() "
                        f"always gives text, even when someone types digits."
                    )
    return ""


def _none_used(context: ErrorContext) -> Diagnosis:
    code = context.code
    node: ast.AST | None
    action = "use"
    if found := context.match(r"has no attribute '(\w+)'"):
        attribute = found.group(1)
        attr = code.pick([n for n in code.of_type(ast.Attribute) if n.attr == attribute])  # type: ignore[attr-defined]
        node, action = (attr.value if attr else None), f"look up .{attribute} on"  # type: ignore[attr-defined]
    elif "subscriptable" in context.message:
        sub = code.pick(code.of_type(ast.Subscript))
        node, action = (sub.value if sub else None), "index"  # type: ignore[attr-defined]
    elif "iterable" in context.message or "unpack" in context.message:
        node, action = _iterated(context), "loop over"
        if "unpack" in context.message:
            node = (code.of_type(ast.Assign) or [None])[0]
            node = node.value if node else None  # type: ignore[attr-defined]
            action = "unpack"
    elif "len()" in context.message:
        call = _call_named(context, "len")
        node, action = (call.args[0] if call and call.args else None), "take the len() of"  # type: ignore[attr-defined]
    else:
        node, action = _operation(context), "calculate with"
        if isinstance(node, ast.BinOp | ast.AugAssign):
            node = _none_side(context, node)
    return _done(context, "none-used", node, action=action, hint=_none_origin(context, node))


def _none_side(context: ErrorContext, node: ast.AST) -> ast.AST:
    sides = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.target, node.value]  # type: ignore[attr-defined]
    for side in sides:
        if context.values.get(context.code.source(side)) == "None":
            return side
    for side in sides:
        if isinstance(side, ast.Name | ast.Call | ast.Attribute) and _none_origin(context, side):
            return side
    return node


def _none_origin(context: ErrorContext, node: ast.AST | None) -> str:
    """Where the None came from: an in-place method's result, or a function with no return."""
    tree = context.code.tree
    if tree is None or node is None:
        return ""
    call: ast.AST | None = node if isinstance(node, ast.Call) else None
    where = "It comes "
    if isinstance(node, ast.Name):
        for assign in ast.walk(tree):
            if (
                isinstance(assign, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == node.id for t in assign.targets)
                and isinstance(assign.value, ast.Call)
            ):
                call, where = assign.value, f"'{node.id}' got its value on line {assign.lineno} "
    if not isinstance(call, ast.Call):
        return ""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _IN_PLACE:
        return _hint(
            f"{where}from .{func.attr}(), which changes {_owner(context, func)} in place "
            f"and gives back None. Call it on its own line and keep using the original."
        )
    if isinstance(func, ast.Name):
        for definition in context.code.definitions(func.id):
            returns = [
                n for n in ast.walk(definition) if isinstance(n, ast.Return) and n.value is not None
            ]
            if not returns:
                return _hint(
                    f"{where}from {func.id}(), and {func.id} (line {definition.lineno}) has no "
                    f"'return' with a value, so it gives back None. Did it print its result "
                    f"instead of returning it?"
                )
            return _hint(
                f"{where}from {func.id}(), which gives back None when it ends without "
                f"reaching a 'return' (or returns nothing) in some cases."
            )
    return ""


def _owner(context: ErrorContext, func: ast.Attribute) -> str:
    return f"'{context.code.source(func.value)}'"


def _iterated(context: ErrorContext) -> ast.AST | None:
    code = context.code
    statement = code.statement
    if isinstance(statement, ast.For | ast.AsyncFor):
        return statement.iter
    comprehension = code.of_type(ast.comprehension)
    if comprehension:
        return comprehension[0].iter  # type: ignore[attr-defined]
    compare = code.of_type(ast.Compare)
    if compare and isinstance(compare[0].ops[0], ast.In | ast.NotIn):  # type: ignore[attr-defined]
        return compare[0].comparators[0]  # type: ignore[attr-defined]
    call = code.pick(code.of_type(ast.Call))
    if isinstance(call, ast.Call) and call.args:
        return call.args[0]
    return call


def _call_named(context: ErrorContext, *names: str) -> ast.Call | None:
    calls = [
        node
        for node in context.code.of_type(ast.Call)
        if _called_name(node) in names  # type: ignore[arg-type]
    ]
    return context.code.pick(calls)  # type: ignore[return-value]


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _not_callable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"'(\w+)' object is not callable")
    if not found:
        return None
    kind = found.group(1)
    node = context.code.pick(context.code.of_type(ast.Call))
    callee = context.code.source(node.func) if isinstance(node, ast.Call) else ""
    hint = ""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Constant):
        hint = "A number right before '(' does not multiply in Python: write '*' between them."
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        tree = context.code.tree
        assigned = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        ] if tree else []  # fmt: skip
        if name in dir(builtins) and assigned:
            hint = (
                f"'{name}' is one of Python's functions, but your program stores a value in a "
                f"variable called '{name}' (line {assigned[0]}), which hides the function. "
                f"Give the variable another name."
            )
        elif assigned:
            hint = f"'{name}' got a {_kind_words(kind)} as its value on line {assigned[0]}."
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Subscript | ast.Attribute):
        hint = ""
    culprit = context.code.source(node)
    return _done(
        context,
        "not-callable",
        node,
        culprit=culprit,
        type=_kind_words(kind),
        callee=callee or culprit,
        hint=_hint(hint),
    )


def _not_subscriptable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"'(\w+)' object is not subscriptable")
    if not found:
        return None
    kind = found.group(1)
    node = context.code.pick(context.code.of_type(ast.Subscript))
    container = context.code.source(node.value) if isinstance(node, ast.Subscript) else ""
    hint = ""
    if kind in {"function", "builtin_function_or_method", "method", "type"}:
        hint = (
            f"To call '{container}', use round brackets: {container}(...). Square brackets "
            f"look inside a list, str or dict."
        )
    elif kind in _NUMBERS:
        hint = (
            "To get one digit of a number, turn it into text first (str(n)[0]); to keep "
            "several numbers, put them in a list."
        )
    return _done(
        context,
        "not-subscriptable",
        node,
        container=container or "?",
        type=_kind_words(kind),
        hint=_hint(hint),
    )


def _not_iterable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"'(\w+)' object is not iterable") or context.match(
        r"argument of type '(\w+)' is not iterable"
    )
    if not found:
        return None
    kind = found.group(1)
    node = _iterated(context)
    iterable = context.code.source(node)
    compare = context.code.of_type(ast.Compare)
    where = ""
    if compare and isinstance(compare[0].ops[0], ast.In | ast.NotIn):  # type: ignore[attr-defined]
        node = compare[0]
        where = f" ('{context.code.source(node)}' looks for an item inside it)"
    hint = ""
    if kind in {"int", "float"}:
        text = context.code.source(node)
        if isinstance(node, ast.Call) and _called_name(node) == "len":
            hint = f"To go through the positions, loop over range({text})."
        else:
            hint = f"To count from 0 up to {text}, loop over range({text})."
    return _done(
        context,
        "not-iterable",
        node,
        iterable=iterable,
        where=where,
        type=_kind_words(kind),
        hint=_hint(hint),
    )


def _float_as_int(context: ErrorContext) -> Diagnosis | None:
    if not context.match(r"'float' object cannot be interpreted as an integer"):
        return None
    calls = context.code.of_type(ast.Call)
    wanting_int = [c for c in calls if _called_name(c) in _WANTS_INT]  # type: ignore[arg-type]
    node = context.code.pick(wanting_int or calls)
    divided = any(
        isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) for n in ast.walk(node or ast.Pass())
    ) or _input_hint(context, node)
    hint = "'/' always gives a float, even for 10 / 2: use '//' to divide into a whole number."
    if not divided:
        hint = "Turn it into a whole number with int(...) or round(...) first."
    return _done(context, "float-as-int", node, hint=_hint(hint))


def _immutable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(
        r"'(\w+)' object (?:does not|doesn't) support item (?:assignment|deletion)"
    )
    if not found:
        return None
    kind = found.group(1)
    stored = [
        n
        for n in context.code.of_type(ast.Subscript)
        if isinstance(n.ctx, ast.Store | ast.Del)  # type: ignore[attr-defined]
    ]
    node = context.code.pick(stored or context.code.of_type(ast.Subscript))
    container = context.code.source(node.value) if isinstance(node, ast.Subscript) else "?"
    hint = {
        "str": f"Build a new text instead (with slicing and +, or .replace()), or turn it into "
        f"a list of characters first: list({container}).",
        "tuple": f"If '{container}' has to change, make it a list with [...] instead of (...).",
    }.get(kind, "")
    return _done(
        context,
        "immutable-item-assignment",
        node,
        type=_kind_words(kind),
        container=container,
        hint=_hint(hint),
    )


def _index_not_int(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"(list|tuple|string|str|slice) indices must be integers")
    if not found:
        return None
    container_type = {"string": "str", "slice": "list"}.get(found.group(1), found.group(1))
    node = context.code.pick(context.code.of_type(ast.Subscript))
    index = context.code.source(node.slice) if isinstance(node, ast.Subscript) else "?"
    index_type = (context.match(r"not '?(\w+)'?$") or [None, None])[1]  # type: ignore[index]
    if index_type is None:
        value = context.value(index)
        index_type = "str" if value and value[:1] in "'\"" else "value that is not an int"
    hint = ""
    if index_type == "str" and isinstance(node, ast.Subscript):
        loop = first(
            context.code.enclosing(ast.For),
            lambda loop: isinstance(loop.target, ast.Name) and loop.target.id == index,  # type: ignore[attr-defined]
        )
        if loop is not None:
            hint = (
                f"'for {index} in ...' gives you the items themselves, not their positions: "
                f"use '{index}' directly, or loop over range(len(...)) for positions."
            )
        else:
            hint = "If the position comes from input(), turn it into a number with int() first."
    elif index_type == "float":
        hint = "'/' always gives a float: use '//' for a whole-number division, or int(...)."
    return _done(
        context,
        "index-not-int",
        node,
        index=index,
        type=container_type,
        index_type=_kind_words(index_type),
        hint=_hint(hint),
    )


def _unhashable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"unhashable type: '(\w+)'")
    if not found:
        return None
    kind = found.group(1)
    node = context.code.pick(context.code.of_type(ast.Subscript, ast.Call, ast.Dict, ast.Set))
    hint = "Use a tuple (...) instead of a list as the key." if kind == "list" else ""
    return _done(context, "unhashable", node, type=kind, hint=_hint(hint))


def _no_len(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"object of type '(\w+)' has no len\(\)")
    if not found:
        return None
    kind = found.group(1)
    call = _call_named(context, "len")
    argument = context.code.source(call.args[0]) if call and call.args else "?"
    hint = ""
    if kind in {"int", "float"}:
        hint = f"To count the digits of a number, use len(str({argument}))."
    return _done(
        context, "no-len", call, type=_kind_words(kind), argument=argument, hint=_hint(hint)
    )


def _wrong_arguments(context: ErrorContext) -> Diagnosis | None:
    found = context.match(
        r"^([\w.<>]+)\(\) (takes|missing|got an unexpected|got multiple|got some|"
        r"takes no|takes exactly|takes at most|takes from|expected)"
    ) or context.match(r"^([\w.]+) expected (?:at most |at least )?\d+ arguments?")
    if not found:
        return None
    qualified = found.group(1)
    name = qualified.rsplit(".", 1)[-1]
    owner = qualified.rsplit(".", 1)[0] if "." in qualified else ""
    wanted = {owner, name} if name == "__init__" else {name}
    calls = [n for n in context.code.of_type(ast.Call) if _called_name(n) in wanted]  # type: ignore[arg-type]
    node = context.code.pick(calls or context.code.of_type(ast.Call))
    detail = context.message.split("() ", 1)[-1] if "() " in context.message else context.message
    shown = f"'{owner}(...)'" if name == "__init__" and owner else f"'{name}'"
    hint = ""
    definitions = context.code.definitions(name)
    if definitions:
        definition = definitions[0]
        params = ", ".join(arg.arg for arg in definition.args.args)
        hint = f"It is defined on line {definition.lineno} as 'def {name}({params})'."
        if "0 positional arguments but 1" in context.message or (
            owner and not definition.args.args
        ):
            hint += " A method needs 'self' as its first parameter."
    return _done(context, "wrong-arguments", node, function=shown, detail=detail, hint=_hint(hint))


def _unpack_not_iterable(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"cannot unpack non-iterable (\w+) object")
    if not found:
        return None
    return _unpack(context, expected="several", got=f"a single {_kind_words(found.group(1))}")


# -- IndexError, KeyError ------------------------------------------------------------------


def _index_error(context: ErrorContext) -> Diagnosis | None:
    message = context.message
    raised_in = context.error.frames[-1].function if context.error.frames else ""
    if "empty sequence" in message or (raised_in == "choice" and _call_named(context, "choice")):
        return _empty_sequence(context)  # Python 3.10's random.choice([]): "list index out of"
    if message.startswith("pop from"):
        return _pop_empty(context)
    if "out of range" not in message:
        return None
    code = context.code
    wanted = ast.Store if "assignment" in message else ast.Load
    subscripts = [n for n in code.of_type(ast.Subscript) if isinstance(n.ctx, wanted)]  # type: ignore[attr-defined]
    subscripts = subscripts or code.of_type(ast.Subscript)
    if code.marked is None and len(subscripts) > 1:
        subscripts = _likely_past_the_end(context, subscripts)
    node = code.pick(subscripts)
    if message.startswith("pop index") or not isinstance(node, ast.Subscript):
        call = _call_named(context, "pop", "insert")
        if call is not None:
            container = code.source(call.func.value)  # type: ignore[attr-defined]
            index_expr = code.source(call.args[0]) if call.args else "-1"
            return _out_of_range(context, call, container, index_expr)
    if not isinstance(node, ast.Subscript):
        return _done(
            context,
            "index-out-of-range",
            node,
            index="?",
            sized="the sequence is shorter",
            positions="the sequence is shorter than that",
            container="?",
            index_expr="?",
        )
    return _out_of_range(context, node, code.source(node.value), code.source(node.slice))


def _likely_past_the_end(context: ErrorContext, subscripts: list[ast.AST]) -> list[ast.AST]:
    """Without Python's markers, several indexings on the line could be the one: the one whose
    index is known to be past the end, else one computed from len() or with + (off by one)."""
    code = context.code
    for node in subscripts:
        index = context.value(code.source(node.slice))  # type: ignore[attr-defined]
        length = context.value(f"len({code.source(node.value)})")  # type: ignore[attr-defined]
        known = bool(index and length and index.lstrip("-").isdigit() and length.isdigit())
        if known and not -int(length) <= int(index) < int(length):  # type: ignore[arg-type]
            return [node]
    suspicious = [
        node
        for node in subscripts
        if re.search(r"len\(|\+", code.source(node.slice))  # type: ignore[attr-defined]
    ]
    return suspicious or subscripts


def _out_of_range(
    context: ErrorContext, node: ast.AST, container: str, index_expr: str
) -> Diagnosis:
    index = context.value(index_expr) or index_expr
    length = context.value(f"len({container})")
    items = "characters" if context.message.startswith("string") else "items"
    if length is not None:
        last = str(int(length) - 1) if length.isdigit() else f"len({container}) - 1"
        sized = (
            f"'{container}' has {length} {items}" if length != "0" else f"'{container}' is empty"
        )
    else:
        sized = f"'{container}' is shorter than that"
        last = f"len({container}) - 1"
    return _done(
        context,
        "index-out-of-range",
        node,
        index=index,
        sized=sized,
        positions=f"{sized}: it has no positions at all"
        if sized.endswith("is empty")
        else f"{sized}, so the positions go from 0 to {last}",
        container=container,
        index_expr=index_expr,
        hint=_hint(_off_by_one(context, container, index_expr)),
    )


def _off_by_one(context: ErrorContext, container: str, index_expr: str) -> str:
    """Name the off-by-one pattern when the code shows one."""
    if index_expr.replace(" ", "") == f"len({container})":
        return (
            f"Positions start at 0, so the last item is {container}[len({container}) - 1], "
            f"or simply {container}[-1]."
        )
    for loop in context.code.enclosing(ast.For, ast.While):
        if isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call):
            text = context.code.source(loop.iter).replace(" ", "")
            if re.fullmatch(rf"range\((1,)?len\({re.escape(container)}\)\+1\)", text):
                return (
                    f"The loop 'for ... in {context.code.source(loop.iter)}' goes one step too "
                    f"far: range(len({container})) already gives every position, 0 to "
                    f"len({container}) - 1."
                )
            plus = re.fullmatch(r"(\w+)\+1", index_expr.replace(" ", ""))
            if (
                plus
                and isinstance(loop.target, ast.Name)
                and loop.target.id == plus.group(1)
                and "len(" in text
            ):
                return (
                    f"On the last turn of the loop, {plus.group(1)} is the last position, so "
                    f"{index_expr} is one past the end. Stop the loop one step earlier "
                    f"(range(len({container}) - 1)) when you compare neighbours."
                )
        if isinstance(loop, ast.While):
            test = context.code.source(loop.test).replace(" ", "")
            if f"<=len({container})" in test:
                return (
                    f"The loop condition '{context.code.source(loop.test)}' lets the index "
                    f"reach len({container}), one past the last position: use '<' instead "
                    f"of '<='."
                )
    return ""


def _pop_empty(context: ErrorContext) -> Diagnosis:
    call = _call_named(context, "pop", "popitem", "popleft")
    container = context.code.source(call.func.value) if call else "?"  # type: ignore[attr-defined]
    return _done(context, "pop-empty", call, container=container)


def _key_error(context: ErrorContext) -> Diagnosis:
    message = context.message
    if "empty" in message and ("popitem" in message or "pop from" in message):
        return _pop_empty(context)
    key = message.strip()
    code = context.code
    candidates = []
    for node in code.of_type(ast.Subscript):
        slice_text = code.source(node.slice)  # type: ignore[attr-defined]
        if slice_text == key or context.value(slice_text) == key:
            candidates.append(node)
    node = code.pick(candidates or code.of_type(ast.Subscript))
    container = code.source(node.value) if isinstance(node, ast.Subscript) else ""
    if not isinstance(node, ast.Subscript):
        call = _call_named(context, "pop", "remove")
        if call is not None:
            node, container = call, code.source(call.func.value)  # type: ignore[attr-defined]
    known = context.keys.get(container) or _string_constants(context)
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
    close += [k for k in known if k.lower() == key.lower() and k not in close and k != key]
    close = [k for k in close if k != key]
    hint = f"Close keys it does have: {', '.join(close[:3])}." if close else ""
    if not close and container in context.keys:
        shown = ", ".join(context.keys[container][:8]) or "none at all"
        hint = f"Its keys are: {shown}."
    return _done(
        context,
        "missing-key",
        node,
        key=key,
        container_words=f"'{container}'" if container else "the dict",
        hint=_hint(hint),
    )


def _string_constants(context: ErrorContext) -> list[str]:
    tree = context.code.tree
    if tree is None:
        return []
    return sorted(
        {
            repr(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str | int)
        }
    )


# -- ValueError and friends -----------------------------------------------------------------


def _value_error(context: ErrorContext) -> Diagnosis | None:
    if found := context.match(r"invalid literal for int\(\) with base \d+: (.*)$"):
        return _bad_conversion(context, "int", found.group(1))
    if found := context.match(r"could not convert string to float: (.*)$"):
        return _bad_conversion(context, "float", found.group(1))
    if context.match(r"x not in (list|tuple)|is not in (list|tuple)|substring not found"):
        return _not_found(context)
    if found := context.match(r"too many values to unpack \(expected (\d+)(?:, got (\d+))?\)"):
        got = found.group(2) or f"more than {found.group(1)}"
        return _unpack(context, found.group(1), got)
    if found := context.match(r"not enough values to unpack \(expected (\d+), got (\d+)\)"):
        return _unpack(context, found.group(1), found.group(2))
    if context.match(
        r"empty sequence|iterable argument is empty|arg is an empty|at least one data point|"
        r"for empty data"
    ):
        return _empty_sequence(context)
    if "math domain error" in context.message:
        call = context.code.pick(context.code.of_type(ast.Call))
        return _done(context, "math-domain", call)
    return None


def _bad_conversion(context: ErrorContext, target: str, text: str) -> Diagnosis:
    call = _call_named(context, target)
    raw = text.strip()
    try:
        literal = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        literal = raw
    literal = literal if isinstance(literal, str) else raw
    hint = ""
    if not literal.strip():
        hint = (
            "The text is empty: perhaps Enter was pressed without typing anything, or a line "
            "of the file is blank."
        )
    elif target == "int" and re.fullmatch(r"\s*[-+]?\d*\.\d+\s*", literal):
        hint = (
            "int() only reads whole numbers. For a number with a decimal point use float(), "
            "then int() or round() if you need a whole number."
        )
    elif re.fullmatch(r"\s*[-+]?\d+,\d+\s*", literal):
        hint = "Python writes decimals with a point, not a comma: 3.5, not 3,5."
    elif re.search(r"[A-Za-z]", literal):
        hint = "The text has letters in it. Check what was typed, or which part of a line you read."
    kind = "whole number" if target == "int" else "number"
    return _done(
        context, "bad-conversion", call, target=target, text=raw, kind=kind, hint=_hint(hint)
    )


def _not_found(context: ErrorContext) -> Diagnosis:
    call = _call_named(context, "remove", "index")
    container = context.code.source(call.func.value) if call else "?"  # type: ignore[attr-defined]
    value = context.code.source(call.args[0]) if call and call.args else "the value"
    shown = context.value(value)
    if shown is not None and shown != value:
        value = f"{value} ({shown})"
    return _done(context, "value-not-found", call, container=container, value=value)


def _unpack(context: ErrorContext, expected: str, got: str) -> Diagnosis:
    code = context.code
    statement = code.statement
    node: ast.AST | None = None
    if isinstance(statement, ast.Assign):
        node = statement.targets[0]
    elif isinstance(statement, ast.For | ast.AsyncFor):
        node = statement.target
    else:
        comprehension = code.of_type(ast.comprehension)
        node = comprehension[0].target if comprehension else None  # type: ignore[attr-defined]
    hint = ""
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        if _called_name(statement.value) == "split":
            hint = "split() gives as many pieces as the text has separators plus one."
    elif isinstance(statement, ast.For) and isinstance(statement.iter, ast.Name | ast.Attribute):
        hint = (
            f"Looping over a dict gives its keys only: use {code.source(statement.iter)}.items() "
            f"for keys with their values."
        )
    return _done(context, "unpack-mismatch", node, expected=expected, got=got, hint=_hint(hint))


def _empty_sequence(context: ErrorContext) -> Diagnosis:
    call = _call_named(context, "max", "min", "choice", "mean", "median", "mode", "stdev")
    return _done(context, "empty-sequence", call)


# -- AttributeError ---------------------------------------------------------------------------


def _attribute_error(context: ErrorContext) -> Diagnosis | None:
    if "NoneType" in context.message:
        return _none_used(context)
    if found := context.match(r"partially initialized module '([\w.]+)'"):
        return _shadowed(context, found.group(1))
    found = context.match(r"module '([\w.]+)' has no attribute '(\w+)'")
    if found and context.sibling(found.group(1).split(".")[0] + ".py") is not None:
        return _shadowed(context, found.group(1))
    found = (
        found
        or context.match(r"'(\w+)' object has no attribute '(\w+)'")
        or context.match(r"type object '(\w+)' has no attribute '(\w+)'")
    )
    if not found:
        return None
    kind, attribute = found.group(1), found.group(2)
    code = context.code
    node = code.pick([n for n in code.of_type(ast.Attribute) if n.attr == attribute])  # type: ignore[attr-defined]
    owner = code.source(node.value) if isinstance(node, ast.Attribute) else kind  # type: ignore[attr-defined]
    suggestion = _python_suggestion(context.message)
    if suggestion is None and kind in _BUILTIN_TYPES:
        public = [name for name in dir(_BUILTIN_TYPES[kind]) if not name.startswith("_")]
        suggestion = _closest(attribute, public)
    hint = f"Did you mean '.{suggestion}'?" if suggestion else ""
    if attribute.lower() in {"length", "lenght", "len", "size"}:
        hint = f"The number of items is len({owner}), a function, not an attribute."
    if kind == "str" and attribute in {"append", "add", "insert", "extend"}:
        hint = "Text cannot change: build a new one with +, or keep a list and .append() to it."
    elif kind in {"int", "float"} and attribute in {"append", "split", "lower", "upper"}:
        hint = f"'{owner}' holds a number here; did you mean a list or a text?"
    elif kind == "list" and attribute in {"split", "lower", "upper", "strip", "replace"}:
        hint = f".{attribute}() works on one text: apply it to each item of the list."
    elif kind == "dict" and attribute == "append":
        hint = f"Add to a dict with {owner}[key] = value."
    if kind == "module":
        kind = "module"
    return _done(
        context,
        "no-such-attribute",
        node,
        type=_kind_words(kind) if not found.group(0).startswith("module") else f"module '{kind}'",
        attribute=attribute,
        owner=owner,
        hint=_hint(hint),
    )


def _shadowed(context: ErrorContext, module: str) -> Diagnosis:
    top = module.split(".")[0]
    hint = (
        f"A file of yours is called '{top}.py', so 'import {top}' finds your file instead of "
        f"Python's module '{top}'. Rename your file (and delete any __pycache__ folder next "
        f"to it)."
    )
    node = context.code.pick(context.code.of_type(ast.Attribute))
    return _done(context, "module-not-found", node, module=f"'{module}'", hint=_hint(hint))


# -- RecursionError, files, modules, Ctrl+C, assert ----------------------------------------


def _recursion(context: ErrorContext) -> Diagnosis:
    repeated = [frame for frame in context.error.frames if frame.repeated]
    function = (repeated[-1] if repeated else context.frame).function
    hint = ""
    definitions = context.code.definitions(function)
    call = None
    if definitions:
        definition = definitions[0]
        calls = [
            n
            for n in ast.walk(definition)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == function
        ]
        call = calls[0] if calls else None
        stops = [
            n
            for n in ast.walk(definition)
            if isinstance(n, ast.Return)
            and not any(
                isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == function
                for c in ast.walk(n)
            )
        ]
        params = [arg.arg for arg in definition.args.args]
        if not stops and not any(isinstance(n, ast.If) for n in ast.walk(definition)):
            hint = f"{function} has no base case: every call of it calls {function} again."
        elif call is not None and [context.code.source(a) for a in call.args] == params:
            hint = (
                f"The call {context.code.source(call)} passes the same value(s) it got, so it "
                f"never gets closer to the base case."
            )
        elif call is not None:
            hint = (
                f"Check that the call {context.code.source(call)} really moves towards the "
                f"case that stops (for example that a number goes down, not up, and can reach "
                f"the stopping value exactly)."
            )
    depth = "about 1000 calls deep"
    return _done(
        context,
        "infinite-recursion",
        call,
        line=call.lineno + context.code.line_offset if call is not None else None,
        culprit=context.code.source(call) if call is not None else None,
        function=f"'{function}'",
        depth=depth,
        hint=_hint(hint),
    )


def _file_not_found(context: ErrorContext) -> Diagnosis | None:
    found = context.match(r"No such file or directory: (.+)$")
    if not found:
        return None
    filename = found.group(1).strip()
    try:
        plain = ast.literal_eval(filename)
    except (ValueError, SyntaxError):
        plain = filename.strip("'\"")
    call = _call_named(context, "open", "read_text", "read_csv", "loadtxt", "listdir")
    hint = ""
    folder = os.path.dirname(context.frame.file)
    if not os.path.isabs(str(plain)) and context.sibling(str(plain)) is not None:
        hint = (
            f"There is a {filename} next to your program ({folder or 'its folder'}): run the "
            f"program from that folder, or build the path from the program's own folder: "
            f"Path(__file__).parent / {filename}."
        )
    else:
        hint = "Check the spelling, the capital letters and the ending (.txt, .csv...)."
    cwd_words = f" ({context.cwd})" if context.cwd else ""
    return _done(
        context, "file-not-found", call, filename=filename, cwd_words=cwd_words, hint=_hint(hint)
    )


_COMMON_PACKAGES = (
    "numpy", "pandas", "matplotlib", "requests", "pygame", "turtle", "tkinter", "scipy",
    "flask", "django", "PIL", "cv2", "sklearn", "bs4", "pytest",
)  # fmt: skip


def _import_error(context: ErrorContext) -> Diagnosis:
    code = context.code
    node = code.statement if isinstance(code.statement, ast.Import | ast.ImportFrom) else None
    culprit = code.source(node) if node is not None else None
    if found := context.match(r"No module named '([\w.]+)'"):
        module = found.group(1)
        top = module.split(".")[0]
        known = set(getattr(sys, "stdlib_module_names", ())) | set(_COMMON_PACKAGES)
        suggestion = _closest(top, known)
        if suggestion:
            hint = f"Did you mean '{suggestion}'?"
        else:
            hint = (
                f"If '{top}' is a package from PyPI, install it for the Python that runs your "
                f"program: {os.path.basename(sys.executable) or 'python'} -m pip install {top}."
            )
        return _done(context, "module-not-found", node, culprit=culprit, module=f"'{module}'",
                     hint=_hint(hint))  # fmt: skip
    if found := context.match(r"cannot import name '(\w+)' from '([\w.]+)'(?: \((.+)\))?"):
        name, module, path = found.group(1), found.group(2), found.group(3) or ""
        if "partially initialized" in context.message or _is_student_file(context, module, path):
            return _shadowed(context, module)
        hint = _hint("Check the spelling: the module has nothing by that name.")
        return _done(context, "module-not-found", node, culprit=culprit,
                     module=f"'{name}' from '{module}'", hint=hint)  # fmt: skip
    return _done(context, "module-not-found", node, culprit=culprit, module="the module")


def _is_student_file(context: ErrorContext, module: str, path: str) -> bool:
    if re.search(r"[/\\](site|dist)-packages[/\\]|[/\\]lib[/\\]python3", path):
        return False
    return bool(path) or context.sibling(module.split(".")[0] + ".py") is not None


def _keyboard_interrupt(context: ErrorContext) -> Diagnosis:
    code = context.code
    loops = code.enclosing(ast.While, ast.For)
    question = "Was your program stuck in a loop, or waiting for you to type something?"
    hint = ""
    node: ast.AST | None = None
    waiting = _call_named(context, "input") if code.of_type(ast.Call) else None
    if waiting is not None:
        node, hint = waiting, "It was waiting for you to type something (input())."
    elif isinstance(code.statement, ast.While):
        loops = [code.statement, *loops]
    line = None
    if not hint and loops and isinstance(loops[0], ast.While):
        loop = loops[0]
        node, line = loop.test, loop.lineno + code.line_offset
        test = code.source(loop.test)
        changed = assigned_names(list(loop.body))
        used = names_in(loop.test)
        breaks = any(isinstance(n, ast.Break | ast.Return) for n in ast.walk(loop))
        if isinstance(loop.test, ast.Constant) and loop.test.value and not breaks:
            hint = f"The loop 'while {test}:' (line {loop.lineno}) has no break, so it never ends."
        elif used and not set(used) & changed:
            hint = (
                f"The loop 'while {test}:' (line {loop.lineno}) never changes "
                f"{' or '.join(repr(n) for n in used)}, so its condition stays True forever."
            )
        else:
            hint = f"It was going round the loop 'while {test}:' (line {loop.lineno})."
        question = f"What makes '{test}' False, and does the body of the loop make it happen?"
    elif not hint and loops:
        hint = f"It was in the loop on line {loops[0].lineno}."
    return _done(
        context, "keyboard-interrupt", node, line=line, hint=_hint(hint), loop_question=question
    )


def _assertion(context: ErrorContext) -> Diagnosis:
    statement = context.code.statement
    test = statement.test if isinstance(statement, ast.Assert) else None
    condition = context.code.source(test) or context.frame.code.strip()
    hint = _hint(f"Its message: {context.message}.") if context.message else ""
    return _done(context, "assertion-failed", test, condition=condition, hint=hint)


def _generic(context: ErrorContext) -> Diagnosis:
    statement = context.code.statement
    node: ast.AST | None = None
    if context.frame.marked:
        node = context.code.pick(context.code.expressions())
    elif isinstance(statement, ast.Assign | ast.AugAssign | ast.Expr | ast.Return):
        node = statement.value
    culprit = context.code.source(node) if node is not None else context.frame.code.strip()
    return _done(
        context,
        "runtime-error",
        node,
        culprit=culprit,
        type=context.error.short_type,
        message=context.message or "(no message)",
    )


def _division(context: ErrorContext) -> Diagnosis:
    divisions = [
        n
        for n in context.code.of_type(ast.BinOp, ast.AugAssign)
        if isinstance(n.op, ast.Div | ast.FloorDiv | ast.Mod)  # type: ignore[attr-defined]
    ]
    node = context.code.pick(divisions or context.code.of_type(ast.Call))
    if isinstance(node, ast.BinOp):
        divisor_node: ast.AST | None = node.right
    elif isinstance(node, ast.AugAssign):
        divisor_node = node.value
    else:
        divisor_node = node.args[-1] if isinstance(node, ast.Call) and node.args else None
    divisor = context.code.source(divisor_node) or "the divisor"
    hint = ""
    if isinstance(divisor_node, ast.Call) and _called_name(divisor_node) == "len":
        hint = f"So {context.code.source(divisor_node.args[0])} is empty: check that first."
    return _done(context, "division-by-zero", node, divisor=divisor, hint=_hint(hint))


_BY_TYPE: list[tuple[frozenset[str], Callable[[ErrorContext], Diagnosis | None]]] = [
    (frozenset({"NameError", "UnboundLocalError"}), _name_error),
    (frozenset({"TypeError"}), _type_error),
    (frozenset({"IndexError"}), _index_error),
    (frozenset({"KeyError"}), _key_error),
    (frozenset({"ZeroDivisionError"}), _division),
    (frozenset({"ValueError", "StatisticsError"}), _value_error),
    (frozenset({"AttributeError"}), _attribute_error),
    (frozenset({"RecursionError"}), _recursion),
    (frozenset({"FileNotFoundError"}), _file_not_found),
    (frozenset({"ModuleNotFoundError", "ImportError"}), _import_error),
    (frozenset({"KeyboardInterrupt"}), _keyboard_interrupt),
    (frozenset({"AssertionError"}), _assertion),
]
