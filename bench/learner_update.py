"""Time one learner-model update: Mentor's tracker against pyBKT, measured in the same run.

Mentor updates a skill's mastery in constant time (a few counts change, one dot product);
pyBKT has no incremental update and must predict over the learner's whole history again. This
prints the time per update after histories of growing length, for Mentor's in-memory tracker,
for Mentor's full stored path (one SQLite transaction per snapshot), and for pyBKT, with the
ratios. Bar: under 1 ms per update.

    python bench/learner_update.py [--pybkt-python PYTHON] [--no-pybkt]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from mentor.analyzers import Concept, analyze
from mentor.models.learner import LearnerService, LearnerState, Tracker, default_params
from mentor.models.learner.kt.pybkt_peer import find_pybkt_python

LENGTHS = (10, 100, 1000, 10_000)
SKILLS = [concept.value for concept in Concept]


def mentor_update_seconds(history: int, samples: int = 20_000) -> tuple[float, float]:
    """Mean and 99th percentile seconds of observe() + mastery() after `history` answers."""
    tracker = Tracker(default_params())
    state = LearnerState()
    for n in range(history):
        tracker.observe(state, [SKILLS[n % len(SKILLS)]], f"rule{n % 40}", (n % 3) / 2)
    times = []
    for n in range(samples):
        skill = SKILLS[n % len(SKILLS)]
        start = time.perf_counter()
        tracker.observe(state, [skill], f"rule{n % 40}", 1.0 if n % 3 else 0.0)
        tracker.mastery(state, skill)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.mean(times), times[int(len(times) * 0.99)]


def stored_snapshot_seconds(samples: int = 200) -> tuple[float, float]:
    """Seconds per stored snapshot and per stored observation (SQLite, WAL, one transaction)."""
    mistake = analyze("xs = [1]\nfor i in range(len(xs)):\n    print(xs[i])\n")
    fixed = analyze("xs = [1]\nfor x in xs:\n    print(x)\n")
    with tempfile.TemporaryDirectory() as folder:
        service, _ = LearnerService.open(Path(folder) / "progress.sqlite3")
        service.snapshot("a.py", fixed)
        observations = 0
        start = time.perf_counter()
        for n in range(samples):
            outcome = service.snapshot("a.py", mistake if n % 2 == 0 else fixed)
            observations += len(outcome.observations)
        elapsed = time.perf_counter() - start
        service.close()
    return elapsed / samples, elapsed / max(observations, 1)


def pybkt_update_seconds(python: str) -> dict[int, float]:
    worker = Path(__file__).with_name("pybkt_update_worker.py")
    done = subprocess.run(
        [python, str(worker), *map(str, LENGTHS)], capture_output=True, text=True, check=True
    )
    return {int(k): v for k, v in json.loads(done.stdout).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pybkt-python")
    parser.add_argument("--no-pybkt", action="store_true")
    args = parser.parse_args()

    peer = {} if args.no_pybkt else pybkt_update_seconds(find_pybkt_python(args.pybkt_python))
    print("time to bring one skill's mastery up to date after a new answer")
    print(f"  {'history':>8} {'Mentor mean':>12} {'Mentor p99':>11} {'pyBKT':>11} {'ratio':>8}")
    for length in LENGTHS:
        mean, p99 = mentor_update_seconds(length)
        if length in peer:
            ratio = f"{peer[length] / mean:>7.0f}x"
            other = f"{peer[length] * 1e6:>9.0f}µs"
        else:
            ratio, other = "", ""
        print(f"  {length:>8} {mean * 1e6:>10.1f}µs {p99 * 1e6:>9.1f}µs {other:>11} {ratio:>8}")
    per_snapshot, per_observation = stored_snapshot_seconds()
    print(
        f"stored path (SQLite transaction, WAL): {per_snapshot * 1e3:.2f} ms per snapshot, "
        f"{per_observation * 1e3:.2f} ms per observation"
    )
    print("bar: under 1 ms per update")


if __name__ == "__main__":
    main()
