"""The one concept detector: which concepts code uses, where, and whether the use is idiomatic.

The teacher's report (concepts used, idioms), the competence estimate and the learner model all
read these sightings, so they cannot disagree about a file. A sighting is one construct that
shows a concept in use (a `for` loop, a `def`, a comprehension, `open(...)`...), at the line
where it starts. It is idiomatic when it is the form an experienced Python programmer would
choose over the beginner's long way round; the `Idiom` then says which (`enumerate` over
`range(len(...))`, `with open(...)` over `open`/`close`, `a < b < c` over `a < b and b < c`...).
A construct may show several concepts (`[x for x in xs]`: comprehensions and lists).

One walk over the tree, iterative (deeply nested code must not exhaust the recursion limit).
What a construct's meaning depends on is marked by its parent before the children are reached
(docstrings, the pieces of an f-string, the `open` a `with` closes, the `.items()` a loop walks,
the function whose body a call is in, for recursion), so no sighting walks a subtree of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from mentor.analyzers.concepts import Concept
from mentor.analyzers.idioms import Idiom
from mentor.analyzers.incremental.document import Analysis


class Sighting(NamedTuple):  # a tuple: files have thousands, made in the hot loop
    concept: Concept
    line: int
    idiom: Idiom | None = None  # set when the use is idiomatic; its concept is `concept`

    @property
    def idiomatic(self) -> bool:
        return self.idiom is not None


CONVERSIONS = frozenset(
    {"int", "float", "str", "bool", "complex", "tuple", "set", "isinstance", "type"}
)
LIST_METHODS = frozenset({"append", "extend", "insert", "sort"})
DICT_METHODS = frozenset({"items", "keys", "values", "get", "setdefault"})
STRING_METHODS = frozenset(
    {
        "upper",
        "lower",
        "strip",
        "lstrip",
        "rstrip",
        "split",
        "join",
        "replace",
        "format",
        "startswith",
        "endswith",
        "find",
        "title",
        "capitalize",
        "isdigit",
        "isalpha",
    }
)
FILE_METHODS = frozenset(
    {"read_text", "write_text", "read_bytes", "write_bytes", "readlines", "readline", "writelines"}
)
REDUCTIONS = frozenset({"sum", "min", "max", "any", "all", "sorted"})
FUNCTION_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_OWN_SCOPE = (ast.Lambda, ast.ClassDef)  # a call inside is not the enclosing function's own


def sightings_of(analysis: Analysis) -> tuple[Sighting, ...]:
    """Every sighting in the analysed file (none if it does not parse)."""
    return sightings(analysis.tree) if analysis.tree is not None else ()


def sightings(tree: ast.AST) -> tuple[Sighting, ...]:
    """Every construct of `tree` that shows a concept in use, in no particular order."""
    detector = _Detector()
    if isinstance(tree, ast.Module):  # also the analyzers' own `ModuleNode`
        detector._docstring(tree)
    detector.walk(tree)
    return tuple(detector.found)


Owner = ast.FunctionDef | ast.AsyncFunctionDef | None  # the function whose own body holds a node


class _Detector:
    def __init__(self) -> None:
        self.found: list[Sighting] = []
        self.not_strings: set[int] = set()  # docstrings and pieces of f-strings
        self.closed_opens: set[int] = set()  # `open(...)` calls a `with` closes
        self.looped_items: set[int] = set()  # `.items()` calls already seen with their loop
        self.recursive: set[int] = set()  # functions found calling themselves
        self.owner: Owner = None  # the function whose own body holds the node being read

    def add(self, concept: Concept, line: int, idiom: Idiom | None = None) -> None:
        self.found.append(Sighting(concept, line, idiom))

    def walk(self, tree: ast.AST) -> None:
        handlers = _HANDLERS
        # A `_Leave` on the stack restores the enclosing function once a scope's nodes are done.
        stack: list[ast.AST | _Leave] = [tree]
        while stack:
            node = stack.pop()
            if type(node) is _Leave:
                self.owner = node.owner
                continue
            handler = handlers.get(type(node))
            if handler is not None:
                handler(self, node)
            if isinstance(node, FUNCTION_DEFS):  # its body is its own; the rest runs outside
                stack.append(node.args)
                stack.extend(node.decorator_list)
                if node.returns is not None:
                    stack.append(node.returns)
                stack.append(_Leave(self.owner))
                stack.extend(node.body)
                self.owner = node
                continue
            if isinstance(node, _OWN_SCOPE):
                stack.append(_Leave(self.owner))
                self.owner = None
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, list):
                    stack.extend(item for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    stack.append(value)

    # -- statements -----------------------------------------------------------------------

    def assign(self, node: ast.Assign) -> None:
        unpacking = any(isinstance(target, (ast.Tuple, ast.List)) for target in node.targets)
        self.add(Concept.VARIABLES, node.lineno, Idiom.TUPLE_UNPACKING if unpacking else None)

    def variable(self, node: ast.stmt | ast.expr) -> None:
        self.add(Concept.VARIABLES, node.lineno)

    def for_loop(self, node: ast.For | ast.AsyncFor) -> None:
        self.add(Concept.LOOPS, node.lineno, _loop_idiom(node.iter))
        self._dict_items(node.iter, node.lineno)

    def comprehension(self, node: ast.comprehension) -> None:
        line = node.iter.lineno  # the only node here without a position of its own
        idiom = _loop_idiom(node.iter)
        if idiom is not None:
            self.add(Concept.LOOPS, line, idiom)
        self._dict_items(node.iter, line)

    def _dict_items(self, iterable: ast.expr, line: int) -> None:
        """`for k, v in d.items()`: the dict idiom, seen once, at the loop."""
        if (
            isinstance(iterable, ast.Call)
            and isinstance(iterable.func, ast.Attribute)
            and iterable.func.attr == "items"
            and not iterable.args
        ):
            self.add(Concept.DICTS, line, Idiom.DICT_ITEMS)
            self.looped_items.add(id(iterable))

    def loop(self, node: ast.While) -> None:
        self.add(Concept.LOOPS, node.lineno)

    def if_statement(self, node: ast.If) -> None:
        self.add(Concept.CONDITIONALS, node.lineno)
        if _is_main_guard(node.test):
            self.add(Concept.MODULES, node.lineno, Idiom.MAIN_GUARD)

    def conditional(self, node: ast.IfExp | ast.Match) -> None:
        self.add(Concept.CONDITIONALS, node.lineno)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        documented = self._docstring(node)
        self.add(Concept.FUNCTIONS, node.lineno, Idiom.DOCSTRING if documented else None)

    def lambda_(self, node: ast.Lambda) -> None:
        self.add(Concept.FUNCTIONS, node.lineno)

    def class_(self, node: ast.ClassDef) -> None:
        self._docstring(node)
        self.add(Concept.CLASSES, node.lineno)

    def _docstring(self, node: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        """Mark the docstring as no use of strings; True if there is one."""
        if not node.body:
            return False
        first = node.body[0]
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            self.not_strings.add(id(first.value))
            return True
        return False

    def return_(self, node: ast.Return) -> None:
        if node.value is not None:
            condition = isinstance(node.value, (ast.Compare, ast.BoolOp))
            self.add(
                Concept.RETURN_VALUES, node.lineno, Idiom.RETURN_CONDITION if condition else None
            )

    def exceptions(self, node: ast.stmt) -> None:
        self.add(Concept.EXCEPTIONS, node.lineno)

    def handler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None and not _is_broad(node.type):
            self.add(Concept.EXCEPTIONS, node.lineno, Idiom.SPECIFIC_EXCEPT)

    def with_statement(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if _is_call_to(item.context_expr, "open"):
                self.closed_opens.add(id(item.context_expr))

    def module_import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.add(Concept.MODULES, node.lineno)

    def scope(self, node: ast.Global | ast.Nonlocal) -> None:
        self.add(Concept.SCOPE, node.lineno)

    # -- expressions ----------------------------------------------------------------------

    def compare(self, node: ast.Compare) -> None:
        self.add(Concept.BOOLEANS, node.lineno, _comparison_idiom(node))
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            # The test a beginner writes as a loop with a flag: an idiom of conditionals.
            self.add(Concept.CONDITIONALS, node.lineno, Idiom.MEMBERSHIP_TEST)

    def boolean(self, node: ast.BoolOp) -> None:
        self.add(Concept.BOOLEANS, node.lineno)

    def unary(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self.add(Concept.BOOLEANS, node.lineno)

    def constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, bool):
            self.add(Concept.BOOLEANS, node.lineno)
        elif isinstance(node.value, str) and id(node) not in self.not_strings:
            self.add(Concept.STRINGS, node.lineno)

    def f_string(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            self.not_strings.add(id(value))
            if isinstance(value, ast.FormattedValue) and value.format_spec is not None:
                self.not_strings.add(id(value.format_spec))
        if id(node) in self.not_strings:  # the format spec of an outer f-string
            return
        placeholders = any(isinstance(value, ast.FormattedValue) for value in node.values)
        self.add(Concept.STRINGS, node.lineno, Idiom.F_STRING if placeholders else None)

    def list_display(self, node: ast.List) -> None:
        self.add(Concept.LISTS, node.lineno)

    def dict_display(self, node: ast.Dict) -> None:
        self.add(Concept.DICTS, node.lineno)

    def comprehension_expr(self, node: ast.expr) -> None:
        self.add(Concept.COMPREHENSIONS, node.lineno, Idiom.COMPREHENSION)
        if isinstance(node, ast.ListComp):
            self.add(Concept.LISTS, node.lineno)
        elif isinstance(node, ast.DictComp):
            self.add(Concept.DICTS, node.lineno)

    def call(self, node: ast.Call) -> None:
        func, line = node.func, node.lineno
        if isinstance(func, ast.Name):
            name = func.id
            if name in ("print", "input"):
                self.add(Concept.INPUT_OUTPUT, line)
            elif name in CONVERSIONS:
                self.add(Concept.TYPES, line)
            elif name == "list":
                self.add(Concept.LISTS, line)
            elif name == "dict":
                self.add(Concept.DICTS, line)
            elif name == "open":
                closed = id(node) in self.closed_opens
                self.add(Concept.FILES, line, Idiom.WITH_OPEN if closed else None)
            elif (
                name in REDUCTIONS
                and len(node.args) == 1
                and not isinstance(node.args[0], ast.Constant)
            ):
                self.add(Concept.LISTS, line, Idiom.BUILTIN_REDUCTION)
        elif isinstance(func, ast.Attribute):
            self._method_call(node, func)
        owner = self.owner
        if owner is not None and id(owner) not in self.recursive and _calls(func, owner.name):
            self.recursive.add(id(owner))
            self.add(Concept.RECURSION, owner.lineno)

    def _method_call(self, node: ast.Call, func: ast.Attribute) -> None:
        method, line = func.attr, node.lineno
        if method in LIST_METHODS:
            self.add(Concept.LISTS, line)
        elif method in DICT_METHODS:
            if id(node) in self.looped_items:
                return
            default = method == "get" and len(node.args) == 2
            self.add(Concept.DICTS, line, Idiom.DICT_GET_DEFAULT if default else None)
        elif method in STRING_METHODS:
            self.add(Concept.STRINGS, line, Idiom.STR_JOIN if _is_str_join(func) else None)
        elif method in FILE_METHODS or (method == "open" and _is_name(func.value, "io")):
            self.add(Concept.FILES, line)


@dataclass(frozen=True, slots=True)
class _Leave:
    owner: Owner


_HANDLERS: dict[type, Callable[[_Detector, ast.AST], None]] = {
    ast.Assign: _Detector.assign,
    ast.AnnAssign: _Detector.variable,
    ast.AugAssign: _Detector.variable,
    ast.NamedExpr: _Detector.variable,
    ast.For: _Detector.for_loop,
    ast.AsyncFor: _Detector.for_loop,
    ast.comprehension: _Detector.comprehension,
    ast.While: _Detector.loop,
    ast.If: _Detector.if_statement,
    ast.IfExp: _Detector.conditional,
    ast.Match: _Detector.conditional,
    ast.FunctionDef: _Detector.function,
    ast.AsyncFunctionDef: _Detector.function,
    ast.Lambda: _Detector.lambda_,
    ast.ClassDef: _Detector.class_,
    ast.Return: _Detector.return_,
    ast.Try: _Detector.exceptions,
    ast.Raise: _Detector.exceptions,
    ast.ExceptHandler: _Detector.handler,
    ast.With: _Detector.with_statement,
    ast.AsyncWith: _Detector.with_statement,
    ast.Import: _Detector.module_import,
    ast.ImportFrom: _Detector.module_import,
    ast.Global: _Detector.scope,
    ast.Nonlocal: _Detector.scope,
    ast.Compare: _Detector.compare,
    ast.BoolOp: _Detector.boolean,
    ast.UnaryOp: _Detector.unary,
    ast.Constant: _Detector.constant,
    ast.JoinedStr: _Detector.f_string,
    ast.List: _Detector.list_display,
    ast.Dict: _Detector.dict_display,
    ast.ListComp: _Detector.comprehension_expr,
    ast.SetComp: _Detector.comprehension_expr,
    ast.DictComp: _Detector.comprehension_expr,
    ast.GeneratorExp: _Detector.comprehension_expr,
    ast.Call: _Detector.call,
}  # type: ignore[dict-item]
if hasattr(ast, "TryStar"):  # Python 3.11+
    _HANDLERS[ast.TryStar] = _Detector.exceptions  # type: ignore[assignment]


def _loop_idiom(iterable: ast.expr) -> Idiom | None:
    if _is_call_to(iterable, "enumerate"):
        return Idiom.ENUMERATE
    if _is_call_to(iterable, "zip"):
        return Idiom.ZIP
    return None


def _comparison_idiom(node: ast.Compare) -> Idiom | None:
    """The comparison's idiom of booleans (a chained `a < b is None` counts as chained)."""
    if len(node.ops) >= 2:
        return Idiom.CHAINED_COMPARISON
    if isinstance(node.ops[0], (ast.Is, ast.IsNot)) and _is_none(node.comparators[0]):
        return Idiom.IS_NONE
    return None


def _calls(func: ast.expr, name: str) -> bool:
    """A call of the function by name, or as `self.name(...)` / `cls.name(...)` for a method."""
    if isinstance(func, ast.Name):
        return func.id == name
    return (
        isinstance(func, ast.Attribute)
        and func.attr == name
        and isinstance(func.value, ast.Name)
        and func.value.id in ("self", "cls")
    )


def _is_str_join(func: ast.Attribute) -> bool:
    value = func.value
    if func.attr != "join":
        return False
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    return isinstance(value, ast.Name)


def _is_call_to(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_broad(exception: ast.expr) -> bool:
    return isinstance(exception, ast.Name) and exception.id in ("Exception", "BaseException")


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )
