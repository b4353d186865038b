"""Score next-answer predictions on unseen students: Mentor's tracker and its peers."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from mentor.models.learner.kt.data import Dataset
from mentor.models.learner.kt.fit import RATE_PRIOR, fit, require_extra
from mentor.models.learner.kt.replay import labels, predictions
from mentor.models.learner.params import TrackerParams
from mentor.models.learner.tracker import Tracker


@dataclass(frozen=True)
class Scores:
    auc: float
    accuracy: float
    brier: float
    n: int
    seconds: float  # fitting plus predicting, wall clock

    def to_json(self) -> dict[str, float | int]:
        values = asdict(self)
        for key in ("auc", "accuracy", "brier", "seconds"):
            values[key] = round(values[key], 4 if key != "seconds" else 2)
        return values


def score(answers: Sequence[int], predicted: Sequence[float], seconds: float) -> Scores:
    """AUC, accuracy at 0.5 and Brier score of `predicted` against the right answers."""
    require_extra()
    import numpy as np
    from sklearn.metrics import roc_auc_score

    y = np.asarray(answers, dtype=float)
    p = np.asarray(predicted, dtype=float)
    if len(y) != len(p):
        raise ValueError(f"{len(p)} predictions for {len(y)} answers")
    auc = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan")
    return Scores(
        auc=auc,
        accuracy=float(((p >= 0.5) == (y == 1)).mean()),
        brier=float(((p - y) ** 2).mean()),
        n=len(y),
        seconds=seconds,
    )


def evaluate_mentor(
    train: Dataset, test: Dataset, variant: str = "mentor", C: float = 1.0
) -> tuple[Scores, TrackerParams]:
    """Fit on `train`, then predict every test answer from the student's earlier answers."""
    start = time.perf_counter()
    params = fit(train, variant=variant, C=C)
    predicted = predictions(Tracker(params), test)
    return score(labels(test), predicted, time.perf_counter() - start), params


def evaluate_skill_rate(train: Dataset, test: Dataset) -> Scores:
    """The baseline: every answer predicted by its skill's success rate in `train`."""
    start = time.perf_counter()
    right: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for student in train.students:
        for row in student.rows:
            right[row.skill] += row.correct
            seen[row.skill] += 1
    base = sum(right.values()) / max(sum(seen.values()), 1)
    rate = {k: (right[k] + RATE_PRIOR * base) / (seen[k] + RATE_PRIOR) for k in seen}
    predicted = [rate.get(row.skill, base) for student in test.students for row in student.rows]
    return score(labels(test), predicted, time.perf_counter() - start)
