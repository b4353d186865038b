"""What a checker read while it ran on one node: the basis for reusing its findings.

A checker call whose findings depend only on its node's unit (one top-level statement) gives the
same findings as long as that unit's text is the same, wherever the unit moves. A call that read
beyond the unit (the module's names, other statements, the file's path) is `touched` and runs
again on every analysis. Between the two: a call that only asked whether some names are in a
whole-file set (`ctx.identifiers`, say, to choose a fresh name) depends on those answers alone,
kept as `answers` and checked again before its findings are reused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentor.analyzers.context import Context

Answer = tuple[str, str, bool]  # (which set, which name, whether the name was in it)


@dataclass
class Recording:
    """What one checker call read beyond its node's unit."""

    touched: bool = False
    answers: list[Answer] = field(default_factory=list)


class TrackedNames:
    """A whole-file set of names whose membership tests are noted as the running call's answers.
    Anything else (iterating it, its size) counts as reading the whole file."""

    def __init__(self, key: str, names: frozenset[str], ctx: Context) -> None:
        self.key = key
        self.names = names
        self._ctx = ctx

    def __contains__(self, name: object) -> bool:
        found = name in self.names
        recording = self._ctx.recording
        if recording is not None and isinstance(name, str):
            recording.answers.append((self.key, name, found))
        return found

    def __iter__(self) -> Iterator[str]:
        self._ctx.touch()
        return iter(self.names)

    def __len__(self) -> int:
        self._ctx.touch()
        return len(self.names)


@contextmanager
def pause(ctx: Context) -> Iterator[None]:
    """Compute a shared fact without charging its reads to the checker that asked first."""
    recording, ctx.recording = ctx.recording, None
    try:
        yield
    finally:
        ctx.recording = recording
