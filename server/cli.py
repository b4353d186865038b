"""`mentor`: the command line. `mentor analyze` checks files; `mentor rules` lists the rules."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from mentor.analyzers import AnalysisSettings, Level, all_rules, analyze, get_rule
from mentor.server import reports
from mentor.server.files import find_python_files, read_source
from mentor.server.settings import settings_schema
from mentor.server.version import VERSION

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad usage: reported in one line, exit status 2."""


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return args.run(args, out)
    except UsageError as error:
        print(f"mentor: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `mentor analyze ... | head`
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentor", description="Mentor: Python help for people learning Python."
    )
    parser.add_argument("--version", action="version", version=f"mentor {VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze_cmd = commands.add_parser(
        "analyze", help="check Python files and explain what to improve"
    )
    analyze_cmd.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    analyze_cmd.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.NOVICE.value,
        help="the learner's level: decides wording and which rules speak (default: novice)",
    )
    analyze_cmd.add_argument("--format", choices=["text", "json"], default="text")
    analyze_cmd.add_argument(
        "--disable", default="", metavar="RULES", help="comma-separated rule names or codes to skip"
    )
    analyze_cmd.set_defaults(run=_analyze)

    rules_cmd = commands.add_parser("rules", help="list the rules, their concepts and docs")
    rules_cmd.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    rules_cmd.set_defaults(run=_rules)

    settings_cmd = commands.add_parser("settings", help="print every setting as JSON")
    settings_cmd.set_defaults(run=_settings)

    lsp_cmd = commands.add_parser("lsp", help="start the language server (same as mentor-lsp)")
    lsp_cmd.add_argument("lsp_args", nargs=argparse.REMAINDER)
    lsp_cmd.set_defaults(run=_lsp)
    return parser


def _analyze(args: argparse.Namespace, out: TextIO) -> int:
    disabled = frozenset(name.strip() for name in args.disable.split(",") if name.strip())
    unknown = sorted(name for name in disabled if get_rule(name) is None)
    if unknown:
        raise UsageError(f"no rule is called {', '.join(unknown)} (`mentor rules` lists them)")
    files = find_python_files([Path(path) for path in args.paths])
    missing = [str(path) for path in files.missing]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    level = Level(args.level)
    settings = AnalysisSettings(disabled=disabled)
    results = []
    for path in files.found:
        source = read_source(path)
        if source.error is not None:
            results.append(reports.unreadable_file(str(path), source.error))
            continue
        analysis = analyze(source.text, str(path), settings)
        results.append(reports.file_report(str(path), analysis, level))
    if args.format == "json":
        json.dump({"files": results}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        reports.write_text(results, out)
    return EXIT_OK


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = all_rules()
    if args.format == "json":
        json.dump({"rules": [reports.rule_json(rule) for rule in rules]}, out, indent=2)
        out.write("\n")
    elif args.format == "markdown":
        out.write(reports.rules_markdown(rules))
    else:
        for rule in rules:
            concepts = ", ".join(concept.value for concept in rule.concepts)
            equivalents = f"  [{', '.join(rule.equivalents)}]" if rule.equivalents else ""
            out.write(f"{rule.code}  {rule.name:<28} {rule.summary}\n")
            out.write(f"        concepts: {concepts}{equivalents}\n")
    return EXIT_OK


def _settings(args: argparse.Namespace, out: TextIO) -> int:
    json.dump({"settings": settings_schema()}, out, indent=2)
    out.write("\n")
    return EXIT_OK


def _lsp(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.server.lsp_main import main as lsp_main

    return lsp_main(args.lsp_args)


if __name__ == "__main__":
    raise SystemExit(main())
