"""The tracker: mastery moves the right way, in constant time, with the shipped parameters."""

from __future__ import annotations

import json

import pytest

from mentor.analyzers import Level
from mentor.models.learner.levels import level_of
from mentor.models.learner.params import ALL_FEATURES, TrackerParams, default_params
from mentor.models.learner.tracker import _FEATURES, LearnerState, Tally, Tracker


@pytest.fixture
def tracker() -> Tracker:
    return Tracker(default_params())


def test_every_feature_has_a_computation():
    assert set(_FEATURES) == set(ALL_FEATURES)


def test_the_shipped_parameters_are_portable_and_fitted():
    params = default_params()
    assert params.meta["portable"] is True
    assert params.meta["trained_on"].startswith("assist2009")
    assert params.features == ALL_FEATURES and any(params.weights)


def test_successes_raise_mastery_and_failures_lower_it(tracker: Tracker):
    right, wrong = LearnerState(), LearnerState()
    start = tracker.mastery(right, "loops")
    for _ in range(6):
        tracker.observe(right, ["loops"], "use:loops", 1.0)
        tracker.observe(wrong, ["loops"], "range-len-loop", 0.0)
    assert tracker.mastery(right, "loops") > start + 0.2
    assert tracker.mastery(wrong, "loops") < start


def test_partial_credit_and_weight_count_in_proportion(tracker: Tracker):
    def after(credit: float, weight: float) -> float:
        state = LearnerState()
        for _ in range(4):
            tracker.observe(state, ["lists"], "item", credit, weight)
        return tracker.mastery(state, "lists")

    assert after(1.0, 1.0) > after(2 / 3, 1.0) > after(1 / 3, 1.0)
    # a fix by a quick fix (weight 0.4) teaches less than one by hand (weight 1)
    assert after(2 / 3, 1.0) > after(2 / 3, 0.4)


def test_an_update_touches_only_its_skill_and_the_state_does_not_grow(tracker: Tracker):
    state = LearnerState()
    tracker.observe(state, ["dicts"], "use:dicts", 1.0)
    before = tracker.mastery(state, "dicts")
    for _ in range(1000):
        tracker.observe(state, ["loops"], "use:loops", 1.0)
    assert set(state.skills) == {"dicts", "loops"} and len(state.items) == 2
    assert state.skills["loops"].count == 1000
    # only the overall counts link skills: dicts moves a little, never by replaying
    assert abs(tracker.mastery(state, "dicts") - before) < 0.5


def test_tallies_and_parameters_round_trip_through_json():
    tally = Tally().add(1.0, 1.0, 0.7, 0.5).add(0.0, 0.5, 0.7, 0.5)
    assert Tally.from_json(json.loads(json.dumps(tally.to_json()))) == tally
    assert Tally.from_json("garbage") == Tally()
    params = default_params()
    assert TrackerParams.from_json(json.loads(json.dumps(params.to_json()))) == params


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError, match="unknown tracker features"):
        TrackerParams(features=("shoe_size",), weights=(1.0,))
    with pytest.raises(ValueError, match="format"):
        TrackerParams.from_json({"format": "something-else"})


@pytest.mark.parametrize(
    ("mastery", "evidence", "level"),
    [
        (0.95, 0.5, Level.NOVICE),  # too little evidence to stop explaining
        (0.60, 10, Level.NOVICE),
        (0.70, 3, Level.DEVELOPING),
        (0.90, 3, Level.DEVELOPING),  # proficient needs more evidence
        (0.90, 8, Level.PROFICIENT),
    ],
)
def test_levels_need_both_mastery_and_evidence(mastery: float, evidence: float, level: Level):
    assert level_of(mastery, evidence) is level
