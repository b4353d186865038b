"""`mentor class-report DIR`: every student's code checked in parallel, as CSV and HTML."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from mentor.analyzers import Level, get_rule
from mentor.server import reports
from mentor.server.class_report import (
    FileResult,
    Submission,
    check_submission,
    find_submissions,
    page_data,
    summarise,
    write_csv,
)
from mentor.server.commands.common import EXIT_OK, UsageError
from mentor.server.html_pages import class_report_page

CSV_NAME = "class-report.csv"
HTML_NAME = "class-report.html"


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "class-report",
        help="check a class's code (a folder per student, or a file each) into CSV and HTML",
    )
    parser.add_argument("folder", metavar="DIR", help="the class folder")
    parser.add_argument(
        "--out",
        default="mentor-class-report",
        metavar="FOLDER",
        help=f"where to write {CSV_NAME} and {HTML_NAME} (default: ./mentor-class-report)",
    )
    parser.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.NOVICE.value,
        help="the level whose rules and severities count (default: novice)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="files checked at once, in separate processes (default: one per core)",
    )
    parser.add_argument(
        "--disable", default="", metavar="RULES", help="comma-separated rule names or codes to skip"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    disabled = frozenset(name.strip() for name in args.disable.split(",") if name.strip())
    unknown = sorted(name for name in disabled if get_rule(name) is None)
    if unknown:
        raise UsageError(f"no rule is called {', '.join(unknown)} (`mentor rules` lists them)")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    submissions = find_submissions(folder)
    if not submissions:
        raise UsageError(f"no Python files in {folder}")
    level = Level(args.level)
    target = Path(args.out)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {target}: {error.strerror or error}") from error

    progress = tqdm(
        total=len(submissions),
        desc="Checking",
        unit="file",
        file=sys.stderr,
        disable=args.no_progress,
    )
    with progress:
        results = list(_check_all(submissions, level, disabled, args.jobs, progress))
    results.sort(key=lambda result: result.submission.shown_path)

    summaries = summarise(results)
    csv_path, html_path = target / CSV_NAME, target / HTML_NAME
    write_csv(summaries, csv_path)
    title = folder.resolve().name or str(folder)
    html_path.write_text(
        class_report_page(**page_data(title, summaries, results, level)), encoding="utf-8"
    )
    unreadable = sum(1 for result in results if result.error is not None)
    out.write(
        f"Checked {len(results)} file{'s' if len(results) != 1 else ''} of "
        f"{len(summaries)} student{'s' if len(summaries) != 1 else ''}"
        + (f" ({unreadable} could not be read)" if unreadable else "")
        + f".\nWrote {csv_path}\nWrote {html_path}\n"
    )
    return EXIT_OK


def _check_all(
    submissions: list[Submission],
    level: Level,
    disabled: frozenset[str],
    jobs: int,
    progress: tqdm,
) -> Iterator[FileResult]:
    """Check every file, `jobs` processes at a time, advancing the progress bar as each ends."""
    if jobs == 1 or len(submissions) == 1:
        for submission in submissions:
            yield check_submission(submission, level, disabled)
            progress.update()
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(submissions))) as pool:
        futures: dict[Future[FileResult], Submission] = {
            pool.submit(check_submission, submission, level, disabled): submission
            for submission in submissions
        }
        for future in as_completed(futures):
            progress.update()
            try:
                yield future.result()
            except Exception as error:  # a worker died (out of memory, killed): lose one file
                submission = futures[future]
                message = f"Mentor could not check this file ({type(error).__name__})"
                yield FileResult(
                    submission, reports.unreadable_file(submission.shown_path, message)
                )
