"""What a checker sees: the parsed tree, its parents, the source and helpers to report findings."""

from __future__ import annotations

import ast
import io
import tokenize
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar

from mentor.analyzers.findings import Finding, Fix
from mentor.analyzers.flow import own_nodes
from mentor.analyzers.incremental.tracking import Reads, TrackedNames, UnitSource, WholeFile
from mentor.analyzers.incremental.units import Unit, first_line_of, split_units
from mentor.analyzers.names_util import identifiers_in
from mentor.analyzers.rule import Rule
from mentor.analyzers.scopes import ScopeTable
from mentor.analyzers.source import SourceText, Span
from mentor.analyzers.walk import LEAF_SINGLETONS, child_nodes, node_fields

SCOPE_NODES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_SCOPE_TYPES = frozenset(SCOPE_NODES)  # exact classes: `ast` node classes are never subclassed


def scope_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of one scope's body, not descending into nested functions, lambdas or classes."""
    stack = child_nodes(scope)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _NESTED_SCOPES):
            stack.extend(child_nodes(node))


_NESTED_SCOPES = (*FUNCTION_NODES, ast.ClassDef)
T = TypeVar("T")
_MISSING: Any = object()
# Sets of names made with `Context.derived_names`, by key: to check a reused call's answers.
_DERIVED: dict[str, Callable[[Context], frozenset[str]]] = {}


class ModuleNode(ast.Module):
    """The module node of an analysis assembled from units: reading its statements is reading
    beyond one unit (a checker can reach the module through `ctx.parent`), see `tracking`."""

    _reads: Reads | None = None
    body = WholeFile()  # type: ignore[assignment]

    def __init__(self, statements: list[ast.stmt]) -> None:
        super().__init__(body=statements, type_ignores=[])


@dataclass
class UnitIndex:
    """What `Context` knows of one unit's nodes, kept with the unit from one analysis to the
    next while its text and place stay the same."""

    nodes: list[ast.AST]  # pre-order
    parents: dict[ast.AST, ast.AST]  # top-level statements have none here: the module is new
    children: dict[ast.AST, list[ast.AST]]
    scope_of: dict[ast.AST, ast.AST]  # nodes whose scope is a function, lambda or class
    module_members: list[ast.AST]  # nodes whose scope is the module
    members: dict[ast.AST, list[ast.AST]]  # members of the unit's own scopes
    facts: dict[str, Any] = field(default_factory=dict)  # see `Context.unit_facts`


def index_unit(statements: list[ast.stmt]) -> UnitIndex:
    """One iterative pre-order walk over a unit's statements (deep student code must not hit
    Python's recursion limit) that records what checkers would otherwise recompute per node:
    parents, children, and each node's scope. The analysis' hottest loop, hence by hand."""
    index = UnitIndex([], {}, {}, {}, [], {})
    nodes, parents, children_of = index.nodes, index.parents, index.children
    scope_of, members, module_members = index.scope_of, index.members, index.module_members
    node_ast, leaves = ast.AST, LEAF_SINGLETONS
    stack: list[tuple[ast.AST, ast.AST | None]] = [(node, None) for node in reversed(statements)]
    while stack:
        node, scope = stack.pop()
        nodes.append(node)
        cls = node.__class__
        (module_members if scope is None else members[scope]).append(node)
        if scope is not None:
            scope_of[node] = scope
        own_scope = scope
        if cls in _SCOPE_TYPES:
            own_scope = node
            members[node] = []
        children: list[ast.AST] = []
        for name in node_fields(cls):
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_ast) and not isinstance(item, leaves):
                        children.append(item)
            elif isinstance(value, node_ast) and not isinstance(value, leaves):
                children.append(value)
        children_of[node] = children
        for child in children:
            parents[child] = node
        stack.extend((child, own_scope) for child in reversed(children))
    return index


class Context:
    """One file under analysis. Built once per analysis and shared by all checkers.

    It is assembled from the file's units (see `units`), each indexed once and reused while its
    text and place stay the same. While a checker runs on a node, `reads` notes whether the
    checker read anything beyond that node's unit (the module's names, other statements, other
    lines, the path...): see `tracking`. What it read alone decides whether its findings can be
    reused after an edit elsewhere. Every door to the rest of the file is noted: the source, the
    module node, the module's scope and the whole-file views below.
    """

    def __init__(
        self,
        source: SourceText,
        tree: ast.Module,
        path: str | None,
        units: list[Unit] | None = None,
    ) -> None:
        self.reads = Reads()  # the checker call being recorded, and what it read
        self._source = source
        self.source = UnitSource(source, self.reads)  # other units' lines are noted
        self._tree = tree
        self._path = path
        self._units = units if units is not None else split_units(tree.body, source.lines)
        self._cache: dict[str, Any] = {}
        self._scope_facts: dict[tuple[str, ast.AST], Any] = {}
        self._nodes: list[ast.AST] = [tree]  # every node, in source pre-order
        self._parents: dict[ast.AST, ast.AST] = {}
        self._children: dict[ast.AST, list[ast.AST]] = {tree: list(tree.body)}
        self._scope_of: dict[ast.AST, ast.AST] = {}
        module_members: list[ast.AST] = []
        self._scope_members: dict[ast.AST, list[ast.AST]] = {tree: module_members}
        for unit in self._units:
            index = unit_index(unit)
            self._nodes.extend(index.nodes)
            self._parents.update(index.parents)
            self._children.update(index.children)
            self._scope_of.update(index.scope_of)
            self._scope_members.update(index.members)
            module_members.extend(index.module_members)
        for statement in tree.body:
            self._parents[statement] = tree
        self._scope_of.update(dict.fromkeys(module_members, tree))
        if isinstance(tree, ModuleNode):
            tree._reads = self.reads

    # -- what lies beyond one unit: reading it is noted ---------------------------------

    @property
    def tree(self) -> ast.Module:
        """The module (reading its statements counts as reading beyond a unit)."""
        return self._tree

    @property
    def units(self) -> list[Unit]:
        """The file's units, in order (do not change the list)."""
        self.reads.beyond()
        return self._units

    @property
    def path(self) -> str | None:
        self.reads.beyond()
        return self._path

    @property
    def nodes(self) -> list[ast.AST]:
        """Every node of the file, in source pre-order (do not change the list)."""
        self.reads.beyond()
        return self._nodes

    @property
    def cache(self) -> dict[str, Any]:
        """Per-analysis memo for rules' whole-file facts (computed once, not once per node)."""
        self.reads.beyond()
        return self._cache

    def unit_facts(self, key: str, compute: Callable[[list[ast.AST]], T]) -> list[T]:
        """`compute(nodes of a unit)` for every unit, each kept with its unit while the unit's
        text and place stay the same: whole-file facts at the cost of the changed units."""
        return self.statement_facts(key, lambda statements, nodes: compute(nodes))

    def statement_facts(
        self, key: str, compute: Callable[[list[ast.stmt], list[ast.AST]], T]
    ) -> list[T]:
        """`compute(a unit's top-level statements, its nodes)` for every unit, kept likewise."""
        self.reads.beyond()
        results = []
        for unit in self._units:
            index = unit_index(unit)
            if key not in index.facts:
                index.facts[key] = compute(unit.statements, index.nodes)
            results.append(index.facts[key])
        return results

    def unit_at(self, first_line: int, last_line: int) -> Unit | None:
        """The unit whose lines hold lines `first_line`..`last_line`, if one does (reading
        another unit than the running checker's own is reading beyond it)."""
        index = bisect_right(self._unit_starts, first_line) - 1
        if index >= 0 and last_line <= self._units[index].last_line:
            unit = self._units[index]
            self.reads.lines(unit.first_line, unit.last_line)
            return unit
        self.reads.beyond()
        return None

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [unit.first_line for unit in self._units]  # in order: units never overlap

    # -- positions -----------------------------------------------------------------------

    def span(self, node: ast.AST) -> Span:
        """The span of a node, in code-point columns."""
        line = node.lineno  # type: ignore[attr-defined]
        end_line = getattr(node, "end_lineno", None) or line
        # Not noted: a checker only holds nodes of other units through doors that are.
        source = self._source
        column = source.column_from_utf8(line, node.col_offset)  # type: ignore[attr-defined]
        end_byte = getattr(node, "end_col_offset", None)
        end_column = source.column_from_utf8(end_line, end_byte) if end_byte is not None else column
        return Span(line, column, end_line, end_column)

    def segment(self, node: ast.AST) -> str:
        """The source text of a node."""
        return self.source.slice(self.span(node))

    def header_span(self, node: ast.stmt) -> Span:
        """The first line of a statement, without its body: where a compound statement is named."""
        span = self.span(node)
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and body[0].lineno > span.line:
            line_text = _without_comment(self.source.line(span.line))
            return Span(span.line, span.column, span.line, len(line_text.rstrip()))
        return span

    # -- tree navigation -----------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self._parents.get(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """Parents of `node`, nearest first (the last: the module, whose statements are noted)."""
        parents = self._parents
        current = parents.get(node)
        while current is not None:
            yield current
            current = parents.get(current)

    def children(self, node: ast.AST) -> list[ast.AST]:
        """The direct children of a node (do not change the list)."""
        if node is self._tree:
            self.reads.beyond()
        known = self._children.get(node)
        return known if known is not None else child_nodes(node)

    def walk(self, node: ast.AST) -> Iterator[ast.AST]:
        """`node` and everything below it in source order: a faster `ast.walk` for the tree."""
        stack = [node]
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(self.children(current)))

    def scope_nodes(self, scope: ast.AST) -> list[ast.AST]:
        """The nodes whose enclosing scope is `scope`, in source order (do not change the list).

        The same nodes as the free function `scope_nodes`, looked up instead of walked.
        """
        if scope is self._tree:
            self.reads.beyond()
        known = self._scope_members.get(scope)
        return known if known is not None else list(scope_nodes(scope))

    def scope_fact(
        self, scope: ast.AST, key: str, build: Callable[[ast.AST, list[ast.AST]], T]
    ) -> T:
        """`build(scope, ctx.scope_nodes(scope))`, built once per analysis and scope (say, an
        index of where each name is assigned). Asking for it reads what `scope_nodes` reads."""
        members = self.scope_nodes(scope)  # the read is noted as `scope_nodes` notes it
        known = self._scope_facts.get((key, scope), _MISSING)
        if known is _MISSING:
            known = self._scope_facts[(key, scope)] = build(scope, members)
        return known

    def enclosing_scope(self, node: ast.AST) -> ast.AST:
        """The module, class, function or lambda whose names `node` sees first."""
        known = self._scope_of.get(node)
        if known is not None:
            return known
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, SCOPE_NODES):
                return ancestor
        return self._tree

    def inside_fstring(self, node: ast.AST) -> bool:
        """Positions inside f-strings are unreliable before Python 3.12: never edit there."""
        return any(isinstance(ancestor, ast.JoinedStr) for ancestor in self.ancestors(node))

    @cached_property
    def identifiers(self) -> TrackedNames:
        """Every identifier the file mentions, so a new name can be chosen without a clash."""
        return self._names_fact("identifiers", identifiers_in)

    @property
    def top_level_lines(self) -> tuple[list[int], list[int]]:
        """First lines (decorators included) and last lines of the module's statements."""
        self.reads.beyond()
        return self._top_level_lines

    @cached_property
    def _top_level_lines(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for unit in self._units:
            for statement in unit.statements:
                starts.append(first_line_of(statement))
                ends.append(statement.end_lineno or statement.lineno)
        return starts, ends

    @cached_property
    def defined_names(self) -> TrackedNames:
        """Every name the file binds anywhere (assignments, defs, imports, parameters)."""
        return self._names_fact("defined_names", _defined_names)

    def derived_names(self, key: str, compute: Callable[[Context], frozenset[str]]) -> TrackedNames:
        """A set of names computed once per analysis from the whole file (say, the functions
        that return nothing). A checker that asks whether a name is in it depends on that
        answer only, not on the whole file."""
        _DERIVED.setdefault(key, compute)
        known = self._cache.get(key)
        if known is None:
            with self.reads.paused():
                known = TrackedNames(key, frozenset(compute(self)), self.reads)
            self._cache[key] = known
        return known

    def names_fact(self, key: str) -> TrackedNames:
        """The whole-file set of names called `key` (one of the properties above, or one made
        with `derived_names`)."""
        if key in ("identifiers", "defined_names", "defined_attributes"):
            return getattr(self, key)
        return self.derived_names(key, _DERIVED[key])

    def _names_fact(self, key: str, compute: Callable[[list[ast.AST]], set[str]]) -> TrackedNames:
        with self.reads.paused():
            parts = self.unit_facts(key, lambda nodes: frozenset(compute(nodes)))
        return TrackedNames(key, frozenset().union(*parts), self.reads)

    def body_nodes(self, statement: ast.stmt) -> list[ast.AST]:
        """The nodes of a compound statement's body (not its `else`), not descending into nested
        functions, classes, lambdas or comprehensions. Cached: several loop rules read them."""
        cached = self._body_nodes.get(statement)
        if cached is None:
            cached = list(own_nodes(statement.body))  # type: ignore[attr-defined]
            self._body_nodes[statement] = cached
        return cached

    @cached_property
    def _body_nodes(self) -> dict[ast.AST, list[ast.AST]]:
        return {}

    @cached_property
    def defined_attributes(self) -> TrackedNames:
        """Attribute and method names the file defines itself (`def length`, `self.size = 0`)."""
        return self._names_fact("defined_attributes", _defined_attributes)

    @cached_property
    def scopes(self) -> ScopeTable:
        """Every scope's bindings and reads, built once per analysis for the scope rules (each
        unit's part is kept with the unit). Reading the module's own scope counts as reading
        beyond a unit."""
        return ScopeTable(self._tree, self._units, self.reads)

    def release(self) -> None:
        """The analysis is over: drop what would otherwise wait for the cycle collector."""
        table = self.__dict__.pop("scopes", None)
        if table is not None:
            table.release()
        if isinstance(self._tree, ModuleNode):
            self._tree._reads = None
        self._cache.clear()

    # -- reporting -----------------------------------------------------------------------

    def finding(
        self,
        rule: Rule,
        where: ast.AST | Span,
        *,
        fix: Fix | None = None,
        **args: str,
    ) -> Finding:
        """A finding of `rule` at a node or span, with message placeholders in `args`."""
        span = where if isinstance(where, Span) else self.span(where)
        return Finding(rule=rule, span=span, args=_frozen(args), fix=fix)


def unit_index(unit: Unit) -> UnitIndex:
    """The unit's index, built on first use and kept with the unit."""
    index = unit.cache.index
    if index is None:
        index = unit.cache.index = index_unit(unit.statements)
    return index


def _defined_names(nodes: list[ast.AST]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def _defined_attributes(nodes: list[ast.AST]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            names.add(node.attr)
    return names


def _frozen(args: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(args))


def _without_comment(line: str) -> str:
    """A header line without its trailing `# comment` (a `#` inside a string stays)."""
    if "#" not in line:
        return line
    try:
        for token in tokenize.generate_tokens(io.StringIO(line.lstrip()).readline):
            if token.type == tokenize.COMMENT:
                return line[: len(line) - len(line.lstrip()) + token.start[1]]
    except (tokenize.TokenError, SyntaxError):
        pass  # a header continued on the next line: keep the whole line
    return line
