"""Five-fold validation of Mentor's knowledge tracer against pyBKT and a per-skill success rate.

For each data set and fold: fit on `_train{k}`, predict every answer of `_test{k}` from that
student's earlier answers only (exactly what `mentor kt eval` does), and print AUC, accuracy
and Brier score per fold, then the mean and the standard deviation over the folds. pyBKT runs
in its own environment (see docs/learner-model.md); `--variants` also scores the simpler
variants of Mentor's tracker (PFA, Best-LR) to show what each part of the model buys.

    python bench/kt_folds.py [--data /work/shared/data/kt] [--sets assist2009_pid,statics]
                             [--folds 1,2,3,4,5] [--variants] [--no-pybkt] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from mentor.models.learner.kt.data import read_dataset
from mentor.models.learner.kt.evaluate import Scores, evaluate_mentor, evaluate_skill_rate
from mentor.models.learner.kt.pybkt_peer import evaluate_pybkt, find_pybkt_python

METRICS = ("auc", "accuracy", "brier")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/kt"))
    parser.add_argument("--sets", default="assist2009_pid,statics")
    parser.add_argument("--folds", default="1,2,3,4,5")
    parser.add_argument("--variants", action="store_true", help="also score pfa and best-lr")
    parser.add_argument("--no-pybkt", action="store_true")
    parser.add_argument("--pybkt-python")
    parser.add_argument("--json", type=Path, help="also write every score here")
    args = parser.parse_args()

    python = None if args.no_pybkt else find_pybkt_python(args.pybkt_python)
    models = ["mentor", *(["best-lr", "pfa"] if args.variants else [])]
    peers = [*([] if args.no_pybkt else ["pybkt"]), "skill_rate"]
    results: dict[str, dict[str, list[Scores]]] = {}
    for name in args.sets.split(","):
        results[name] = {model: [] for model in [*models, *peers]}
        for fold in args.folds.split(","):
            train = read_dataset(args.data / name / f"{name}_train{fold}.csv")
            test = read_dataset(args.data / name / f"{name}_test{fold}.csv")
            row = {}
            for model in models:
                row[model], _ = evaluate_mentor(train, test, variant=model)
            if python:
                row["pybkt"] = evaluate_pybkt(train, test, python=python)
            row["skill_rate"] = evaluate_skill_rate(train, test)
            for model, scores in row.items():
                results[name][model].append(scores)
            line = "  ".join(f"{model} {scores.auc:.4f}" for model, scores in row.items())
            print(f"{name} fold {fold} (n={test.size}) AUC: {line}", flush=True)
        print()
        print_summary(name, results[name])
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    name: {m: [s.to_json() for s in scores] for m, scores in by_model.items()}
                    for name, by_model in results.items()
                },
                indent=1,
            )
        )


def print_summary(name: str, by_model: dict[str, list[Scores]]) -> None:
    folds = len(next(iter(by_model.values())))
    print(f"{name}: mean ± standard deviation over {folds} folds")
    print(f"  {'model':<11} {'AUC':>17} {'accuracy':>17} {'Brier':>17} {'seconds/fold':>13}")
    for model, scores in by_model.items():
        cells = []
        for metric in METRICS:
            values = [getattr(s, metric) for s in scores]
            spread = statistics.stdev(values) if len(values) > 1 else 0.0
            cells.append(f"{statistics.mean(values):.4f} ± {spread:.4f}")
        seconds = statistics.mean(s.seconds for s in scores)
        print(f"  {model:<11} {cells[0]:>17} {cells[1]:>17} {cells[2]:>17} {seconds:>13.1f}")
    if "pybkt" in by_model:
        wins = sum(
            m.auc >= p.auc for m, p in zip(by_model["mentor"], by_model["pybkt"], strict=True)
        )
        gain = statistics.mean(
            m.auc - p.auc for m, p in zip(by_model["mentor"], by_model["pybkt"], strict=True)
        )
        print(f"  Mentor's AUC >= pyBKT's on {wins} of {folds} folds (mean gain {gain:+.4f})")
    print(flush=True)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - start:.0f} s", file=sys.stderr)
