"""A separate process that keeps writing snapshots to a progress file (for the crash and
two-window tests). Prints the total number of events it has committed after each snapshot.

Usage: python store_writer.py DATABASE DOCUMENT SNAPSHOTS
"""

from __future__ import annotations

import sys
from pathlib import Path

from mentor.analyzers import analyze
from mentor.models.learner.service import LearnerService

MISTAKE = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"


def main(database: str, document: str, snapshots: str) -> None:
    service, _ = LearnerService.open(Path(database))
    analyses = [analyze(MISTAKE), analyze(FIXED)]
    total = 0
    for number in range(int(snapshots)):
        outcome = service.snapshot(document, analyses[number % 2])
        if not outcome.stored:
            raise SystemExit("the progress file stayed locked")
        total += len(outcome.observations)
        print(total, flush=True)
    service.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
