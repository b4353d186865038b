"""Fixes as libcst transforms of one node's own source, so comments and formatting survive.

Parsing a whole file with libcst metadata costs about 200 ms on 500 lines, too slow for every
keystroke. A fix only needs the node it rewrites: we cut that node's text out (found with `ast`
positions), parse just the snippet with libcst, transform it, and turn the difference into one
minimal edit. Every fix is then checked by re-parsing with `ast` the top-level statements it
touches (which parse on their own iff the whole file does, the rest being unchanged); a fix whose
result does not parse is dropped, never offered. A transform returns a result, it never raises.
"""

from __future__ import annotations

import ast
import logging
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Fix
from mentor.analyzers.lazy_libcst import cst
from mentor.analyzers.parsing import parses
from mentor.analyzers.source import Edit, SourceText, Span

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # libcst loads at the first rewrite, not here (see lazy_libcst)
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


def replace_expression(ctx: Context, node: ast.expr, new: str) -> Edit | None:
    """An edit that replaces the expression `node` with the text `new`, cut down to what
    changes (as `rewrite_expression`'s edits are): for fixes simple enough to write as text."""
    if ctx.inside_fstring(node):
        return None
    span = ctx.span(node)
    return _minimal_edit(ctx, span, ctx.source.slice(span), new)


def rewrite_statement(ctx: Context, node: ast.stmt, transform: StatementTransform) -> Edit | None:
    """An edit that replaces the statement `node` (its whole lines) with the transform's result.

    The statement must own its lines: nothing but indentation before it, nothing but a comment
    after it. An indented statement is parsed inside `if True:` so its indentation is kept.
    """
    lines = statement_lines(ctx, node)
    if lines is None:
        return None
    span, old = lines
    indent = old[: ctx.span(node).column]
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


def statement_lines(ctx: Context, node: ast.stmt) -> tuple[Span, str] | None:
    """The span and text of the whole lines of statement `node`, or None where a statement
    rewrite is not offered: it does not own its lines (something but indentation before it,
    something but a comment after it), or it is inside an f-string."""
    if ctx.inside_fstring(node):
        return None
    full = ctx.span(node)
    first_line, last_line = ctx.source.line(full.line), ctx.source.line(full.end_line)
    if first_line[: full.column].strip() or not _only_comment(last_line[full.end_column :]):
        return None
    span = Span(full.line, 0, full.end_line, len(last_line))
    return span, ctx.source.slice(span)


def replace_statement(ctx: Context, span: Span, old: str, new: str) -> Edit | None:
    """The edit that turns a statement's lines `old` (from `statement_lines`) into `new`, cut
    down to what changes (as `rewrite_statement`'s edits are): for rewrites written as text."""
    return _minimal_edit(ctx, span, old, new)


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
    if not parses_after(ctx, ordered):
        log.debug("dropping fix %r: result does not parse", title)
        return None
    return Fix(title=title, applicability=applicability, edits=tuple(ordered))


def parses_after(ctx: Context, edits: Sequence[Edit]) -> bool:
    """Whether the file still parses after `edits` (sorted, not overlapping).

    Re-parsing the whole file for every fix cost 5 ms per fix on 500 lines. Only the top-level
    statements the edits touch can change, so only they are parsed, with one more statement on
    each side: an edited line may join the block of the statement before it (indentation) or
    run into the one after it (a trailing backslash). A sequence of complete top-level
    statements that parses on its own parses in the file too, so a fix is never offered whose
    result does not parse.
    """
    first = min(edit.span.line for edit in edits)
    last = max(edit.span.end_line for edit in edits)
    unit = ctx.unit_at(first, last)
    if unit is not None and unit.text:
        # Within one unit: the unit alone must parse after the edits. Its first line is not
        # indented and its last does not run on, so it then parses inside the file too (and
        # the fix depends on this unit only, see `tracking`).
        shift = unit.first_line - 1
        return parses(SourceText(unit.text).apply(edit.moved(-shift) for edit in edits))
    starts, ends = ctx.top_level_lines
    # The statements that end at or after `first` and start at or before `last`, plus one more
    # on each side.
    begin = max(bisect_left(ends, first) - 1, 0)
    stop = min(bisect_right(starts, last) + 1, len(starts))
    if begin < stop:
        first, last = min(first, starts[begin]), max(last, ends[stop - 1])
    # Never cut a line in two: `x = 1; y = [` shares its line with the start of `y = [...]`.
    while (index := bisect_right(starts, last) - 1) >= 0 and ends[index] > last:
        last = ends[index]
    while (index := bisect_left(ends, first)) < len(ends) and starts[index] < first:
        first = starts[index]
    # With the comments and blank lines up to the next statement: a trailing backslash may
    # join them.
    following = bisect_right(starts, last)
    last = starts[following] - 1 if following < len(starts) else len(ctx.source.lines)
    source = ctx.source
    region = source.text[source.offset(first, 0) : source.offset(last + 1, 0)]
    return parses(SourceText(region).apply(edit.moved(1 - first) for edit in edits))


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
