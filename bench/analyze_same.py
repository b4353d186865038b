"""Does `mentor analyze --format json` say the same as a saved run? (a refactoring's check)

    .venv/bin/python bench/analyze_same.py --save before.json     # on the old code
    .venv/bin/python bench/analyze_same.py --compare before.json  # on the new code

Runs on examples/, the accuracy corpus (tests/analyzers/corpus) and bench/analyze.py's 40
standard-library files, at each learner level (the level decides which rules speak and their
wording). `--compare` prints every file and key whose value differs (the concept list of a file
is shown concept by concept), and exits 1 when anything but `concepts` differs. To take the
"before" from another checkout, run this script with that checkout's Python:
`/other/.venv/bin/python bench/analyze_same.py --save before.json` (it runs the `mentor` beside
the Python that runs it, on this checkout's files).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from analyze import stdlib_sample

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("novice", "developing", "proficient")


def current(extra: list[str]) -> dict[str, Any]:
    """Each file's report, by level and path."""
    files = [
        ROOT / "examples",
        *sorted((ROOT / "tests" / "analyzers" / "corpus").glob("*.py")),
        *stdlib_sample(Path(sysconfig.get_paths()["stdlib"])),
    ]
    mentor = str(Path(sys.executable).with_name("mentor"))
    reports = {}
    for level in LEVELS:
        command = [mentor, "analyze", "--format", "json", "--level", level, *extra]
        whole = [*command, *map(str, files)]
        done = subprocess.run(whole, capture_output=True, text=True, check=True)
        reports.update(
            {f"{level} {entry['path']}": entry for entry in json.loads(done.stdout)["files"]}
        )
    return reports


def concept_changes(before: list[dict], after: list[dict]) -> list[str]:
    old = {c["concept"]: c for c in before}
    new = {c["concept"]: c for c in after}
    changes = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a != b:
            count = lambda c: c["count"] if c else 0  # noqa: E731
            changes.append(f"{name} {count(a)}->{count(b)}")
    return changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", default=None, help="passed to mentor analyze on --compare")
    args = parser.parse_args()
    if args.save:
        args.save.write_text(json.dumps(current([]), indent=1), encoding="utf-8")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    after = current(["--jobs", args.jobs] if args.jobs else [])
    other = 0
    if before.keys() != after.keys():
        print(f"files differ: {sorted(before.keys() ^ after.keys())}")
        other += 1
    for path in sorted(before.keys() & after.keys()):
        old, new = before[path], after[path]
        for key in sorted(old.keys() | new.keys()):
            if old.get(key) == new.get(key):
                continue
            if key == "concepts":
                print(f"{path}: concepts: {', '.join(concept_changes(old[key], new[key]))}")
            else:
                other += 1
                print(f"{path}: {key} differs:\n  before {old.get(key)}\n  after  {new.get(key)}")
    print(f"{len(after)} files compared; {other} differences outside concept lists")
    return 1 if other else 0


if __name__ == "__main__":
    raise SystemExit(main())
