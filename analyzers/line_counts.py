"""Radon's raw line counts, read from the syntax tree the analysis already has.

radon's `raw.analyze` tokenizes the file again, line by line (a statement over n lines is
tokenized n times), which cost more than all of Mentor's checks of a file. Its rules need only
where each logical line starts and ends, and which statements are a lone string literal:

- a line inside a statement that spans lines (brackets, a multi-line string) is code, even
  when it looks like a comment or is a docstring's line;
- a statement that is one string token alone on its lines (a docstring, in radon's words) is
  one comment line if it fits on one line, else its non-blank lines are docstring lines;
- every other line is blank (whitespace only), a comment (`#` first) or code.

`tests/analyzers/test_line_counts.py` checks the counts against radon's on the standard library.
Text with a line break only `str.splitlines` knows (form feed, `\\x1c`, `\\u2028`...) numbers its
lines differently from Python's parser, so radon counts it (`None` here).
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator

_ODD_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
_NO_TOKENS = {tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER}


def raw_counts(text: str, tree: ast.Module) -> tuple[int, int, int, int, int] | None:
    """(total, code, comments, docstrings, blank) as radon counts them; None if it can't tell."""
    if any(odd in text for odd in _ODD_BREAKS):
        return None
    lines = text.splitlines()
    inside = [0] * (len(lines) + 2)  # +1 where a span's inner lines begin, -1 past their end
    lone_strings: list[ast.Expr] = []
    for start, end, statement in _logical_spans(tree):
        if end > start:
            inside[start + 1] += 1
            inside[end + 1] -= 1
        if statement is not None:
            lone_strings.append(statement)
    kinds: dict[int, str] = {}
    for statement in lone_strings:
        if _is_lone_string_token(statement, lines):
            first, last = statement.lineno, statement.end_lineno or statement.lineno
            if first == last:
                kinds[first] = "comment"
            else:
                kinds.update((line, "docstring") for line in range(first, last + 1))
    code = comments = docstrings = blank = 0
    depth = 0
    for number, line in enumerate(lines, start=1):
        depth += inside[number]
        stripped = line.strip()
        kind = kinds.get(number)
        if not stripped:
            blank += 1
        elif kind == "docstring":
            docstrings += 1
        elif kind == "comment" or (stripped[0] == "#" and depth == 0):
            comments += 1
        else:
            code += 1
    return len(lines), code, comments, docstrings, blank


def _logical_spans(tree: ast.Module) -> Iterator[tuple[int, int, ast.Expr | None]]:
    """(first, last line) of each logical line: a simple statement whole, a compound one's
    header (from its keyword to its last part) and decorators; with the statement when it is
    an expression of a string alone."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        bodies = [body for name in _BODIES if (body := getattr(node, name, None))]
        if not bodies and isinstance(node, ast.stmt):
            lone = isinstance(node, ast.Expr) and _is_string(node.value)
            yield node.lineno, node.end_lineno or node.lineno, node if lone else None
            continue
        for body in bodies:
            stack.extend(body)
        parts = list(_header_parts(node))
        # `case` has no position of its own: its pattern starts its line.
        start = getattr(node, "lineno", None) or parts[0].lineno  # type: ignore[attr-defined]
        header_end = start
        for part in parts:
            first, end = part.lineno, part.end_lineno or part.lineno  # type: ignore[attr-defined]
            if first < start:  # a decorator: a logical line of its own
                yield first, end, None
            else:
                header_end = max(header_end, end)
        yield start, header_end, None


def _header_parts(node: ast.AST) -> Iterator[ast.AST]:
    """The positioned expressions, arguments and patterns of a compound statement's header."""
    for name, value in ast.iter_fields(node):
        if name in _BODIES:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (ast.expr, ast.pattern)):
                yield item
            elif isinstance(item, (ast.arguments, ast.withitem)):
                yield from ast.iter_child_nodes(item)


def _is_string(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def _is_lone_string_token(statement: ast.Expr, lines: list[str]) -> bool:
    """Nothing but one string token on the statement's lines (no `;`, comment, brackets)."""
    first, last = statement.lineno - 1, (statement.end_lineno or statement.lineno) - 1
    start = lines[first].encode()
    end = lines[last].encode()
    if start[: statement.col_offset].strip() or end[statement.end_col_offset :].strip():
        return False
    if first == last:
        segment = start[statement.col_offset : statement.end_col_offset].decode()
    else:
        middle = [line.encode() for line in lines[first + 1 : last]]
        parts = [start[statement.col_offset :], *middle, end[: statement.end_col_offset]]
        segment = b"\n".join(parts).decode()
    try:
        tokens = [
            token
            for token in tokenize.generate_tokens(io.StringIO(segment).readline)
            if token.type not in _NO_TOKENS
        ]
    except (tokenize.TokenError, SyntaxError):
        return False
    return len(tokens) == 1 and tokens[0].type == tokenize.STRING
