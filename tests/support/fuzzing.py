"""Mutations of real code (the standard library's own files) for fuzzing the analyzers and fixes.

Shared by tests/analyzers/test_fuzz.py (a quick run in every test session, a long one under the
`slow` marker) and bench/fuzz.py (printed figures).
"""

from __future__ import annotations

import logging
import random
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mentor.analyzers import Level, analyze
from mentor.analyzers.parsing import parses

TOKENS = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "=",
    "==",
    '"',
    "'",
    "'''",
    ",",
    ".",
    "\t",
    "    ",
    "if",
    "else",
    "elif",
    "for",
    "while",
    "def",
    "return",
    "print",
    "lambda",
    "\\",
    "#",
    "\x0c",
    "é",
    "😀",
    "\r\n",
    "\r",
    "\ud83d",
]


def stdlib_files(limit: int | None = None, seed: int = 0) -> list[Path]:
    """The running Python's own modules (idiomatic code), in a stable shuffled order."""
    folder = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(path for path in folder.glob("*.py") if path.stat().st_size < 60_000)
    random.Random(seed).shuffle(files)
    return files[:limit] if limit else files


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of the kinds a student makes: drop, duplicate, swap, insert, truncate."""
    lines = text.splitlines(keepends=True) or [""]
    kind = rng.randrange(8)
    index = rng.randrange(len(lines))
    if kind == 0:
        del lines[index]
    elif kind == 1:
        lines.insert(index, lines[index])
    elif kind == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == 3:
        line = lines[index]
        spot = rng.randrange(len(line) + 1)
        lines[index] = line[:spot] + rng.choice(TOKENS) + line[spot:]
    elif kind == 4:
        line = lines[index]
        if line:
            spot = rng.randrange(len(line))
            lines[index] = line[:spot] + line[spot + 1 :]
    elif kind == 5:
        lines[index] = "    " + lines[index]
    elif kind == 6:
        lines[index] = lines[index].lstrip(" ")
    else:
        cut = rng.randrange(len(text) + 1)
        return text[:cut]
    return "".join(lines)


@dataclass
class FuzzReport:
    cases: int = 0
    crashes: list[str] = field(default_factory=list)  # an exception escaped, or a rule failed
    broken_fixes: list[str] = field(default_factory=list)  # a fix whose result does not parse
    seconds_per_kb: list[float] = field(default_factory=list)

    @property
    def worst_seconds_per_kb(self) -> float:
        return max(self.seconds_per_kb, default=0.0)


class _RuleFailures(logging.Handler):
    """Rules swallow their own exceptions (and log them) so one bug cannot hide other findings;
    the fuzzer counts those logs as failures."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def fuzz(texts: Iterator[tuple[str, str]], report: FuzzReport) -> FuzzReport:
    """Analyse each (label, text); check nothing fails and every offered fix parses."""
    handler = _RuleFailures()
    logger = logging.getLogger("mentor.analyzers")
    logger.addHandler(handler)
    try:
        for label, text in texts:
            report.cases += 1
            before = len(handler.records)
            started = time.perf_counter()
            try:
                analysis = analyze(text)
                for finding in analysis.findings:
                    for level in Level:
                        finding.message(level)
            except Exception as error:  # the fuzzer's job is to find these
                report.crashes.append(f"{label}: {type(error).__name__}: {error}")
                continue
            elapsed = time.perf_counter() - started
            report.seconds_per_kb.append(elapsed / max(len(text) / 1000, 1))
            if len(handler.records) > before:
                record = handler.records[before]
                report.crashes.append(f"{label}: {record.getMessage()}")
            for finding in analysis.findings:
                if finding.fix is not None and not parses(analysis.source.apply(finding.fix.edits)):
                    report.broken_fixes.append(f"{label}: {finding.code} {finding.fix.title}")
    finally:
        logger.removeHandler(handler)
    return report


def mutated_stdlib(files: int, mutations_per_file: int, seed: int) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)
    for path in stdlib_files(files, seed):
        original = path.read_text(encoding="utf-8", errors="replace")
        text = original
        for step in range(mutations_per_file):
            text = mutate(text if rng.random() < 0.7 else original, rng)
            yield f"{path.name}#{step}", text
