"""Fuzz the analyzers and their fixes with mutated standard-library files; print the figures.

    .venv/bin/python bench/fuzz.py [--files 150] [--mutations 20] [--seed 2]

Every case is one file of the running Python's standard library after a few random edits of
the kinds students make (drop, duplicate or swap a line, insert a stray token, delete a
character, indent or dedent, cut the file short). Prints the cases run, exceptions that escaped
(or that a rule swallowed and logged), offered fixes whose result does not parse (both should
be 0), and the analysis time per KB of input, next to `ast.parse` of the same text as the peer.
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.fuzzing import FuzzReport, fuzz, mutated_stdlib


def parse_ms_per_kb(texts: list[str]) -> list[float]:
    """The peer: CPython's own parser on the same texts (errors count; it stops at the first)."""
    times = []
    for text in texts:
        started = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        times.append((time.perf_counter() - started) * 1000 / max(len(text) / 1000, 1))
    return times


def quantile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[round(share * 100) - 1] if len(values) > 1 else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--mutations", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    cases = list(mutated_stdlib(args.files, args.mutations, args.seed))
    started = time.perf_counter()
    report = fuzz(iter(cases), FuzzReport())
    seconds = time.perf_counter() - started
    mentor = [s * 1000 for s in report.seconds_per_kb]
    peer = parse_ms_per_kb([text for _, text in cases])
    kilobytes = sum(len(text) for _, text in cases) / 1000
    print(
        f"cases: {report.cases} ({kilobytes:,.0f} KB of mutated standard library, {seconds:.0f} s)"
    )
    print(
        f"exceptions: {len(report.crashes)}   fixes that do not parse: {len(report.broken_fixes)}"
    )
    print("ms per KB            p50     p95     max")
    for name, values in (("Mentor analyze", mentor), ("ast.parse (peer)", peer)):
        print(
            f"{name:<18} {quantile(values, 0.5):7.2f} {quantile(values, 0.95):7.2f}"
            f" {max(values):7.2f}"
        )
    print(f"ratio p50: {quantile(mentor, 0.5) / quantile(peer, 0.5):.1f}x ast.parse")
    for failure in [*report.crashes, *report.broken_fixes][:20]:
        print(f"FAILED {failure}")
    sys.exit(1 if report.crashes or report.broken_fixes else 0)


if __name__ == "__main__":
    main()
