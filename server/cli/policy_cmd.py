"""`mentor policy check FILE`: validate a teacher's policy file before handing it out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from mentor.server.cli.common import EXIT_OK, UsageError
from mentor.server.policy import PolicyError, load_policy
from mentor.server.settings import POLICY, TELL_THE_TEACHER, flatten_settings, parse_settings


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
    # The teacher reads these: drop the words addressed to the student.
    problems = [
        problem.removeprefix(POLICY).removesuffix(TELL_THE_TEACHER)
        for problem in parse_settings({}, locked).problems
    ]
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        listed = "".join(f"\n  - {problem}" for problem in problems)  # one line each
        raise UsageError(f"{args.file}: {count}:{listed}")
    settings, _ = flatten_settings(locked)
    count = len(settings)
    out.write(f"{args.file}: {count} locked setting{'s' if count != 1 else ''}, all valid\n")
    for key, value in sorted(settings.items()):
        out.write(f"  mentor.{key} = {json.dumps(value)}\n")
    return EXIT_OK
