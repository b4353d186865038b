"""kill -9 of the real server during learner-database writes, N times (default 100).

    .venv/bin/python bench/crash.py [--rounds 100] [--seed 7]

Each round starts `mentor-lsp` on the same workspace, has it store a random number of progress
snapshots, and kills it with SIGKILL at a random moment around the next write. Prints how many
snapshots the server reported as stored, whether the file held all of them each time, and how
often the kill fell before or after the in-flight snapshot's commit. Exit status 1 if the file
was ever damaged, failed to open, or lost a reported snapshot.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.crash import kill_during_writes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = asyncio.run(kill_during_writes(Path(folder), args.rounds, args.seed))
    print("\n".join(report.lines()))
    for failure in report.failures:
        print(f"FAILED {failure}")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
