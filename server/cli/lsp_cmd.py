"""`mentor lsp`: start the language server, the same as `mentor-lsp`."""

from __future__ import annotations

import argparse
from typing import Any, TextIO


def add_to(commands: Any) -> None:
    parser = commands.add_parser("lsp", help="start the language server (same as mentor-lsp)")
    parser.add_argument("lsp_args", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.server.lsp_main import main as lsp_main

    return lsp_main(args.lsp_args)
