"""Loop rules."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, rewrite_statement
from mentor.analyzers.names_util import dotted_name, fresh_name, singular
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.values import is_known_sequence, mutates

RANGE_LEN_LOOP = register(
    Rule(
        id=RuleId.RANGE_LEN_LOOP,
        name="range-len-loop",
        summary="`for i in range(len(xs))` only to read `xs[i]`: loop over the items instead.",
        concepts=(Concept.LOOPS, Concept.LISTS),
        docs=Docs(
            what="A loop over the positions of a sequence (`range(len(xs))`) whose body reads "
            "`xs[i]`.",
            why="A Python `for` loop hands you each item directly, so counting positions by "
            "hand is extra work and a common source of off-by-one mistakes. When you need the "
            "position too, `enumerate` gives you both.",
            example=code("""
                for i in range(len(names)):
                    print(names[i])
            """),
            better=code("""
                for name in names:
                    print(name)
            """),
            question="What does `names[i]` give you on each pass of the loop? Could the loop "
            "hand you that value directly?",
            names=(("names", "seq"), ("i", "index"), ("name", "item")),
        ),
        messages=Messages(
            novice="{counts}: {suggestion}.",
            developing="Loop over the items directly: {suggestion}.",
            proficient="Use {suggestion} instead of range(len(...)).",
        ),
        severity=Severities(Severity.INFO, Severity.WARNING, Severity.WARNING),
        equivalents=("pylint:C0200", "edulint:R6307", "edulint:R6308"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    names = ['Ada', 'Alan']
                    for i in range(len(names)):
                        # greet everyone
                        print('Hello', names[i])
                """),
                fixed=code("""
                    names = ['Ada', 'Alan']
                    for name in names:
                        # greet everyone
                        print('Hello', name)
                """),
                at="2:0-2:27",
                message="Loop over the items directly: `for name in names:`.",
            ),
            Invalid(
                code("""
                    scores = [3, 5]
                    for i in range(len(scores)):
                        print(i, scores[i])
                """),
                fixed=code("""
                    scores = [3, 5]
                    for i, score in enumerate(scores):
                        print(i, score)
                """),
                at="2:0-2:28",
            ),
            Invalid(
                code("""
                    def total(values):
                        result = 0
                        for i in range(len(values)):
                            result += values[i]
                        return result
                """),
                fixed=code("""
                    def total(values):
                        result = 0
                        for value in values:
                            result += value
                        return result
                """),
                at="3:4-3:32",
            ),
        ),
        valid=(
            code("""
                for name in names:
                    print(name)
            """),
            code("""
                for i in range(len(names)):
                    print(i)
            """),
            code("""
                for i in range(len(xs) - 1):
                    print(xs[i], xs[i + 1])
            """),
            code("""
                for i in range(len(xs)):
                    print(ys[i])
            """),
            code("""
                for i, x in enumerate(xs):
                    print(i, x)
            """),
        ),
    )
)


@checker(RANGE_LEN_LOOP, ast.For)
def _range_len_loop(node: ast.For, ctx: Context) -> Iterator[Finding]:
    seq = _range_len_argument(node.iter)
    if seq is None or not isinstance(node.target, ast.Name):
        return
    index = node.target.id
    seq_text = dotted_name(seq) or ""
    subscripts = _subscripts(node, seq_text, index)
    reads = [sub for sub in subscripts if isinstance(sub.ctx, ast.Load)]
    if not reads or len(reads) != len(subscripts) or _writes_items(node, seq_text):
        return  # no item read, or the loop changes items in place: the index is needed
    index_only_in_reads = _index_uses(node, index) == len(reads) and not _used_after(
        ctx, node, index
    )
    taken = ctx.identifiers
    item = fresh_name([singular(seq_text.split(".")[-1]) or "item", "item", "element"], taken)
    suggestion = (
        f"`for {item} in {seq_text}:`"
        if index_only_in_reads
        else f"`for {index}, {item} in enumerate({seq_text}):`"
    )
    fix = _fix(ctx, node, seq, seq_text, index, item, index_only_in_reads)
    yield ctx.finding(
        RANGE_LEN_LOOP,
        ctx.header_span(node),
        fix=fix,
        seq=seq_text,
        index=index,
        item=item,
        suggestion=suggestion,
        counts=(
            f"This loop counts positions only to look up `{seq_text}[{index}]`. A for loop "
            "can give you each item directly"
            if index_only_in_reads
            else f"This loop looks up `{seq_text}[{index}]` and also uses the position "
            f"`{index}` itself. `enumerate` gives you both the position and the item"
        ),
    )


def _range_len_argument(call: ast.expr) -> ast.expr | None:
    """`xs` for `range(len(xs))`, else None."""
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "range"
        and len(call.args) == 1
        and not call.keywords
    ):
        inner = call.args[0]
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id == "len"
            and len(inner.args) == 1
            and not inner.keywords
            and dotted_name(inner.args[0]) is not None
        ):
            return inner.args[0]
    return None


def _subscripts(node: ast.For, seq_text: str, index: str) -> list[ast.Subscript]:
    found = []
    for part in [*node.body, *node.orelse]:
        for child in ast.walk(part):
            if (
                isinstance(child, ast.Subscript)
                and isinstance(child.slice, ast.Name)
                and child.slice.id == index
                and dotted_name(child.value) == seq_text
            ):
                found.append(child)
    return found


def _writes_items(node: ast.For, seq_text: str) -> bool:
    return any(
        isinstance(child, ast.Subscript)
        and not isinstance(child.ctx, ast.Load)
        and dotted_name(child.value) == seq_text
        for part in [*node.body, *node.orelse]
        for child in ast.walk(part)
    )


def _index_uses(node: ast.For, index: str) -> int:
    return sum(
        1
        for part in [*node.body, *node.orelse]
        for child in ast.walk(part)
        if isinstance(child, ast.Name) and child.id == index
    )


def _used_after(ctx: Context, node: ast.For, index: str) -> bool:
    """Whether the loop variable is read anywhere else in its scope (it outlives the loop)."""
    scope = ctx.enclosing_scope(node)
    inside = {id(child) for child in ctx.walk(node)}
    return any(
        isinstance(child, ast.Name) and child.id == index and id(child) not in inside
        for child in ctx.walk(scope)
    )


def _fix(
    ctx: Context,
    node: ast.For,
    seq: ast.expr,
    seq_text: str,
    index: str,
    item: str,
    direct: bool,
):
    body = [*node.body, *node.orelse]
    root = seq_text.split(".")[0]
    for part in body:
        for child in ast.walk(part):
            rebinds = (
                isinstance(child, ast.Name)
                and child.id in (index, root)
                and not isinstance(child.ctx, ast.Load)
            )
            if rebinds or isinstance(child, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
                return None  # the rewrite would no longer read the same values
    safe = is_known_sequence(ctx, seq, node) and not mutates(body, seq_text)
    edits = _direct_edits(ctx, node, seq_text, index, item, direct)
    if edits is None:  # positions inside f-strings are unreliable before 3.12: ask libcst
        from mentor.analyzers.rules.loop_rewriter import LoopRewriter  # libcst: only here

        edits = [rewrite_statement(ctx, node, LoopRewriter(seq_text, index, item, direct).rewrite)]
    title = (
        f"Loop over the items: for {item} in {seq_text}"
        if direct
        else (f"Use enumerate: for {index}, {item} in enumerate({seq_text})")
    )
    return make_fix(ctx, title, Applicability.SAFE if safe else Applicability.UNSAFE, edits)


def _direct_edits(
    ctx: Context, node: ast.For, seq_text: str, index: str, item: str, direct: bool
) -> list[Edit | None] | None:
    """The rewrite as edits at `ast` positions: the loop header, then each `seq[index]`.

    Only the replaced text changes, so comments and formatting stay; this costs microseconds
    where the libcst rewrite of the whole loop costs about a millisecond per loop.
    """
    reads = _subscripts(node, seq_text, index)
    if any(ctx.inside_fstring(read) for read in reads):
        return None
    target, iterable = ctx.span(node.target), ctx.span(node.iter)
    header = Span(target.line, target.column, iterable.end_line, iterable.end_column)
    loop = f"{item} in {seq_text}" if direct else f"{index}, {item} in enumerate({seq_text})"
    return [Edit(header, loop), *(Edit(ctx.span(read), item) for read in reads)]
