"""A file as a list of units: top-level statements that own their lines, parsed again only when
their lines change.

A re-analysis after a keystroke should not pay for the 490 lines that did not change. The
file is cut into units (one top-level statement, or several that share a line: `a = 1; b = 2`).
After an edit, the lines common to the old and new text are found; units wholly inside them keep
their parsed statements, and only the changed region, widened by one unit on each side, is
parsed again. The widening is what makes this exact: an edited line may join the block of the
unit before it (indentation) or run into the one after it (a trailing backslash), and a run of
complete top-level statements that parses on its own parses the same way inside the file. When
the region does not parse on its own, the whole file is parsed, which also explains the error.

Units after the edit whose lines moved are parsed again at their new place (positions are
absolute), but keep a link to their old self, so that results computed from their text alone
can be reused, moved by the same number of lines.
"""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mentor.analyzers.parsing import parse

if TYPE_CHECKING:
    from mentor.analyzers.context import UnitIndex
    from mentor.analyzers.incremental.records import UnitRecords
    from mentor.analyzers.scopes import UnitScopes
    from mentor.analyzers.syntax.compile_time import Misplaced


def first_line_of(statement: ast.stmt) -> int:
    """A statement's first line, decorators included."""
    decorators = getattr(statement, "decorator_list", ())
    return min([statement.lineno, *(decorator.lineno for decorator in decorators)])


@dataclass(slots=True)
class UnitCache:
    """What the analysis derived from one unit, kept with it while its text and place stay the
    same. Each field has one writer, which fills it on first use."""

    index: UnitIndex | None = None  # its nodes, parents and scopes: `context.unit_index`
    scopes: UnitScopes | None = None  # its part of the scope table: `scopes.ScopeTable`
    records: UnitRecords | None = None  # its checker calls: `records.run_checkers`
    # Its first `return` / `break` / `continue` out of place, once `misplaced_known`.
    misplaced: Misplaced | None = None
    misplaced_known: bool = False


@dataclass(eq=False)
class Unit:
    """Top-level statements that own lines `first_line`..`last_line` (their text: `text`)."""

    text: str
    first_line: int
    last_line: int
    statements: list[ast.stmt]
    # A unit of the previous analysis with the same text elsewhere: its records still hold,
    # moved (see `records`); nothing else of it is used.
    previous: Unit | None = None
    cache: UnitCache = field(default_factory=UnitCache)


def split_units(statements: Sequence[ast.stmt], lines: Sequence[str]) -> list[Unit]:
    """Group parsed top-level statements into units; `lines` are the file's lines."""
    units: list[Unit] = []
    group: list[ast.stmt] = []
    first = last = 0
    for statement in statements:
        start, end = first_line_of(statement), statement.end_lineno or statement.lineno
        if group and start <= last:
            group.append(statement)
            last = max(last, end)
            continue
        if group:
            units.append(_unit(group, first, last, lines))
        group, first, last = [statement], start, end
    if group:
        units.append(_unit(group, first, last, lines))
    return units


def _unit(group: list[ast.stmt], first: int, last: int, lines: Sequence[str]) -> Unit:
    return Unit("\n".join(lines[first - 1 : last]), first, last, group)


def parse_at(lines: Sequence[str], first: int, last: int) -> ast.Module:
    """Parse lines `first`..`last` of a file so that positions are those in the file."""
    return parse("\n" * (first - 1) + "\n".join(lines[first - 1 : last]) + "\n")


def reparse(
    old_lines: Sequence[str], old_units: Sequence[Unit], lines: Sequence[str]
) -> list[Unit]:
    """The units of the new text, parsing only what changed. Raises what `parse` raises when the
    changed region does not parse on its own (the caller then parses the whole file)."""
    if list(old_lines) == list(lines):
        return list(old_units)
    prefix, suffix = common_lines(old_lines, lines)
    changed_first, changed_last = prefix + 1, len(old_lines) - suffix  # old line numbers
    shift = len(lines) - len(old_lines)

    # Units that end before the change (bar the last one) and start after it (bar the first).
    touched_first = bisect_left([unit.last_line for unit in old_units], changed_first)
    touched_last = bisect_right([unit.first_line for unit in old_units], changed_last) - 1
    before = list(old_units[: max(touched_first - 1, 0)])
    after = list(old_units[max(touched_last + 2, len(before)) :])

    region_first = before[-1].last_line + 1 if before else 1
    region_last = after[0].first_line + shift - 1 if after else len(lines)
    old_region = old_units[len(before) : len(old_units) - len(after)]
    region = link_units(
        split_units(parse_at(lines, region_first, region_last).body, lines), old_region
    )

    if after and shift:
        start = after[0].first_line + shift
        moved = split_units(parse_at(lines, start, len(lines)).body, lines)
        if [unit.text for unit in moved] != [unit.text for unit in after]:
            raise SyntaxError("units after the edit parse differently")  # never expected
        for new, old in zip(moved, after, strict=True):
            new.previous = old
        after = moved
    return [*before, *region, *after]


def common_lines(old_lines: Sequence[str], lines: Sequence[str]) -> tuple[int, int]:
    """How many lines the two versions share at their start, and then at their end."""
    prefix = 0
    limit = min(len(old_lines), len(lines))
    while prefix < limit and old_lines[prefix] == lines[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old_lines[-1 - suffix] == lines[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def link_units(new_units: Sequence[Unit], old_units: Sequence[Unit]) -> list[Unit]:
    """Each new unit, or the old unit with the same text at the same place (whose parsed
    statements and results all still hold). Other new units are linked to an old unit with the
    same text elsewhere, if any, for the results that depend on the text alone."""
    by_text = {unit.text: unit for unit in old_units}
    units = []
    for unit in new_units:
        old = by_text.get(unit.text)
        if old is not None and old.first_line == unit.first_line:
            units.append(old)
            continue
        unit.previous = old
        units.append(unit)
    return units
