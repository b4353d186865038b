"""How long one re-analysis takes, next to pylint running the same checks on the same files.

    .venv/bin/python bench/diagnostics.py            # about 2 minutes on 2 cores
    .venv/bin/python bench/diagnostics.py --quick    # fewer repeats, for a smoke run

For beginner-style files of 100, 500 and 2,000 lines (generated deterministically, with a
sprinkling of mistakes: see bench/beginner_code.py) it prints p50 / p95 of:

- Mentor's re-analysis: a student types lines into a function in the middle of the file, one
  key at a time (Enter included, so every line below moves; half-typed lines do not parse),
  and each version goes through one `DocumentAnalyzer`, as the server does per open file:
  what every keystroke costs after the debounce. Each keystroke is one sample;
- Mentor's full analysis, `mentor.analyzers.analyze(text, path)` with nothing reused: what
  opening a file or `mentor analyze` costs;
- pylint, in-process and warm, with only the checks Mentor's rules name as equivalents
  (`--disable=all --enable=<the pylint codes in the rules' equivalents>`); the file's module is
  evicted from astroid's cache before each run, as an edit would, while the builtins stay
  cached (the most favourable set-up for pylint, the way an editor extension runs it);
- pylint as a command (`python -m pylint ...` in a new process, the same checks), the way a
  shell, a pre-commit hook or python-lsp-server's pylint plugin runs it;
- the server path (`--server`, on by default): a whole-document `didChange` to the real
  `mentor-lsp` process over stdio until its `publishDiagnostics` for that version arrives,
  with `diagnostics.delayMs` 0.

Then the ratio pylint / Mentor, and whether DESIGN.md's bars hold: p95 under 30 ms for 500
lines, and at least 20x faster than pylint. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support.lsp_support drives the real server for --server

from beginner_code import beginner_program  # noqa: E402  (bench/ is on sys.path when run)

from mentor.analyzers import DocumentAnalyzer, all_rules, analyze  # noqa: E402

SIZES = (100, 500, 2000)
BAR_P95_MS = 30.0
BAR_RATIO = 20.0


@dataclass(frozen=True)
class Timing:
    """Milliseconds: wall clock (what the user waits) and CPU time of this process (what the
    work costs: the wall time it would take on an idle machine, whatever else runs now)."""

    p50: float
    p95: float
    cpu_p50: float
    cpu_p95: float
    runs: int
    wall_samples: tuple[float, ...] = ()


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `fraction` of them below."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without floats drifting
    return ordered[int(rank) - 1]


TYPED_LINE = "count = count + len(items)  # typed one key at a time"


def typing_session(text: str, keystrokes: int) -> list[str]:
    """The versions an editor sends while a student types lines into a function in the middle
    of the file, one key at a time (Enter included, so lines below move), each version a
    re-analysis. Half-typed lines do not parse: that is part of typing."""
    lines = text.split("\n")
    row = next(
        index
        for index in range(len(lines) // 2, len(lines))
        if lines[index].startswith("    ")
        and lines[index].strip()
        and not lines[index].rstrip().endswith(":")  # a simple statement inside a function
        and _indent(lines[index + 1]) <= _indent(lines[index])
    )
    indent = lines[row][: len(lines[row]) - len(lines[row].lstrip())]
    versions, typed = [], ""
    while len(versions) < keystrokes:
        for key in "\n" + indent + TYPED_LINE:
            typed += key
            versions.append("\n".join([*lines[: row + 1], *typed.split("\n"), *lines[row + 1 :]]))
    return versions[:keystrokes]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def measure_session(versions: list[str], path: str, warmup: int) -> tuple[Timing, list[bool]]:
    """Each version analysed by one `DocumentAnalyzer`, as the server does per open file; and,
    for each measured one, whether it did not parse."""
    analyzer = DocumentAnalyzer()
    analyzer.analyze(versions[0], path)
    broken: list[bool] = []

    def next_version() -> None:
        analysis = analyzer.analyze(versions[len(broken) % len(versions)], path)
        broken.append(analysis.tree is None)

    timing = measure(next_version, len(versions) - warmup, warmup)
    analyzer.forget()
    return timing, broken[warmup:]


def print_by_keystroke(timing: Timing, broken: list[bool], lines: int) -> None:
    """The session's samples split into keystrokes that leave the file parseable and those
    that leave a half-typed line that does not parse (explained as a syntax error)."""
    print(f"re-analysis by keystroke, {lines} lines (wall, ms)")
    for label, wanted in (("file parses", False), ("file does not parse", True)):
        samples = [ms for ms, bad in zip(timing.wall_samples, broken, strict=True) if bad is wanted]
        if samples:
            p50, p95 = statistics.median(samples), percentile(samples, 0.95)
            print(
                f"  {label:<20} {len(samples):>4} keystrokes: p50 {p50:>6.1f}, p95 {p95:>6.1f}, "
                f"max {max(samples):>6.1f}"
            )
    print()


def measure(action: Callable[[], object], runs: int, warmup: int) -> Timing:
    for _ in range(warmup):
        action()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((_cpu_seconds() - start_cpu) * 1000)
    return Timing(
        statistics.median(wall),
        percentile(wall, 0.95),
        statistics.median(cpu),
        percentile(cpu, 0.95),
        runs,
        tuple(wall),
    )


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (pylint as a command)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def pylint_codes() -> list[str]:
    return sorted(
        {
            equivalent.split(":", 1)[1]
            for rule in all_rules()
            for equivalent in rule.equivalents
            if equivalent.startswith("pylint:")
        }
    )


def pylint_command(path: Path, codes: list[str]) -> Callable[[], None]:
    """pylint in a new process, as a shell or python-lsp-server's pylint plugin runs it."""
    command = [
        sys.executable,
        "-m",
        "pylint",
        str(path),
        "--disable=all",
        f"--enable={','.join(codes)}",
        "--score=n",
        "--persistent=n",
    ]

    def run() -> None:
        subprocess.run(command, capture_output=True, check=False)

    return run


def pylint_runner(path: Path, codes: list[str]) -> Callable[[], int]:
    """One in-process pylint run on `path` with only `codes`; returns how many messages."""
    from astroid import MANAGER
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    folder = str(path.parent)

    def run() -> int:
        for name, module in list(MANAGER.astroid_cache.items()):
            if (getattr(module, "file", None) or "").startswith(folder):
                del MANAGER.astroid_cache[name]  # the file changed: astroid must read it again
        reporter = CollectingReporter()
        with redirect_stdout(io.StringIO()):
            Run(
                [
                    str(path),
                    "--disable=all",
                    f"--enable={','.join(codes)}",
                    "--score=n",
                    "--persistent=n",
                    "--jobs=1",
                ],
                reporter=reporter,
                exit=False,
            )
        return len(reporter.messages)

    return run


async def server_timing(text: str, runs: int, folder: Path) -> Timing:
    """didChange -> publishDiagnostics of that version, through the real server process."""
    from tests.support.lsp_support import mentor_session

    path = folder / "server_bench.py"
    path.write_text(text, encoding="utf-8")
    options = {"diagnostics": {"delayMs": 0}}
    samples = []
    async with mentor_session(folder, initialization_options=options) as client:
        uri = client.open(path)
        await client.diagnostics_for(uri)
        for index, edited in enumerate(typing_session(text, runs + 3)):
            start = time.perf_counter()
            version = client.replace_all(uri, edited)
            await client.diagnostics_for(uri, version)
            if index >= 3:  # the first edits warm the server up
                samples.append((time.perf_counter() - start) * 1000)
    return Timing(statistics.median(samples), percentile(samples, 0.95), 0.0, 0.0, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--no-server", action="store_true", help="skip the server round trip")
    parser.add_argument("--no-pylint", action="store_true", help="skip pylint")
    args = parser.parse_args()

    mentor_runs = {100: 200, 500: 100, 2000: 30} if not args.quick else {100: 20, 500: 10, 2000: 5}
    pylint_runs = {100: 10, 500: 8, 2000: 4} if not args.quick else {100: 2, 500: 2, 2000: 1}
    server_runs = 40 if not args.quick else 5
    command_runs = 3 if not args.quick else 1
    codes = pylint_codes()

    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    print(f"Python {platform.python_version()} on {platform.machine()}, {_cores()} cores{load}")
    print(f"pylint checks: {','.join(codes)}")
    print()
    results: dict[int, tuple[int, int, Timing, Timing | None, int]] = {}
    commands: dict[int, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="mentor-bench-") as tmp:
        folder = Path(tmp)
        files = {size: folder / f"beginner_{size}.py" for size in SIZES}
        # Mentor first, before pylint fills this process with astroid's objects: the garbage
        # collector would then scan them during Mentor's runs, which never happens in Mentor's
        # own server.
        mentor_timings, full_timings, session_broken = {}, {}, {}
        for size, path in files.items():
            text = beginner_program(size, seed=size)
            path.write_text(text, encoding="utf-8")
            gc.collect()
            versions = typing_session(text, mentor_runs[size] + 3)
            mentor_timings[size], session_broken[size] = measure_session(versions, str(path), 3)
            gc.collect()
            full_timings[size] = measure(
                lambda t=text, p=str(path): analyze(t, p), mentor_runs[size], 3
            )
        for size, path in files.items():
            text = path.read_text(encoding="utf-8")
            findings = len(analyze(text, str(path)).findings)
            pylint, messages = None, 0
            if not args.no_pylint:
                run_pylint = pylint_runner(path, codes)
                messages = run_pylint()
                pylint = measure(run_pylint, pylint_runs[size], 1)
                commands[size] = measure(pylint_command(path, codes), command_runs, 0)
            results[size] = (text.count("\n"), findings, mentor_timings[size], pylint, messages)
        server = None
        if not args.no_server:
            program = beginner_program(500, seed=500)
            server = asyncio.run(server_timing(program, server_runs, folder))

    for title, wall in (("wall clock", True), ("CPU time of the process", False)):
        print(f"{title} (ms)")
        _print_table(results, wall)
        print()
    print_by_keystroke(mentor_timings[500], session_broken[500], results[500][0])
    print("full analysis, nothing reused (opening a file, `mentor analyze`; ms)")
    for size, full in full_timings.items():
        lines, _, _, pylint, _ = results[size]
        ratio = f", {pylint.p50 / full.p50:.0f}x faster than pylint in-process" if pylint else ""
        print(f"{lines:>6} lines: p50 {full.p50:>6.1f}, p95 {full.p95:>6.1f}{ratio}")
    print()
    if commands:
        print("pylint as a command (a new process each time; ms)")
        for size, command in commands.items():
            _, _, mentor, _, _ = results[size]
            print(
                f"{results[size][0]:>6} lines: p50 wall {command.p50:>6.0f} "
                f"({command.p50 / mentor.p50:.0f}x Mentor's), "
                f"CPU {command.cpu_p50:>6.0f} ({command.cpu_p50 / mentor.cpu_p50:.0f}x)"
            )
        print()
    if server is not None:
        print(
            "server round trip, 500 lines (didChange -> publishDiagnostics, delay 0, wall): "
            f"p50 {server.p50:.1f} ms, p95 {server.p95:.1f} ms ({server.runs} edits)\n"
        )

    _, _, mentor_500, pylint_500, _ = results[500]
    for name, p95 in (("wall", mentor_500.p95), ("CPU", mentor_500.cpu_p95)):
        verdict = "met" if p95 < BAR_P95_MS else "MISSED"
        print(f"bar: p95 < {BAR_P95_MS:.0f} ms for 500 lines ({name}): {p95:.1f} ms, {verdict}")
    if pylint_500 is not None:
        for name, ours, theirs in (
            ("wall", mentor_500.p50, pylint_500.p50),
            ("CPU", mentor_500.cpu_p50, pylint_500.cpu_p50),
        ):
            ratio = theirs / ours
            verdict = "met" if ratio >= BAR_RATIO else "MISSED"
            print(
                f"bar: >= {BAR_RATIO:.0f}x faster than pylint (in-process) at 500 lines "
                f"({name}, p50): {ratio:.0f}x, {verdict}"
            )
    if 500 in commands:
        ratio = commands[500].p50 / mentor_500.p50
        verdict = "met" if ratio >= BAR_RATIO else "MISSED"
        print(
            f"bar: >= {BAR_RATIO:.0f}x faster than pylint (command) at 500 lines (wall, p50): "
            f"{ratio:.0f}x, {verdict}"
        )
    return 0


def _print_table(results: dict[int, tuple[int, int, Timing, Timing | None, int]], wall: bool):
    header = (
        f"{'lines':>6} {'findings':>8} | {'mentor p50':>10} {'p95':>7} | "
        f"{'pylint p50':>10} {'p95':>7} {'msgs':>5} | {'ratio p50':>9} {'p95':>5}"
    )
    print(header)
    print("-" * len(header))
    for lines, findings, mentor, pylint, messages in results.values():
        ours = (mentor.p50, mentor.p95) if wall else (mentor.cpu_p50, mentor.cpu_p95)
        row = f"{lines:>6} {findings:>8} | {ours[0]:>10.1f} {ours[1]:>7.1f} | "
        if pylint is None:
            print(row + f"{'-':>10} {'-':>7} {'-':>5} | {'-':>9} {'-':>5}")
            continue
        theirs = (pylint.p50, pylint.p95) if wall else (pylint.cpu_p50, pylint.cpu_p95)
        print(
            row + f"{theirs[0]:>10.0f} {theirs[1]:>7.0f} {messages:>5} | "
            f"{theirs[0] / ours[0]:>8.0f}x {theirs[1] / ours[1]:>4.0f}x"
        )


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    raise SystemExit(main())
