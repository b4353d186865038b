"""Which names each scope binds and reads: built once per file, shared by the scope rules.

One iterative pass over the `ast` (deep student code must not hit the recursion limit) records,
for every module, class, function, lambda and comprehension, the names it binds (with how and
when), the names it reads, and its `global` / `nonlocal` declarations. Name resolution then
follows Python's rules: a scope's own names first, then the enclosing functions' (class bodies are
skipped: methods do not see class attributes as plain names), then the module, then builtins.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, NamedTuple

from mentor.analyzers.incremental.tracking import Reads, WholeFile
from mentor.analyzers.incremental.units import Unit
from mentor.analyzers.walk import child_nodes

# Names every scope can read without binding them. `__file__`-style dunders are provided by the
# import system or by the class machinery (`__qualname__`, `__class__`); `_` is often installed
# into builtins by gettext; `WindowsError` exists only on Windows.
BUILTIN_NAMES = frozenset(dir(builtins)) | {"_", "WindowsError", "__file__", "__builtins__"}
# Calls that read or write names in ways a static reader cannot follow.
DYNAMIC_NAME_CALLS = frozenset({"globals", "vars", "exec", "eval", "locals"})


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


class ScopeKind(str, Enum):
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"
    COMPREHENSION = "comprehension"


class BindingKind(str, Enum):
    ASSIGN = "assign"
    AUGMENTED = "augmented"  # `x += 1`: reads the old value, then binds
    ANNOTATION = "annotation"  # `x: int` alone: declares, binds nothing
    PARAMETER = "parameter"
    IMPORT = "import"
    DEFINITION = "definition"  # def, class, type alias
    LOOP = "loop"
    WITH = "with"
    EXCEPT = "except"
    WALRUS = "walrus"
    DELETE = "delete"
    MATCH = "match"
    COMPREHENSION = "comprehension"
    TYPE_PARAMETER = "type-parameter"


Position = tuple[int, int]


@dataclass(frozen=True)
class Binding:
    """One place that gives a name a value, and when that takes effect in source order."""

    name: str
    node: ast.AST  # the Name, arg, alias, def, handler or pattern that binds
    kind: BindingKind
    position: Position
    unpacked: bool = False  # one name of a tuple or list target: `a, b = pair`


@dataclass(frozen=True)
class Use:
    """One read of a name."""

    name: str
    node: ast.Name
    position: Position
    guarded: bool = False  # inside `try:` whose handler catches NameError: the author expects it


@dataclass(eq=False)
class Scope:
    node: ast.AST
    kind: ScopeKind
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    uses: list[Use] = field(default_factory=list)
    declared_global: set[str] = field(default_factory=set)
    declared_nonlocal: set[str] = field(default_factory=set)
    children: list[Scope] = field(default_factory=list)
    star_import: bool = False
    yields: bool = False  # a generator (or an async generator)
    returns_value: bool = False  # has a `return` with a value
    dynamic_calls: set[str] = field(default_factory=set)  # e.g. {"locals"}: names used by text

    @property
    def is_function(self) -> bool:
        return self.kind is ScopeKind.FUNCTION

    def visible_from(self) -> Iterator[Scope]:
        """This scope, then the scopes whose names it sees, nearest first (classes skipped)."""
        yield self
        current = self.parent
        while current is not None:
            if current.kind is not ScopeKind.CLASS:
                yield current
            current = current.parent

    def local(self, name: str) -> bool:
        return name in self.bindings and name not in self.declared_global

    def reads(self, name: str) -> bool:
        """Whether this scope's own code reads `name` (nested scopes not included)."""
        return name in self.names_read

    @cached_property
    def names_read(self) -> frozenset[str]:
        return frozenset(use.name for use in self.uses)


class ModuleScope(Scope):
    """The module's scope, which every unit adds to: reading what it holds is reading beyond
    one unit (see `tracking`); its node, kind and (absent) parent are not."""

    _reads: Reads | None = None
    bindings = WholeFile()
    uses = WholeFile()
    declared_global = WholeFile()
    declared_nonlocal = WholeFile()
    children = WholeFile()
    star_import = WholeFile()
    yields = WholeFile()
    returns_value = WholeFile()
    dynamic_calls = WholeFile()

    @property
    def names_read(self) -> frozenset[str]:  # type: ignore[override]
        uses = self.uses  # noted as a read of the whole file
        known: frozenset[str] | None = self.__dict__.get("_names_read")
        if known is None:
            known = self.__dict__["_names_read"] = frozenset(use.name for use in uses)
        return known


@dataclass
class UnitScopes:
    """One unit's part of the scope table, kept with the unit while its text and place stay."""

    module_part: Scope  # what the unit adds to the module's scope; its children: top-level scopes
    by_node: dict[ast.AST, Scope]  # the scopes the unit creates
    resolved: dict[int, Scope]  # id(Use.node) -> owner, for reads the unit's own scopes bind
    escaping: list[tuple[int, str]]  # (id(Use.node), name): reads the module (or builtins) bind
    read: set[tuple[int, str]]  # (id(scope), name) read, for the unit's own scopes

    def release(self) -> None:
        """Break the parent/child links (reference cycles) when the unit is dropped."""
        for scope in self.by_node.values():
            scope.parent = None
            scope.children.clear()
        self.module_part.children.clear()
        self.by_node.clear()


def unit_scopes(statements: list[ast.stmt]) -> UnitScopes:
    """Build one unit's scopes, with the reads resolved that do not depend on other units."""
    part = Scope(_UNIT_MODULE, ScopeKind.MODULE, None)
    by_node: dict[ast.AST, Scope] = {}
    _Builder(part, by_node).build(statements)
    scopes = [part, *_all_below(part)]
    _redirect_declarations(part, scopes)
    resolved: dict[int, Scope] = {}
    escaping: list[tuple[int, str]] = []
    read: set[tuple[int, str]] = set()
    for scope in scopes:
        for use in scope.uses:
            owner = _owner_in_unit(scope, use.name, part)
            if owner is None:
                escaping.append((id(use.node), use.name))
            else:
                resolved[id(use.node)] = owner
                read.add((id(owner), use.name))
    return UnitScopes(part, by_node, resolved, escaping, read)


_UNIT_MODULE = ast.Module(body=[], type_ignores=[])  # stands for the module while a unit is built


def _all_below(scope: Scope) -> Iterator[Scope]:
    stack = list(reversed(scope.children))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _owner_in_unit(scope: Scope, name: str, part: Scope) -> Scope | None:
    """The unit's scope whose binding a read of `name` finds, following Python's rules; None
    when the read reaches the module (then the module, or builtins, binds it)."""
    if name in scope.declared_global:
        return None
    for candidate in scope.visible_from():
        if candidate is part:
            return None
        if candidate is not scope and name in candidate.declared_global:
            return None
        if name in candidate.bindings and name not in candidate.declared_global:
            return candidate
    return None


def _redirect_declarations(part: Scope, scopes: list[Scope]) -> None:
    """Bindings of `global x` / `nonlocal x` names belong to the scope declared, not here."""
    for scope in scopes:
        for name in scope.declared_global:
            moved = scope.bindings.pop(name, [])
            if moved:
                part.bindings.setdefault(name, []).extend(moved)
    for scope in scopes:
        for name in scope.declared_nonlocal:
            moved = scope.bindings.pop(name, [])
            target = next(
                (
                    outer
                    for outer in scope.visible_from()
                    if outer is not scope
                    and outer.kind is ScopeKind.FUNCTION
                    and name in outer.bindings
                ),
                None,
            )
            if target is not None:
                target.bindings[name].extend(moved)


class _Resolved:
    """id(Use.node) -> the scope that binds it (None: builtins or undefined). Looking up a read
    that reaches the module counts as reading the module."""

    def __init__(self, reads: Reads) -> None:
        self._inside: dict[int, Scope] = {}
        self._module_level: dict[int, Scope | None] = {}
        self._reads = reads

    def get(self, key: int, default: Scope | None = None) -> Scope | None:
        owner = self._inside.get(key)
        if owner is not None:
            return owner
        if key in self._module_level:
            self._reads.beyond()
            return self._module_level[key]
        return default

    def __getitem__(self, key: int) -> Scope | None:
        if key not in self._inside and key not in self._module_level:
            raise KeyError(key)
        return self.get(key)

    def clear(self) -> None:
        self._inside.clear()
        self._module_level.clear()


class ScopeTable:
    """Every scope of one file, with name resolution and the uses of each binding.

    Assembled from the units' parts (see `units`): each unit's scopes and the reads they bind
    are kept with the unit; only the module's scope and the reads that reach it are redone.
    What reaches the module is noted in `reads` (see `tracking`).
    """

    def __init__(
        self, tree: ast.Module, units: Sequence[Unit] | None = None, reads: Reads | None = None
    ) -> None:
        if units is None:
            units = [Unit("", 1, 1, list(tree.body))]
        self._reads = reads if reads is not None else Reads()
        module = ModuleScope(tree, ScopeKind.MODULE, None)
        self._module = module
        self._by_node: dict[ast.AST, Scope] = {tree: module}
        self.resolved = _Resolved(self._reads)
        self._read: set[tuple[int, str]] = set()
        parts = [_unit_part(unit) for unit in units]
        # Later units first: the order one walk over the whole file used to give.
        for part in reversed(parts):
            own = part.module_part
            for name, bindings in own.bindings.items():
                module.bindings.setdefault(name, []).extend(bindings)
            module.uses.extend(own.uses)
            module.declared_global |= own.declared_global
            module.declared_nonlocal |= own.declared_nonlocal
            module.dynamic_calls |= own.dynamic_calls
            module.star_import = module.star_import or own.star_import
            module.yields = module.yields or own.yields
            module.returns_value = module.returns_value or own.returns_value
            for child in own.children:
                child.parent = module
                module.children.append(child)
            self._by_node.update(part.by_node)
            self.resolved._inside.update(part.resolved)
            self._read |= part.read
        bound = module.bindings
        for part in parts:
            for key, name in part.escaping:
                owner = module if name in bound else None
                self.resolved._module_level[key] = owner
                if owner is not None:
                    self._read.add((id(module), name))
        module._reads = self._reads  # from now on, reading the module's scope is noted

    @property
    def module(self) -> Scope:
        """The module's scope (reading it is reading beyond one unit)."""
        self._reads.beyond()
        return self._module

    def release(self) -> None:
        """Unlink the module's scope from the units' scopes (a reference cycle), so that the
        tree of this analysis is freed by reference counting when it ends, not left for the
        cycle collector (whose sweeps of it made the p95)."""
        module = self._module
        module._reads = None
        for child in module.children:
            child.parent = None
        module.children.clear()
        self._by_node.clear()
        self.resolved.clear()

    def all(self) -> Iterator[Scope]:
        self._reads.beyond()
        yield self._module
        yield from _all_below(self._module)

    def scope_of(self, node: ast.AST) -> Scope | None:
        """The scope a module, class, function, lambda or comprehension node creates."""
        return self._by_node.get(node)

    def resolve(self, scope: Scope, name: str) -> Scope | None:
        """The scope whose binding of `name` a read in `scope` finds; None for builtins/unknown."""
        module = self._module
        if name in scope.declared_global:
            return module if name in module.bindings else None
        for candidate in scope.visible_from():
            if candidate is not scope and name in candidate.declared_global:
                return module if name in module.bindings else None
            if name in candidate.bindings and name not in candidate.declared_global:
                return candidate
        return None

    def is_read(self, scope: Scope, name: str) -> bool:
        if scope is self._module:
            self._reads.beyond()
        return (id(scope), name) in self._read


def _unit_part(unit: Unit) -> UnitScopes:
    """The unit's part of the table, built on first use and kept with the unit."""
    part = unit.cache.scopes
    if part is None:
        part = unit.cache.scopes = unit_scopes(unit.statements)
    return part


class _At(NamedTuple):
    """Where the builder is: the scope, how a name stored here binds and when that takes effect,
    and whether reads here are guarded by `except NameError`. Shared by all children of a node
    that passes it on unchanged."""

    scope: Scope
    kind: BindingKind = BindingKind.ASSIGN
    position: Position | None = None
    guarded: bool = False
    unpacked: bool = False


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _node_types(*names: str) -> tuple[type, ...]:
    """The `ast` classes with these names that this Python has (TryStar: 3.11, TypeAlias: 3.12)."""
    return tuple(getattr(ast, name) for name in names if hasattr(ast, name))


_MATCH_BINDERS = _node_types("MatchAs", "MatchStar", "MatchMapping")


def _start(node: ast.AST) -> Position:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def _end(node: ast.AST) -> Position:
    return (getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0)


def _catches_name_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(isinstance(kind, ast.Name) and kind.id == "NameError" for kind in kinds):
            return True
    return False


class _Builder:
    """One iterative walk that fills the scope table. Nodes that bind names or open scopes have
    a handler (see `_HANDLERS`); every other node passes its context on to its children."""

    def __init__(self, module: Scope, by_node: dict[ast.AST, Scope]) -> None:
        self.module = module
        self.by_node = by_node
        self.stack: list[tuple[ast.AST, _At]] = []

    def build(self, statements: list[ast.stmt]) -> None:
        self._push_all(statements, _At(self.module))
        while self.stack:
            node, at = self.stack.pop()
            handler = _HANDLERS.get(type(node))
            if handler is not None:
                handler(self, node, at)
                continue
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in DYNAMIC_NAME_CALLS:
                    at.scope.dynamic_calls.add(func.id)
            elif isinstance(node, (ast.Yield, ast.YieldFrom)):
                at.scope.yields = True
            elif isinstance(node, ast.Return) and node.value is not None:
                at.scope.returns_value = True
            self.stack.extend((child, at) for child in child_nodes(node))

    def _push(self, node: ast.AST | None, at: _At) -> None:
        if node is not None:
            self.stack.append((node, at))

    def _push_all(self, nodes: list, at: _At) -> None:
        self.stack.extend((node, at) for node in nodes if node is not None)

    def _new_scope(self, node: ast.AST, kind: ScopeKind, parent: Scope) -> Scope:
        scope = Scope(node, kind, parent)
        parent.children.append(scope)
        self.by_node[node] = scope
        return scope

    def _bind(
        self,
        scope: Scope,
        name: str,
        node: ast.AST,
        kind: BindingKind,
        position: Position,
        unpacked: bool = False,
    ) -> None:
        if kind is BindingKind.WALRUS:  # `(y := ...)` in a comprehension binds outside it
            while scope.kind is ScopeKind.COMPREHENSION and scope.parent is not None:
                scope = scope.parent
        scope.bindings.setdefault(name, []).append(Binding(name, node, kind, position, unpacked))

    def _type_params(self, node: ast.AST, scope: Scope) -> None:
        for param in getattr(node, "type_params", None) or ():
            self._bind(scope, param.name, param, BindingKind.TYPE_PARAMETER, _start(param))

    # -- handlers ------------------------------------------------------------------------

    def _name(self, node: ast.Name, at: _At) -> None:
        if isinstance(node.ctx, ast.Load):
            at.scope.uses.append(Use(node.id, node, _start(node), at.guarded))
            return
        kind = at.kind
        if isinstance(node.ctx, ast.Del):
            at.scope.uses.append(Use(node.id, node, _start(node), at.guarded))
            kind = BindingKind.DELETE
        self._bind(at.scope, node.id, node, kind, at.position or _start(node), at.unpacked)

    def _function(self, node: Any, at: _At) -> None:
        scope, guarded = at.scope, at.guarded
        arguments: ast.arguments = node.args
        inner = self._new_scope(node, ScopeKind.FUNCTION, scope)
        generic = bool(getattr(node, "type_params", None))
        self._type_params(node, inner)
        outside = _At(scope, guarded=guarded)
        annotations = _At(inner, guarded=guarded) if generic else outside
        if isinstance(node, _FUNCTIONS):
            self._bind(scope, node.name, node, BindingKind.DEFINITION, _start(node))
            self._push_all(node.decorator_list, outside)
            self._push(node.returns, annotations)
        self._push_all([*arguments.defaults, *arguments.kw_defaults], outside)
        every_arg = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        every_arg += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
        for arg in every_arg:
            self._bind(inner, arg.arg, arg, BindingKind.PARAMETER, _start(arg))
            self._push(arg.annotation, annotations)
        body = node.body
        self._push_all(body if isinstance(body, list) else [body], _At(inner))

    def _class(self, node: ast.ClassDef, at: _At) -> None:
        scope = at.scope
        self._bind(scope, node.name, node, BindingKind.DEFINITION, _start(node))
        inner = self._new_scope(node, ScopeKind.CLASS, scope)
        self._type_params(node, inner)
        outside = _At(scope, guarded=at.guarded)
        header = _At(inner, guarded=at.guarded) if getattr(node, "type_params", None) else outside
        self._push_all(node.decorator_list, outside)
        self._push_all([*node.bases, *node.keywords], header)
        self._push_all(node.body, _At(inner))

    def _comprehension(self, node: Any, at: _At) -> None:
        inner = self._new_scope(node, ScopeKind.COMPREHENSION, at.scope)
        inside = _At(inner, guarded=at.guarded)
        generators: list[ast.comprehension] = node.generators
        for index, generator in enumerate(generators):
            # The first iterable is evaluated outside, before the comprehension's scope exists.
            self._push(generator.iter, _At(at.scope, guarded=at.guarded) if index == 0 else inside)
            self._push(generator.target, _At(inner, BindingKind.COMPREHENSION, _start(generator)))
            self._push_all(generator.ifs, inside)
        if isinstance(node, ast.DictComp):
            self._push_all([node.key, node.value], inside)
        else:
            self._push(node.elt, inside)

    def _assignment(self, node: Any, at: _At) -> None:
        scope, guarded = at.scope, at.guarded
        value = getattr(node, "value", None)
        after = _end(value) if value is not None else _start(node)
        if isinstance(node, ast.Assign):
            for target in node.targets:
                unpack = not isinstance(target, ast.Name)
                self._push(target, _At(scope, BindingKind.ASSIGN, after, guarded, unpack))
        elif isinstance(node, ast.AnnAssign):
            kind = BindingKind.ASSIGN if node.value is not None else BindingKind.ANNOTATION
            self._push(node.target, _At(scope, kind, after, guarded))
            self._push(node.annotation, _At(scope, guarded=guarded))
        elif isinstance(node, ast.AugAssign):
            target = node.target
            if isinstance(target, ast.Name):  # reads the old value first
                scope.uses.append(Use(target.id, target, _start(target), guarded))
            self._push(target, _At(scope, BindingKind.AUGMENTED, after, guarded))
        else:  # NamedExpr
            self._push(node.target, _At(scope, BindingKind.WALRUS, after, guarded))
        self._push(value, _At(scope, guarded=guarded))

    def _for(self, node: Any, at: _At) -> None:
        unpack = not isinstance(node.target, ast.Name)
        self._push(
            node.target, _At(at.scope, BindingKind.LOOP, _end(node.iter), at.guarded, unpack)
        )
        plain = _At(at.scope, guarded=at.guarded)
        self._push(node.iter, plain)
        self._push_all([*node.body, *node.orelse], plain)

    def _with(self, node: Any, at: _At) -> None:
        plain = _At(at.scope, guarded=at.guarded)
        for item in node.items:
            self._push(item.context_expr, plain)
            self._push(item.optional_vars, _At(at.scope, BindingKind.WITH, _end(item.context_expr)))
        self._push_all(node.body, plain)

    def _import(self, node: ast.Import | ast.ImportFrom, at: _At) -> None:
        for alias in node.names:
            if alias.name == "*":
                at.scope.star_import = True
                continue
            name = alias.asname or alias.name.split(".")[0]
            self._bind(at.scope, name, alias, BindingKind.IMPORT, _start(node))

    def _global(self, node: ast.Global, at: _At) -> None:
        at.scope.declared_global.update(node.names)

    def _nonlocal(self, node: ast.Nonlocal, at: _At) -> None:
        at.scope.declared_nonlocal.update(node.names)

    def _handler(self, node: ast.ExceptHandler, at: _At) -> None:
        if node.name:
            self._bind(at.scope, node.name, node, BindingKind.EXCEPT, _start(node))
        plain = _At(at.scope, guarded=at.guarded)
        self._push(node.type, plain)
        self._push_all(node.body, plain)

    def _try(self, node: Any, at: _At) -> None:
        guarded = at.guarded or _catches_name_error(node)
        self._push_all(node.body, _At(at.scope, guarded=guarded))
        plain = _At(at.scope, guarded=at.guarded)
        for part in (node.handlers, node.orelse, node.finalbody):
            self._push_all(part, plain)

    def _match_binder(self, node: Any, at: _At) -> None:
        bound = getattr(node, "name", None) or getattr(node, "rest", None)
        if bound:
            self._bind(at.scope, bound, node, BindingKind.MATCH, _start(node))
        self.stack.extend((child, at) for child in child_nodes(node))

    def _type_alias(self, node: Any, at: _At) -> None:
        self._bind(at.scope, node.name.id, node, BindingKind.DEFINITION, _start(node))
        alias_scope = self._new_scope(node, ScopeKind.FUNCTION, at.scope)
        self._type_params(node, alias_scope)
        self._push(node.value, _At(alias_scope, guarded=at.guarded))


_Handler = Callable[[_Builder, Any, _At], None]
_HANDLERS: dict[type, _Handler] = {
    ast.Name: _Builder._name,
    ast.ClassDef: _Builder._class,
    ast.Global: _Builder._global,
    ast.Nonlocal: _Builder._nonlocal,
    ast.ExceptHandler: _Builder._handler,
}
_HANDLERS.update(dict.fromkeys((*_FUNCTIONS, ast.Lambda), _Builder._function))
_HANDLERS.update(dict.fromkeys(_COMPREHENSIONS, _Builder._comprehension))
_HANDLERS.update(
    dict.fromkeys((ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr), _Builder._assignment)
)
_HANDLERS.update(dict.fromkeys((ast.For, ast.AsyncFor), _Builder._for))
_HANDLERS.update(dict.fromkeys((ast.With, ast.AsyncWith), _Builder._with))
_HANDLERS.update(dict.fromkeys((ast.Import, ast.ImportFrom), _Builder._import))
_HANDLERS.update(dict.fromkeys(_node_types("Try", "TryStar"), _Builder._try))
_HANDLERS.update(dict.fromkeys(_MATCH_BINDERS, _Builder._match_binder))
_HANDLERS.update(dict.fromkeys(_node_types("TypeAlias"), _Builder._type_alias))
