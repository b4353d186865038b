"""`mentor policy check FILE`: validate a teacher's policy file before handing it out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from mentor.server.commands.common import EXIT_OK, UsageError
from mentor.server.policy import PolicyError, load_policy
from mentor.server.settings import parse_settings


def add_to(commands: Any) -> None:
    parser = commands.add_parser("policy", help="check a teacher's policy file")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="say whether every locked setting is valid")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    try:
        locked = load_policy(Path(args.file))
    except PolicyError as error:
        raise UsageError(str(error)) from error
    problems = parse_settings({}, locked).problems
    if problems:
        raise UsageError("; ".join(problems))
    out.write(
        f"{args.file}: {len(locked)} locked setting{'s' if len(locked) != 1 else ''}, all valid\n"
    )
    for key, value in sorted(locked.items()):
        out.write(f"  {key} = {value!r}\n")
    return EXIT_OK
