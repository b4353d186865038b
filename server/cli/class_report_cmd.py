"""`mentor class-report DIR`: every student's code checked in parallel, as CSV and HTML."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import Level, get_rule
from mentor.server.cli.common import EXIT_OK, UsageError

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
    # Imported here so that the other subcommands start without Jinja2 and tqdm.
    from mentor.server.reports import class_report
    from mentor.server.reports.html_pages import class_report_page

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    disabled = frozenset(name.strip() for name in args.disable.split(",") if name.strip())
    unknown = sorted(name for name in disabled if get_rule(name) is None)
    if unknown:
        raise UsageError(f"no rule is called {', '.join(unknown)} (`mentor rules` lists them)")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    submissions = class_report.find_submissions(folder)
    if not submissions:
        raise UsageError(f"no Python files in {folder}")
    level = Level(args.level)
    target = Path(args.out)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {target}: {error.strerror or error}") from error

    results = class_report.check_all(
        submissions, level, disabled, jobs=args.jobs, progress=not args.no_progress
    )
    summaries = class_report.summarise(results)
    csv_path, html_path = target / CSV_NAME, target / HTML_NAME
    class_report.write_csv(summaries, csv_path)
    title = folder.resolve().name or str(folder)
    page = class_report_page(**class_report.page_data(title, summaries, results, level))
    html_path.write_text(page, encoding="utf-8")
    unreadable = sum(1 for result in results if result.error is not None)
    out.write(
        f"Checked {len(results)} file{'s' if len(results) != 1 else ''} of "
        f"{len(summaries)} student{'s' if len(summaries) != 1 else ''}"
        + (f" ({unreadable} could not be read)" if unreadable else "")
        + f".\nWrote {csv_path}\nWrote {html_path}\n"
    )
    return EXIT_OK
