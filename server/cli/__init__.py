"""`mentor`: the command line. Each subcommand is one `*_cmd` module here, listed in `commands`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from mentor.server.cli.commands import COMMANDS
from mentor.server.cli.common import EXIT_OK, EXIT_USAGE, UsageError
from mentor.server.version import VERSION


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return args.run(args, out)
    except UsageError as error:
        print(f"mentor: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `mentor analyze ... | head`
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentor", description="Mentor: Python help for people learning Python."
    )
    parser.add_argument("--version", action="version", version=f"mentor {VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_to(commands)
    return parser
