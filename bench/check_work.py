"""What Check my work costs the student: seconds per case, against the floor of starting a
bare interpreter once per case (the peer: `python -I -c pass`), measured in the same run.

    .venv/bin/python bench/check_work.py [--cases 10] [--rounds 3]

The check starts one fresh process per case (with `unshare` where the system allows it, the
limits and the audit hook); the ratio says what all of that adds to a process start. Prints
numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from mentor.analyzers.runtime import check as check_module
from mentor.analyzers.runtime.check import check_work
from mentor.models.assignments import AssignmentTests, FunctionCase

SOURCE = "def total(numbers):\n    result = 0\n    for n in numbers:\n        result += n\n    return result\n"  # noqa: E501


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tests = AssignmentTests(
        "function",
        function="total",
        cases=tuple(FunctionCase((list(range(n)),), n * (n - 1) // 2) for n in range(args.cases)),
    )
    checks, bare = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        result = check_work(SOURCE, "sum.py", tests)
        checks.append(time.perf_counter() - started)
        assert result.passed == args.cases, result
        started = time.perf_counter()
        for _ in range(args.cases):
            subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    check_s, bare_s = statistics.median(checks), statistics.median(bare)
    print(f"isolation: {check_module.isolation()}")
    print(f"{args.cases} cases, median of {args.rounds} rounds")
    print(f"  check_work:         {check_s:.2f} s ({check_s / args.cases * 1000:.0f} ms per case)")
    print(f"  bare python starts: {bare_s:.2f} s ({bare_s / args.cases * 1000:.0f} ms per start)")
    print(f"  ratio: {check_s / bare_s:.2f}x")


if __name__ == "__main__":
    main()
