"""`mentor rules`: list the registry for teachers and tools."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from mentor.analyzers import all_rules
from mentor.server import reports
from mentor.server.cli.common import EXIT_OK


def add_to(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list the rules, their concepts and docs")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
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
