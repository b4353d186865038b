"""`mentor analyze PATH...`: check files and explain what to improve."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import AnalysisSettings, Level, all_rules, analyze, get_rule
from mentor.server import reports
from mentor.server.cli.common import EXIT_OK, UsageError
from mentor.server.reports.files import find_python_files, read_source


def add_to(commands: Any) -> None:
    parser = commands.add_parser("analyze", help="check Python files and explain what to improve")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.NOVICE.value,
        help="the learner's level: decides wording and which rules speak (default: novice)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json", "html"],
        default="text",
        help="text for people, json for tools, html: one self-contained page (default: text)",
    )
    parser.add_argument(
        "--disable", default="", metavar="RULES", help="comma-separated rule names or codes to skip"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="files checked at once, in separate processes (default: one per core)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    disabled = frozenset(name.strip() for name in args.disable.split(",") if name.strip())
    unknown = sorted(name for name in disabled if get_rule(name) is None)
    if unknown:
        raise UsageError(f"no rule is called {', '.join(unknown)} (`mentor rules` lists them)")
    files = find_python_files([Path(path) for path in args.paths])
    if files.missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, files.missing))}")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    task = _Task(Level(args.level), disabled, findings_only=args.format == "text")
    results = list(_check_all(files.found, task, args.jobs))
    if args.format == "json":
        # One write: `json.dump` writes each of the tens of thousands of pieces on its own.
        out.write(json.dumps({"files": results}, indent=2, ensure_ascii=False))
        out.write("\n")
    elif args.format == "html":
        from mentor.server.reports.html_pages import file_report_page  # Jinja2 only when asked for

        out.write(file_report_page(results, task.level.value))
    else:
        reports.write_text(results, out)
    return EXIT_OK


@dataclass(frozen=True)
class _Task:
    """What each file is checked for; sent to the worker processes with each file."""

    level: Level
    disabled: frozenset[str]
    findings_only: bool


def _check_all(paths: list[Path], task: _Task, jobs: int) -> Iterator[dict[str, Any]]:
    """Each file's report, in the order of `paths`, `jobs` worker processes at a time."""
    if jobs == 1 or len(paths) < 2:
        yield from (check_file(path, task) for path in paths)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only with workers

    all_rules()  # loaded once here: forked workers inherit the rules instead of each loading them
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = [pool.submit(check_file, path, task) for path in paths]
        for path, future in zip(paths, futures, strict=True):
            try:
                yield future.result()
            except Exception as error:  # a worker died (out of memory, killed): lose one file
                message = f"Mentor could not check this file ({type(error).__name__})"
                yield reports.unreadable_file(str(path), message)


def check_file(path: Path, task: _Task) -> dict[str, Any]:
    """Read, analyse and report one file (in a worker process when there are several)."""
    source = read_source(path)
    if source.error is not None:
        return reports.unreadable_file(str(path), source.error)
    analysis = analyze(source.text, str(path), AnalysisSettings(disabled=task.disabled))
    if task.findings_only:  # the text output shows findings only
        return reports.findings_report(str(path), analysis, task.level)
    return reports.file_report(str(path), analysis, task.level)
