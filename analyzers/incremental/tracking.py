"""What a checker read while it ran on one node: the basis for reusing its findings.

A checker call whose findings depend only on its node's unit (one top-level statement) gives the
same findings as long as that unit's text is the same, wherever the unit moves. A call that read
beyond the unit (the module's names, other statements, the file's path) is `touched` and runs
again on every analysis. Between the two: a call that only asked whether some names are in a
whole-file set (`ctx.identifiers`, say, to choose a fresh name) depends on those answers alone,
kept as `answers` and checked again before its findings are reused.

One recorder per analysis, `Reads`, notes all of it. Everything a checker can reach that holds
more than its node's unit reports to it, so that no read escapes by convention:

- the context's whole-file views (`ctx.path`, `ctx.nodes`, `ctx.units`...) call `beyond()`;
- the source is read through `UnitSource`, which lets a call read its own unit's lines and calls
  `beyond()` for any other line (and for the whole text);
- the objects that hold every unit's part, the module node and the module's scope, declare
  those attributes `WholeFile`: reading one calls `beyond()`;
- `TrackedNames` answers membership with `answer()`, and counts anything else as `beyond()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from mentor.analyzers.source import Edit, SourceText, Span

Answer = tuple[str, str, bool]  # (which set, which name, whether the name was in it)


@dataclass(slots=True)
class Recording:
    """What one checker call on a node of the unit at lines `first_line`..`last_line` read
    beyond that unit."""

    first_line: int
    last_line: int
    touched: bool = False
    answers: list[Answer] = field(default_factory=list)


class Reads:
    """The read tracker of one analysis. `call` is the checker call being recorded (set around
    each call by `records`; None between calls and for module checkers, which see the whole
    file anyway)."""

    __slots__ = ("call",)

    def __init__(self) -> None:
        self.call: Recording | None = None

    def beyond(self) -> None:
        """The running call read something outside its node's unit."""
        call = self.call
        if call is not None:
            call.touched = True

    def lines(self, first: int, last: int) -> None:
        """The running call read lines `first`..`last`: beyond its unit unless they are its own."""
        call = self.call
        if call is not None and not (call.first_line <= first and last <= call.last_line):
            call.touched = True

    def answer(self, key: str, name: str, found: bool) -> None:
        """The running call asked whether `name` is in the whole-file set `key`."""
        call = self.call
        if call is not None:
            call.answers.append((key, name, found))

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Compute a shared fact without charging its reads to the checker that asked first."""
        call, self.call = self.call, None
        try:
            yield
        finally:
            self.call = call


class WholeFile:
    """An attribute of an object that holds every unit's part (the module node's statements,
    the module scope's names): reading it counts as reading beyond the running call's unit.
    The object names its tracker in `_reads` (None: nothing is recorded)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_whole_{name}"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        values = instance.__dict__
        reads = values.get("_reads")
        if reads is not None:
            reads.beyond()
        try:
            return values[self._slot]
        except KeyError:
            raise AttributeError(self._slot[len("_whole_") :]) from None

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self._slot] = value


class TrackedNames:
    """A whole-file set of names whose membership tests are noted as the running call's answers.
    Anything else (iterating it, its size) counts as reading the whole file."""

    __slots__ = ("_key", "_names", "_reads")

    def __init__(self, key: str, names: frozenset[str], reads: Reads) -> None:
        self._key = key
        self._names = names
        self._reads = reads

    def __contains__(self, name: object) -> bool:
        found = name in self._names
        if isinstance(name, str):
            self._reads.answer(self._key, name, found)
        return found

    def __iter__(self) -> Iterator[str]:
        self._reads.beyond()
        return iter(self._names)

    def __len__(self) -> int:
        self._reads.beyond()
        return len(self._names)


class UnitSource:
    """The file's text as checkers read it: the running call's own unit freely, any other line
    (or the whole text) as a read beyond the unit. The same methods as `SourceText`.

    Offsets into the whole text (`offset`, `position`) count as reading their line only: a call
    turns them back into positions, which move with the unit like its findings do.
    """

    __slots__ = ("_reads", "_source")

    def __init__(self, source: SourceText, reads: Reads) -> None:
        self._source = source
        self._reads = reads

    def line(self, number: int) -> str:
        self._reads.lines(number, number)
        return self._source.line(number)

    def slice(self, span: Span) -> str:
        self._reads.lines(span.line, span.end_line)
        return self._source.slice(span)

    def column_from_utf8(self, line: int, byte_column: int) -> int:
        self._reads.lines(line, line)
        return self._source.column_from_utf8(line, byte_column)

    def offset(self, line: int, column: int) -> int:
        self._reads.lines(line, line)
        return self._source.offset(line, column)

    def position(self, offset: int) -> tuple[int, int]:
        line, column = self._source.position(offset)
        self._reads.lines(line, line)
        return line, column

    @property
    def text(self) -> str:
        self._reads.beyond()
        return self._source.text

    @property
    def lines(self) -> list[str]:
        self._reads.beyond()
        return self._source.lines

    def end_span(self) -> Span:
        self._reads.beyond()
        return self._source.end_span()

    def apply(self, edits: Iterable[Edit]) -> str:
        self._reads.beyond()
        return self._source.apply(edits)
