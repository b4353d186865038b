"""Class rules: what `__init__` may return, and the `self` every method receives."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context, scope_nodes
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span, rewrite_statement
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.names_util import dotted_name
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

RETURN_IN_INIT = register(
    Rule(
        id=RuleId.RETURN_IN_INIT,
        name="return-in-init",
        summary="`__init__` returns a value: creating the object fails with TypeError.",
        concepts=(Concept.CLASSES, Concept.RETURN_VALUES),
        docs=Docs(
            what="A `return` with a value inside a class's `__init__` method.",
            why="`__init__` sets up an object that Python has already created; calling the class "
            "always gives back that object. `__init__` must return None, so returning anything "
            "else makes `Point(1, 2)` fail with TypeError. Store what you computed on `self` "
            "instead.",
            example=code("""
                class Point:
                    def __init__(self, x, y):
                        self.x = x
                        self.y = y
                        return self
            """),
            better=code("""
                class Point:
                    def __init__(self, x, y):
                        self.x = x
                        self.y = y
            """),
            question="What does `Point(1, 2)` give back, and who decides that: `__init__` or "
            "Python?",
        ),
        messages=Messages(
            novice="`__init__` only sets up the new object; it must not return a value, or "
            "creating a `{cls}` fails with TypeError. Store the value on `self` instead, or just "
            "write `return`.",
            developing="`__init__` must return None; creating a `{cls}` would raise TypeError.",
            proficient="Explicit return value in `__init__`.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0101", "ruff:PLE0101"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    class Point:
                        def __init__(self, x):
                            self.x = x
                            return self  # done
                """),
                fixed=code("""
                    class Point:
                        def __init__(self, x):
                            self.x = x
                            return  # done
                """),
                at="4:8-4:19",
                message="`__init__` must return None; creating a `Point` would raise TypeError.",
            ),
            Invalid(
                code("""
                    class Account:
                        def __init__(self, amount):
                            if amount < 0:
                                return False
                            self.amount = amount
                """),
                at="4:12-4:24",
            ),
        ),
        valid=(
            code("""
                class Point:
                    def __init__(self, x):
                        self.x = x
            """),
            code("""
                class A:
                    def __init__(self, x):
                        if not x:
                            return
            """),
            code("""
                class A:
                    def __init__(self):
                        return None
            """),
            code("""
                class A:
                    def __init__(self):
                        def helper():
                            return 1
                        self.x = helper()
            """),
            code("""
                def __init__(x):
                    return x
            """),
        ),
    )
)

METHOD_WITHOUT_SELF = register(
    Rule(
        id=RuleId.METHOD_WITHOUT_SELF,
        name="method-without-self",
        summary="A method without `self` as its first parameter.",
        concepts=(Concept.CLASSES, Concept.FUNCTIONS),
        docs=Docs(
            what="A function defined inside a class that has no parameters at all, or whose "
            "first parameter is not `self` although its body uses `self`.",
            why="When you call `dog.bark()`, Python passes the object `dog` in as the first "
            "argument. A method therefore needs a first parameter to receive it, named `self` "
            "by convention; without it, calling the method fails with TypeError, and `self` "
            "inside it is an unknown name.",
            example=code("""
                class Dog:
                    def bark():
                        print('Woof')
            """),
            better=code("""
                class Dog:
                    def bark(self):
                        print('Woof')
            """),
            question="When you write `dog.bark()`, which value does Python pass to `bark` "
            "without you writing it?",
        ),
        messages=Messages(
            novice="{problem} When you call `obj.{method}(...)`, Python passes the object "
            "itself as the first argument, so a method needs `self` as its first parameter: "
            "`def {method}({params})`.",
            developing="{problem} Add `self` first: `def {method}({params})`.",
            proficient="Method `{method}` lacks `self`.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0211", "pylint:E0213", "ruff:N805"),
        differences=(
            Difference(
                "first-parameter-named-otherwise",
                ("pylint:E0213", "ruff:N805"),
                "a method whose first parameter has another name (`def numerator(a):`) works "
                "and is not reported; Mentor reports a method with no parameter at all, or one "
                "that uses `self` without taking it.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    class Dog:
                        def bark():  # says hello
                            print('Woof')
                """),
                fixed=code("""
                    class Dog:
                        def bark(self):  # says hello
                            print('Woof')
                """),
                at="2:4-2:15",
                message="`bark` has no parameters, so it cannot receive the object. Add `self` "
                "first: `def bark(self)`.",
            ),
            Invalid(
                code("""
                    class Rect:
                        def area(width):
                            return self.w * width
                """),
                fixed=code("""
                    class Rect:
                        def area(self, width):
                            return self.w * width
                """),
                at="2:4-2:20",
            ),
        ),
        valid=(
            code("""
                class Dog:
                    def bark(self):
                        print('Woof')
            """),
            code("""
                class A:
                    @staticmethod
                    def make():
                        return A()
            """),
            code("""
                class A:
                    @classmethod
                    def make(cls):
                        return cls()
            """),
            code("""
                class A:
                    def __new__(cls):
                        return super().__new__(cls)
            """),
            code("""
                class Meta(type):
                    def __call__(cls, *args):
                        return 1
            """),
            code("""
                class A:
                    def f(*args):
                        return args
            """),
            code("""
                class A:
                    def make():
                        return 1
                    make = staticmethod(make)
            """),
            code("""
                class A:
                    def f(this):
                        return this
            """),
            code("""
                class Pick:
                    @classmethod
                    def get(cls):
                        return cls.default()
                    def default():
                        return 1
            """),
        ),
    )
)


# -- return in __init__ ----------------------------------------------------------------------


@checker(RETURN_IN_INIT, ast.FunctionDef, ast.AsyncFunctionDef)
def _return_in_init(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    owner = ctx.parent(node)
    if node.name != "__init__" or not isinstance(owner, ast.ClassDef):
        return
    for child in scope_nodes(node):
        if not isinstance(child, ast.Return) or child.value is None:
            continue
        if isinstance(child.value, ast.Constant) and child.value.value is None:
            continue
        start, value = ctx.span(child), ctx.span(child.value)
        fix = make_fix(
            ctx,
            "Return nothing: `return`",
            Applicability.UNSAFE,  # creating the object now works instead of failing
            [
                replace_span(
                    Span(
                        start.line, start.column + len("return"), value.end_line, value.end_column
                    ),
                    "",
                )
            ],
        )
        yield ctx.finding(RETURN_IN_INIT, child, fix=fix, cls=owner.name)


# -- methods without self --------------------------------------------------------------------

_IMPLICIT_STATIC = frozenset({"__new__", "__init_subclass__", "__class_getitem__"})
_SELF_DECORATORS = frozenset({"property", "abstractmethod", "override", "cached_property"})
_SELF_DECORATOR_SUFFIXES = (".setter", ".getter", ".deleter")


@checker(METHOD_WITHOUT_SELF, ast.FunctionDef, ast.AsyncFunctionDef)
def _method_without_self(node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
    owner = ctx.parent(node)
    if not isinstance(owner, ast.ClassDef) or node.name in _IMPLICIT_STATIC:
        return
    if not all(_passes_self(decorator) for decorator in node.decorator_list):
        return
    if _wrapped_later(owner, node.name):
        return
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    if arguments.vararg is not None and not positional:
        return  # `def f(*args)` receives the object in args[0]
    if not positional:
        if _used_as_plain_functions(ctx, owner):
            return
        problem = f"`{node.name}` has no parameters, so it cannot receive the object."
    elif positional[0].arg not in ("self", "cls") and _uses_self(node):
        problem = f"`{node.name}` uses `self` but has no `self` parameter."
    else:
        return
    params = ", ".join(["self", *(ctx.segment(arg) for arg in positional)])
    fix = make_fix(
        ctx,
        "Add `self` as the first parameter",
        Applicability.UNSAFE,  # every call now passes the object in
        [rewrite_statement(ctx, node, _add_self)],
    )
    yield ctx.finding(
        METHOD_WITHOUT_SELF,
        ctx.header_span(node),
        fix=fix,
        problem=problem,
        method=node.name,
        params=params,
    )


def _passes_self(decorator: ast.expr) -> bool:
    name = dotted_name(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
    return name.split(".")[-1] in _SELF_DECORATORS or name.endswith(_SELF_DECORATOR_SUFFIXES)


def _wrapped_later(owner: ast.ClassDef, name: str) -> bool:
    """`f = staticmethod(f)` in the class body."""
    for statement in owner.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Call)
        ):
            return True
    return False


def _used_as_plain_functions(ctx: Context, owner: ast.ClassDef) -> bool:
    """A class used as a namespace: its functions are reached as `cls.f` or `Owner.f`."""
    plain = {
        statement.name
        for statement in owner.body
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not statement.args.args
        and not statement.args.posonlyargs
    }
    return any(
        isinstance(node, ast.Attribute)
        and node.attr in plain
        and isinstance(node.value, ast.Name)
        and node.value.id in ("cls", owner.name)
        for node in ctx.nodes
    )


def _uses_self(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(child, ast.Name) and child.id == "self" for child in scope_nodes(function)
    )


def _add_self(statement: cst.BaseStatement) -> cst.BaseStatement | None:
    if not isinstance(statement, cst.FunctionDef):
        return None
    params = statement.params
    self_param = cst.Param(cst.Name("self"))
    if params.posonly_params:
        new = params.with_changes(posonly_params=[self_param, *params.posonly_params])
    else:
        new = params.with_changes(params=[self_param, *params.params])
    return statement.with_changes(params=new)
