"""`mentor settings`: every server setting as JSON (the VS Code extension is checked against it)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from mentor.server.cli.common import EXIT_OK
from mentor.server.settings import settings_schema


def add_to(commands: Any) -> None:
    parser = commands.add_parser("settings", help="print every setting as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    json.dump({"settings": settings_schema()}, out, indent=2)
    out.write("\n")
    return EXIT_OK
