"""Which concepts a piece of code uses, and how well: correct or idiomatic.

Mistakes come from the analyzers' findings; this module finds the other half of the evidence,
the concepts a student uses without a mistake. A use is *idiomatic* when it is the form an
experienced Python programmer would choose (a comprehension, `enumerate`, `with open(...)`, an
f-string...), *correct* otherwise. Pure and cheap: one walk over an `ast` tree, no libcst.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator

from mentor.analyzers import Concept
from mentor.models.learner.evidence import Grade

Use = tuple[Concept, Grade]

_CONVERSIONS = {"int", "float", "str", "bool", "list", "tuple", "set", "dict"}
_STRING_METHODS = {
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "replace",
    "startswith",
    "endswith",
    "find",
    "format",
    "title",
    "capitalize",
    "isdigit",
}
_LIST_METHODS = {"append", "extend", "insert", "pop", "remove", "sort", "reverse", "index"}
_LOOP_HELPERS = {"enumerate", "zip", "reversed", "sorted"}
_SPECIAL_METHODS = {"__repr__", "__str__", "__eq__", "__lt__", "__len__", "__iter__", "__add__"}


def concept_uses(tree: ast.Module) -> Counter[Use]:
    """How many times the code uses each concept at each grade (correct or idiomatic)."""
    uses: Counter[Use] = Counter()
    stack: list[ast.AST] = [tree]
    while stack:  # iterative: deeply nested student code must not exhaust the recursion limit
        node = stack.pop()
        uses.update(_uses_of(node))
        stack.extend(ast.iter_child_nodes(node))
    return uses


def _uses_of(node: ast.AST) -> Iterator[Use]:
    correct, idiomatic = Grade.CORRECT, Grade.IDIOMATIC
    if isinstance(node, ast.Assign):
        unpacking = any(isinstance(target, (ast.Tuple, ast.List)) for target in node.targets)
        yield Concept.VARIABLES, idiomatic if unpacking else correct
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        yield Concept.VARIABLES, correct
    elif isinstance(node, ast.Call):
        yield from _call_uses(node)
    elif isinstance(node, ast.JoinedStr):
        yield Concept.STRINGS, idiomatic
    elif isinstance(node, ast.Compare):
        chained = len(node.ops) > 1
        none_check = isinstance(node.ops[0], (ast.Is, ast.IsNot)) and _is_none(node.comparators[0])
        yield Concept.BOOLEANS, idiomatic if chained or none_check else correct
    elif isinstance(node, ast.BoolOp):
        yield Concept.BOOLEANS, correct
    elif isinstance(node, ast.If):
        yield Concept.CONDITIONALS, correct
        if _is_main_guard(node):
            yield Concept.MODULES, idiomatic
    elif isinstance(node, ast.IfExp):
        yield Concept.CONDITIONALS, idiomatic
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        yield from _for_uses(node)
    elif isinstance(node, ast.While):
        yield Concept.LOOPS, correct
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from _function_uses(node)
    elif isinstance(node, ast.Return) and node.value is not None:
        yield Concept.RETURN_VALUES, correct
    elif isinstance(node, ast.List):
        yield Concept.LISTS, correct
    elif isinstance(node, ast.Subscript):
        yield from _subscript_uses(node)
    elif isinstance(node, ast.Dict):
        yield Concept.DICTS, correct
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        yield Concept.COMPREHENSIONS, idiomatic
        if isinstance(node, ast.ListComp):
            yield Concept.LISTS, idiomatic
    elif isinstance(node, ast.DictComp):
        yield Concept.COMPREHENSIONS, idiomatic
        yield Concept.DICTS, idiomatic
    elif isinstance(node, ast.Try):
        yield from _try_uses(node)
    elif isinstance(node, ast.Raise):
        yield Concept.EXCEPTIONS, correct
    elif isinstance(node, ast.ClassDef):
        yield from _class_uses(node)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        if any(_called_name(item.context_expr) == "open" for item in node.items):
            yield Concept.FILES, idiomatic
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        yield Concept.MODULES, correct


def _call_uses(node: ast.Call) -> Iterator[Use]:
    name = _called_name(node)
    if name in _CONVERSIONS and len(node.args) == 1:
        yield Concept.TYPES, Grade.CORRECT
    elif name == "isinstance":
        yield Concept.TYPES, Grade.IDIOMATIC
    elif name in ("print", "input"):
        yield Concept.INPUT_OUTPUT, Grade.CORRECT
    elif name == "open":
        yield Concept.FILES, Grade.CORRECT
    if isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method == "join" and isinstance(node.func.value, ast.Constant):
            yield Concept.STRINGS, Grade.IDIOMATIC
        elif method in _STRING_METHODS:
            yield Concept.STRINGS, Grade.CORRECT
        elif method in _LIST_METHODS:
            yield Concept.LISTS, Grade.CORRECT
        elif method == "get":
            yield Concept.DICTS, Grade.IDIOMATIC
        elif method in ("keys", "values"):
            yield Concept.DICTS, Grade.CORRECT


def _for_uses(node: ast.For | ast.AsyncFor) -> Iterator[Use]:
    helper = _called_name(node.iter)
    if helper == "range" and _iterates_positions(node.iter):
        return  # `range(len(xs))`: the analyzers judge this one
    method = node.iter.func.attr if _is_method_call(node.iter) else None  # type: ignore[union-attr]
    if helper in _LOOP_HELPERS or method == "items":
        yield Concept.LOOPS, Grade.IDIOMATIC
    else:
        yield Concept.LOOPS, Grade.CORRECT
    if method == "items":
        yield Concept.DICTS, Grade.IDIOMATIC


def _function_uses(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Use]:
    documented = ast.get_docstring(node) is not None
    annotated = node.returns is not None or any(arg.annotation for arg in node.args.args)
    yield Concept.FUNCTIONS, Grade.IDIOMATIC if documented or annotated else Grade.CORRECT
    if node.args.args:
        yield Concept.SCOPE, Grade.CORRECT
    if any(
        isinstance(inner, ast.Call) and _called_name(inner) == node.name for inner in ast.walk(node)
    ):
        yield Concept.RECURSION, Grade.CORRECT


def _subscript_uses(node: ast.Subscript) -> Iterator[Use]:
    index = node.slice
    if isinstance(index, ast.Slice):
        yield Concept.LISTS, Grade.CORRECT
    elif isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
        yield Concept.LISTS, Grade.IDIOMATIC  # xs[-1]


def _try_uses(node: ast.Try) -> Iterator[Use]:
    if any(handler.type is None for handler in node.handlers):
        return  # a bare `except:`: the analyzers judge this one
    careful = bool(node.orelse or node.finalbody) or any(h.name for h in node.handlers)
    yield Concept.EXCEPTIONS, Grade.IDIOMATIC if careful else Grade.CORRECT


def _class_uses(node: ast.ClassDef) -> Iterator[Use]:
    methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
    decorated = any(
        _called_name(dec) == "dataclass" or _name(dec) == "dataclass" for dec in node.decorator_list
    )
    idiomatic = decorated or bool(methods & _SPECIAL_METHODS)
    yield Concept.CLASSES, Grade.IDIOMATIC if idiomatic else Grade.CORRECT


# -- small helpers ------------------------------------------------------------------------


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _called_name(node: ast.AST) -> str | None:
    return _name(node.func) if isinstance(node, ast.Call) else None


def _is_method_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _iterates_positions(call: ast.AST) -> bool:
    return (
        isinstance(call, ast.Call) and len(call.args) == 1 and _called_name(call.args[0]) == "len"
    )


def _is_main_guard(node: ast.If) -> bool:
    test = node.test
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )
