"""Checker records: the findings of each checker call on a unit, reused while they still hold.

`DocumentAnalyzer` keeps the last version's units (see `units`) with what was derived from
each (`UnitCache`): its index, its scopes, and its checker records. A record is kept for every
checker call on a unit's node that found something or read beyond the unit (see `tracking`); a
call that did neither would find nothing again on the same text, so it needs no record and is
not run again.
On the next version:

- a unit with the same text at the same place keeps everything;
- a unit with the same text elsewhere (lines added above it) is parsed again, and its records'
  findings are moved by the same number of lines;
- a record whose call read beyond its unit runs again; one whose call only asked whether some
  names are in a whole-file set is reused if every answer is still the same;
- checkers of the module node itself see the whole file and always run;
- changed units are checked in full.

The result is the same as a fresh analysis of the same text: `tests/analyzers/test_incremental.py`
checks that on thousands of edits.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import NamedTuple

from mentor.analyzers.context import Context, unit_index
from mentor.analyzers.findings import Finding
from mentor.analyzers.incremental.tracking import Answer, Recording
from mentor.analyzers.incremental.units import Unit
from mentor.analyzers.registry import Checker
from mentor.analyzers.rule import Rule

log = logging.getLogger(__name__)

Active = dict[type, list[tuple[Rule, Checker]]]


class CallRecord(NamedTuple):
    """One checker call on one node of a unit (by its place in the unit's pre-order)."""

    node_index: int
    rule: Rule
    check: Checker
    findings: tuple[Finding, ...]
    answers: tuple[Answer, ...] | None  # None: it read beyond the unit, so it always runs

    @property
    def needed(self) -> bool:
        """Whether the call must be remembered: it found something, or its findings depend on
        more than its unit (a call that did neither finds nothing again on the same text)."""
        return bool(self.findings) or self.answers != ()


@dataclass(frozen=True)
class UnitRecords:
    first_line: int  # where the unit was when the findings were made
    records: tuple[CallRecord, ...]


def run_checkers(ctx: Context, active: Active) -> tuple[Finding, ...]:
    """Every checker on every node it is registered for, reusing the units' records."""
    found: dict[tuple[str, object], Finding] = {}
    for rule, check in active.get(ast.Module, ()):
        for finding in _call(rule, check, ctx.tree, ctx, None):  # it sees the whole file
            found.setdefault((finding.code, finding.span), finding)
    for unit in ctx.units:
        for finding in _unit_findings(unit, ctx, active):
            found.setdefault((finding.code, finding.span), finding)
    return tuple(sorted(found.values(), key=lambda finding: (finding.span, finding.code)))


def _unit_findings(unit: Unit, ctx: Context, active: Active) -> Iterator[Finding]:
    nodes = unit_index(unit).nodes
    known = unit.cache.records
    if known is None and unit.previous is not None:
        known = unit.previous.cache.records
    records: list[CallRecord] = []
    if known is None:
        for index, node in enumerate(nodes):
            for rule, check in active.get(type(node), ()):
                record = _run(index, rule, check, node, unit, ctx)
                yield from record.findings
                if record.needed:
                    records.append(record)
    else:
        shift = unit.first_line - known.first_line
        for record in known.records:
            if record.answers is not None and all(_holds(ctx, answer) for answer in record.answers):
                if shift:
                    moved = tuple(shifted(finding, shift) for finding in record.findings)
                    record = record._replace(findings=moved)
            else:
                node = nodes[record.node_index]
                record = _run(record.node_index, record.rule, record.check, node, unit, ctx)
                if not record.needed:
                    continue
            yield from record.findings
            records.append(record)
    unit.cache.records = UnitRecords(unit.first_line, tuple(records))


def _run(
    index: int, rule: Rule, check: Checker, node: ast.AST, unit: Unit, ctx: Context
) -> CallRecord:
    recording = Recording(unit.first_line, unit.last_line)
    findings = tuple(_call(rule, check, node, ctx, recording))
    answers = None if recording.touched else tuple(recording.answers)
    return CallRecord(index, rule, check, findings, answers)


def _call(
    rule: Rule, check: Checker, node: ast.AST, ctx: Context, recording: Recording | None
) -> Iterator[Finding]:
    """One checker call, with what it reads noted; one rule's bug never hides the others'."""
    reads = ctx.reads
    reads.call = recording
    try:
        yield from check(node, ctx)
    except Exception:
        if recording is not None:
            recording.touched = True  # run it again next time rather than trust a partial result
        log.exception("rule %s failed on line %s", rule.code, getattr(node, "lineno", "?"))
    finally:
        reads.call = None


def _holds(ctx: Context, answer: Answer) -> bool:
    """Whether a reused call's question has the same answer now (asked between calls: no call
    is charged with it)."""
    key, name, found = answer
    return (name in ctx.names_fact(key)) is found


def shifted(finding: Finding, lines: int) -> Finding:
    """The same finding, `lines` lines further down (its fix and line-number arguments too)."""
    args = {
        key: str(int(value) + lines) if key.endswith("_line") and value.isdigit() else value
        for key, value in finding.args.items()
    }
    fix = finding.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(edit.moved(lines) for edit in fix.edits))
    return replace(finding, span=finding.span.moved(lines), args=MappingProxyType(args), fix=fix)


def release_unit(unit: Unit) -> None:
    """Free what a unit that is no longer in the document holds (its scopes link in cycles)."""
    scopes, unit.cache.scopes = unit.cache.scopes, None
    if scopes is not None:
        scopes.release()
