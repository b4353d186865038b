"""Fixes as libcst transforms of one node's own source, so comments and formatting survive.

Parsing a whole file with libcst metadata costs about 200 ms on 500 lines, too slow for every
keystroke. A fix only needs the node it rewrites: we cut that node's text out (found with `ast`
positions), parse just the snippet with libcst, transform it, and turn the difference into one
minimal edit. Every fix is then checked by re-parsing the whole file with `ast`; a fix whose
result does not parse is dropped, never offered. A transform returns a result, it never raises.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable, Sequence
from itertools import pairwise

import libcst as cst

from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Fix
from mentor.analyzers.parsing import parses
from mentor.analyzers.source import Edit, Span

log = logging.getLogger(__name__)

ExpressionTransform = Callable[[cst.BaseExpression], cst.BaseExpression | None]
StatementTransform = Callable[
    [cst.BaseStatement], cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | None
]

_WRAPPER = "if True:\n"


def rewrite_expression(ctx: Context, node: ast.expr, transform: ExpressionTransform) -> Edit | None:
    """An edit that replaces the expression `node` with `transform(its libcst node)`."""
    if ctx.inside_fstring(node):
        return None
    span = ctx.span(node)
    old = ctx.source.slice(span)
    try:
        expression = cst.parse_expression(old)
        replacement = transform(expression)
        if replacement is None:
            return None
        new = cst.Module(body=[]).code_for_node(replacement)
    except Exception:  # a transform returns a result, it never raises
        log.debug("expression rewrite failed for %r", old, exc_info=True)
        return None
    return _minimal_edit(ctx, span, old, new)


def rewrite_statement(ctx: Context, node: ast.stmt, transform: StatementTransform) -> Edit | None:
    """An edit that replaces the statement `node` (its whole lines) with the transform's result.

    The statement must own its lines: nothing but indentation before it, nothing but a comment
    after it. An indented statement is parsed inside `if True:` so its indentation is kept.
    """
    if ctx.inside_fstring(node):
        return None
    full = ctx.span(node)
    first_line, last_line = ctx.source.line(full.line), ctx.source.line(full.end_line)
    indent = first_line[: full.column]
    if indent.strip() or not _only_comment(last_line[full.end_column :]):
        return None
    span = Span(full.line, 0, full.end_line, len(last_line))
    old = ctx.source.slice(span)
    try:
        snippet = (_WRAPPER + old + "\n") if indent else (old + "\n")
        module = cst.parse_module(snippet)
        statements = module.body[0].body.body if indent else module.body  # type: ignore[union-attr]
        if len(statements) != 1:
            return None
        replacement = transform(statements[0])
        if replacement is None:
            return None
        new_module = module.deep_replace(statements[0], replacement)
        new = new_module.code[len(_WRAPPER) :] if indent else new_module.code  # type: ignore[union-attr]
    except Exception:  # a transform returns a result, it never raises
        log.debug("statement rewrite failed for %r", old, exc_info=True)
        return None
    return _minimal_edit(ctx, span, old, new.removesuffix("\n"))


def make_fix(
    ctx: Context,
    title: str,
    applicability: Applicability,
    edits: Sequence[Edit | None],
) -> Fix | None:
    """A fix from edits, or None if an edit is missing, edits overlap or the result won't parse."""
    if not edits or any(edit is None for edit in edits):
        return None
    ordered = sorted((edit for edit in edits if edit is not None), key=lambda edit: edit.span)
    for before, after in pairwise(ordered):
        if (before.span.end_line, before.span.end_column) > (after.span.line, after.span.column):
            return None
    if not _parses_after(ctx, ordered):
        log.debug("dropping fix %r: result does not parse", title)
        return None
    return Fix(title=title, applicability=applicability, edits=tuple(ordered))


def _parses_after(ctx: Context, edits: list[Edit]) -> bool:
    """Whether the file parses after `edits`, re-parsing only the top-level statements they touch.

    The rest of the file is whole top-level statements that already parsed, so the file parses
    exactly when the edited statements do. This keeps a dozen fixes in a long file cheap.
    """
    new_text = ctx.source.apply(edits)
    first, last = edits[0].span.line, max(edit.span.end_line for edit in edits)
    touched = [
        statement
        for statement in ctx.tree.body
        if _first_line(statement) <= last and (statement.end_lineno or 0) >= first
    ]
    if not touched:
        return parses(new_text)
    start_line, end_line = _first_line(touched[0]), touched[-1].end_lineno or 0
    if start_line > first or end_line < last:
        return parses(new_text)
    source = ctx.source
    start = source.offset(start_line, 0)
    old_end = source.offset(end_line, len(source.line(end_line)))
    growth = len(new_text) - len(source.text)
    return parses(new_text[start : old_end + growth])


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", None)
    return min([statement.lineno, *(decorator.lineno for decorator in decorators or ())])


def replace_span(span: Span, new_text: str) -> Edit:
    return Edit(span=span, new_text=new_text)


def _only_comment(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def _word_char(text: str) -> bool:
    return bool(text) and (text.isalnum() or text == "_")


def _minimal_edit(ctx: Context, span: Span, old: str, new: str) -> Edit | None:
    """Shrink a replacement of `old` by `new` at `span` to the part that really changes."""
    if old == new:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    # Keep whole words: an edit that starts or ends inside a name reads badly in a diff.
    while (
        prefix
        and _word_char(old[prefix - 1])
        and (_word_char(old[prefix : prefix + 1]) or _word_char(new[prefix : prefix + 1]))
    ):
        prefix -= 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    while (
        suffix
        and _word_char(old[len(old) - suffix])
        and (
            _word_char(old[len(old) - suffix - 1 : len(old) - suffix])
            or _word_char(new[len(new) - suffix - 1 : len(new) - suffix])
        )
    ):
        suffix -= 1
    start = ctx.source.offset(span.line, span.column) + prefix
    end = ctx.source.offset(span.line, span.column) + len(old) - suffix
    start_line, start_column = ctx.source.position(start)
    end_line, end_column = ctx.source.position(end)
    return Edit(
        Span(start_line, start_column, end_line, end_column), new[prefix : len(new) - suffix]
    )
