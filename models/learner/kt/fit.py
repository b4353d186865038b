"""Fit the tracker's parameters offline: an L2-regularised logistic regression (scikit-learn)
on the features the tracker computes while replaying the training students."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from mentor.models.learner.kt.data import Dataset
from mentor.models.learner.kt.replay import walk
from mentor.models.learner.params import VARIANTS, TrackerParams
from mentor.models.learner.tracker import Tracker

# Successes an item's rate is pulled toward the overall rate with, so a rare item's rate is not
# 0 or 1 after one answer.
RATE_PRIOR = 5.0


class MissingExtra(RuntimeError):
    """numpy / scipy / scikit-learn are not installed."""


def require_extra() -> None:
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as error:
        raise MissingExtra(
            f"fitting and scoring need numpy, scipy and scikit-learn ({error.name} is missing): "
            "pip install 'mentor-lsp[kt]'"
        ) from error


def fit(
    train: Dataset,
    variant: str = "mentor",
    C: float = 1.0,
    skill_decay: float = 0.7,
    overall_decay: float = 0.9,
) -> TrackerParams:
    """Parameters that predict `train`'s answers from each student's earlier answers."""
    require_extra()
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    features = VARIANTS[variant]
    item_rate, base_rate = success_rates(train)
    tracker = Tracker(
        TrackerParams(
            features=features,
            weights=(0.0,) * len(features),
            skill_decay=skill_decay,
            overall_decay=overall_decay,
            base_rate=base_rate,
            item_rate=item_rate,
        )
    )
    rows, skills, items, answers = training_rows(tracker, train)
    dense = np.asarray(rows, dtype=float)
    # Scaled columns make the solver converge in far fewer steps; weights are unscaled after.
    scale = dense.std(axis=0)
    scale[scale == 0] = 1.0
    skill_ids = sorted(set(skills))
    item_ids = sorted(set(items)) if train.has_items else []
    blocks = [sp.csr_matrix(dense / scale), _one_hot(skills, skill_ids)]
    if item_ids:
        blocks.append(_one_hot(items, item_ids))
    design = sp.hstack(blocks).tocsr()
    # SAG on scaled columns converges in seconds where L-BFGS needs minutes (same AUC).
    model = LogisticRegression(C=C, solver="sag", tol=1e-3, max_iter=2000, random_state=0)
    model.fit(design, np.asarray(answers))

    coef = model.coef_[0]
    n = len(features)
    weights = tuple(float(w) for w in coef[:n] / scale)
    skill_bias = {k: float(b) for k, b in zip(skill_ids, coef[n : n + len(skill_ids)], strict=True)}
    item_bias = {k: float(b) for k, b in zip(item_ids, coef[n + len(skill_ids) :], strict=True)}
    # The average bias over the training answers stands in for skills and items never seen.
    unknown_skill = sum(skill_bias[k] for k in skills) / len(skills)
    unknown_item = sum(item_bias[k] for k in items) / len(items) if item_bias else 0.0
    return TrackerParams(
        features=features,
        weights=weights,
        intercept=float(model.intercept_[0]),
        unknown_skill_bias=unknown_skill,
        unknown_item_bias=unknown_item,
        skill_decay=skill_decay,
        overall_decay=overall_decay,
        base_rate=base_rate,
        skill_bias=skill_bias,
        item_bias=item_bias,
        item_rate=item_rate if item_ids else {},
        meta={
            "trained_on": Path(train.path).name,
            "answers": len(answers),
            "variant": variant,
            "C": C,
            "fitted": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        },
    )


def training_rows(
    tracker: Tracker, train: Dataset
) -> tuple[list[list[float]], list[str], list[str], list[int]]:
    """The tracker's features for every training row, with its skill, item and answer."""
    rows: list[list[float]] = []
    skills: list[str] = []
    items: list[str] = []
    answers: list[int] = []
    for state, student, attempt in walk(tracker, train):
        for index in attempt.rows:
            row = student.rows[index]
            rows.append(tracker.features(state, row.skill, row.item))
            skills.append(row.skill)
            items.append(row.item)
            answers.append(row.correct)
    return rows, skills, items, answers


def success_rates(data: Dataset) -> tuple[dict[str, float], float]:
    """Each item's smoothed success rate, and the overall rate."""
    right: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for student in data.students:
        for row in student.rows:
            right[row.item] += row.correct
            seen[row.item] += 1
    total = sum(seen.values())
    base = sum(right.values()) / total if total else 0.5
    rates = {item: (right[item] + RATE_PRIOR * base) / (seen[item] + RATE_PRIOR) for item in seen}
    return rates, base


def _one_hot(values: list[str], ids: list[str]):  # -> scipy.sparse.csr_matrix
    import numpy as np
    import scipy.sparse as sp

    index = {key: i for i, key in enumerate(ids)}
    columns = np.fromiter((index[v] for v in values), dtype=np.int64, count=len(values))
    rows = np.arange(len(values))
    return sp.csr_matrix((np.ones(len(values)), (rows, columns)), shape=(len(values), len(ids)))
