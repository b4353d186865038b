"""`mentor analyze PATH...`: check files and explain what to improve."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import AnalysisSettings, Level, analyze, get_rule
from mentor.server import reports
from mentor.server.commands.common import EXIT_OK, UsageError
from mentor.server.files import find_python_files, read_source


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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    disabled = frozenset(name.strip() for name in args.disable.split(",") if name.strip())
    unknown = sorted(name for name in disabled if get_rule(name) is None)
    if unknown:
        raise UsageError(f"no rule is called {', '.join(unknown)} (`mentor rules` lists them)")
    files = find_python_files([Path(path) for path in args.paths])
    if files.missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, files.missing))}")
    level = Level(args.level)
    settings = AnalysisSettings(disabled=disabled)
    results = []
    for path in files.found:
        source = read_source(path)
        if source.error is not None:
            results.append(reports.unreadable_file(str(path), source.error))
            continue
        analysis = analyze(source.text, str(path), settings)
        if args.format == "text":  # the text output shows findings only
            results.append(reports.findings_report(str(path), analysis, level))
        else:
            results.append(reports.file_report(str(path), analysis, level))
    if args.format == "json":
        json.dump({"files": results}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "html":
        from mentor.server.html_pages import file_report_page  # Jinja2 only when asked for

        out.write(file_report_page(results, level.value))
    else:
        reports.write_text(results, out)
    return EXIT_OK
