"""What a checker sees: the parsed tree, its parents, the source and helpers to report findings."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

from mentor.analyzers.findings import Finding, Fix
from mentor.analyzers.flow import own_nodes
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


class Context:
    """One file under analysis. Built once per analysis and shared by all checkers."""

    def __init__(self, source: SourceText, tree: ast.Module, path: str | None) -> None:
        self.source = source
        self.tree = tree
        self.path = path
        self.parents: dict[ast.AST, ast.AST] = {}
        # Per-analysis memo for rules' whole-file facts (computed once, not once per node).
        self.cache: dict[str, Any] = {}
        self.nodes: list[ast.AST] = []  # every node, in source pre-order
        self._children: dict[ast.AST, list[ast.AST]] = {}
        self._scope_of: dict[ast.AST, ast.AST] = {}
        self._scope_members: dict[ast.AST, list[ast.AST]] = {tree: []}
        self._index_tree()

    def _index_tree(self) -> None:
        # One iterative pre-order walk (deep student code must not hit Python's recursion
        # limit) records what checkers would otherwise recompute per node: parents, children,
        # and each node's scope. It is the analysis' hottest loop, hence written out by hand.
        tree = self.tree
        stack: list[ast.AST] = [tree]
        nodes, parents, children_of = self.nodes, self.parents, self._children
        scope_of, members = self._scope_of, self._scope_members
        node_ast, leaves = ast.AST, LEAF_SINGLETONS
        while stack:
            node = stack.pop()
            nodes.append(node)
            cls = node.__class__
            if cls in _SCOPE_TYPES:
                if node is not tree:
                    members[scope_of[node]].append(node)
                own_scope = node
                members.setdefault(node, [])
            else:
                own_scope = scope_of[node]
                members[own_scope].append(node)
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
                scope_of[child] = own_scope
            stack.extend(reversed(children))

    # -- positions -----------------------------------------------------------------------

    def span(self, node: ast.AST) -> Span:
        """The span of a node, in code-point columns."""
        line = node.lineno  # type: ignore[attr-defined]
        end_line = getattr(node, "end_lineno", None) or line
        column = self.source.column_from_utf8(line, node.col_offset)  # type: ignore[attr-defined]
        end_byte = getattr(node, "end_col_offset", None)
        end_column = (
            self.source.column_from_utf8(end_line, end_byte) if end_byte is not None else column
        )
        return Span(line, column, end_line, end_column)

    def segment(self, node: ast.AST) -> str:
        """The source text of a node."""
        return self.source.slice(self.span(node))

    def header_span(self, node: ast.stmt) -> Span:
        """The first line of a statement, without its body: where a compound statement is named."""
        span = self.span(node)
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and body[0].lineno > span.line:
            line_text = self.source.line(span.line)
            return Span(span.line, span.column, span.line, len(line_text.rstrip()))
        return span

    # -- tree navigation -----------------------------------------------------------------

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """Parents of `node`, nearest first."""
        current = self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    def children(self, node: ast.AST) -> list[ast.AST]:
        """The direct children of a node (do not change the list)."""
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
        known = self._scope_members.get(scope)
        return known if known is not None else list(scope_nodes(scope))

    def enclosing_scope(self, node: ast.AST) -> ast.AST:
        """The module, class, function or lambda whose names `node` sees first."""
        known = self._scope_of.get(node)
        if known is not None:
            return known
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, SCOPE_NODES):
                return ancestor
        return self.tree

    def inside_fstring(self, node: ast.AST) -> bool:
        """Positions inside f-strings are unreliable before Python 3.12: never edit there."""
        return any(isinstance(ancestor, ast.JoinedStr) for ancestor in self.ancestors(node))

    @cached_property
    def identifiers(self) -> frozenset[str]:
        """Every identifier the file mentions, so a new name can be chosen without a clash."""
        return frozenset(identifiers_in(self.nodes))

    @cached_property
    def top_level_lines(self) -> tuple[list[int], list[int]]:
        """First lines (decorators included) and last lines of the module's statements."""
        starts: list[int] = []
        ends: list[int] = []
        for statement in self.tree.body:
            decorators = getattr(statement, "decorator_list", ())
            starts.append(min([statement.lineno, *(decorator.lineno for decorator in decorators)]))
            ends.append(statement.end_lineno or statement.lineno)
        return starts, ends

    @cached_property
    def defined_names(self) -> frozenset[str]:
        """Every name the file binds anywhere (assignments, defs, imports, parameters)."""
        names: set[str] = set()
        for node in self.nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
        return frozenset(names)

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
    def defined_attributes(self) -> frozenset[str]:
        """Attribute and method names the file defines itself (`def length`, `self.size = 0`)."""
        names: set[str] = set()
        for node in self.nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
                names.add(node.attr)
        return frozenset(names)

    @cached_property
    def scopes(self) -> ScopeTable:
        """Every scope's bindings and reads, built once per analysis for the scope rules."""
        return ScopeTable(self.tree)

    def release(self) -> None:
        """The analysis is over: drop what would otherwise wait for the cycle collector."""
        table = self.__dict__.pop("scopes", None)
        if table is not None:
            table.release()

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


def _frozen(args: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(args))
