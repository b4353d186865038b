"""`mentor check FILE --policy POLICY`: check the student's file against the tests of the
teacher's assignment for it (docs/teachers.md#check-my-work-the-teachers-tests).

The student's code runs only because the student typed this command, one process per case,
within the limits `analyzers/runtime/check.py` sets. Exit status: 0 when every case passes, 1
when one does not, 2 on bad usage (no such file, no assignment for it, no tests).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import Level
from mentor.server.cli.common import EXIT_OK, UsageError

EXIT_FAILED = 1
POLICY_VARIABLE = "MENTOR_POLICY"
_MAX_SOURCE = 1_000_000  # bytes: a student's file, not a data set


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="check a file against the tests of the teacher's assignment for it"
    )
    parser.add_argument("file", metavar="FILE", help="the student's Python file")
    parser.add_argument(
        "--policy",
        metavar="POLICY",
        default=os.environ.get(POLICY_VARIABLE),
        help=f"the teacher's policy file with the assignments (default: ${POLICY_VARIABLE})",
    )
    parser.add_argument(
        "--root", default=".", metavar="DIR", help="the workspace folder globs are matched from"
    )
    parser.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.NOVICE.value,
        help="the learner's level: decides the wording (default: novice)",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here: `mentor` builds every command's parser, and this one's runner is heavy.
    from mentor.analyzers.runtime.check import check_work
    from mentor.analyzers.runtime.check_report import summary_text
    from mentor.models.assignments import assignment_for, assignments_from_policy
    from mentor.server.policy import PolicyError, read_policy

    if not args.policy:
        raise UsageError(f"give the teacher's policy file: --policy FILE (or ${POLICY_VARIABLE})")
    path = Path(args.file)
    try:
        if path.stat().st_size > _MAX_SOURCE:
            raise UsageError(f"{args.file} is larger than {_MAX_SOURCE} bytes")
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise UsageError(f"cannot read {args.file}: {reason}") from error
    policy_path = Path(args.policy)
    try:
        policy = read_policy(policy_path)
    except PolicyError as error:
        raise UsageError(str(error)) from error
    assignments, _ = assignments_from_policy(policy, policy_path.parent)
    assignment = assignment_for(path.absolute(), assignments, Path(args.root).absolute())
    if assignment is None:
        raise UsageError(f"the teacher's policy has no assignment for {args.file}")
    if assignment.tests is None:
        raise UsageError(f'the assignment "{assignment.title}" has no tests to check against')
    result = check_work(source, path.name, assignment.tests, title=assignment.title)
    if args.format == "json":
        out.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(summary_text(result, Level(args.level)))
    return EXIT_OK if not result.failing else EXIT_FAILED
