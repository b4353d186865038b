"""How well Mentor explains beginners' syntax errors, on the labelled corpus.

Prints, per cause and overall: the share of programs whose cause Mentor names right, the share
where it also points at the line where the fix belongs, and, as the peer measured in the same
run, how often Python's own reported line is that line. `--python PATH` (repeatable) adds the
lines another interpreter reports (e.g. an older Python), run in a subprocess on the same cases.
Also prints how long one explanation takes (analyze() on a broken file).

    python bench/syntax_accuracy.py [--python /usr/bin/python3.9 ...]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import inspect
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the corpus loader lives with the tests

from mentor.analyzers import analyze  # noqa: E402
from tests.support.syntax_corpus import Case, load_cases  # noqa: E402

# Run by another interpreter: the line each program's SyntaxError reports (0 when it compiles).
_LINES_SCRIPT = """
import json, sys, warnings
warnings.simplefilter("ignore")
lines = []
for code in json.load(sys.stdin):
    try:
        compile(code, "<student>", "exec", dont_inherit=True)
        lines.append(0)
    except SyntaxError as error:
        lines.append(error.lineno or 0)
    except Exception:
        lines.append(0)
print(json.dumps(lines))
"""


def python_lines(interpreter: str, cases: list[Case]) -> list[int]:
    result = subprocess.run(
        [interpreter, "-c", _LINES_SCRIPT],
        input=json.dumps([case.code for case in cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def version_of(interpreter: str) -> str:
    result = subprocess.run(
        [interpreter, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", default=[], help="another interpreter")
    parser.add_argument("--repeat", type=int, default=5, help="timing rounds over the corpus")
    options = parser.parse_args()

    cases = load_cases()
    peers = {f"Python {sys.version.split()[0]} (this run)": python_lines(sys.executable, cases)}
    for interpreter in options.python:
        peers[f"Python {version_of(interpreter)}"] = python_lines(interpreter, cases)

    by_cause: dict[str, list[int]] = defaultdict(list)
    cause_right: list[bool] = []
    line_right: list[bool] = []
    wrong: list[str] = []
    for index, case in enumerate(cases):
        problem = analyze(case.code).syntax_error
        cause_ok = problem is not None and problem.cause == case.cause
        line_ok = cause_ok and problem is not None and problem.span.line == case.line
        by_cause[case.cause].append(index)
        cause_right.append(cause_ok)
        line_right.append(line_ok)
        if not line_ok:
            got = f"{problem.cause}:{problem.span.line}" if problem else "nothing"
            wrong.append(f"  {case.id}: expected {case.cause}:{case.line}, got {got}")

    timings = _time(lambda case: case.code, cases, options.repeat)
    padding = _valid_lines(500)
    big = _time(lambda case: padding + case.code, cases, max(options.repeat // 2, 1))
    parse_big = _time_parse(lambda case: padding + case.code, cases)

    peer_names = list(peers)
    header = f"{'cause':26} {'cases':>5} {'cause right':>11} {'+ line':>7}"
    header += "".join(f" {_short(name):>14}" for name in peer_names)
    print(f"Syntax-error explanations on {len(cases)} labelled beginner programs")
    print("('+ line': Mentor names the cause and the line to fix; Python columns: how often")
    print(" that Python's reported line is the line to fix)\n")
    print(header)
    print("-" * len(header))
    for cause in sorted(by_cause):
        indexes = by_cause[cause]
        row = f"{cause:26} {len(indexes):>5} {_share([cause_right[i] for i in indexes]):>11}"
        row += f" {_share([line_right[i] for i in indexes]):>7}"
        for name in peer_names:
            row += f" {_share([peers[name][i] == cases[i].line for i in indexes]):>14}"
        print(row)
    print("-" * len(header))
    for label, subset in (
        ("overall", range(len(cases))),
        ("  written with the rules", [i for i, case in enumerate(cases) if case.set != "holdout"]),
        ("  held out", [i for i, case in enumerate(cases) if case.set == "holdout"]),
    ):
        indexes = list(subset)
        row = f"{label:26} {len(indexes):>5} {_share([cause_right[i] for i in indexes]):>11}"
        row += f" {_share([line_right[i] for i in indexes]):>7}"
        for name in peer_names:
            row += f" {_share([peers[name][i] == cases[i].line for i in indexes]):>14}"
        print(row)
    print()
    for name in peer_names:
        print(f"{_short(name):>14} = {name}")
    print(f"\nanalyze() on a broken program of the corpus: {_percentiles(timings)}")
    print(f"analyze() on the same after 500 valid lines: {_percentiles(big)}")
    print(
        f"  peer, ast.parse() of those files (what fails first): {_percentiles(parse_big)}; "
        f"ratio at p50 {statistics.median(big) / statistics.median(parse_big):.1f}x"
    )
    if wrong:
        print("\nMissed:")
        print("\n".join(wrong))


def _time(text_of, cases: list[Case], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        for case in cases:
            text = text_of(case)
            start = time.perf_counter()
            analyze(text)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _time_parse(text_of, cases: list[Case]) -> list[float]:
    timings = []
    for case in cases:
        text = text_of(case)
        start = time.perf_counter()
        with contextlib.suppress(SyntaxError):
            ast.parse(text)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _valid_lines(count: int) -> str:
    """`count` lines of real, valid Python (from the standard library) to put before a mistake."""
    lines = inspect.getsource(argparse).splitlines()[:count]
    while lines:
        text = "\n".join(lines) + "\n"
        try:
            ast.parse(text)
            return text
        except SyntaxError:
            lines.pop()
    return ""


def _percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms ({len(ordered)} runs)"


def _short(name: str) -> str:
    return name.split(" (")[0].replace("Python ", "py ") + " line"


def _share(flags: list[bool]) -> str:
    return f"{sum(flags) / len(flags):.0%}" if flags else "-"


if __name__ == "__main__":
    main()
