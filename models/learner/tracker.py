"""The knowledge tracer: each skill's mastery, updated in constant time per observation.

A logistic model over running counts (the family of PFA and Best-LR, Gervet et al. 2020): the
learner's state is a few numbers per skill and overall, an observation adds to them, a
prediction is one dot product. Nothing is replayed, so an update costs the same after ten
observations as after ten thousand. Graded evidence enters as partial credit (a misconception is
1/3 of a success), and an observation's weight scales how much it counts.

Records are immutable (`Tally.add` returns a new one); `LearnerState` is the mutable container
that holds them, so an update touches only the entries it changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mentor.models.learner.params import TrackerParams


@dataclass(frozen=True, slots=True)
class Tally:
    """Running counts of one skill (or of all skills together)."""

    wins: float = 0.0  # credit earned
    fails: float = 0.0  # credit missed
    recent_wins: float = 0.0  # the same, fading with every newer answer
    recent_fails: float = 0.0
    last: float | None = None  # credit of the latest answer
    surprise: float = 0.0  # sum of (credit - what an average learner gets on that item)
    count: float = 0.0  # weighted number of observations

    def add(self, credit: float, weight: float, decay: float, expected: float) -> Tally:
        fade = decay**weight
        return Tally(
            wins=self.wins + weight * credit,
            fails=self.fails + weight * (1.0 - credit),
            recent_wins=self.recent_wins * fade + weight * credit,
            recent_fails=self.recent_fails * fade + weight * (1.0 - credit),
            last=credit,
            surprise=self.surprise + weight * (credit - expected),
            count=self.count + weight,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "wins": self.wins,
            "fails": self.fails,
            "recent_wins": self.recent_wins,
            "recent_fails": self.recent_fails,
            "last": self.last,
            "surprise": self.surprise,
            "count": self.count,
        }

    @classmethod
    def from_json(cls, data: Any) -> Tally:
        if not isinstance(data, dict):
            return cls()
        try:
            last = data.get("last")
            return cls(
                wins=float(data.get("wins", 0.0)),
                fails=float(data.get("fails", 0.0)),
                recent_wins=float(data.get("recent_wins", 0.0)),
                recent_fails=float(data.get("recent_fails", 0.0)),
                last=None if last is None else float(last),
                surprise=float(data.get("surprise", 0.0)),
                count=float(data.get("count", 0.0)),
            )
        except (TypeError, ValueError):
            return cls()


@dataclass
class LearnerState:
    """One learner: overall counts, counts per skill, the last credit per item met."""

    overall: Tally = field(default_factory=Tally)
    skills: dict[str, Tally] = field(default_factory=dict)
    items: dict[str, float] = field(default_factory=dict)

    def skill(self, skill: str) -> Tally:
        return self.skills.get(skill) or _EMPTY


_EMPTY = Tally()


class Tracker:
    """Predicts and updates with one set of fitted parameters."""

    def __init__(self, params: TrackerParams) -> None:
        self.params = params
        self._compute = [_FEATURES[name] for name in params.features]

    def features(self, state: LearnerState, skill: str, item: str | None = None) -> list[float]:
        """The model's inputs for an answer on `skill` (and `item`) given `state`."""
        tally = state.skill(skill)
        item_last = state.items.get(item) if item is not None else None
        return [
            compute(tally, state.overall, item_last, self.params.ability_prior)
            for compute in self._compute
        ]

    def logit(self, state: LearnerState, skill: str, item: str | None = None) -> float:
        params = self.params
        score = params.intercept + params.skill_bias.get(skill, params.unknown_skill_bias)
        if item is not None:
            score += params.item_bias.get(item, params.unknown_item_bias)
        for weight, value in zip(params.weights, self.features(state, skill, item), strict=True):
            score += weight * value
        return score

    def predict(self, state: LearnerState, skill: str, item: str | None = None) -> float:
        """P(the next answer on `skill`, for `item` if given, is right)."""
        return _sigmoid(self.logit(state, skill, item))

    def mastery(self, state: LearnerState, skill: str) -> float:
        """How well the learner masters `skill`: P(right) on an average item of it."""
        return self.predict(state, skill)

    def observe(
        self,
        state: LearnerState,
        skills: Iterable[str],
        item: str,
        credit: float,
        weight: float = 1.0,
    ) -> None:
        """Add one answer (credit in [0, 1]) on `item`, which exercises `skills`.

        Constant time: touches the overall tally, the tallies of `skills` and one item.
        """
        params = self.params
        expected = params.item_rate.get(item, params.base_rate)
        for skill in skills:
            state.skills[skill] = state.skill(skill).add(
                credit, weight, params.skill_decay, expected
            )
        state.overall = state.overall.add(credit, weight, params.overall_decay, expected)
        state.items[item] = credit


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _last_right(last: float | None) -> float:
    return 0.0 if last is None else last


def _last_wrong(last: float | None) -> float:
    return 0.0 if last is None else 1.0 - last


_FEATURES = {
    "skill_wins": lambda s, o, i, p: math.log1p(s.wins),
    "skill_fails": lambda s, o, i, p: math.log1p(s.fails),
    "skill_recent_wins": lambda s, o, i, p: s.recent_wins,
    "skill_recent_fails": lambda s, o, i, p: s.recent_fails,
    "wins": lambda s, o, i, p: math.log1p(o.wins),
    "fails": lambda s, o, i, p: math.log1p(o.fails),
    "recent_wins": lambda s, o, i, p: o.recent_wins,
    "recent_fails": lambda s, o, i, p: o.recent_fails,
    "skill_last_right": lambda s, o, i, p: _last_right(s.last),
    "skill_last_wrong": lambda s, o, i, p: _last_wrong(s.last),
    "item_last_right": lambda s, o, i, p: _last_right(i),
    "item_last_wrong": lambda s, o, i, p: _last_wrong(i),
    "ability": lambda s, o, i, p: o.surprise / (o.count + p),
}
