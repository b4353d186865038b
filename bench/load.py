"""Load on the real server: N open documents, a steady stream of edits, for S seconds.

    .venv/bin/python bench/load.py [--documents 200] [--rate 50] [--seconds 60]

Prints p50/p95 diagnostics latency (edit sent -> diagnostics of that version received, the
200 ms debounce included), the server's memory after opening the documents and at the end,
and how many documents never got diagnostics for their latest version (should be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.load import run_load


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--rate", type=float, default=50, help="edits per second")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = asyncio.run(run_load(Path(folder), args.documents, args.rate, args.seconds))
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
