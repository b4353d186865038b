"""The tracker's parameters: fitted offline (`mentor kt fit`), shipped as defaults, plain JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

# Every feature the tracker knows, in a fixed order. A parameter file names the ones it uses,
# which is how PFA, Best-LR and Mentor's own model are variants of one tracker.
ALL_FEATURES = (
    "skill_wins",  # log(1 + successes on this skill)
    "skill_fails",  # log(1 + failures on this skill)
    "skill_recent_wins",  # successes on this skill, older ones fading (recency-weighted)
    "skill_recent_fails",
    "wins",  # log(1 + successes on any skill): how strong the learner is overall
    "fails",
    "recent_wins",  # recent successes on any skill
    "recent_fails",
    "skill_last_right",  # the last answer on this skill was right (credit of it)
    "skill_last_wrong",
    "item_last_right",  # the learner met this very item before and got it right
    "item_last_wrong",
    "ability",  # how much better than expected the learner did so far (IRT-like ability)
)

VARIANTS: dict[str, tuple[str, ...]] = {
    # Performance Factors Analysis (Pavlik et al. 2009): successes and failures per skill.
    "pfa": ("skill_wins", "skill_fails"),
    # Best-LR (Gervet et al. 2020) without time windows: PFA plus overall counts and items.
    "best-lr": ("skill_wins", "skill_fails", "wins", "fails"),
    # Mentor: Best-LR plus recency, last answers, repeated items and an ability estimate.
    "mentor": ALL_FEATURES,
}

DEFAULT_PARAMS_FILE = "default_params.json"


@dataclass(frozen=True)
class TrackerParams:
    """A fitted logistic model over the learner's running counts.

    P(right) = sigmoid(intercept + skill_bias[skill] + item_bias[item] + weights . features).
    An unknown skill or item gets the average bias of the training answers
    (`unknown_skill_bias`, `unknown_item_bias`): Mentor's own skills are all unknown to a model
    fitted on another data set, and new problems appear in every test set.
    """

    features: tuple[str, ...] = VARIANTS["mentor"]
    weights: tuple[float, ...] = (0.0,) * len(VARIANTS["mentor"])
    intercept: float = 0.0
    skill_decay: float = 0.7  # how fast a skill's recent counts fade, per answer on that skill
    overall_decay: float = 0.9  # how fast the overall recent counts fade, per answer
    ability_prior: float = 5.0  # answers' worth of "as expected" before the ability moves
    base_rate: float = 0.5  # the success rate of an unknown item (for the ability estimate)
    unknown_skill_bias: float = 0.0
    unknown_item_bias: float = 0.0
    skill_bias: Mapping[str, float] = field(default_factory=dict)
    item_bias: Mapping[str, float] = field(default_factory=dict)
    item_rate: Mapping[str, float] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [name for name in self.features if name not in ALL_FEATURES]
        if unknown:
            raise ValueError(f"unknown tracker features: {', '.join(unknown)}")
        if len(self.weights) != len(self.features):
            raise ValueError("one weight per feature is needed")
        if not (0.0 <= self.skill_decay < 1.0 and 0.0 <= self.overall_decay < 1.0):
            raise ValueError("decays must lie in [0, 1)")

    def portable(self) -> TrackerParams:
        """The same model without the tables of one data set's own skills and items: what
        Mentor ships, since its skills are Python concepts, not that data set's."""
        return TrackerParams(
            features=self.features,
            weights=self.weights,
            intercept=self.intercept,
            skill_decay=self.skill_decay,
            overall_decay=self.overall_decay,
            ability_prior=self.ability_prior,
            base_rate=self.base_rate,
            unknown_skill_bias=self.unknown_skill_bias,
            unknown_item_bias=self.unknown_item_bias,
            meta={**self.meta, "portable": True},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "mentor-tracker/1",
            "features": list(self.features),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "skill_decay": self.skill_decay,
            "overall_decay": self.overall_decay,
            "ability_prior": self.ability_prior,
            "base_rate": self.base_rate,
            "unknown_skill_bias": self.unknown_skill_bias,
            "unknown_item_bias": self.unknown_item_bias,
            "skill_bias": dict(self.skill_bias),
            "item_bias": dict(self.item_bias),
            "item_rate": dict(self.item_rate),
            "meta": dict(self.meta),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TrackerParams:
        if data.get("format") != "mentor-tracker/1":
            raise ValueError("not a Mentor tracker parameter file (format mentor-tracker/1)")
        return cls(
            features=tuple(data["features"]),
            weights=tuple(float(w) for w in data["weights"]),
            intercept=float(data["intercept"]),
            skill_decay=float(data["skill_decay"]),
            overall_decay=float(data["overall_decay"]),
            ability_prior=float(data["ability_prior"]),
            base_rate=float(data["base_rate"]),
            unknown_skill_bias=float(data.get("unknown_skill_bias", 0.0)),
            unknown_item_bias=float(data.get("unknown_item_bias", 0.0)),
            skill_bias={str(k): float(v) for k, v in data.get("skill_bias", {}).items()},
            item_bias={str(k): float(v) for k, v in data.get("item_bias", {}).items()},
            item_rate={str(k): float(v) for k, v in data.get("item_rate", {}).items()},
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TrackerParams:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def default_params() -> TrackerParams:
    """The parameters Mentor ships, fitted offline on ASSISTments 2009 (docs/learner-model.md)."""
    text = resources.files(__package__).joinpath(DEFAULT_PARAMS_FILE).read_text(encoding="utf-8")
    return TrackerParams.from_json(json.loads(text))
