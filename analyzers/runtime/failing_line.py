"""The code of the line that failed, as a syntax tree: its expressions, the loops and function
around it, and the expression Python's `^~~` markers point at.

Built from the student's file when it still holds that line, else from the one line the
traceback shows (the file changed, moved, or was never available).
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

_HEADER_FIELDS: dict[type[ast.stmt], tuple[str, ...]] = {
    ast.If: ("test",),
    ast.While: ("test",),
    ast.For: ("target", "iter"),
    ast.AsyncFor: ("target", "iter"),
    ast.With: ("items",),
    ast.FunctionDef: ("decorator_list", "args", "returns"),
    ast.AsyncFunctionDef: ("decorator_list", "args", "returns"),
    ast.ClassDef: ("decorator_list", "bases", "keywords"),
    ast.Try: (),
}


@dataclass
class FailingLine:
    """The failing statement's expressions and where they sit in the file."""

    line: int
    text: str  # the text the tree was parsed from (file source, or the one stripped line)
    tree: ast.Module | None
    statement: ast.stmt | None
    ancestors: list[ast.AST] = field(default_factory=list)  # outermost first
    marked: tuple[int, int] | None = None  # marker columns, relative to the stripped line
    line_offset: int = 0  # how the tree's line numbers map to the file's: file = tree + offset
    indent: int = 0  # the source line's indentation (tree columns minus it = stripped columns)

    def expressions(self) -> list[ast.AST]:
        """Every expression of the failing statement that touches the failing line (a compound
        statement contributes its header only), outermost first."""
        if self.statement is None:
            return []
        roots: list[ast.AST] = []
        fields = _HEADER_FIELDS.get(type(self.statement))
        if fields is None:
            roots = [self.statement]
        else:
            for name in fields:
                value = getattr(self.statement, name, None)
                roots.extend(value if isinstance(value, list) else [value] if value else [])
        found = []
        for root in roots:
            for node in ast.walk(root):
                if isinstance(node, ast.expr | ast.arguments | ast.withitem) and self._touches(
                    node
                ):
                    found.append(node)
        return found

    def of_type(self, *types: type[ast.AST]) -> list[ast.AST]:
        return [node for node in self.expressions() if isinstance(node, types)]

    def pick(self, candidates: list[ast.AST]) -> ast.AST | None:
        """The candidate Python's markers point at; else the one evaluated first."""
        if not candidates:
            return None
        if self.marked is not None:
            exact = [node for node in candidates if self.columns(node) == self.marked]
            if exact:
                return exact[0]
            around = [
                node
                for node in candidates
                if (cols := self.columns(node)) is not None
                and cols[0] <= self.marked[0]
                and cols[1] >= self.marked[1]
            ]
            if around:
                return min(around, key=lambda node: _width(self.columns(node)))
            inside = [
                node
                for node in candidates
                if (cols := self.columns(node)) is not None
                and self.marked[0] <= cols[0]
                and cols[1] <= self.marked[1]
            ]
            if inside:
                return max(inside, key=lambda node: _width(self.columns(node)))
        # No markers (Python 3.10, or they were not copied): the first to finish evaluating,
        # as Python evaluates children before parents, left to right.
        on_line = [node for node in candidates if self.columns(node) is not None] or candidates
        return min(on_line, key=lambda node: (node.end_lineno or 0, node.end_col_offset or 0))

    def columns(self, node: ast.AST) -> tuple[int, int] | None:
        """The node's columns in the stripped failing line; None if it starts on another line."""
        if getattr(node, "lineno", None) != self.line - self.line_offset:
            return None
        end = node.end_col_offset if node.end_lineno == node.lineno else 10**6
        return node.col_offset - self.indent, (end or 0) - self.indent

    def source(self, node: ast.AST | None) -> str:
        """The code of `node` as the student wrote it (one line, spaces collapsed)."""
        if node is None:
            return ""
        segment = ast.get_source_segment(self.text, node) or ""
        if not segment:
            with contextlib.suppress(Exception):
                segment = ast.unparse(node)
        return " ".join(segment.split())

    def enclosing(self, *types: type[ast.AST]) -> list[ast.AST]:
        """The statements of these types around the failing line, innermost first."""
        return [node for node in reversed(self.ancestors) if isinstance(node, types)]

    def definitions(self, name: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        if self.tree is None:
            return []
        return [
            node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
        ]

    def _touches(self, node: ast.AST) -> bool:
        start = getattr(node, "lineno", None)
        if start is None:
            return True
        end = getattr(node, "end_lineno", start) or start
        return start <= self.line - self.line_offset <= end


def _width(columns: tuple[int, int] | None) -> int:
    return 10**6 if columns is None else columns[1] - columns[0]


def read_failing_line(
    line: int, shown: str, source: str | None, marked: tuple[int, int] | None
) -> tuple[FailingLine, str]:
    """The failing line in `source` when it still matches what the traceback `shown`, else in
    `shown` alone. Also says which: "file", "changed" or "missing"."""
    state = "missing" if source is None else "file"
    if source is not None:
        lines = source.splitlines()
        current = lines[line - 1] if 0 < line <= len(lines) else None
        if current is None or (shown.strip() and current.strip() != shown.strip()):
            state = "changed"
        else:
            found = _from_file(source, line, marked)
            if found is not None:
                return found, state
    return _from_shown(line, shown, marked), state


def _from_file(source: str, line: int, marked: tuple[int, int] | None) -> FailingLine | None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    chain = _innermost(tree, line)
    if not chain:
        return None
    text_line = source.splitlines()[line - 1]
    indent = len(text_line) - len(text_line.lstrip())
    return FailingLine(line, source, tree, chain[-1], chain[:-1], marked, 0, indent)


def _from_shown(line: int, shown: str, marked: tuple[int, int] | None) -> FailingLine:
    text = shown.strip()
    for attempt in _completions(text):
        try:
            tree = ast.parse(attempt)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if tree.body:
            return FailingLine(line, attempt, tree, tree.body[0], [], marked, line - 1, 0)
    return FailingLine(line, text, None, None, [], marked, line - 1, 0)


def _completions(text: str) -> Iterator[str]:
    """`text` as it is, then completed so that a lone compound-statement header parses."""
    yield text
    if text.endswith(":"):
        body = text + " pass"
        yield body
        for keyword in ("elif ", "else", "except", "finally"):
            if text.startswith(keyword):
                yield "if True: pass\n" + body if keyword == "elif " else "try: pass\n" + body
        yield "if " + text.removeprefix("elif ") + " pass"


def _innermost(tree: ast.AST, line: int) -> list[ast.AST]:
    """The statements containing `line`, outermost first, down to the innermost."""
    chain: list[ast.AST] = []
    node: ast.AST = tree
    while True:
        child = next(_statements_at(node, line), None)
        if child is None:
            return chain
        chain.append(child)
        node = child


def _statements_at(node: ast.AST, line: int) -> Iterator[ast.stmt]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt) and child.lineno <= line <= (child.end_lineno or 0):
            yield child
        elif isinstance(child, ast.excepthandler | ast.match_case) and _spans(child, line):
            yield from _statements_at(child, line)


def _spans(node: ast.AST, line: int) -> bool:
    start = getattr(node, "lineno", None)
    if start is None:  # match_case has no position; look inside
        return True
    return start <= line <= (getattr(node, "end_lineno", start) or start)


def names_in(node: ast.AST | None) -> list[str]:
    """The plain names an expression reads, in order, once each."""
    if node is None:
        return []
    seen: dict[str, None] = {}
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            seen.setdefault(child.id, None)
    return list(seen)


def assigned_names(nodes: list[ast.AST]) -> set[str]:
    """Names given a value anywhere inside `nodes` (=, +=, for targets, walrus, imports)."""
    found: set[str] = set()
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                found.add(node.name)
            elif isinstance(node, ast.alias):
                found.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.arg):
                found.add(node.arg)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
            ):  # items.append(x), items.pop(): the code changes `items`
                found.add(node.func.value.id)
    return found


def first(nodes: list[ast.AST], test: Callable[[ast.AST], bool]) -> ast.AST | None:
    return next((node for node in nodes if test(node)), None)
