"""Typed settings: defaults, accepted shapes, and bad values that fall back with a message."""

from __future__ import annotations

import json

import pytest

from mentor.analyzers import Level
from mentor.server.settings import HintLevel, Settings, parse_settings, settings_schema


def test_no_settings_means_defaults_and_no_complaint():
    result = parse_settings(None)
    assert result.settings == Settings()
    assert result.problems == ()
    assert result.settings.fixed_level is None  # auto


def test_nested_flat_and_wrapped_shapes_are_all_accepted():
    nested = parse_settings({"hintLevel": "developing", "rules": {"disable": ["bare-except"]}})
    flat = parse_settings({"hintLevel": "developing", "rules.disable": ["bare-except"]})
    wrapped = parse_settings(
        {"mentor": {"hintLevel": "developing", "rules": {"disable": ["bare-except"]}}}
    )
    assert nested.settings == flat.settings == wrapped.settings
    assert nested.settings.hint_level is HintLevel.DEVELOPING
    assert nested.settings.fixed_level is Level.DEVELOPING
    assert nested.settings.rules_disable == ("bare-except",)


def test_bad_values_fall_back_to_defaults_and_say_why():
    result = parse_settings(
        {"hintLevel": 3, "rules": {"disable": "bare-except"}, "diagnostics": {"delayMs": -5}}
    )
    assert result.settings == Settings()
    assert len(result.problems) == 3
    assert any(
        "mentor.hintLevel" in p and "auto, novice, developing, proficient" in p
        for p in result.problems
    )
    assert any("mentor.rules.disable" in p and "list" in p for p in result.problems)
    assert any("mentor.diagnostics.delayMs" in p and "0..5000" in p for p in result.problems)


def test_unknown_rule_names_are_reported_and_the_known_ones_kept():
    result = parse_settings({"rules": {"disable": ["bare-except", "no-such-rule"]}})
    assert result.settings.rules_disable == ("bare-except",)
    assert result.problems and '"no-such-rule"' in result.problems[0]


def test_not_an_object_at_all():
    result = parse_settings(["novice"])
    assert result.settings == Settings()
    assert "expected an object" in result.problems[0]


def test_schema_lists_every_setting_with_its_default():
    schema = {entry["key"]: entry for entry in settings_schema()}
    assert schema["mentor.hintLevel"]["default"] == "auto"
    assert set(schema["mentor.hintLevel"]["choices"]) == {level.value for level in HintLevel}
    assert schema["mentor.rules.disable"]["type"] == "array"
    assert all(entry["description"] for entry in schema.values())


def test_a_teachers_policy_wins_and_the_student_is_told():
    student = {"hintLevel": "proficient", "rules": {"disable": ["bare-except"]}}
    policy = {"mentor.hintLevel": "novice"}
    result = parse_settings(student, policy)
    assert result.settings.hint_level is HintLevel.NOVICE
    assert result.settings.rules_disable == ("bare-except",)  # not locked: the student's choice
    assert result.problems == (
        'mentor.hintLevel is set by your teacher to "novice"; yours is not used.',
    )


def test_a_lock_warns_only_about_settings_the_student_set():
    # VS Code sends every setting, defaults included: avoidConcepts [] was never the student's
    student = {"hintLevel": "proficient", "avoidConcepts": [], "allowSolutions": False}
    policy = {"mentor.hintLevel": "novice", "mentor.avoidConcepts": ["lambda"]}
    result = parse_settings(student, policy)
    assert result.settings.avoid_concepts == ("lambda",)
    assert result.problems == (
        'mentor.hintLevel is set by your teacher to "novice"; yours is not used.',
    )


def test_a_broken_policy_entry_fails_closed_and_is_reported():
    student = {"hintLevel": "proficient", "allowSolutions": True}
    policy = {"mentor.hintLevel": "genius", "mentor.allowSolutions": "yes", "mentor.noSuchThing": 1}
    result = parse_settings(student, policy)
    # neither the default nor the student's value: the most restrictive one
    assert result.settings.hint_level is HintLevel.NOVICE
    assert result.settings.allow_solutions is False
    told = " ".join(result.problems)
    assert "genius" in told and "fails closed" in told and "Yours is not used" in told
    assert "mentor.noSuchThing" in told


@pytest.mark.parametrize(
    "student",
    [
        {"rules.disable": ["bare-except"], "hintLevel": "proficient"},
        {"mentor.rules.disable": ["bare-except"], "mentor.hintLevel": "proficient"},
        {"mentor": {"rules": {"disable": ["bare-except"]}, "hintLevel": "proficient"}},
        {"mentor.rules": {"disable": ["bare-except"]}, "mentor": {"hintLevel": "proficient"}},
    ],
)
@pytest.mark.parametrize(
    "policy",
    [
        {"mentor.rules.disable": [], "mentor.hintLevel": "novice"},
        {"rules": {"disable": []}, "hintLevel": "novice"},
        {"mentor": {"rules.disable": [], "hintLevel": "novice"}},
    ],
)
def test_every_key_form_is_one_setting_and_the_policy_wins(student, policy):
    result = parse_settings(student, policy)
    assert result.settings.rules_disable == ()
    assert result.settings.hint_level is HintLevel.NOVICE


def test_a_policy_that_gives_one_setting_twice_differently_fails_closed():
    # the order of keys must not decide: {**a, **b} kept the first key's place for the second
    policy = {"mentor.allowSolutions": False, "allowSolutions": True}
    result = parse_settings({"allowSolutions": True}, policy)
    assert result.settings.allow_solutions is False
    assert any("given twice" in problem for problem in result.problems)


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "9" * 400])
def test_hostile_numbers_fall_back_and_name_the_setting(number):
    template = '{"diagnostics": {"delayMs": N}, "model.threads": N, "hintLevel": "novice",'
    raw = json.loads(
        template.replace("N", number) + f' "rules.disable": {number}, "tutor.enabled": {number}}}'
    )
    result = parse_settings(raw)
    assert result.settings.hint_level is HintLevel.NOVICE  # the other settings still apply
    assert result.settings.diagnostics_delay_ms == 200
    told = " ".join(result.problems)
    for key in ("diagnostics.delayMs", "model.threads", "rules.disable", "tutor.enabled"):
        assert f"mentor.{key}" in told


def test_deep_nesting_in_settings_is_reported_not_raised():
    deep: object = "novice"
    for _ in range(100_000):
        deep = [deep]
    result = parse_settings({"hintLevel": deep, "junk": {"a": deep}}, {"mentor.hintLevel": deep})
    assert result.settings.hint_level is HintLevel.NOVICE  # the lock failed closed
    assert any("mentor.hintLevel" in problem for problem in result.problems)


def test_a_teachers_hourly_limit_that_cannot_be_read_switches_the_tutor_off():
    student = {"tutor": {"maxRequestsPerHour": 0, "enabled": True}}
    result = parse_settings(student, {"mentor.tutor.maxRequestsPerHour": "ten"})
    assert result.settings.tutor_enabled is False  # not an unlimited tutor
    assert "mentor.tutor.maxRequestsPerHour" in " ".join(result.problems)
    locked = parse_settings(student, {"mentor.tutor.maxRequestsPerHour": 10})
    assert locked.settings.tutor_max_requests_per_hour == 10
