"""`mentor policy check FILE`: validate a teacher's policy file before handing it out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from mentor.models.assignments import assignments_from_policy
from mentor.server.cli.common import EXIT_OK, UsageError
from mentor.server.policy import PolicyError, locked_settings, read_policy
from mentor.server.settings import POLICY, TELL_THE_TEACHER, flatten_settings, parse_settings


def add_to(commands: Any) -> None:
    parser = commands.add_parser("policy", help="check a teacher's policy file")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="say whether every locked setting and assignment is valid"
    )
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    try:
        policy = read_policy(path)
        locked = locked_settings(policy, path)
    except PolicyError as error:
        raise UsageError(str(error)) from error
    # The teacher reads these: drop the words addressed to the student.
    problems = [
        problem.removeprefix(POLICY).removesuffix(TELL_THE_TEACHER)
        for problem in parse_settings({}, locked).problems
    ]
    assignments, assignment_problems = assignments_from_policy(policy, path.parent)
    problems += assignment_problems
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        listed = "".join(f"\n  - {problem}" for problem in problems)  # one line each
        raise UsageError(f"{args.file}: {count}:{listed}")
    settings, _ = flatten_settings(locked)
    count = len(settings)
    out.write(f"{args.file}: {count} locked setting{'s' if count != 1 else ''}, all valid\n")
    for key, value in sorted(settings.items()):
        out.write(f"  mentor.{key} = {json.dumps(value)}\n")
    if assignments:
        count = len(assignments)
        out.write(f"{count} assignment{'s' if count != 1 else ''}, all valid\n")
    for assignment in assignments:
        tests = assignment.tests
        what = "no tests"
        if tests is not None:
            size = len(tests.cases) if tests.cases else _test_functions(tests.source)
            what = f"{size} {tests.kind} test{'s' if size != 1 else ''}"
        out.write(f"  {assignment.files}: {assignment.title} ({what})\n")
    return EXIT_OK


def _test_functions(source: str) -> int:
    import ast

    tree = ast.parse(source)
    return sum(
        isinstance(node, ast.FunctionDef) and node.name.startswith("test") for node in tree.body
    )
