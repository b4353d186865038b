"""`mentor analyze --format json` on 40 standard-library files, next to pylint with the same checks.

    .venv/bin/python bench/analyze.py [--runs 5] [--stdlib PATH]

Both run as whole processes, the way a shell or a CI job runs them, on the same 40 files of
100-800 lines (the first 40 by name of the standard library's top-level modules, so the set is
stable and was not written for the purpose). pylint runs with only the checks Mentor's rules
name as equivalents (`--disable=all --enable=<codes>`). Mentor runs with `--jobs 1` and with its
default (one worker per core); pylint with its default (one process). The three commands are
alternated, and each is timed `--runs` times; the median wall time of each is printed with the
ratio pylint / Mentor. Bars (issue 13): >= 10x by default, >= 6x with `--jobs 1`.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from mentor.analyzers import all_rules

FILES = 40
MIN_LINES, MAX_LINES = 100, 800
BAR_DEFAULT, BAR_ONE_JOB = 10.0, 6.0


def stdlib_sample(folder: Path, count: int = FILES) -> list[Path]:
    """The first `count` top-level standard-library modules (by name) of 100-800 lines."""
    chosen = []
    for path in sorted(folder.glob("*.py")):
        try:
            lines = path.read_bytes().count(b"\n")
        except OSError:
            continue
        if MIN_LINES <= lines <= MAX_LINES:
            chosen.append(path)
        if len(chosen) == count:
            break
    return chosen


def pylint_codes() -> list[str]:
    return sorted(
        {
            equivalent.split(":", 1)[1]
            for rule in all_rules()
            for equivalent in rule.equivalents
            if equivalent.startswith("pylint:")
        }
    )


def mentor_command(files: list[Path], jobs: int | None) -> list[str]:
    command = [str(Path(sys.executable).with_name("mentor")), "analyze", "--format", "json"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command + [str(path) for path in files]


def pylint_command(files: list[Path], codes: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pylint",
        "--disable=all",
        f"--enable={','.join(codes)}",
        "--score=n",
        "--persistent=n",
        *map(str, files),
    ]


# The warm-up run writes the .pyc files an installed Mentor and pylint have; with
# PYTHONDONTWRITEBYTECODE set (as in some shells and CI images) every run would compile Mentor's
# edited modules again while pylint's come compiled from site-packages.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--stdlib", type=Path, default=Path(sysconfig.get_paths()["stdlib"]))
    args = parser.parse_args()
    files = stdlib_sample(args.stdlib)
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    codes = pylint_codes()
    commands = {
        "mentor --jobs 1": mentor_command(files, 1),
        f"mentor (default jobs, {os.cpu_count()} cores)": mentor_command(files, None),
        "pylint (same checks)": pylint_command(files, codes),
    }
    print(f"{len(files)} files, {lines} lines, from {args.stdlib}")
    print(f"pylint checks: {','.join(codes)}")
    for command in commands.values():  # warm-up: imports compiled, files in the page cache
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(samples) for name, samples in times.items()}
    pylint = medians["pylint (same checks)"]
    for name, median in medians.items():
        ratio = f"  {pylint / median:5.1f}x faster than pylint" if not name.startswith("py") else ""
        print(f"{name:<32} median {median:6.2f} s of {args.runs}{ratio}")
    one, default = (pylint / medians[name] for name in list(commands)[:2])
    print(
        f"bars: default jobs >= {BAR_DEFAULT:.0f}x: {'met' if default >= BAR_DEFAULT else 'missed'}"
        f"; --jobs 1 >= {BAR_ONE_JOB:.0f}x: {'met' if one >= BAR_ONE_JOB else 'missed'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
